import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('training statistics', () => {
  it('total the seed: 7 events, 53 participants, 2 hours given and 46 received', async () => {
    const data = await api.data(
      '{ trainingStatistics { eventCount participantCount trainingHours participantHours groups { eventCount } } }',
    );
    expect(data).toEqual({
      trainingStatistics: {
        eventCount: 7,
        participantCount: 53,
        trainingHours: 2,
        participantHours: 46,
        groups: [],
      },
    });
  });

  it('group by country and year, largest first', async () => {
    const data = await api.data(`{
      trainingStatistics(groupBy: [COUNTRY, YEAR]) {
        groups { country { code } year subdivision { code } eventCount participantCount trainingHours participantHours }
      }
    }`);
    expect(data).toEqual({
      trainingStatistics: {
        groups: [
          {
            country: { code: 'UZ' },
            year: null,
            subdivision: null,
            eventCount: 4,
            participantCount: 0,
            trainingHours: 0,
            participantHours: 0,
          },
          {
            country: { code: 'MZ' },
            year: 2020,
            subdivision: null,
            eventCount: 2,
            participantCount: 23,
            trainingHours: 2,
            participantHours: 46,
          },
          {
            country: { code: 'UZ' },
            year: 2024,
            subdivision: null,
            eventCount: 1,
            participantCount: 30,
            trainingHours: 0,
            participantHours: 0,
          },
        ],
      },
    });
  });

  it('group completed events by topic, subdivision, format, programme and status, with the same filters as lists', async () => {
    const data = await api.data<{ byTopic: { groups: Array<{ topic: { code: string } }> } }>(`{
      byTopic: trainingStatistics(filter: { statuses: [COMPLETED] }, groupBy: [TOPIC]) {
        eventCount groups { topic { code } eventCount participantCount }
      }
      bySubdivision: trainingStatistics(filter: { statuses: [COMPLETED] }, groupBy: [SUBDIVISION, FORMAT]) {
        groups { subdivision { code } format eventCount participantCount }
      }
      byProgramme: trainingStatistics(groupBy: [PROGRAMME, STATUS]) {
        groups { programme { title } status eventCount }
      }
      qa2024: trainingStatistics(filter: { subdivisions: ["UZ-QA"], startDate: { from: "2024-01-01", to: "2024-12-31" } }) {
        eventCount participantCount
      }
    }`);
    // Groups of equal size come in a stable order of their keys; compare them by topic code.
    data.byTopic.groups.sort((a, b) => a.topic.code.localeCompare(b.topic.code));
    expect(data).toEqual({
      byTopic: {
        eventCount: 3,
        groups: [
          { topic: { code: 'covid-19-in-children' }, eventCount: 1, participantCount: 23 },
          { topic: { code: 'covid-19-perinatal-management' }, eventCount: 1, participantCount: 23 },
          {
            topic: { code: 'covid-19-prevention-and-diagnosis' },
            eventCount: 1,
            participantCount: 0,
          },
          { topic: { code: 'maternal-mortality-reduction' }, eventCount: 1, participantCount: 30 },
          { topic: { code: 'obstetrics' }, eventCount: 1, participantCount: 30 },
        ],
      },
      bySubdivision: {
        groups: [
          {
            subdivision: { code: 'MZ-MPM' },
            format: 'TELECONFERENCE',
            eventCount: 1,
            participantCount: 23,
          },
          {
            subdivision: { code: 'UZ-QA' },
            format: 'IN_PERSON',
            eventCount: 1,
            participantCount: 30,
          },
          { subdivision: null, format: 'TELECONFERENCE', eventCount: 1, participantCount: 0 },
        ],
      },
      byProgramme: {
        groups: [
          {
            programme: {
              title:
                'Training seminars with international experts in regions with high maternal and child mortality',
            },
            status: 'PLANNED',
            eventCount: 4,
          },
          {
            programme: {
              title: 'COVID-19 training series by Chinese doctors for Mozambican peers',
            },
            status: 'COMPLETED',
            eventCount: 2,
          },
          {
            programme: {
              title:
                'Training seminars with international experts in regions with high maternal and child mortality',
            },
            status: 'COMPLETED',
            eventCount: 1,
          },
        ],
      },
      qa2024: { eventCount: 1, participantCount: 30 },
    });
  });

  it('answer filters the kept totals cannot see from the events themselves', async () => {
    const ids = await api.data<{
      programmes: { nodes: Array<{ id: string; title: string }> };
      organisations: { nodes: Array<{ id: string; name: string }> };
    }>(
      '{ programmes(first: 50) { nodes { id title } } organisations(first: 50) { nodes { id name } } }',
    );
    const covidSeries = ids.programmes.nodes.find((p) =>
      p.title.startsWith('COVID-19 training'),
    )!.id;
    const maputo = ids.organisations.nodes.find((o) => o.name === 'Maputo Central Hospital')!.id;
    // The totals are kept by country, subdivision, year, format and status only: answered from
    // them, each filter below would count all seven events (UZ 5, MZ 2).
    const statistics =
      'eventCount participantCount groups { country { code } eventCount participantCount trainingHours participantHours }';
    const data = await api.data(
      `query($covidSeries: ID!, $maputo: ID!) {
        topic: trainingStatistics(filter: { topics: ["covid-19-in-children"] }, groupBy: [COUNTRY]) { ${statistics} }
        programme: trainingStatistics(filter: { programmes: [$covidSeries] }, groupBy: [COUNTRY]) { ${statistics} }
        host: trainingStatistics(filter: { hostOrganisations: [$maputo] }, groupBy: [COUNTRY]) { ${statistics} }
        participant: trainingStatistics(filter: { participatingOrganisations: [$maputo] }, groupBy: [COUNTRY]) { ${statistics} }
        search: trainingStatistics(filter: { search: "West China" }, groupBy: [COUNTRY]) { ${statistics} }
        changedLater: trainingStatistics(filter: { updatedSince: "2999-01-01T00:00:00Z" }, groupBy: [COUNTRY]) { ${statistics} }
        fromMay2020: trainingStatistics(filter: { startDate: { from: "2020-05-01", to: "2020-12-31" } }, groupBy: [COUNTRY]) { ${statistics} }
        beforeMay2020: trainingStatistics(filter: { startDate: { from: "2020-01-01", to: "2020-04-30" } }, groupBy: [COUNTRY]) { ${statistics} }
      }`,
      { covidSeries, maputo },
    );
    // The teleconference of 21 May 2020 at Maputo Central Hospital: 23 doctors, two hours.
    const maputoTeleconference = {
      eventCount: 1,
      participantCount: 23,
      groups: [
        {
          country: { code: 'MZ' },
          eventCount: 1,
          participantCount: 23,
          trainingHours: 2,
          participantHours: 46,
        },
      ],
    };
    // The teleconference of April 2020 with West China Hospital, which gave no numbers.
    const westChinaTeleconference = {
      eventCount: 1,
      participantCount: 0,
      groups: [
        {
          country: { code: 'MZ' },
          eventCount: 1,
          participantCount: 0,
          trainingHours: 0,
          participantHours: 0,
        },
      ],
    };
    expect(data).toEqual({
      topic: maputoTeleconference,
      programme: {
        eventCount: 2,
        participantCount: 23,
        groups: [
          {
            country: { code: 'MZ' },
            eventCount: 2,
            participantCount: 23,
            trainingHours: 2,
            participantHours: 46,
          },
        ],
      },
      host: maputoTeleconference,
      participant: maputoTeleconference,
      search: westChinaTeleconference,
      changedLater: { eventCount: 0, participantCount: 0, groups: [] },
      fromMay2020: maputoTeleconference,
      beforeMay2020: westChinaTeleconference,
    });
  });

  it('refuse more than 1000 groups', async () => {
    const result = await api.query(
      '{ trainingStatistics(groupBy: [COUNTRY], limit: 5000) { eventCount } }',
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'limit',
      max: 1000,
    });
  });

  it('give no groups without groupBy, and the largest groups up to the limit, from the events too', async () => {
    // A topic filter is answered from the events themselves, never from the kept totals.
    const data = await api.data(`{
      none: trainingStatistics(filter: { topics: ["obstetrics"] }) { eventCount groups { eventCount } }
      top: trainingStatistics(filter: { updatedSince: "2000-01-01T00:00:00Z" }, groupBy: [COUNTRY], limit: 1) {
        eventCount groups { country { code } eventCount }
      }
      twice: trainingStatistics(filter: { updatedSince: "2000-01-01T00:00:00Z" }, groupBy: [COUNTRY, COUNTRY]) {
        groups { country { code } eventCount }
      }
    }`);
    expect(data).toEqual({
      none: { eventCount: 5, groups: [] },
      top: { eventCount: 7, groups: [{ country: { code: 'UZ' }, eventCount: 5 }] },
      twice: {
        groups: [
          { country: { code: 'UZ' }, eventCount: 5 },
          { country: { code: 'MZ' }, eventCount: 2 },
        ],
      },
    });
  });

  it('take 1 to 1000 groups and refuse 0 or 1001, saying what to do', async () => {
    for (const limit of [1, 1000]) {
      const result = await api.query(
        `{ trainingStatistics(groupBy: [YEAR], limit: ${limit}) { eventCount } }`,
      );
      expect(result.errors, `limit ${limit}`).toBeUndefined();
    }
    for (const limit of [0, 1001]) {
      const result = await api.query(
        `{ trainingStatistics(groupBy: [YEAR], limit: ${limit}) { eventCount } }`,
      );
      expect(result.errors?.[0]?.message).toBe(
        `\`limit\` must be between 1 and 1000; got ${limit}. Narrow the filter for fewer groups.`,
      );
    }
  });

  it('read the kept totals only for date ranges of whole years', async () => {
    const readsTotals = async (startDate: Record<string, string>) => {
      api.resetStatements();
      await api.data(
        'query($startDate: DateRange) { trainingStatistics(filter: { startDate: $startDate }) { eventCount } }',
        { startDate },
      );
      return api.statements().some((s) => /training_event_(country_)?rollup/.test(s));
    };
    expect(await readsTotals({ from: '2020-01-01', to: '2024-12-31' })).toBe(true);
    expect(await readsTotals({ from: '2020-01-01' })).toBe(true);
    expect(await readsTotals({ to: '2024-12-31' })).toBe(true);
    expect(await readsTotals({ from: '2020-01-02', to: '2024-12-31' })).toBe(false);
    expect(await readsTotals({ from: '2020-01-01', to: '2024-12-30' })).toBe(false);
    expect(await readsTotals({ to: '2024-01-01' })).toBe(false);
    expect(await readsTotals({ from: '2020-12-31' })).toBe(false);
  });
});
