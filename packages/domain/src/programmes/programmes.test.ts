import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('programmes', () => {
  it('the Uzbek regional seminars: organisations, target subdivision, targets, DAC purpose codes, events and agreement', async () => {
    const data = await api.data(`{
      programmes(filter: { targetSubdivision: "UZ-QA" }) {
        nodes {
          title status iatiStatusCode startDate startDatePrecision endDate
          agreement { title }
          dacPurposeCodes { nodes { code name } }
          sectors { nodes { code name } }
          organisations { nodes { role organisation { name } } }
          targetSubdivisions { nodes { subdivision { code } rationale } }
          targets { nodes { metric description baselineValue targetValue reportedValue subdivision { code } programme { startDate } } }
          trainingEvents(filter: { statuses: [COMPLETED] }) { totalCount nodes { locality } }
          planned: trainingEvents(filter: { statuses: [PLANNED] }) { totalCount }
          donations { totalCount }
        }
      }
    }`);
    expect(data).toEqual({
      programmes: {
        nodes: [
          {
            title:
              'Training seminars with international experts in regions with high maternal and child mortality',
            status: 'IMPLEMENTATION',
            iatiStatusCode: 2,
            startDate: '2024-02-01',
            startDatePrecision: 'MONTH',
            endDate: null,
            agreement: {
              title: 'Agreement on healthcare cooperation between Uzbekistan and Belarus',
            },
            dacPurposeCodes: {
              nodes: [
                { code: 12281, name: 'Health personnel development' },
                { code: 13020, name: 'Reproductive health care' },
              ],
            },
            // The old name, kept (deprecated) for clients written against it.
            sectors: {
              nodes: [
                { code: 12281, name: 'Health personnel development' },
                { code: 13020, name: 'Reproductive health care' },
              ],
            },
            organisations: {
              // By role in IATI's order (funding, accountable, extending, implementing, ...),
              // then in a stable order (by id).
              nodes: [
                { role: 'ACCOUNTABLE', organisation: { name: 'Ministry of Health of Uzbekistan' } },
                {
                  role: 'IMPLEMENTING',
                  organisation: {
                    name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
                  },
                },
                {
                  role: 'IMPLEMENTING',
                  organisation: {
                    name: 'Republican Scientific and Practical Center "Mother and Child"',
                  },
                },
              ],
            },
            targetSubdivisions: {
              nodes: [
                {
                  subdivision: { code: 'UZ-QA' },
                  rationale:
                    'Region with high maternal and child mortality; first seminar held in Karshi.',
                },
              ],
            },
            targets: {
              nodes: [
                {
                  metric: 'EVENTS_HELD',
                  description:
                    'Seminars with international experts in five regions: Karshi and four more',
                  baselineValue: 0,
                  targetValue: 5,
                  reportedValue: null,
                  subdivision: null,
                  programme: { startDate: '2024-02-01' },
                },
                expect.objectContaining({
                  metric: 'MIDWIVES_TRAINED',
                  description: 'Train midwives in advanced reproductive health technologies',
                  targetValue: null,
                }),
                expect.objectContaining({
                  metric: 'FACILITIES_UPGRADED',
                  description: 'Upgrade maternity facilities with modern medical equipment',
                  targetValue: null,
                }),
                expect.objectContaining({
                  metric: 'OTHER',
                  description: 'Involve foreign experts in managing perinatal centres',
                  targetValue: null,
                }),
              ],
            },
            trainingEvents: { totalCount: 1, nodes: [{ locality: 'Karshi' }] },
            planned: { totalCount: 4 },
            donations: { totalCount: 0 },
          },
        ],
      },
    });
  });

  it('names the organisations of the COVID-19 series in the order of their IATI roles', async () => {
    const data = await api.data(`{
      programmes(filter: { search: "COVID-19 training series" }) {
        nodes { organisations { nodes { role organisation { name } } } }
      }
    }`);
    const taking = (role: string, name: string) => ({ role, organisation: { name } });
    expect(data).toEqual({
      programmes: {
        nodes: [
          {
            organisations: {
              nodes: [
                taking('EXTENDING', '22nd Chinese medical team to Mozambique'),
                taking(
                  'IMPLEMENTING',
                  "West China Women's and Children's Hospital of Sichuan University",
                ),
                taking('IMPLEMENTING', 'West China Hospital of Sichuan University'),
                taking('BENEFICIARY', 'Maputo Central Hospital'),
              ],
            },
          },
        ],
      },
    });
  });

  it('lists both programmes, newest first, and finds targets by metric and region', async () => {
    const data = await api.data(`{
      programmes { totalCount nodes { title } }
      targets(metric: MIDWIVES_TRAINED) { totalCount }
      qa: subdivision(code: "UZ-QA") { targetingProgrammes { totalCount } targets { totalCount } trainingEvents { totalCount } }
    }`);
    expect(data).toEqual({
      programmes: {
        totalCount: 2,
        nodes: [
          {
            title:
              'Training seminars with international experts in regions with high maternal and child mortality',
          },
          { title: 'COVID-19 training series by Chinese doctors for Mozambican peers' },
        ],
      },
      targets: { totalCount: 1 },
      qa: {
        targetingProgrammes: { totalCount: 1 },
        targets: { totalCount: 0 },
        trainingEvents: { totalCount: 1 },
      },
    });
  });

  it('are narrowed by status, targeted subdivision, words and time of change', async () => {
    const count = async (filter: Record<string, unknown>) => {
      const data = await api.data<{ programmes: { totalCount: number } }>(
        'query($filter: ProgrammeFilter) { programmes(filter: $filter) { totalCount } }',
        { filter },
      );
      return data.programmes.totalCount;
    };
    expect(await count({})).toBe(2);
    expect(await count({ statuses: ['IMPLEMENTATION'] })).toBe(2);
    expect(await count({ statuses: ['PIPELINE', 'IMPLEMENTATION'] })).toBe(2);
    expect(await count({ statuses: ['PIPELINE'] })).toBe(0);
    expect(await count({ targetSubdivision: 'UZ-QA' })).toBe(1);
    expect(await count({ targetSubdivision: 'UZ-QA', statuses: ['PIPELINE'] })).toBe(0);
    expect(await count({ search: 'Mozambican' })).toBe(1);
    expect(await count({ updatedSince: '2000-01-01T00:00:00Z' })).toBe(2);
    expect(await count({ updatedSince: '2999-01-01T00:00:00Z' })).toBe(0);
    const result = await api.query(
      '{ programmes(filter: { targetSubdivision: "UZQA" }) { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions?.argument).toBe('filter.targetSubdivision');
  });
});
