import {
  GHO_IMPORT,
  type GhoHarness,
  ghoAnswer,
  ghoRow,
  MMR,
  startGhoHarness,
  U5MR,
} from '@mch/test-api/gho';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// GHO answers and requests the import refuses, each storing nothing.

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

describe('answers the graph refuses', () => {
  it('stores nothing from a malformed answer and lists every bad row', async () => {
    gho.answers = {
      [`/api/${MMR}`]: {
        status: 200,
        body: JSON.stringify(
          ghoAnswer(MMR, [
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
    gho.answers = { [`/api/${MMR}`]: { status: 200, body: '<html>Service Unavailable</html>' } };
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
    gho.answers = { [`/api/${MMR}`]: { status: 503, body: '{}' } };
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
    gho.answers = {
      '/api/WHOSIS_000001': { status: 200, body: JSON.stringify(ghoAnswer('WHOSIS_000001', [])) },
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
    expect(gho.requests).toEqual(['/api/WHOSIS_000001']);
  });

  it('is for admins only', async () => {
    const refused = await gho.api.query(
      GHO_IMPORT,
      { input: { indicators: [MMR] } },
      {
        token: gho.api.tokens.editor,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(gho.requests).toEqual([]);
  });
});
