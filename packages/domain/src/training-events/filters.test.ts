import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

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

  it('keeps events that start on the first or the last day of the range', async () => {
    expect(await titles('filter: { startDate: { from: "2020-05-21", to: "2020-05-21" } }')).toEqual(
      ['2020-05-21'],
    );
    expect(await titles('filter: { startDate: { from: "2020-04-24", to: "2020-05-21" } }')).toEqual(
      ['2020-05-21', '2020-04-24'],
    );
    expect(await titles('filter: { startDate: { from: "2020-04-25", to: "2020-05-20" } }')).toEqual(
      [],
    );
    // A range open at one end.
    expect(await titles('filter: { startDate: { from: "2024-02-01" } }')).toEqual(['2024-02-01']);
    expect(await titles('filter: { startDate: { to: "2020-04-24" } }')).toEqual(['2020-04-24']);
  });

  it('names the list field a bad value was given in, on the list and on its statistics', async () => {
    const ids = await api.data<{
      programmes: { nodes: Array<{ id: string }> };
      organisations: { nodes: Array<{ id: string }> };
    }>('{ programmes(first: 1) { nodes { id } } organisations(first: 1) { nodes { id } } }');
    const programme = ids.programmes.nodes[0]!.id;
    const organisation = ids.organisations.nodes[0]!.id;
    const bad: Record<string, unknown> = {
      countries: ['Mozambique'],
      subdivisions: ['UZQA'],
      hostOrganisations: [programme],
      participatingOrganisations: [programme],
      programmes: [organisation],
      topics: ['Not a topic'],
      search: 'x'.repeat(201),
      // Whole years, which the kept totals would answer, but the wrong way round.
      startDate: { from: '2024-01-01', to: '2020-12-31' },
    };
    for (const [field, values] of Object.entries(bad)) {
      const filter = { [field]: values };
      const list = await api.query(
        'query($filter: TrainingEventFilter) { trainingEvents(filter: $filter) { totalCount } }',
        { filter },
      );
      expect(list.errors?.[0]?.extensions?.argument, `trainingEvents ${field}`).toBe(
        `filter.${field}`,
      );
      const statistics = await api.query(
        'query($filter: TrainingEventFilter) { trainingStatistics(filter: $filter) { eventCount } }',
        { filter },
      );
      expect(statistics.errors?.[0]?.extensions?.argument, `trainingStatistics ${field}`).toBe(
        `filter.${field}`,
      );
    }
  });
});
