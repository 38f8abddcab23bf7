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

    // The totals the loader sums (by subdivision, and by country from those) are the events'.
    const fromEvents = (subdivision: boolean) => `
      select country_id, ${subdivision ? 'subdivision_id,' : ''} extract(year from start_date)::int as year,
        format, status, count(*)::int as event_count,
        coalesce(sum(participant_count), 0)::bigint as participant_count,
        coalesce(sum(duration_minutes), 0)::bigint as duration_minutes
      from training_event group by ${subdivision ? '1, 2, 3, 4, 5' : '1, 2, 3, 4'}`;
    for (const [table, subdivision] of [
      ['training_event_rollup', true],
      ['training_event_country_rollup', false],
    ] as const) {
      const columns = `country_id, ${subdivision ? 'subdivision_id,' : ''} year, format, status, event_count, participant_count, duration_minutes`;
      const compared = await sql<{ stored: number; differing: number }>`
        select (select count(*)::int from ${sql.table(table)}) as stored,
          (select count(*)::int from (
            (select ${sql.raw(columns)} from ${sql.table(table)} except ${sql.raw(fromEvents(subdivision))})
            union all
            (${sql.raw(fromEvents(subdivision))} except select ${sql.raw(columns)} from ${sql.table(table)})
          ) d) as differing`.execute(handle.db);
      const events = await sql<{ groups: number }>`
        select count(*)::int as groups from (${sql.raw(fromEvents(subdivision))}) g`.execute(
        handle.db,
      );
      expect(compared.rows[0]).toEqual({ stored: events.rows[0]!.groups, differing: 0 });
      expect(events.rows[0]!.groups).toBeGreaterThan(50);
    }
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}, 60_000);
