import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The WHO Global Health Observatory, stood in for by a local server that answers with saved
// answers in the shape of the real OData API; the graph fetches from it over HTTP.

const MMR = 'MDG_0000000026';
const U5MR = 'MDG_0000000007';
const saved = JSON.parse(
  readFileSync(
    new URL(`../../../../../apps/api/examples/gho/${MMR}.json`, import.meta.url),
    'utf8',
  ),
) as { value: Array<Record<string, unknown>> };

/** A row of a GHO answer, in the API's shape. */
function ghoRow(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    Id: 1,
    IndicatorCode: MMR,
    SpatialDimType: 'COUNTRY',
    SpatialDim: 'MOZ',
    ParentLocationCode: 'AFR',
    TimeDimType: 'YEAR',
    ParentLocation: 'Africa',
    Dim1Type: null,
    TimeDim: 2023,
    Dim1: null,
    Dim2Type: null,
    Dim2: null,
    Dim3Type: null,
    Dim3: null,
    DataSourceDimType: null,
    DataSourceDim: null,
    Value: '82 [60-113]',
    NumericValue: 82,
    Low: 60,
    High: 113,
    Comments: null,
    Date: '2025-04-07T09:00:00+02:00',
    TimeDimensionValue: '2023',
    TimeDimensionBegin: '2023-01-01T00:00:00+01:00',
    TimeDimensionEnd: '2023-12-31T00:00:00+01:00',
    ...fields,
  };
}

const answer = (code: string, rows: unknown[]) => ({
  '@odata.context': `https://ghoapi.azureedge.net/api/$metadata#${code}`,
  value: rows,
});

/** What the stand-in answers, by path; a test sets it before asking. */
let answers: Record<string, { status: number; body: string }> = {};
const requests: string[] = [];
let gho: Server;
let api: TestApi;

