import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Training statistics read totals that triggers keep up to date (by country, subdivision, year,
 * format and status) whenever those can answer. Read from them, the answer must be exactly the
 * one worked out from the events themselves.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const STATISTICS = `query($filter: TrainingEventFilter, $groupBy: [TrainingDimension!]) {
  trainingStatistics(filter: $filter, groupBy: $groupBy) {
    eventCount participantCount trainingHours participantHours
    groups { country { code } subdivision { code } year format status eventCount participantCount trainingHours participantHours }
  }
}`;

/** The filters the kept totals can answer, each selecting some of the seed's seven events. */
const filters: Array<Record<string, unknown>> = [
  {},
  { countries: ['MZ'] },
  { subdivisions: ['UZ-QA'] },
  { hasSubdivision: true },
  { hasSubdivision: false },
  { formats: ['TELECONFERENCE'] },
  { statuses: ['PLANNED'] },
  { startDate: { from: '2020-01-01', to: '2020-12-31' } },
  { startDate: { to: '2020-12-31' } },
  { startDate: { from: '2021-01-01' } },
  { countries: ['UZ'], statuses: ['COMPLETED'], startDate: { from: '2024-01-01' } },
  // Conditions sent as null are no conditions: the totals still answer.
  { countries: ['MZ'], topics: null, search: null, programmes: null },
];
const groupings = [[], ['COUNTRY'], ['SUBDIVISION'], ['YEAR', 'FORMAT'], ['STATUS', 'COUNTRY']];

/** The answer from the kept totals (and whether they were read), and from the events. */
async function bothWays(filter: Record<string, unknown>, groupBy: string[]) {
  api.resetStatements();
  const fromTotals = await api.data(STATISTICS, { filter, groupBy });
  const readTotals = api.statements().some((s) => /training_event_(country_)?rollup/.test(s));
  // A time of change cannot be read from the totals; one before the seed keeps every event.
  const fromEvents = await api.data(STATISTICS, {
    filter: { ...filter, updatedSince: '2000-01-01T00:00:00Z' },
    groupBy,
  });
  return { fromTotals, fromEvents, readTotals };
}

describe('training totals kept by the database', () => {
  it('answer like the events themselves, for every filter and grouping they can answer', async () => {
    for (const filter of filters) {
      for (const groupBy of groupings) {
        const label = `${JSON.stringify(filter)} by ${groupBy.join(', ')}`;
        const { fromTotals, fromEvents, readTotals } = await bothWays(filter, groupBy);
        expect(readTotals, label).toBe(true);
        expect(fromTotals, label).toEqual(fromEvents);
      }
    }
  });

  it('give the events without a subdivision in Mozambique and Uzbekistan by format', async () => {
    const data = await api.data(STATISTICS, {
      filter: { hasSubdivision: false },
      groupBy: ['COUNTRY', 'FORMAT'],
    });
    const group = { subdivision: null, year: null, status: null, trainingHours: 0 };
    expect(data).toEqual({
      trainingStatistics: {
        eventCount: 5,
        participantCount: 0,
        trainingHours: 0,
        participantHours: 0,
        groups: [
          {
            ...group,
            country: { code: 'UZ' },
            format: 'IN_PERSON',
            eventCount: 4,
            participantCount: 0,
            participantHours: 0,
          },
          {
            ...group,
            country: { code: 'MZ' },
            format: 'TELECONFERENCE',
            eventCount: 1,
            participantCount: 0,
            participantHours: 0,
          },
        ],
      },
    });
  });

  it('are not read for a grouping they do not keep (topic, programme)', async () => {
    for (const groupBy of [['TOPIC'], ['PROGRAMME'], ['COUNTRY', 'TOPIC']]) {
      api.resetStatements();
      await api.data(
        STATISTICS.replace('groups {', 'groups { topic { code } programme { title }'),
        {
          groupBy,
        },
      );
      expect(api.statements().some((s) => /training_event_(country_)?rollup/.test(s))).toBe(false);
    }
  });

  it('are read by country alone unless a subdivision is grouped by or filtered on', async () => {
    const tablesRead = async (filter: Record<string, unknown> | null, groupBy: string[]) => {
      api.resetStatements();
      await api.data(STATISTICS, { filter, groupBy });
      const statements = api.statements();
      return {
        byCountry: statements.some((s) => /training_event_country_rollup/.test(s)),
        bySubdivision: statements.some((s) => /training_event_rollup/.test(s)),
      };
    };
    const byCountry = { byCountry: true, bySubdivision: false };
    const bySubdivision = { byCountry: false, bySubdivision: true };
    expect(await tablesRead(null, [])).toEqual(byCountry);
    expect(await tablesRead({ countries: ['UZ'] }, ['COUNTRY', 'YEAR'])).toEqual(byCountry);
    expect(await tablesRead(null, ['SUBDIVISION'])).toEqual(bySubdivision);
    expect(await tablesRead({ subdivisions: ['UZ-QA'] }, [])).toEqual(bySubdivision);
    expect(await tablesRead({ hasSubdivision: true }, ['COUNTRY'])).toEqual(bySubdivision);
  });

  it('answer a question without a filter, largest group first and no more groups than the limit', async () => {
    api.resetStatements();
    const data = await api.data(
      `{ all: trainingStatistics(groupBy: [COUNTRY]) { eventCount groups { country { code } eventCount } }
         top: trainingStatistics(groupBy: [COUNTRY], limit: 1) { eventCount groups { country { code } eventCount } }
         unlimited: trainingStatistics(groupBy: [COUNTRY], limit: null) { groups { country { code } } } }`,
    );
    expect(api.statements().some((s) => /training_event_(country_)?rollup/.test(s))).toBe(true);
    expect(api.statements().some((s) => /from "?training_event"?(\s|$)/.test(s))).toBe(false);
    expect(data).toEqual({
      all: {
        eventCount: 7,
        groups: [
          { country: { code: 'UZ' }, eventCount: 5 },
          { country: { code: 'MZ' }, eventCount: 2 },
        ],
      },
      top: { eventCount: 7, groups: [{ country: { code: 'UZ' }, eventCount: 5 }] },
      unlimited: { groups: [{ country: { code: 'UZ' } }, { country: { code: 'MZ' } }] },
    });
  });
});
