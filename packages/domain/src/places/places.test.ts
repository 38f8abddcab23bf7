import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('countries and subdivisions', () => {
  it('finds Uzbekistan by its alpha-2 code, with its ISO codes', async () => {
    const data = await api.data(`{
      country(code: "UZ") { code alpha3 numericCode name officialName version }
    }`);
    expect(data).toEqual({
      country: {
        code: 'UZ',
        alpha3: 'UZB',
        numericCode: '860',
        name: 'Uzbekistan',
        officialName: 'Republic of Uzbekistan',
        version: 1,
      },
    });
  });

  it('knows the four countries of the seed facts', async () => {
    const data = await api.data<{ [code: string]: { alpha3: string; numericCode: string } }>(`{
      MZ: country(code: "MZ") { alpha3 numericCode name }
      UZ: country(code: "UZ") { alpha3 numericCode name }
      BY: country(code: "BY") { alpha3 numericCode name }
      CN: country(code: "CN") { alpha3 numericCode name }
    }`);
    expect(data).toEqual({
      MZ: { alpha3: 'MOZ', numericCode: '508', name: 'Mozambique' },
      UZ: { alpha3: 'UZB', numericCode: '860', name: 'Uzbekistan' },
      BY: { alpha3: 'BLR', numericCode: '112', name: 'Belarus' },
      CN: { alpha3: 'CHN', numericCode: '156', name: 'China' },
    });
  });

  it('lists all 249 ISO 3166-1 countries', async () => {
    const data = await api.data<{ countries: { totalCount: number } }>(
      '{ countries(first: 1) { totalCount } }',
    );
    expect(data.countries.totalCount).toBe(249);
  });

  it('lists all 14 subdivisions of Uzbekistan, in code order', async () => {
    const data = await api.data<{
      country: {
        subdivisions: { totalCount: number; nodes: Array<{ code: string; kind: string }> };
      };
    }>(`{
      country(code: "UZ") { subdivisions(first: 20) { totalCount nodes { code kind } } }
    }`);
    expect(data.country.subdivisions.totalCount).toBe(14);
    expect(data.country.subdivisions.nodes.map((s) => s.code)).toEqual([
      'UZ-AN',
      'UZ-BU',
      'UZ-FA',
      'UZ-JI',
      'UZ-NG',
      'UZ-NW',
      'UZ-QA',
      'UZ-QR',
      'UZ-SA',
      'UZ-SI',
      'UZ-SU',
      'UZ-TK',
      'UZ-TO',
      'UZ-XO',
    ]);
    expect(data.country.subdivisions.nodes.find((s) => s.code === 'UZ-QR')?.kind).toBe('REPUBLIC');
    expect(data.country.subdivisions.nodes.find((s) => s.code === 'UZ-TK')?.kind).toBe('CITY');
  });

  it('finds Qashqadaryo (UZ-QA), where Karshi is, with its country and source', async () => {
    const data = await api.data(`{
      subdivision(code: "UZ-QA") {
        code name kind country { code }
        sources { nodes { title publisher } }
      }
    }`);
    expect(data).toEqual({
      subdivision: {
        code: 'UZ-QA',
        name: 'Qashqadaryo',
        kind: 'REGION',
        country: { code: 'UZ' },
        sources: {
          nodes: [
            {
              title: 'ISO 3166-1 and ISO 3166-2 country and subdivision codes (iso-codes 4.15.0)',
              publisher: 'Debian iso-codes project',
            },
          ],
        },
      },
    });
  });

  it('filters subdivisions by country and kind', async () => {
    const data = await api.data(`{
      cities: subdivisions(filter: { kind: CITY }, first: 3) { totalCount nodes { code } }
      maputo: subdivisions(filter: { country: "MZ", kind: CITY }) { nodes { code name } }
    }`);
    expect(data).toEqual({
      cities: { totalCount: 106, nodes: [{ code: 'AM-ER' }, { code: 'AR-C' }, { code: 'BW-FR' }] },
      maputo: { nodes: [{ code: 'MZ-MPM', name: 'Maputo' }] },
    });
  });

  it('answers null for a code that names no country or subdivision', async () => {
    const data = await api.data(
      '{ country(code: "ZZ") { name } subdivision(code: "UZ-ZZ") { name } }',
    );
    expect(data).toEqual({ country: null, subdivision: null });
  });

  it('refuses a malformed country code with BAD_USER_INPUT', async () => {
    const result = await api.query('{ country(code: "uzb") { name } }');
    expect(result.data).toEqual({ country: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(
      '`code` must be an ISO 3166-1 alpha-2 code of two capital letters, such as "UZ"; got "uzb".',
    );
  });
});

describe('the complete ISO 3166-2 list', () => {
  it('holds all 5,127 subdivisions of iso-codes 4.15.0, the eleven of Mozambique by code', async () => {
    const data = await api.data<{
      all: { totalCount: number };
      mozambique: {
        totalCount: number;
        nodes: Array<{ code: string; name: string; category: string }>;
      };
    }>(`{
      all: subdivisions { totalCount }
      mozambique: subdivisions(filter: { country: "MZ" }, first: 20) {
        totalCount nodes { code name category }
      }
    }`);
    expect(data.all.totalCount).toBe(5127);
    expect(data.mozambique.totalCount).toBe(11);
    expect(data.mozambique.nodes.find((s) => s.code === 'MZ-MPM')).toEqual({
      code: 'MZ-MPM',
      name: 'Maputo',
      category: 'City',
    });
    expect(data.mozambique.nodes.find((s) => s.code === 'MZ-A')).toEqual({
      code: 'MZ-A',
      name: 'Niassa',
      category: 'Province',
    });
  });

  it('places a French department in its region', async () => {
    const data = await api.data(`{
      subdivision(code: "FR-01") { name kind category parent { code name category } country { code } }
    }`);
    expect(data).toEqual({
      subdivision: {
        name: 'Ain',
        kind: 'OTHER',
        category: 'Metropolitan department',
        parent: { code: 'FR-ARA', name: 'Auvergne-Rhône-Alpes', category: 'Metropolitan region' },
        country: { code: 'FR' },
      },
    });
  });

  it('keeps the names the seed facts give their subdivisions, with their ISO category', async () => {
    const data = await api.data(
      `{ subdivision(code: "UZ-QR") { name kind category parent { code } } }`,
    );
    expect(data).toEqual({
      subdivision: {
        name: 'Qoraqalpog‘iston Respublikasi',
        kind: 'REPUBLIC',
        category: 'Republic',
        parent: null,
      },
    });
  });
});
