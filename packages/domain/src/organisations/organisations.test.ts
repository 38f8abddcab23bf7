import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('organisations', () => {
  it('are nine, listed by name with their kind and country', async () => {
    const data = await api.data<{
      organisations: {
        totalCount: number;
        nodes: Array<{ name: string; kind: string; country: { code: string } | null }>;
      };
    }>('{ organisations(first: 20) { totalCount nodes { name kind country { code } } } }');
    expect(data.organisations.totalCount).toBe(9);
    expect(data.organisations.nodes).toEqual([
      {
        name: '22nd Chinese medical team to Mozambique',
        kind: 'MEDICAL_TEAM',
        country: { code: 'CN' },
      },
      { name: 'Chinese Embassy in Mozambique', kind: 'EMBASSY', country: { code: 'CN' } },
      { name: 'Maputo Central Hospital', kind: 'HOSPITAL', country: { code: 'MZ' } },
      { name: 'Ministry of Health of Uzbekistan', kind: 'MINISTRY', country: { code: 'UZ' } },
      {
        name: 'Republican Scientific and Practical Center "Mother and Child"',
        kind: 'RESEARCH_CENTRE',
        country: { code: 'BY' },
      },
      {
        name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
        kind: 'RESEARCH_CENTRE',
        country: { code: 'UZ' },
      },
      { name: 'Sichuan University', kind: 'UNIVERSITY', country: { code: 'CN' } },
      {
        name: 'West China Hospital of Sichuan University',
        kind: 'HOSPITAL',
        country: { code: 'CN' },
      },
      {
        name: "West China Women's and Children's Hospital of Sichuan University",
        kind: 'HOSPITAL',
        country: { code: 'CN' },
      },
    ]);
  });

  it('Sichuan University has two hospitals in Sichuan, whose experts presented in Mozambique', async () => {
    const data = await api.data(`{
      organisations(filter: { kinds: [UNIVERSITY] }) {
        nodes {
          name subdivision { code name }
          units { nodes { name parent { name } presentations { totalCount } } }
        }
      }
      sichuan: subdivision(code: "CN-SC") { organisations { totalCount } }
    }`);
    expect(data).toEqual({
      organisations: {
        nodes: [
          {
            name: 'Sichuan University',
            subdivision: { code: 'CN-SC', name: 'Sichuan Sheng' },
            units: {
              nodes: [
                {
                  name: 'West China Hospital of Sichuan University',
                  parent: { name: 'Sichuan University' },
                  presentations: { totalCount: 1 },
                },
                {
                  name: "West China Women's and Children's Hospital of Sichuan University",
                  parent: { name: 'Sichuan University' },
                  presentations: { totalCount: 2 },
                },
              ],
            },
          },
        ],
      },
      sichuan: { organisations: { totalCount: 3 } },
    });
  });

  it('Maputo Central Hospital: its director, the event it hosted, its programmes and roles', async () => {
    const data = await api.data(`{
      organisations(filter: { country: "MZ" }) {
        nodes {
          name acronym iatiIdentifier
          people { nodes { name title organisation { acronym } presentations { nodes { role trainingEvent { startDate } } } } }
          hostedTrainingEvents { nodes { startDate } }
          trainingEvents { nodes { startDate } }
          programmes { nodes { title organisations(filter: { roles: [BENEFICIARY] }) { nodes { role organisation { acronym } } } } }
          agreements { totalCount }
          donationsReceived { totalCount }
          sources { nodes { publisher } }
        }
      }
    }`);
    expect(data).toEqual({
      organisations: {
        nodes: [
          {
            name: 'Maputo Central Hospital',
            acronym: 'HCM',
            iatiIdentifier: null,
            people: {
              nodes: [
                {
                  name: 'Mouzinho Saide',
                  title: 'Director',
                  organisation: { acronym: 'HCM' },
                  presentations: {
                    nodes: [{ role: 'SPEAKER', trainingEvent: { startDate: '2020-05-21' } }],
                  },
                },
              ],
            },
            hostedTrainingEvents: { nodes: [{ startDate: '2020-05-21' }] },
            trainingEvents: { nodes: [{ startDate: '2020-05-21' }] },
            programmes: {
              nodes: [
                {
                  title: 'COVID-19 training series by Chinese doctors for Mozambican peers',
                  organisations: {
                    nodes: [{ role: 'BENEFICIARY', organisation: { acronym: 'HCM' } }],
                  },
                },
              ],
            },
            agreements: { totalCount: 0 },
            donationsReceived: { totalCount: 0 },
            sources: { nodes: [{ publisher: 'Xinhua' }] },
          },
        ],
      },
    });
  });

  it('people: the two named in the record, with their organisations', async () => {
    const data = await api.data(`{
      people { totalCount nodes { name title profession organisation { name kind } sources { nodes { publisher } } } }
    }`);
    expect(data).toEqual({
      people: {
        totalCount: 2,
        nodes: [
          {
            name: 'Liu Xiaoguang',
            title: 'Counsellor',
            profession: null,
            organisation: { name: 'Chinese Embassy in Mozambique', kind: 'EMBASSY' },
            sources: { nodes: [{ publisher: 'Xinhua' }] },
          },
          {
            name: 'Mouzinho Saide',
            title: 'Director',
            profession: null,
            organisation: { name: 'Maputo Central Hospital', kind: 'HOSPITAL' },
            sources: { nodes: [{ publisher: 'Xinhua' }] },
          },
        ],
      },
    });
  });

  it('are narrowed by country, subdivision, kind and time of change, all given conditions holding', async () => {
    const count = async (filter: Record<string, unknown>) => {
      const data = await api.data<{ organisations: { totalCount: number } }>(
        'query($filter: OrganisationFilter) { organisations(filter: $filter) { totalCount } }',
        { filter },
      );
      return data.organisations.totalCount;
    };
    expect(await count({ country: 'CN' })).toBe(5);
    expect(await count({ subdivision: 'CN-SC' })).toBe(3);
    expect(await count({ kinds: ['HOSPITAL'] })).toBe(3);
    expect(await count({ kinds: ['HOSPITAL', 'EMBASSY'] })).toBe(4);
    expect(await count({ country: 'UZ', kinds: ['RESEARCH_CENTRE'] })).toBe(1);
    expect(await count({ updatedSince: '2000-01-01T00:00:00Z' })).toBe(9);
    expect(await count({ updatedSince: '2999-01-01T00:00:00Z' })).toBe(0);
    for (const [field, value] of [
      ['country', 'China'],
      ['subdivision', 'CNSC'],
    ]) {
      const result = await api.query(
        'query($filter: OrganisationFilter) { organisations(filter: $filter) { totalCount } }',
        { filter: { [field!]: value } },
      );
      expect(result.errors?.[0]?.extensions?.argument, field).toBe(`filter.${field}`);
    }
  });
});
