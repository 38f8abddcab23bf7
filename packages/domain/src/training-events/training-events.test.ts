import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
