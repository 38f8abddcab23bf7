import { readFileSync } from 'node:fs';
import { type GhoHarness, ghoAnswer, ghoRow, MMR, startGhoHarness, U5MR } from '@mch/test-api/gho';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// Importing indicator values from the WHO Global Health Observatory, stood in for by a local
// server that answers in the real OData shape (`@mch/test-api/gho`).

const saved = JSON.parse(
  readFileSync(
    new URL(`../../../../../apps/api/examples/gho/${MMR}.json`, import.meta.url),
    'utf8',
  ),
) as { value: Array<Record<string, unknown>> };

let gho: GhoHarness;
beforeAll(async () => {
  gho = await startGhoHarness();
});
afterAll(() => gho.stop());
beforeEach(() => {
  gho.requests.length = 0;
});
const importAs = (input: Record<string, unknown>, token?: string) => gho.importAs(input, token);
const counts = () => gho.counts();

const OBSERVATIONS = `query($filter: IndicatorObservationFilter) {
  indicatorObservations(first: 100, filter: $filter) {
    nodes {
      country { code } year sex value lowerBound upperBound method estimateRound
      sourceUpdatedAt version source { url }
    }
  }
}`;

async function observations(filter: Record<string, unknown>) {
  const data = await gho.api.data<{
    indicatorObservations: { nodes: Array<Record<string, unknown> & { source: { url: string } }> };
  }>(OBSERVATIONS, { filter });
  return data.indicatorObservations.nodes;
}

const mmrRequest = (base: string) =>
  `${base}/api/${MMR}?$filter=SpatialDim%20eq%20'MOZ'%20or%20SpatialDim%20eq%20'UZB'`;

