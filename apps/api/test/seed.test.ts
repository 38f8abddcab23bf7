import { CODE_LISTS_NAME, citedTables, loadSeed } from '@mch/db';
import { startTestApi, type TestApi } from '@mch/test-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const tables = [
  'source',
  'country',
  'subdivision',
  'dac_purpose_code',
  'topic',
  'topic_dac_purpose',
  'indicator',
  'organisation',
  'person',
  'agreement',
  'agreement_party',
  'agreement_area',
  'programme',
  'programme_sector',
  'programme_participation',
  'programme_target_subdivision',
  'target',
  'training_event',
  'training_event_topic',
  'training_event_presenter',
  'training_event_participation',
  'training_event_participant_group',
  'donation',
  'donation_item',
  'indicator_observation',
  ...citedTables.map((table) => `${table}_citation`),
];

/** Every row of every table, as text, so that any change at all shows. */
async function snapshot() {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await sql<{
      row: string;
    }>`select t::text as row from ${sql.table(table)} t order by 1`.execute(api.database.db);
    result[table] = rows.rows.map((r) => r.row);
  }
  return result;
}

describe('the seed', () => {
  it('changes nothing when loaded again, whether skipped or forced', async () => {
    const before = await snapshot();
    expect(await loadSeed(api.database.db)).toEqual({ applied: false });
    expect(await snapshot()).toEqual(before);
    expect(await loadSeed(api.database.db, { force: true })).toEqual({ applied: true });
    expect(await snapshot()).toEqual(before);
  });

  it('links every fact of the articles to a source', async () => {
    const uncited: Record<string, number> = {};
    for (const table of citedTables) {
      const result = await sql<{ count: number }>`
        select count(*)::int as count from ${sql.table(table)} t
        where not exists (select 1 from ${sql.table(`${table}_citation`)} c where c.subject_id = t.id)`.execute(
        api.database.db,
      );
      uncited[table] = result.rows[0]!.count;
    }
    expect(uncited).toEqual(Object.fromEntries(citedTables.map((table) => [table, 0])));
  });

  it('holds the counts of the two articles and the reference values', async () => {
    const count = async (table: string) =>
      (
        await sql<{
          count: number;
        }>`select count(*)::int as count from ${sql.table(table)}`.execute(api.database.db)
      ).rows[0]!.count;
    expect({
      countries: await count('country'),
      subdivisions: await count('subdivision'),
      organisations: await count('organisation'),
      people: await count('person'),
      programmes: await count('programme'),
      agreements: await count('agreement'),
      trainingEvents: await count('training_event'),
      donations: await count('donation'),
      donationItems: await count('donation_item'),
      observations: await count('indicator_observation'),
      targets: await count('target'),
      sources: await count('source'),
      iatiCodes: await count('iati_code'),
      dacPurposeCodes: await count('dac_purpose_code'),
    }).toEqual({
      countries: 249,
      subdivisions: 5127,
      organisations: 9,
      people: 2,
      programmes: 2,
      agreements: 1,
      trainingEvents: 7,
      donations: 1,
      donationItems: 4,
      observations: 13,
      targets: 4,
      sources: 12,
      iatiCodes: 53,
      dacPurposeCodes: 21,
    });
  });

  it('gives a database seeded before the complete code lists those lists at its next start', async () => {
    await api.database.db.deleteFrom('iati_code').execute();
    await api.database.db.deleteFrom('seed_run').where('name', '=', CODE_LISTS_NAME).execute();
    expect(await loadSeed(api.database.db)).toEqual({ applied: true });
    const iati = await sql<{ n: number }>`select count(*)::int as n from iati_code`.execute(
      api.database.db,
    );
    expect(iati.rows[0]!.n).toBe(53);
    const karakalpakstan = await api.database.db
      .selectFrom('subdivision')
      .select(['name', 'category'])
      .where('code', '=', 'UZ-QR')
      .executeTakeFirstOrThrow();
    expect(karakalpakstan).toEqual({ name: 'Qoraqalpog‘iston Respublikasi', category: 'Republic' });
    expect(await loadSeed(api.database.db)).toEqual({ applied: false });
  });
});
