import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base, { harness } from './vitest.config.js';

// The tests `pnpm mutation` (stryker.config.mjs at the root) runs against each mutant: those that
// cover the mutated files, on the embedded database only, to stay quick on a small machine.
// @mch/domain is read from its sources rather than its build, so that the mutants are what runs.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      ...(base.resolve!.alias as Array<{ find: RegExp; replacement: string }>),
      {
        find: /^@mch\/domain$/,
        replacement: fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: [
      '../../packages/domain/src/donations/statistics.test.ts',
      '../../packages/domain/src/donations/totals.test.ts',
      '../../packages/domain/src/training-events/statistics.test.ts',
      '../../packages/domain/src/training-events/totals.test.ts',
      '../../packages/domain/src/query/pagination.test.ts',
      '../../packages/domain/src/training-events/filters.test.ts',
      '../../packages/domain/src/donations/donations.test.ts',
      '../../packages/domain/src/programmes/programmes.test.ts',
      '../../packages/domain/src/organisations/organisations.test.ts',
      '../../packages/domain/src/shared/list-filter.test.ts',
    ],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    ...harness,
    provide: { database: 'pglite' },
  },
});
