import { feedReader } from '@mch/test-api/feed';
import { type GhoHarness, ghoAnswer, ghoRow, MMR, startGhoHarness, U5MR } from '@mch/test-api/gho';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One value per WHO observation: an import finds the value the graph holds from WHO for the
// same indicator, place, year, sex and method (whoever stored it) and never adds a second.

let gho: GhoHarness;
beforeAll(async () => {
  gho = await startGhoHarness();
});
afterAll(() => gho.stop());

const OBSERVATIONS = `query($filter: IndicatorObservationFilter) {
  indicatorObservations(first: 100, filter: $filter) {
    nodes { id country { code } year sex value lowerBound upperBound method estimateRound version }
  }
}`;

async function observations(filter: Record<string, unknown>) {
  const data = await gho.api.data<{
    indicatorObservations: { nodes: Array<Record<string, unknown>> };
  }>(OBSERVATIONS, { filter });
  return data.indicatorObservations.nodes;
}

/** The database key of a record's global ID (`IndicatorObservation:<uuid>` in base64). */
const uuidOf = (id: unknown) => Buffer.from(String(id), 'base64').toString('utf8').split(':')[1]!;

const parse = (value: unknown) =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

/**
 * On PostgreSQL, runs two imports so that both have looked for the values held before either
 * stores one: a lock on the table lets them read and holds their inserts until both wait. The
 * embedded database runs one transaction at a time; there they run one after the other.
 */
