import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

interface SearchPage {
  search: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ rank: number; node: { __typename: string; title?: string; name?: string } }>;
  };
}

const search = (variables: Record<string, unknown>) =>
  api.data<SearchPage>(
    `query($query: String!, $types: [SearchableType!], $first: Int, $after: String) {
      search(query: $query, types: $types, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          rank
          node {
            __typename
            ... on TrainingEvent { title }
            ... on Programme { title }
            ... on Agreement { title }
            ... on Organisation { name }
            ... on Person { name }
          }
        }
      }
    }`,
    variables,
  );

const labels = (page: SearchPage) =>
  page.search.edges.map((edge) => `${edge.node.__typename}: ${edge.node.title ?? edge.node.name}`);

describe('full-text search', () => {
  it('ranks the Karshi seminar first for "Karshi", where the word is in its title', async () => {
    const page = await search({ query: 'Karshi' });
    expect(page.search.totalCount).toBe(7);
    expect(labels(page)[0]).toBe(
      'TrainingEvent: Seminar in Karshi on obstetrics and reducing maternal mortality',
    );
    expect(page.search.edges[0]!.rank).toBeGreaterThan(page.search.edges[1]!.rank);
    expect(labels(page).slice(1).sort()).toEqual([
      'Agreement: Agreement on healthcare cooperation between Uzbekistan and Belarus',
      'Programme: Training seminars with international experts in regions with high maternal and child mortality',
      ...[1, 2, 3, 4].map(
        (n) =>
          `TrainingEvent: Planned seminar with international experts in an additional region (${n} of 4)`,
      ),
    ]);
  });

  it('matches words by their stem and ranks a title above a description', async () => {
    const page = await search({ query: 'seminars', types: ['PROGRAMME', 'AGREEMENT'] });
    expect(labels(page)).toEqual([
      'Programme: Training seminars with international experts in regions with high maternal and child mortality',
      'Agreement: Agreement on healthcare cooperation between Uzbekistan and Belarus',
    ]);
    expect(page.search.edges[0]!.rank).toBeGreaterThan(page.search.edges[1]!.rank);
  });

  it('finds organisations by acronym and people by name', async () => {
    expect(labels(await search({ query: 'HCM' }))).toEqual([
      'Organisation: Maputo Central Hospital',
    ]);
    expect(labels(await search({ query: 'Saide', types: ['PERSON'] }))).toEqual([
      'Person: Mouzinho Saide',
    ]);
    expect(labels(await search({ query: '"West China" -Women', types: ['ORGANISATION'] }))).toEqual(
      ['Organisation: West China Hospital of Sichuan University'],
    );
  });

  it('pages through the results with cursors, in rank order, without repeating one', async () => {
    const all = await search({ query: 'Karshi', first: 100 });
    const first = await search({ query: 'Karshi', first: 3 });
    const rest = await search({
      query: 'Karshi',
      first: 10,
      after: first.search.pageInfo.endCursor,
    });
    expect(first.search.pageInfo.hasNextPage).toBe(true);
    expect([...labels(first), ...labels(rest)]).toEqual(labels(all));
    expect(rest.search.pageInfo.hasNextPage).toBe(false);
  });

  it('answers each text from its own plan, with the records as they are now', async () => {
    // One document, several texts: each text's statement is planned the first time and run
    // from its plan afterwards, so a plan must never answer for another text.
    const hcm = labels(await search({ query: 'HCM' }));
    const saide = labels(await search({ query: 'Saide' }));
    expect(labels(await search({ query: 'HCM' }))).toEqual(hcm);
    expect(labels(await search({ query: 'Saide' }))).toEqual(saide);
    expect(hcm).toEqual(['Organisation: Maputo Central Hospital']);
    expect(saide).toEqual([
      'Person: Mouzinho Saide',
      'TrainingEvent: COVID-19 among pregnant women and children: teleconference at Maputo Central Hospital',
    ]);
    await api.database.db
      .insertInto('person')
      .values({ name: 'Amina Saide', title: 'Midwife' })
      .execute();
    const again = await search({ query: 'Saide' });
    expect(labels(again).sort()).toEqual(['Person: Amina Saide', ...saide]);
    expect(again.search.totalCount).toBe(3);
    await api.database.db.deleteFrom('person').where('name', '=', 'Amina Saide').execute();
  });

  it('treats any text as words: quotes, SQL and symbols find nothing rather than fail', async () => {
    for (const query of [
      "'; drop table training_event; --",
      '((((',
      'a & b | !c',
      '\\',
      '"unclosed',
    ]) {
      const page = await search({ query });
      expect(page.search.totalCount).toBe(0);
    }
    const events = await api.data<{ trainingEvents: { totalCount: number } }>(
      '{ trainingEvents { totalCount } }',
    );
    expect(events.trainingEvents.totalCount).toBe(7);
  });

  it('refuses empty search text and an empty list of types gives no results', async () => {
    const empty = await api.query('{ search(query: "   ") { totalCount } }');
    expect(empty.errors?.[0]).toMatchObject({
      message:
        '`query` must hold between 1 and 200 characters of search text, without control characters.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'query' },
    });
    const none = await search({ query: 'Karshi', types: [] });
    expect(none.search.totalCount).toBe(0);
  });

  it('narrows lists by words too: events, organisations, people, programmes, agreements', async () => {
    const data = await api.data(`{
      trainingEvents(filter: { search: "teleconference", countries: ["MZ"] }) { nodes { startDate } }
      organisations(filter: { search: "Sichuan" }) { totalCount }
      people(filter: { search: "counsellor" }) { nodes { name } }
      programmes(filter: { search: "COVID-19" }) { totalCount }
      agreements(filter: { search: "cardiology" }) { totalCount }
    }`);
    expect(data).toEqual({
      trainingEvents: { nodes: [{ startDate: '2020-05-21' }, { startDate: '2020-04-24' }] },
      organisations: { totalCount: 3 },
      people: { nodes: [{ name: 'Liu Xiaoguang' }] },
      programmes: { totalCount: 1 },
      agreements: { totalCount: 0 },
    });
  });
});
