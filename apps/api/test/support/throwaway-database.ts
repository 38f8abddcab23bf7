import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A database of its own for a child process (the built server or `mch`), named in the
 * environment it is started with: an empty embedded database in a temporary folder, or on
 * PostgreSQL a copy of the seeded template.
 */
export async function throwawayDatabaseEnv(
  prefix: string,
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (inject('database') === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `mch-${prefix}-`));
    return {
      env: { DATA_DIR: join(dir, 'pglite') },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = new URL(inject('postgresUrl'));
  const name = `mch_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`create database ${name} template mch_test_template`);
  server.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: server.toString() },
    cleanup: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The line `pnpm mch` starts with on stderr, saying which database it opened, when no API runs. */
export function openedLine(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_URL
    ? 'Using PostgreSQL (DATABASE_URL).'
    : `Using the embedded database in ${env.DATA_DIR}, opened by this command (the API is not running).`;
}
