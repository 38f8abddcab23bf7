import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Tests against the running API start it with the API's harness: they run in its projects
    // (apps/api/vitest.config.ts), on PGlite and PostgreSQL.
    exclude: ['test/**/*.api.test.ts', '**/node_modules/**'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
