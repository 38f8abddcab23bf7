import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

interface EventNode {
  id: string;
  title: string;
  startDate: string | null;
  [field: string]: unknown;
}

const eventFields = `
  id title startDate startDatePrecision format status durationMinutes durationHours
  participantCount locality outcomeSummary
  country { code } subdivision { code name }
  hostOrganisation { name acronym kind country { code } }
  programme { title }
  topics { totalCount nodes { code name } }
  presenters { nodes { role profession person { name title } organisation { name subdivision { code } } } }
  participatingOrganisations { nodes { role organisation { name } } }
  participantGroups { nodes { category description count } }
  sources { nodes { title publisher publishedOn kind } }
`;

async function eventsIn(subdivision: string, from: string, to: string) {
  const data = await api.data<{ trainingEvents: { totalCount: number; nodes: EventNode[] } }>(
    `query($filter: TrainingEventFilter) {
      trainingEvents(filter: $filter) { totalCount nodes { ${eventFields} } }
    }`,
    { filter: { subdivisions: [subdivision], startDate: { from, to } } },
  );
  return data.trainingEvents;
}

describe('the Karshi seminar (February 2024)', () => {
  it('is the one event held in UZ-QA in 2024, with 30 specialists trained', async () => {
    const events = await eventsIn('UZ-QA', '2024-01-01', '2024-12-31');
    expect(events.totalCount).toBe(1);
    const { id, ...seminar } = events.nodes[0]!;
    expect(id).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(seminar).toEqual({
      title: 'Seminar in Karshi on obstetrics and reducing maternal mortality',
      startDate: '2024-02-01',
      startDatePrecision: 'MONTH',
      format: 'IN_PERSON',
      status: 'COMPLETED',
      durationMinutes: null,
      durationHours: null,
      participantCount: 30,
      locality: 'Karshi',
      outcomeSummary: null,
      country: { code: 'UZ' },
      subdivision: { code: 'UZ-QA', name: 'Qashqadaryo' },
      hostOrganisation: {
        name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
        acronym: null,
        kind: 'RESEARCH_CENTRE',
        country: { code: 'UZ' },
      },
      programme: {
        title:
          'Training seminars with international experts in regions with high maternal and child mortality',
      },
      topics: {
        totalCount: 2,
        nodes: [
          { code: 'maternal-mortality-reduction', name: 'Reducing maternal mortality' },
          { code: 'obstetrics', name: 'Obstetrics' },
        ],
      },
      presenters: {
        nodes: [
          {
            role: 'EXPERT',
            profession: null,
            person: null,
            organisation: {
              name: 'Republican Scientific and Practical Center "Mother and Child"',
              subdivision: { code: 'BY-HM' },
            },
          },
        ],
      },
      participatingOrganisations: {
        nodes: [
          { role: 'ACCOUNTABLE', organisation: { name: 'Ministry of Health of Uzbekistan' } },
          {
            role: 'IMPLEMENTING',
            organisation: { name: 'Republican Scientific and Practical Center "Mother and Child"' },
          },
          {
            role: 'HOST',
            organisation: {
              name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
            },
          },
        ],
      },
      participantGroups: {
        nodes: [
          {
            category: 'MEDICAL_SPECIALIST',
            description: 'Specialists from various regions',
            count: 30,
          },
        ],
      },
      sources: {
        nodes: [
          {
            title:
              "Uzbekistan's Leap Forward: International Collaboration to Improve Maternal and Child Health",
            publisher: null,
            publishedOn: '2024-02-08',
            kind: 'NEWS_ARTICLE',
          },
        ],
      },
    });
  });

  it('brought experts from Belarus: the institutions of Belarus that sent presenters', async () => {
    const data = await api.data<{
      organisations: { nodes: Array<{ name: string; presentations: { nodes: unknown[] } }> };
    }>(`{
      organisations(filter: { country: "BY" }) {
        nodes { name presentations { nodes { role trainingEvent { locality startDate } } } }
      }
    }`);
    expect(data.organisations.nodes).toEqual([
      {
        name: 'Republican Scientific and Practical Center "Mother and Child"',
        presentations: {
          nodes: [
            { role: 'EXPERT', trainingEvent: { locality: 'Karshi', startDate: '2024-02-01' } },
          ],
        },
      },
    ]);
  });
});