async function bothReadBeforeEitherStores<T>(start: () => Promise<T>): Promise<T> {
  if (gho.api.kind !== 'postgres') return start();
  let running: Promise<T> | undefined;
  await gho.api.database.db.transaction().execute(async (trx) => {
    await sql`lock table indicator_observation in share mode`.execute(trx);
    running = start();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_locks
        where relation = 'indicator_observation'::regclass and not granted
          and database = (select oid from pg_database where datname = current_database())`.execute(
        trx,
      );
      if (rows[0]!.waiting >= 2) break;
      if (Date.now() > deadline) throw new Error('The two imports never both waited to store.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return running!;
}

describe('one value per WHO observation', () => {
  it('updates the seeded value when WHO changed it, keeping its estimation round, with an audit entry', async () => {
    const belarus = { indicators: [MMR], countries: ['BY'], yearFrom: 2023, yearTo: 2023 };
    const [seeded] = await observations(belarus);
    const feed = feedReader<{ operation: string; recordType: string; recordId: string }>(
      gho.api,
      `query($after: String, $types: [ChangeRecordType!]) {
        changes(after: $after, first: 100, types: $types) {
          nodes { operation recordType recordId }
          pageInfo { endCursor hasNextPage }
        }
      }`,
    );
    const cursor = await feed.endOfFeed(['INDICATOR_OBSERVATION']);
    gho.answers = {
      [`/api/${MMR}`]: {
        status: 200,
        body: JSON.stringify(
          ghoAnswer(MMR, [
            ghoRow({ SpatialDim: 'BLR', NumericValue: 2, Low: 1, High: 3, Date: '2026-01-15' }),
          ]),
        ),
      },
    };
    const result = await gho.importAs({ indicators: [MMR], countries: ['BY'] });
    expect(result.indicators).toEqual([
      expect.objectContaining({ rowCount: 1, created: 0, updated: 1, unchanged: 0 }),
    ]);
    expect(await observations(belarus)).toEqual([
      {
        id: seeded!.id,
        country: { code: 'BY' },
        year: 2023,
        sex: null,
        value: 2,
        lowerBound: 1,
        upperBound: 3,
        method: 'MODELLED_ESTIMATE',
        estimateRound: 'UN MMEIG, April 2025',
        version: 2,
      },
    ]);
    const entries = await gho.api.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name', 'before', 'after'])
      .where('record_id', '=', uuidOf(seeded!.id))
      .execute();
    expect(
      entries.map((entry) => [
        entry.action,
        entry.actor_name,
        parse(entry.before).value,
        parse(entry.before).lower_bound,
        parse(entry.after).value,
        parse(entry.after).upper_bound,
        parse(entry.after).estimate_round,
      ]),
    ).toEqual([['importGhoIndicators', 'Test admin', 1, 1, 2, 3, 'UN MMEIG, April 2025']]);
    // An integrator reading the change feed sees the value changed, and nothing created.
    const { changes } = await feed.readOn(cursor, { types: ['INDICATOR_OBSERVATION'] });
    expect(changes).toEqual([
      { operation: 'UPDATE', recordType: 'IndicatorObservation', recordId: seeded!.id },
    ]);
  });

  it('stores a value once when the same answer is imported twice at the same time', async () => {
    gho.answers = {
      [`/api/${U5MR}`]: {
        status: 200,
        body: JSON.stringify(
          ghoAnswer(U5MR, [
            ghoRow({
              IndicatorCode: U5MR,
              SpatialDim: 'MOZ',
              TimeDim: 2019,
              NumericValue: 74,
              Low: null,
              High: null,
            }),
            ghoRow({
              IndicatorCode: U5MR,
              SpatialDim: 'UZB',
              TimeDim: 2019,
              NumericValue: 16.2,
              Low: null,
              High: null,
            }),
            ghoRow({
              IndicatorCode: U5MR,
              SpatialDim: 'CHN',
              TimeDim: 2019,
              NumericValue: 7.9,
              Low: null,
              High: null,
            }),
          ]),
        ),
      },
    };
    const before = await gho.counts();
    const input = { indicators: [U5MR], countries: ['MZ', 'UZ', 'CN'] };
    const both = await bothReadBeforeEitherStores(() =>
      Promise.all([gho.importAs(input), gho.importAs(input)]),
    );
    const reports = both.map((result) => {
      const report = (result.indicators as Array<Record<string, number>> | undefined)?.[0];
      return [result.__typename, report?.created, report?.updated, report?.unchanged];
    });
    // Whichever came second found the first's values, committed or on their way.
    expect(reports.sort()).toEqual([
      ['ImportGhoIndicatorsPayload', 0, 0, 3],
      ['ImportGhoIndicatorsPayload', 3, 0, 0],
    ]);
    const after = await gho.counts();
    expect(after.observations - before.observations).toBe(3);
    const stored = await observations({ indicators: [U5MR], yearFrom: 2019, yearTo: 2019 });
    expect(stored.map((o) => [(o.country as { code: string }).code, o.value]).sort()).toEqual([
      ['CN', 7.9],
      ['MZ', 74],
      ['UZ', 16.2],
    ]);
  });

  it('keeps a national report and a modelled estimate of the same year as two observations', async () => {
    const NMR = 'WHOSIS_000003';
    gho.answers = {
      [`/api/${NMR}`]: {
        status: 200,
        body: JSON.stringify(
          ghoAnswer(NMR, [
            ghoRow({
              IndicatorCode: NMR,
              SpatialDim: 'UZB',
              TimeDim: 2018,
              NumericValue: 9.1,
              Low: null,
              High: null,
            }),
          ]),
        ),
      },
    };
    const input = { indicators: [NMR], countries: ['UZ'] };
    const estimate = await gho.importAs(input);
    const report = await gho.importAs({ ...input, method: 'NATIONAL_REPORT' });
    const again = await gho.importAs({ ...input, method: 'NATIONAL_REPORT' });
    expect(
      [estimate, report, again].map((result) => {
        const [one] = result.indicators as Array<Record<string, number>>;
        return [one!.created, one!.updated, one!.unchanged];
      }),
    ).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const stored = await observations({
      indicators: [NMR],
      countries: ['UZ'],
      yearFrom: 2018,
      yearTo: 2018,
    });
    expect(stored.map((o) => [o.method, o.value]).sort()).toEqual([
      ['MODELLED_ESTIMATE', 9.1],
      ['NATIONAL_REPORT', 9.1],
    ]);
  });

  it('refuses an editor a second value for an observation the graph holds from WHO', async () => {
    const sources = await gho.api.database.db
      .selectFrom('source')
      .select('id')
      .where('url', '=', `https://ghoapi.azureedge.net/api/${MMR}`)
      .where('publisher', '=', 'World Health Organization')
      .execute();
    expect(sources).toHaveLength(1);
    const [china] = await observations({
      indicators: [MMR],
      countries: ['CN'],
      yearFrom: 2023,
      yearTo: 2023,
    });
    const before = await gho.counts();
    const response = await gho.api.query(
      `mutation($input: RecordIndicatorObservationInput!) {
        recordIndicatorObservation(input: $input) {
          __typename ... on ConflictError { code message }
        }
      }`,
      {
        input: {
          indicator: MMR,
          country: 'CN',
          year: 2023,
          value: 17,
          method: 'MODELLED_ESTIMATE',
          source: Buffer.from(`Source:${sources[0]!.id}`).toString('base64'),
        },
      },
      { token: gho.api.tokens.editor },
    );
    expect(response).toEqual({
      data: {
        recordIndicatorObservation: {
          __typename: 'ConflictError',
          code: 'CONFLICT',
          message: `The graph already holds WHO's value of MDG_0000000026 for this place, year 2023, sex and method (modelled_estimate): ${china!.id}. Update that value with updateIndicatorObservation instead of recording a second.`,
        },
      },
    });
    expect(await gho.counts()).toEqual(before);
  });
});
