import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The domain's own tests need no server: unit tests beside the code they check. The tests of
// each concept that speak HTTP to the real server run with the API's tests (apps/api).
export default defineConfig({
  resolve: {
    // One copy of graphql for everything: Pothos loads it through Node, so tests must too.
    // Only the bare `graphql`: its own files (`graphql/jsutils/...`) resolve as they are.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    include: ['src/**/*.unit.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