describe('the Maputo teleconference of 21 May 2020', () => {
  it('lasted two hours, trained 23 specialists at Maputo Central Hospital, with presenters from Sichuan', async () => {
    const events = await eventsIn('MZ-MPM', '2020-05-21', '2020-05-21');
    expect(events.totalCount).toBe(1);
    const { id: _id, ...session } = events.nodes[0]!;
    expect(session).toEqual({
      title:
        'COVID-19 among pregnant women and children: teleconference at Maputo Central Hospital',
      startDate: '2020-05-21',
      startDatePrecision: 'DAY',
      format: 'TELECONFERENCE',
      status: 'COMPLETED',
      durationMinutes: 120,
      durationHours: 2,
      participantCount: 23,
      locality: 'Maputo',
      outcomeSummary:
        'The hospital director, Mouzinho Saide, said the series of online training had yielded very positive and visible results, allowing the hospital’s doctors to improve treatment and management protocols for patients in the context of the pandemic.',
      country: { code: 'MZ' },
      subdivision: { code: 'MZ-MPM', name: 'Maputo' },
      hostOrganisation: {
        name: 'Maputo Central Hospital',
        acronym: 'HCM',
        kind: 'HOSPITAL',
        country: { code: 'MZ' },
      },
      programme: { title: 'COVID-19 training series by Chinese doctors for Mozambican peers' },
      topics: {
        totalCount: 2,
        nodes: [
          {
            code: 'covid-19-in-children',
            name: 'Preventing and treating novel coronavirus infection in children',
          },
          {
            code: 'covid-19-perinatal-management',
            name: 'Classified management of pregnant women throughout the perinatal period in the epidemic',
          },
        ],
      },
      presenters: {
        nodes: [
          {
            role: 'EXPERT',
            profession: 'Obstetrician',
            person: null,
            organisation: {
              name: "West China Women's and Children's Hospital of Sichuan University",
              subdivision: { code: 'CN-SC' },
            },
          },
          {
            role: 'EXPERT',
            profession: 'Pediatrician',
            person: null,
            organisation: {
              name: "West China Women's and Children's Hospital of Sichuan University",
              subdivision: { code: 'CN-SC' },
            },
          },
          {
            role: 'SPEAKER',
            profession: null,
            person: { name: 'Mouzinho Saide', title: 'Director' },
            organisation: { name: 'Maputo Central Hospital', subdivision: { code: 'MZ-MPM' } },
          },
          {
            role: 'SPEAKER',
            profession: null,
            person: { name: 'Liu Xiaoguang', title: 'Counsellor' },
            organisation: { name: 'Chinese Embassy in Mozambique', subdivision: null },
          },
        ],
      },
      participatingOrganisations: {
        nodes: [
          { role: 'EXTENDING', organisation: { name: '22nd Chinese medical team to Mozambique' } },
          {
            role: 'IMPLEMENTING',
            organisation: {
              name: "West China Women's and Children's Hospital of Sichuan University",
            },
          },
          { role: 'HOST', organisation: { name: 'Maputo Central Hospital' } },
        ],
      },
      participantGroups: {
        nodes: [
          { category: 'MEDICAL_SPECIALIST', description: 'Local medical specialists', count: 23 },
        ],
      },
      sources: {
        nodes: [
          {
            title:
              'Chinese obstetricians and pediatricians share experience with Mozambican doctors on COVID-19 through a teleconference at Maputo Central Hospital',
            publisher: 'Xinhua',
            publishedOn: '2020-05-22',
            kind: 'NEWS_ARTICLE',
          },
        ],
      },
    });
  });

  it('belongs to a series whose earlier session was on 24 April 2020 with West China Hospital', async () => {
    const data = await api.data<{
      trainingEvents: { nodes: Array<{ programme: { trainingEvents: unknown } }> };
    }>(`{
      trainingEvents(filter: { subdivisions: ["MZ-MPM"] }) {
        nodes {
          programme {
            trainingEvents(orderBy: { field: START_DATE, direction: ASC }) {
              totalCount
              nodes {
                startDate format
                topics { nodes { code } }
                presenters { nodes { organisation { name parent { name } } } }
                sources { nodes { publisher } }
              }
            }
          }
        }
      }
    }`);
    expect(data.trainingEvents.nodes[0]!.programme.trainingEvents).toEqual({
      totalCount: 2,
      nodes: [
        {
          startDate: '2020-04-24',
          format: 'TELECONFERENCE',
          topics: { nodes: [{ code: 'covid-19-prevention-and-diagnosis' }] },
          presenters: {
            nodes: [
              {
                organisation: {
                  name: 'West China Hospital of Sichuan University',
                  parent: { name: 'Sichuan University' },
                },
              },
            ],
          },
          sources: { nodes: [{ publisher: "People's Daily Online" }] },
        },
        {
          startDate: '2020-05-21',
          format: 'TELECONFERENCE',
          topics: {
            nodes: [{ code: 'covid-19-in-children' }, { code: 'covid-19-perinatal-management' }],
          },
          presenters: {
            nodes: [
              {
                organisation: {
                  name: "West China Women's and Children's Hospital of Sichuan University",
                  parent: { name: 'Sichuan University' },
                },
              },
              {
                organisation: {
                  name: "West China Women's and Children's Hospital of Sichuan University",
                  parent: { name: 'Sichuan University' },
                },
              },
              { organisation: { name: 'Maputo Central Hospital', parent: null } },
              { organisation: { name: 'Chinese Embassy in Mozambique', parent: null } },
            ],
          },
          sources: { nodes: [{ publisher: 'Xinhua' }] },
        },
      ],
    });
  });
});

