// Mutation testing: StrykerJS changes the code a little at a time (a condition widened, a sum
// turned into a difference, a limit moved by one) and runs the tests that cover it; a mutant
// every test still passes is a wrong answer the tests would let through. `pnpm mutation` runs it;
// the report is written to reports/mutation/index.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'apps/api/vitest.mutation.config.ts', related: false },
  // The statistics, which answer from kept totals when they can; the filters of the lists (the
  // filter parts of files that hold more, by line range: move a range when its code moves); and
  // the pages. Another file's turn:
  // `pnpm mutation --mutate packages/domain/src/query/pagination.ts`.
  mutate: [
    'packages/domain/src/donations/statistics.ts',
    'packages/domain/src/training-events/statistics.ts',
    'packages/domain/src/shared/statistics.ts',
    'packages/domain/src/training-events/filter.ts',
    'packages/domain/src/shared/updated-since.ts',
    'packages/domain/src/shared/date-range.ts',
    'packages/domain/src/places/filters.ts',
    'packages/domain/src/donations/queries.ts:107-164',
    'packages/domain/src/programmes/programme.ts:286-314',
    'packages/domain/src/organisations/organisation.ts:198-227',
    'packages/domain/src/query/pagination.ts',
    'packages/domain/src/query/root-lists.ts',
  ],
  // Mutants in code run once at start (the schema's descriptions, its enum values) need every
  // test file rerun from scratch, for little: a wrong description fails no query.
  ignoreStatic: true,
  // The workspace's packages link to each other through pnpm's folders, which a copy of the
  // repository would not have: the mutants are written in place, and the sources put back after.
  inPlace: true,
  // Left on, Stryker would add `// @ts-nocheck` to every source file of the repository in
  // place; vitest does not check types, so the mutated files alone are touched.
  disableTypeChecks: false,
  // Each test file starts a real server on its own database: one at a time on a small machine.
  concurrency: 1,
  coverageAnalysis: 'perTest',
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: 'node_modules/.stryker-tmp',
};
