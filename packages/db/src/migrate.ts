import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Database } from './database.js';
import { migrationProvider, migrations } from './migrations/index.js';

/** Applies every pending migration, in order, and returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const cause = error instanceof Error ? error : new Error(String(error));
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, {
      cause,
    });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}

/**
 * Whether every migration is already applied: one read, so that a restart does not pay for the
 * migrator's locking when there is nothing to do.
 */
async function upToDate(db: Kysely<Database>): Promise<boolean> {
  try {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const names = new Set(applied.rows.map((row) => row.name));
    return Object.keys(migrations).every((name) => names.has(name));
  } catch {
    return false; // no migration table yet: a new database
  }
}
