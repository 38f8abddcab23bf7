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
});
