import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type DbHandle } from '../../src/create-db.js';
import { findPostgresBin, startThrowawayPostgres } from '../../src/throwaway-postgres.js';

// The databases the database's own tests run on: the embedded one, and PostgreSQL as well: the
// server DATABASE_URL names, else a throwaway cluster of the local installation. In CI the
// PostgreSQL run is required.

const postgres = Boolean(process.env.DATABASE_URL) || findPostgresBin() !== undefined;
if (process.env.CI === 'true' && !postgres) {
  throw new Error(
    'The PostgreSQL run is required (CI), but there is no DATABASE_URL and no PostgreSQL installation.',
  );
}

/** For `describe.each`: the embedded database, and PostgreSQL when there is one. */
export const targets = [
  { name: 'PGlite', postgres: false },
  ...(postgres ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

/**
 * Empty databases for the tests of one `describe` block, each test's or block's own: in memory
 * on PGlite, or a new database on the PostgreSQL server (started for the block when
 * DATABASE_URL names none). Every one is closed and dropped after the block.
 */
export function databasesFor(onPostgres: boolean): { create(): Promise<DbHandle> } {
  let cluster: { url: string; stop(): Promise<void> } | undefined;
  let serverUrl = '';
  const opened: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    if (!onPostgres) return;
    cluster = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
    serverUrl = process.env.DATABASE_URL || cluster!.url;
  });
  afterAll(async () => {
    for (const close of opened) await close();
    await cluster?.stop();
  });
  return {
    async create() {
      if (!onPostgres) {
        const handle = await createDb();
        opened.push(() => handle.close());
        return handle;
      }
      const name = `mch_db_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const target = new URL(serverUrl);
      target.pathname = `/${name}`;
      const handle = await createDb({ databaseUrl: target.toString() });
      opened.push(async () => {
        await handle.close();
        await admin.query(`drop database ${name} with (force)`);
        await admin.end();
      });
      return handle;
    },
  };
}