describe('importing the maternal mortality ratio from GHO', () => {
  it('updates the values the graph already held from WHO with their bounds, date and the request as source, counts the world row, and changes nothing when imported again', async () => {
    gho.answers = { [`/api/${MMR}`]: { status: 200, body: JSON.stringify(saved) } };
    const before = await counts();
    const first = await importAs({ indicators: [MMR], countries: ['MZ', 'UZ'] });
    const request = (first.indicators as Array<{ request: string }>)[0]!.request;
    expect(gho.requests).toEqual([
      `/api/${MMR}?$filter=SpatialDim eq 'MOZ' or SpatialDim eq 'UZB'`,
    ]);
    expect(request).toBe(mmrRequest(request.slice(0, request.indexOf('/api/'))));
    // The saved answer holds four countries and the world; the seed holds WHO's 2023 value of
    // each of the four: none is stored a second time.
    expect(first).toEqual({
      __typename: 'ImportGhoIndicatorsPayload',
      indicators: [
        {
          indicator: { code: MMR },
          request,
          source: {
            url: request,
            kind: 'STATISTICAL_DATABASE',
            publisher: 'World Health Organization',
          },
          rowCount: 5,
          created: 0,
          updated: 4,
          unchanged: 0,
          skipped: [{ reason: 'NOT_A_COUNTRY', count: 1, examples: ['GLOBAL GLOBAL'] }],
        },
      ],
    });
    const afterFirst = await counts();
    // Four values updated and their new source, each with an audit entry.
    expect(afterFirst).toEqual({
      observations: before.observations,
      audit: before.audit + 5,
      sources: before.sources + 1,
    });
    // What was Mozambique's ratio in 2023? One value, the seed's round kept.
    const mozambique = await observations({
      indicators: [MMR],
      countries: ['MZ'],
      yearFrom: 2023,
      yearTo: 2023,
    });
    expect(mozambique).toEqual([
      {
        country: { code: 'MZ' },
        year: 2023,
        sex: null,
        value: 82,
        lowerBound: 60,
        upperBound: 113,
        method: 'MODELLED_ESTIMATE',
        estimateRound: 'UN MMEIG, April 2025',
        sourceUpdatedAt: '2025-04-07T07:00:00.000Z',
        version: 2,
        source: { url: request },
      },
    ]);

    const again = await importAs({ indicators: [MMR], countries: ['MZ', 'UZ'] });
    expect(again.indicators).toEqual([
      expect.objectContaining({ created: 0, updated: 0, unchanged: 4, rowCount: 5 }),
    ]);
    expect(await counts()).toEqual(afterFirst);
  });

  it('updates a value WHO changed, with its audit entry, and leaves the others as they were', async () => {
    const NMR = 'WHOSIS_000003';
    const rows = (mozambique: number) =>
      ghoAnswer(NMR, [
        ghoRow({
          IndicatorCode: NMR,
          SpatialDim: 'MOZ',
          NumericValue: mozambique,
          Low: 20,
          High: 40,
        }),
        ghoRow({ IndicatorCode: NMR, SpatialDim: 'UZB', NumericValue: 8.6, Low: 6, High: 12 }),
      ]);
    gho.answers = { [`/api/${NMR}`]: { status: 200, body: JSON.stringify(rows(27.5)) } };
    const first = await importAs({ indicators: [NMR], countries: ['MZ', 'UZ'] });
    expect(first.indicators).toEqual([expect.objectContaining({ created: 2, updated: 0 })]);
    const before = await counts();

    gho.answers = { [`/api/${NMR}`]: { status: 200, body: JSON.stringify(rows(28.1)) } };
    const second = await importAs({ indicators: [NMR], countries: ['MZ', 'UZ'] });
    expect(second.indicators).toEqual([
      expect.objectContaining({ created: 0, updated: 1, unchanged: 1 }),
    ]);
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    const entry = await gho.api.database.db
      .selectFrom('audit_event')
      .select(['action', 'record_type', 'before', 'after'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const parse = (value: unknown) =>
      (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
    expect([entry.action, entry.record_type]).toEqual([
      'importGhoIndicators',
      'indicator_observation',
    ]);
    expect([parse(entry.before).value, parse(entry.after).value]).toEqual([27.5, 28.1]);
    const mozambique = await observations({ indicators: [NMR], countries: ['MZ'] });
    expect(mozambique.map((o) => [o.value, o.version])).toEqual([[28.1, 2]]);
    const uzbekistan = await observations({ indicators: [NMR], countries: ['UZ'] });
    expect(uzbekistan.map((o) => [o.value, o.version])).toEqual([[8.6, 1]]);
  });
});

describe('values broken down by sex', () => {
  it('stores each sex as its own value and counts the rows of other breakdowns and without a value', async () => {
    const rows = [
      ghoRow({
        IndicatorCode: U5MR,
        Dim1Type: 'SEX',
        Dim1: 'SEX_BTSX',
        NumericValue: 62.1,
        Low: 50.2,
        High: 77.3,
      }),
      ghoRow({
        IndicatorCode: U5MR,
        Dim1Type: 'SEX',
        Dim1: 'SEX_MLE',
        NumericValue: 66.4,
        Low: 53.4,
        High: 82.9,
      }),
      ghoRow({
        IndicatorCode: U5MR,
        Dim1Type: 'SEX',
        Dim1: 'SEX_FMLE',
        NumericValue: 57.5,
        Low: 46.5,
        High: 71.9,
      }),
      ghoRow({
        IndicatorCode: U5MR,
        Dim1Type: 'RESIDENCEAREATYPE',
        Dim1: 'RESIDENCEAREATYPE_RUR',
        NumericValue: 70,
      }),
      ghoRow({
        IndicatorCode: U5MR,
        SpatialDim: 'UZB',
        NumericValue: null,
        Low: null,
        High: null,
        Value: '',
      }),
      ghoRow({
        IndicatorCode: U5MR,
        SpatialDimType: 'REGION',
        SpatialDim: 'AFR',
        NumericValue: 69,
      }),
      ghoRow({ IndicatorCode: U5MR, SpatialDim: 'XKX', NumericValue: 15, Low: null, High: null }),
    ];
    gho.answers = {
      [`/api/${U5MR}`]: { status: 200, body: JSON.stringify(ghoAnswer(U5MR, rows)) },
    };
    const result = await importAs({ indicators: [U5MR], countries: ['MZ'] });
    expect(result.indicators).toEqual([
      expect.objectContaining({
        rowCount: 7,
        created: 3,
        skipped: [
          { reason: 'OTHER_BREAKDOWN', count: 1, examples: ['RESIDENCEAREATYPE'] },
          { reason: 'NO_VALUE', count: 1, examples: ['UZB 2023'] },
          { reason: 'NOT_A_COUNTRY', count: 1, examples: ['REGION AFR'] },
          { reason: 'UNKNOWN_COUNTRY', count: 1, examples: ['XKX'] },
        ],
      }),
    ]);
    const girls = await observations({ indicators: [U5MR], countries: ['MZ'], sexes: ['FEMALE'] });
    expect(girls.map((o) => [o.sex, o.value, o.lowerBound, o.upperBound])).toEqual([
      ['FEMALE', 57.5, 46.5, 71.9],
    ]);
    const all = await observations({ indicators: [U5MR], countries: ['MZ'] });
    expect(all.map((o) => o.sex).sort()).toEqual(['BOTH', 'FEMALE', 'MALE']);
  });
});