describe('the planned seminars', () => {
  it('are four, in Uzbekistan, in regions not yet named and without dates', async () => {
    const data = await api.data(`{
      trainingEvents(
        filter: { countries: ["UZ"], statuses: [PLANNED], hasSubdivision: false }
        orderBy: { field: TITLE, direction: ASC }
      ) {
        totalCount
        nodes { title status format startDate subdivision { code } programme { title } topics { nodes { code } } }
      }
    }`);
    const planned = (n: number) => ({
      title: `Planned seminar with international experts in an additional region (${n} of 4)`,
      status: 'PLANNED',
      format: 'IN_PERSON',
      startDate: null,
      subdivision: null,
      programme: {
        title:
          'Training seminars with international experts in regions with high maternal and child mortality',
      },
      topics: { nodes: [{ code: 'maternal-mortality-reduction' }, { code: 'obstetrics' }] },
    });
    expect(data).toEqual({
      trainingEvents: { totalCount: 4, nodes: [planned(1), planned(2), planned(3), planned(4)] },
    });
  });
});

describe('filters and orders of training events', () => {
  const titles = async (args: string) => {
    const data = await api.data<{
      trainingEvents: { nodes: Array<{ startDate: string | null; title: string }> };
    }>(`{ trainingEvents(${args}) { nodes { startDate title } } }`);
    return data.trainingEvents.nodes.map((e) => e.startDate ?? 'undated');
  };

  it('sorts newest first by default, undated planned events counting as the latest', async () => {
    expect(await titles('first: 20')).toEqual([
      'undated',
      'undated',
      'undated',
      'undated',
      '2024-02-01',
      '2020-05-21',
      '2020-04-24',
    ]);
  });

  it('filters by format, status, country, topic subtree, host and programme', async () => {
    expect(await titles('filter: { formats: [TELECONFERENCE] }')).toEqual([
      '2020-05-21',
      '2020-04-24',
    ]);
    expect(await titles('filter: { statuses: [COMPLETED], countries: ["UZ"] }')).toEqual([
      '2024-02-01',
    ]);
    expect(await titles('filter: { topics: ["covid-19"] }')).toEqual(['2020-05-21', '2020-04-24']);
    expect(
      await titles('filter: { topics: ["maternal-and-child-health"], statuses: [COMPLETED] }'),
    ).toEqual(['2024-02-01']);
    expect(await titles('filter: { countries: [] }')).toEqual([]);
    expect(
      await titles('orderBy: { field: PARTICIPANT_COUNT, direction: DESC }, first: 3'),
    ).toEqual(['2024-02-01', '2020-05-21', 'undated']);

    const ids = await api.data<{
      organisation: { edges: Array<{ node: { id: string } }> };
      programme: { edges: Array<{ node: { id: string } }> };
    }>(`{
      organisation: organisations(filter: { country: "MZ" }) { edges { node { id } } }
      programme: programmes(filter: { targetSubdivision: "UZ-QA" }) { edges { node { id } } }
    }`);
    const hospital = ids.organisation.edges[0]!.node.id;
    const programme = ids.programme.edges[0]!.node.id;
    expect(await titles(`filter: { hostOrganisations: ["${hospital}"] }`)).toEqual(['2020-05-21']);
    expect(await titles(`filter: { participatingOrganisations: ["${hospital}"] }`)).toEqual([
      '2020-05-21',
    ]);
    expect(await titles(`filter: { programmes: ["${programme}"], hasSubdivision: true }`)).toEqual([
      '2024-02-01',
    ]);
  });

  it('refuses a date range that ends before it starts, naming the argument', async () => {
    const result = await api.query(
      '{ trainingEvents(filter: { startDate: { from: "2024-12-31", to: "2024-01-01" } }) { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.startDate',
    });
    expect(result.errors?.[0]?.message).toBe(
      '`filter.startDate` ends (2024-01-01) before it starts (2024-12-31); swap `from` and `to`.',
    );
  });

  it('refuses a date that is not on the calendar, written in the query or sent as a variable', async () => {
    const literal = await api.query(
      '{ trainingEvents(filter: { startDate: { from: "2024-02-30" } }) { totalCount } }',
    );
    expect(literal.data).toBeUndefined();
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors?.[0]?.message).toBe(
      'Expected a calendar date written as YYYY-MM-DD, got "2024-02-30".',
    );
    const variable = await api.query(
      'query($from: Date) { trainingEvents(filter: { startDate: { from: $from } }) { totalCount } }',
      { from: '2024-02-30' },
    );
    expect(variable.data).toBeUndefined();
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toBe(
      'Variable "$from" got invalid value "2024-02-30"; Expected a calendar date written as YYYY-MM-DD, got "2024-02-30".',
    );
  });

  it('refuses an ID of another type where an organisation is expected', async () => {
    const data = await api.data<{ programmes: { nodes: Array<{ id: string }> } }>(
      '{ programmes(first: 1) { nodes { id } } }',
    );
    const result = await api.query(
      `{ trainingEvents(filter: { hostOrganisations: ["${data.programmes.nodes[0]!.id}"] }) { totalCount } }`,
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'INVALID_ID',
      argument: 'filter.hostOrganisations',
    });
    expect(result.errors?.[0]?.message).toBe(
      '`filter.hostOrganisations` must be the ID of an Organisation; this one names a Programme.',
    );
  });
});
