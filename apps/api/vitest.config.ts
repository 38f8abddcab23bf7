import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findPostgresBin } from '@mch/db/throwaway-postgres';
import { defineConfig } from 'vitest/config';
import { findPrograms } from '../../tooling/cluster.mjs';

const require = createRequire(import.meta.url);
// The harness (packages/test-api) prepares the seeded database once per run; the setup file hands
// it this API to start in every test file.
export const harness = {
  globalSetup: [require.resolve('@mch/test-api/global-setup')],
  setupFiles: ['./test/support/server-under-test.ts'],
};

// The tests of the server itself, and the tests of each concept, kept beside the concept in the
// domain package; all of them speak HTTP to the real server this package starts.
// The client's tests against the running API are there too.
const suites = [
  'test/**/*.test.ts',
  '../../packages/domain/src/**/*.test.ts',
  '../../packages/client/test/**/*.api.test.ts',
];

// Every suite runs on the embedded database. It runs on PostgreSQL as well when a server is at
// hand (DATABASE_URL, or a local installation to start a throwaway cluster from); in CI that run
// is required, so a missing server fails the suite instead of skipping half of it.
const postgresAvailable = Boolean(process.env.DATABASE_URL) || findPostgresBin() !== undefined;
const postgresRequired = process.env.CI === 'true' || process.env.MCH_TEST_REQUIRE_POSTGRES === '1';
if (postgresRequired && !postgresAvailable) {
  throw new Error(
    'The PostgreSQL run is required (CI), but there is no DATABASE_URL and no PostgreSQL installation.',
  );
}

// The HTTP cache test puts Debian's nginx in front of the API; required in CI, run wherever
// nginx is installed, and said to be left out elsewhere.
const nginx = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const nginxAvailable = existsSync(nginx);
if (process.env.CI === 'true' && !nginxAvailable) {
  throw new Error(`The HTTP cache test is required (CI), but there is no nginx at ${nginx}.`);
}
if (!nginxAvailable) {
  console.warn(`The HTTP cache test (test/http-cache.test.ts) does not run: no nginx at ${nginx}.`);
}

const databases = postgresAvailable ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

// The playground test drives a real Chromium; required in CI, run wherever one is installed.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserAvailable = existsSync(chromium);
if (process.env.CI === 'true' && !browserAvailable) {
  throw new Error(`The browser test is required (CI), but there is no Chromium at ${chromium}.`);
}

// The cluster tests start etcd, PostgreSQL under Patroni, pgBackRest, Redis, HAProxy and two API
// replicas on loopback; required in CI, run wherever the packages are installed.
const clusterPrograms = findPrograms();
const clusterAvailable = clusterPrograms.missing.length === 0;
if (process.env.CI === 'true' && !clusterAvailable) {
  throw new Error(
    `The cluster test is required (CI), but these packages are missing: ${clusterPrograms.missing.join(', ')}.`,
  );
}

export default defineConfig({
  resolve: {
    alias: [
      // One copy of graphql for everything: Apollo and Pothos load it through Node, so tests must too.
      { find: /^graphql$/, replacement: require.resolve('graphql/index.js') },
    ],
  },
  test: {
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // The tests of a file run in a new order every run (the seed is printed), so that no test
    // can come to depend on another having run first.
    sequence: { shuffle: { files: false, tests: true } },
    projects: [
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: suites,
          // Fault injection needs a server to cut connections of: PostgreSQL only.
          exclude: [
            'test/**/*.browser.test.ts',
            'test/**/*.repo.test.ts',
            'test/**/*.cluster.test.ts',
            '../../packages/domain/src/**/*.unit.test.ts',
            '**/node_modules/**',
            ...(nginxAvailable ? [] : ['test/http-cache.test.ts']),
            ...(database === 'pglite'
              ? ['**/*.postgres.test.ts', '../../packages/domain/src/**/*.postgres.test.ts']
              : // The embedded database's owner, tools beside it, backups and crashes: PGlite's.
                ['test/**/*.embedded.test.ts']),
          ],
          ...harness,
          provide: { database },
        },
      })),
      // Checks of the repository itself (the commands and links of its Markdown files, the
      // reference tables against the code), run once, on no database.
      {
        extends: true as const,
        test: { name: 'repository', include: ['test/**/*.repo.test.ts'] },
      },
      ...(clusterAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'cluster',
                include: ['test/**/*.cluster.test.ts'],
                // Each file starts a cluster of its own: one at a time on a small machine.
                fileParallelism: false,
                hookTimeout: 240_000,
                testTimeout: 120_000,
              },
            },
          ]
        : []),
      ...(browserAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'browser',
                // The playground's test, and the dashboard's (apps/web), against this API.
                include: ['test/**/*.browser.test.ts', '../web/test/**/*.browser.test.ts'],
                ...harness,
                provide: { database: 'pglite' as const },
              },
            },
          ]
        : []),
    ],
  },
});
