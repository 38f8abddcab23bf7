import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const MMR = 'MDG_0000000026';
const SOURCE_MMR =
  'Maternal mortality ratio (per 100 000 live births): WHO Global Health Observatory, UN MMEIG estimates, round of April 2025';

async function maternalMortality(country: string) {
  const data = await api.data<{
    country: { indicatorObservations: { nodes: Array<Record<string, unknown>> } };
  }>(
    `query($code: String!, $indicator: String!) {
      country(code: $code) {
        indicatorObservations(filter: { indicators: [$indicator] }) {
          nodes {
            indicator { code unit } year period value lowerBound upperBound method estimateRound
            source { title url }
          }
        }
      }
    }`,
    { code: country, indicator: MMR },
  );
  return data.country.indicatorObservations.nodes;
}

const estimate = (year: number, value: number, lower: number | null, upper: number | null) => ({
  indicator: { code: MMR, unit: 'per 100 000 live births' },
  year,
  period: null,
  value,
  lowerBound: lower,
  upperBound: upper,
  method: 'MODELLED_ESTIMATE',
  estimateRound: 'UN MMEIG, April 2025',
  source: { title: SOURCE_MMR, url: 'https://ghoapi.azureedge.net/api/MDG_0000000026' },
});

describe('maternal mortality ratio series', () => {
  it('Mozambique: 525 in 2000, 82 (60-113) in 2023', async () => {
    expect(await maternalMortality('MZ')).toEqual([
      estimate(2000, 525, null, null),
      estimate(2023, 82, 60, 113),
    ]);
  });

  it('Uzbekistan: 42 in 2000, 26 (18-40) in 2023, and the national figure of 14.1 with its own source', async () => {
    expect(await maternalMortality('UZ')).toEqual([
      estimate(2000, 42, null, null),
      estimate(2023, 26, 18, 40),
      {
        indicator: { code: MMR, unit: 'per 100 000 live births' },
        year: 2023,
        period: 'January–September',
        value: 14.1,
        lowerBound: null,
        upperBound: null,
        method: 'NATIONAL_REPORT',
        estimateRound: null,
        source: {
          title:
            'Maternal mortality ratio, January–September 2023: national administrative figures of Uzbekistan',
          url: null,
        },
      },
    ]);
  });

  it('Belarus: 20 in 2000, 1 (1-2) in 2023; China: 56 in 2000, 16 (11-21) in 2023', async () => {
    expect(await maternalMortality('BY')).toEqual([
      estimate(2000, 20, null, null),
      estimate(2023, 1, 1, 2),
    ]);
    expect(await maternalMortality('CN')).toEqual([
      estimate(2000, 56, null, null),
      estimate(2023, 16, 11, 21),
    ]);
  });
});

describe('indicators', () => {
  it('are the five GHO indicators the graph follows', async () => {
    const data = await api.data<{ indicators: { nodes: Array<{ code: string }> } }>(
      '{ indicators { totalCount nodes { code } } }',
    );
    expect(data.indicators.nodes.map((i) => i.code)).toEqual([
      'MDG_0000000007',
      'MDG_0000000025',
      'MDG_0000000026',
      'SRHINSTITUTIONALBIRTH',
      'WHOSIS_000003',
    ]);
  });

  it('give skilled birth attendance by country and year, from their own source', async () => {
    const data = await api.data(`{
      indicator(code: "MDG_0000000025") {
        name unit
        observations { totalCount nodes { country { code } year value method source { publisher } } }
      }
    }`);
    const row = (code: string, year: number, value: number) => ({
      country: { code },
      year,
      value,
      method: 'NATIONAL_REPORT',
      source: { publisher: 'World Health Organization' },
    });
    expect(data).toEqual({
      indicator: {
        name: 'Births attended by skilled health personnel',
        unit: '%',
        observations: {
          totalCount: 4,
          // In time order, as the field says; the two values of 2022 in a stable order (by id).
          nodes: [
            row('CN', 2016, 100),
            row('BY', 2022, 100),
            row('UZ', 2022, 99),
            row('MZ', 2023, 68),
          ],
        },
      },
    });
  });

  it('filters values by years and method across countries', async () => {
    const data = await api.data(`{
      indicatorObservations(filter: { indicators: ["MDG_0000000026"], yearFrom: 2023, methods: [MODELLED_ESTIMATE] }) {
        totalCount
      }
      national: indicatorObservations(filter: { methods: [NATIONAL_REPORT], countries: ["UZ"] }) {
        nodes { indicator { code } value }
      }
    }`);
    expect(data).toEqual({
      indicatorObservations: { totalCount: 4 },
      national: {
        nodes: [
          { indicator: { code: 'MDG_0000000025' }, value: 99 },
          { indicator: { code: 'MDG_0000000026' }, value: 14.1 },
        ],
      },
    });
  });

  it('refuses a year range that ends before it starts', async () => {
    const result = await api.query(
      '{ indicatorObservations(filter: { yearFrom: 2023, yearTo: 2000 }) { totalCount } }',
    );
    expect(result.errors?.[0]).toMatchObject({
      message: '`filter.yearTo` (2000) is before `filter.yearFrom` (2023).',
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.yearTo' },
    });
  });
});
