import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findPostgresBin } from '@mch/db/throwaway-postgres';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

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

const databases = postgresAvailable ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

// The playground test drives a real Chromium; required in CI, run wherever one is installed.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserAvailable = existsSync(chromium);
if (process.env.CI === 'true' && !browserAvailable) {
  throw new Error(`The browser test is required (CI), but there is no Chromium at ${chromium}.`);
}

export default defineConfig({
  resolve: {
    // One copy of graphql for everything: Apollo and Pothos load it through Node, so tests must too.
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    hookTimeout: 60_000,
    testTimeout: 30_000,
    projects: [
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: ['test/**/*.test.ts'],
          // Fault injection needs a server to cut connections of: PostgreSQL only.
          exclude: [
            'test/**/*.browser.test.ts',
            'test/**/*.repo.test.ts',
            ...(database === 'pglite' ? ['test/**/*.postgres.test.ts'] : []),
          ],
          globalSetup: ['./test/support/global-setup.ts'],
          provide: { database },
        },
      })),
      // Checks of the repository itself (the README's commands), run once, on no database.
      {
        extends: true as const,
        test: { name: 'repository', include: ['test/**/*.repo.test.ts'] },
      },
      ...(browserAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'browser',
                include: ['test/**/*.browser.test.ts'],
                globalSetup: ['./test/support/global-setup.ts'],
                provide: { database: 'pglite' as const },
              },
            },
          ]
        : []),
    ],
  },
});
