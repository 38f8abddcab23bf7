import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/create-db.js';
import { migrateToLatest } from '../src/migrate.js';
import { countryId, loadSeed, subdivisionId } from '../src/seed/load-seed.js';
import { databasesFor, targets } from './support/databases.js';

// The database itself refuses impossible facts, whatever client writes them: these checks run
// on the embedded database, and on PostgreSQL as well (support/databases.ts).

describe.each(targets)('constraints on $name', ({ postgres: onPostgres }) => {
  const databases = databasesFor(onPostgres);
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await databases.create();
    await migrateToLatest(handle.db);
    await loadSeed(handle.db);
  });

  const refuses = async (statement: ReturnType<typeof sql>, constraint: RegExp) => {
    await expect(statement.execute(handle.db)).rejects.toThrow(constraint);
  };

  const event = (column: string, value: unknown) =>
    sql`insert into training_event (title, format, status, country_id, ${sql.ref(column)})
        values ('Test', 'in_person', 'planned', ${countryId('UZ')}, ${value})`;

  it('refuses negative participant counts and zero durations', async () => {
    await refuses(event('participant_count', -1), /training_event_participant_count_check/);
    await refuses(event('duration_minutes', 0), /training_event_duration_minutes_check/);
  });

  it('refuses a completed event without a date, and unknown formats and statuses', async () => {
    await refuses(
      sql`insert into training_event (title, format, status, country_id)
          values ('Test', 'in_person', 'completed', ${countryId('UZ')})`,
      /training_event_check/,
    );
    await refuses(
      sql`insert into training_event (title, format, status, country_id)
          values ('Test', 'webinar', 'planned', ${countryId('UZ')})`,
      /training_event_format_check/,
    );
  });

  it('refuses a subdivision of an unknown country and malformed ISO codes', async () => {
    await refuses(
      sql`insert into country (code, alpha3, numeric_code, name) values ('uz', 'UZX', '999', 'X')`,
      /country_code_check/,
    );
    await refuses(
      sql`insert into subdivision (code, country_id, name, kind)
          values ('UZ-QA-1', ${countryId('UZ')}, 'X', 'region')`,
      /subdivision_code_check/,
    );
    await refuses(
      sql`insert into subdivision (code, country_id, name, kind)
          values ('ZZ-AA', '00000000-0000-4000-8000-000000000000', 'X', 'region')`,
      /subdivision_country_id_fkey/,
    );
  });

  it('refuses donation items of zero quantity, and a quantity without a unit', async () => {
    const donation = await handle.db.selectFrom('donation').select('id').executeTakeFirstOrThrow();
    await refuses(
      sql`insert into donation_item (donation_id, position, category, description, quantity, unit)
          values (${donation.id}, 9, 'masks', 'Masks', 0, 'piece')`,
      /donation_item_quantity_check/,
    );
    await refuses(
      sql`insert into donation_item (donation_id, position, category, description, quantity)
          values (${donation.id}, 9, 'masks', 'Masks', 10)`,
      /donation_item_check/,
    );
  });

  it('refuses an indicator value outside its own bounds, and an area that is both or neither', async () => {
    const source = await handle.db.selectFrom('source').select('id').executeTakeFirstOrThrow();
    const observation = (
      lower: number,
      value: number,
      upper: number,
      country: string | null,
      subdivision: string | null,
    ) =>
      sql`insert into indicator_observation
            (indicator_code, country_id, subdivision_id, year, value, lower_bound, upper_bound, method, source_id)
          values ('MDG_0000000026', ${country}, ${subdivision}, 2030, ${value}, ${lower}, ${upper}, 'modelled_estimate', ${source.id})`;
    await refuses(observation(10, 5, 20, countryId('UZ'), null), /indicator_observation_check/);
    await refuses(
      observation(1, 5, 20, countryId('UZ'), subdivisionId('UZ-QA')),
      /indicator_observation_check/,
    );
    await refuses(observation(1, 5, 20, null, null), /indicator_observation_check/);
  });

  it('removes a record’s citations with the record, and keeps the source', async () => {
    const sources = await handle.db.selectFrom('source').select('id').execute();
    const inserted = await handle.db
      .insertInto('person')
      .values({ name: 'Temporary expert' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('person_citation')
      .values({ subject_id: inserted.id, source_id: sources[0]!.id })
      .execute();
    await handle.db.deleteFrom('person').where('id', '=', inserted.id).execute();
    const left = await handle.db
      .selectFrom('person_citation')
      .select('subject_id')
      .where('subject_id', '=', inserted.id)
      .execute();
    expect(left).toEqual([]);
    expect(await handle.db.selectFrom('source').select('id').execute()).toHaveLength(
      sources.length,
    );
  });

  it('keeps the training totals equal to the events through inserts, updates and deletes', async () => {
    const totals = sql<{ row: string }>`select r::text as row from (
        select country_id, subdivision_id, year, format, status, event_count, participant_count,
               duration_minutes, participant_minutes
        from training_event_rollup where event_count <> 0 order by 1, 2, 3, 4, 5) r`;
    const fromEvents = sql<{ row: string }>`select r::text as row from (
        select country_id, subdivision_id, extract(year from start_date)::int as year, format, status,
               count(*)::int, coalesce(sum(participant_count), 0)::bigint,
               coalesce(sum(duration_minutes), 0)::bigint,
               coalesce(sum(participant_count::float8 * duration_minutes), 0)
        from training_event group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5) r`;
    const same = async () =>
      expect((await totals.execute(handle.db)).rows).toEqual(
        (await fromEvents.execute(handle.db)).rows,
      );
    await same();
    const added = await handle.db
      .insertInto('training_event')
      .values({
        title: 'Totals check',
        format: 'hybrid',
        status: 'completed',
        start_date: '2025-03-04',
        participant_count: 12,
        duration_minutes: 90,
        country_id: countryId('UZ'),
        subdivision_id: subdivisionId('UZ-QA'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await same();
    await handle.db
      .updateTable('training_event')
      .set({
        participant_count: 40,
        subdivision_id: subdivisionId('UZ-AN'),
        start_date: '2024-12-31',
      })
      .where('id', '=', added.id)
      .execute();
    await same();
    await handle.db.deleteFrom('training_event').where('id', '=', added.id).execute();
    await same();
  });

  it('answers counts, dates and money alike on both databases', async () => {
    const row = await sql<{ count: number; day: string; amount: string }>`
      select count(*) as count, date '2024-02-01' as day, 1250.50::numeric(18,2) as amount
      from country`.execute(handle.db);
    expect(row.rows[0]).toEqual({ count: 249, day: '2024-02-01', amount: '1250.50' });
  });
});
