import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest } from '@mch/db';
import { loadSynthetic } from '@mch/db/synth';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject, it } from 'vitest';

// The benchmark's synthetic data loads into a database at the current migration: every column
// it copies still exists, and the ones it leaves out take their defaults.
it('loads synthetic events into a freshly migrated PostgreSQL database', async () => {
  const server = new URL(inject('postgresUrl'));
  const name = `mch_synth_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  server.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: server.toString() });
  try {
    await migrateToLatest(handle.db);
    await loadSynthetic(handle, { events: 500, seed: 3 });
    const { rows } = await sql<{ events: number; english: number; feed: number }>`
      select count(*)::int as events,
             count(*) filter (where original_language = 'en')::int as english,
             (select count(*)::int from change_log where record_type = 'training_event') as feed
      from training_event`.execute(handle.db);
    // The seed's 7 events and 500 more; only the seed's are in the change feed, as the loader
    // writes none.
    expect(rows[0]).toEqual({ events: 507, english: 507, feed: 7 });
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}, 60_000);
