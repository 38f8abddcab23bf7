import { defineConfig } from 'vitest/config';

// The benchmark's own logic that needs no database: how a recorded run is written into the docs.
export default defineConfig({
  test: { include: ['src/**/*.unit.test.ts'] },
});