beforeAll(async () => {
  gho = createServer((req, res) => {
    requests.push(decodeURIComponent(req.url ?? ''));
    const path = new URL(req.url ?? '/', 'http://gho').pathname;
    const found = answers[path];
    res.writeHead(found?.status ?? 404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(found?.body ?? '{"error":{"code":"","message":"No HTTP resource was found."}}');
  });
  await new Promise<void>((resolve) => gho.listen(0, '127.0.0.1', resolve));
  const { port } = gho.address() as AddressInfo;
  api = await startTestApi({ ghoBaseUrl: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await api.stop();
  await new Promise((resolve) => gho.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
});

const IMPORT = `mutation($input: ImportGhoIndicatorsInput!) {
  importGhoIndicators(input: $input) {
    __typename
    ... on ImportGhoIndicatorsPayload {
      indicators {
        indicator { code } request source { url kind publisher }
        rowCount created updated unchanged skipped { reason count examples }
      }
    }
    ... on ImportRejectedError { code message problemCount problems { row column message } }
    ... on UpstreamError { code message status url }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

type ImportResult = { importGhoIndicators: Record<string, unknown> };

async function importAs(input: Record<string, unknown>, token = api.tokens.admin) {
  return (await api.data<ImportResult>(IMPORT, { input }, { token })).importGhoIndicators;
}

const OBSERVATIONS = `query($filter: IndicatorObservationFilter) {
  indicatorObservations(first: 100, filter: $filter) {
    nodes {
      country { code } year sex value lowerBound upperBound method estimateRound
      sourceUpdatedAt version source { url }
    }
  }
}`;

async function observations(filter: Record<string, unknown>) {
  const data = await api.data<{
    indicatorObservations: { nodes: Array<Record<string, unknown> & { source: { url: string } }> };
  }>(OBSERVATIONS, { filter });
  return data.indicatorObservations.nodes;
}

async function counts() {
  const rows = await api.database.db
    .selectFrom('indicator_observation')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const audit = await api.database.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const sources = await api.database.db
    .selectFrom('source')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { observations: Number(rows.n), audit: Number(audit.n), sources: Number(sources.n) };
}

const mmrRequest = (base: string) =>
  `${base}/api/${MMR}?$filter=SpatialDim%20eq%20'MOZ'%20or%20SpatialDim%20eq%20'UZB'`;

describe('importing the maternal mortality ratio from GHO', () => {
  it('stores the country values with their bounds and the request as source, counts the world row, and changes nothing when imported again', async () => {
    answers = { [`/api/${MMR}`]: { status: 200, body: JSON.stringify(saved) } };
    const before = await counts();
    const first = await importAs({ indicators: [MMR], countries: ['MZ', 'UZ'] });
    const request = (first.indicators as Array<{ request: string }>)[0]!.request;
    expect(requests).toEqual([`/api/${MMR}?$filter=SpatialDim eq 'MOZ' or SpatialDim eq 'UZB'`]);
    expect(request).toBe(mmrRequest(request.slice(0, request.indexOf('/api/'))));
    // The saved answer holds four countries and the world; the graph holds all four countries.
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
          created: 4,
          updated: 0,
          unchanged: 0,
          skipped: [{ reason: 'NOT_A_COUNTRY', count: 1, examples: ['GLOBAL GLOBAL'] }],
        },
      ],
    });
    const afterFirst = await counts();
    // Four values and their source, each with an audit entry.
    expect(afterFirst).toEqual({
      observations: before.observations + 4,
      audit: before.audit + 5,
      sources: before.sources + 1,
    });
    const imported = (await observations({ indicators: [MMR], countries: ['MZ'] })).filter(
      (o) => o.source.url === request,
    );
    expect(imported).toEqual([
      {
        country: { code: 'MZ' },
        year: 2023,
        sex: null,
        value: 82,
        lowerBound: 60,
        upperBound: 113,
        method: 'MODELLED_ESTIMATE',
        estimateRound: null,
        sourceUpdatedAt: '2025-04-07T07:00:00.000Z',
        version: 1,
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
      answer(NMR, [
        ghoRow({
          IndicatorCode: NMR,
          SpatialDim: 'MOZ',
          NumericValue: mozambique,
          Low: 20,
          High: 40,
        }),
        ghoRow({ IndicatorCode: NMR, SpatialDim: 'UZB', NumericValue: 8.6, Low: 6, High: 12 }),
      ]);
    answers = { [`/api/${NMR}`]: { status: 200, body: JSON.stringify(rows(27.5)) } };
    const first = await importAs({ indicators: [NMR], countries: ['MZ', 'UZ'] });
    expect(first.indicators).toEqual([expect.objectContaining({ created: 2, updated: 0 })]);
    const before = await counts();

    answers = { [`/api/${NMR}`]: { status: 200, body: JSON.stringify(rows(28.1)) } };
    const second = await importAs({ indicators: [NMR], countries: ['MZ', 'UZ'] });
    expect(second.indicators).toEqual([
      expect.objectContaining({ created: 0, updated: 1, unchanged: 1 }),
    ]);
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    const entry = await api.database.db
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

describe('answers the graph refuses', () => {
  it('stores nothing from a malformed answer and lists every bad row', async () => {
    answers = {
      [`/api/${MMR}`]: {
        status: 200,
        body: JSON.stringify(
          answer(MMR, [
            ghoRow({ SpatialDim: 'MOZ', TimeDim: 2021, NumericValue: 90 }),
            ghoRow({ SpatialDim: 'UZB', NumericValue: 'twenty-six' }),
            ghoRow({ SpatialDim: 'BLR', NumericValue: 1, Low: 3, High: 4 }),
            ghoRow({ SpatialDim: 'CHN', TimeDim: 'last year' }),
            ghoRow({ IndicatorCode: U5MR }),
          ]),
        ),
      },
    };
    const before = await counts();
    const result = await importAs({ indicators: [MMR] });
    expect(result).toEqual({
      __typename: 'ImportRejectedError',
      code: 'IMPORT_REJECTED',
      message: 'The GHO import was not stored: 4 problems, each listed with its row.',
      problemCount: 4,
      problems: [
        {
          row: 2,
          column: 'NumericValue',
          message: 'must be a number from 0 to 1000000000 or null (got "twenty-six")',
        },
        { row: 3, column: 'Low', message: '3 is above the value 1; a lower bound must not be.' },
        {
          row: 4,
          column: 'TimeDim',
          message: 'must be a year from 1900 to 2100 (got "last year").',
        },
        {
          row: 5,
          column: 'IndicatorCode',
          message: `is "${U5MR}", but the response was asked for ${MMR}.`,
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('stores nothing from an answer that is not JSON', async () => {
    answers = { [`/api/${MMR}`]: { status: 200, body: '<html>Service Unavailable</html>' } };
    const before = await counts();
    const result = await importAs({ indicators: [MMR] });
    expect(result).toMatchObject({
      __typename: 'ImportRejectedError',
      problemCount: 1,
      problems: [{ row: null, column: null }],
    });
    expect((result.problems as Array<{ message: string }>)[0]!.message).toMatch(
      /^The answer for MDG_0000000026 is not JSON: /,
    );
    expect(await counts()).toEqual(before);
  });

  it('says when GHO fails, with its status', async () => {
    answers = { [`/api/${MMR}`]: { status: 503, body: '{}' } };
    const result = await importAs({ indicators: [MMR], countries: ['MZ'] });
    expect(result).toMatchObject({
      __typename: 'UpstreamError',
      code: 'UPSTREAM_FAILED',
      status: 503,
    });
    expect(result.message).toBe(
      `The WHO Global Health Observatory answered HTTP 503 to ${result.url}.`,
    );
  });

  it('refuses an indicator the graph does not follow, and an unknown country', async () => {
    answers = {
      '/api/WHOSIS_000001': { status: 200, body: JSON.stringify(answer('WHOSIS_000001', [])) },
    };
    expect(await importAs({ indicators: ['WHOSIS_000001'] })).toMatchObject({
      __typename: 'ImportRejectedError',
      problems: [
        {
          row: null,
          column: 'IndicatorCode',
          message:
            'The graph does not follow the indicator WHOSIS_000001; the indicators query lists those it does.',
        },
      ],
    });
    expect(await importAs({ indicators: [MMR, 'mmr'], countries: ['QQ'] })).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        {
          path: ['input', 'indicators', '1'],
          message:
            '"mmr" is not a WHO Global Health Observatory indicator code such as "MDG_0000000026".',
        },
        {
          path: ['input', 'countries', '0'],
          message: 'The graph holds no country "QQ"; give ISO 3166-1 alpha-2 codes such as "MZ".',
        },
      ],
    });
    expect(requests).toEqual(['/api/WHOSIS_000001']);
  });

  it('is for admins only', async () => {
    const refused = await api.query(
      IMPORT,
      { input: { indicators: [MMR] } },
      {
        token: api.tokens.editor,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(requests).toEqual([]);
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
    answers = { [`/api/${U5MR}`]: { status: 200, body: JSON.stringify(answer(U5MR, rows)) } };
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
