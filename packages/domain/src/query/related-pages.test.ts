import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

interface Page {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  nodes: Array<{ code: string }>;
}

const SCHEDULE = `mutation($input: ScheduleTrainingEventInput!) {
  scheduleTrainingEvent(input: $input) {
    ... on TrainingEventPayload { trainingEvent { id } }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

/** The topics of the two events below, a page per event, with the same arguments for both. */
const topicsOf = async (args: string) => {
  const answer = await api.data<{
    trainingEvents: { nodes: Array<{ title: string; topics: Page }> };
  }>(`{
    trainingEvents(filter: { search: "topicpaging" }, orderBy: { field: TITLE, direction: ASC }) {
      nodes {
        title
        topics(${args}) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          nodes { code }
        }
      }
    }
  }`);
  return answer.trainingEvents.nodes;
};
const codes = (page: Page) => page.nodes.map((node) => node.code);

// An event's topics are read for all events of a page at once and numbered per event; paged
// every way, each event's page must be the slice of its own topics in code order.
describe('an event’s topics, paged for all events at once', () => {
  let alpha: string[];
  let beta: string[];

  beforeAll(async () => {
    const all = await api.data<{ topics: { nodes: Array<{ code: string }> } }>(
      '{ topics(first: 100) { nodes { code } } }',
    );
    const inOrder = all.topics.nodes.map((node) => node.code);
    expect(inOrder.length).toBeGreaterThanOrEqual(7);
    // Topics picked out of order, so that the list's order is the database's, not the input's.
    const alphaTopics = [inOrder[5]!, inOrder[0]!, inOrder[3]!, inOrder[1]!];
    const betaTopics = [inOrder[6]!, inOrder[2]!, inOrder[4]!];
    for (const [title, topics] of [
      ['Topicpaging alpha seminar', alphaTopics],
      ['Topicpaging beta seminar', betaTopics],
    ] as const) {
      const written = await api.data<{ scheduleTrainingEvent: { trainingEvent?: unknown } }>(
        SCHEDULE,
        { input: { title, format: 'IN_PERSON', country: 'MZ', topics } },
        { token: api.tokens.editor },
      );
      expect(written.scheduleTrainingEvent.trainingEvent).toBeDefined();
    }
    alpha = inOrder.filter((code) => alphaTopics.includes(code));
    beta = inOrder.filter((code) => betaTopics.includes(code));
  });

  it('give each event the first page of its own topics, in code order', async () => {
    const [a, b] = await topicsOf('first: 2');
    expect([a!.title, b!.title]).toEqual(['Topicpaging alpha seminar', 'Topicpaging beta seminar']);
    expect(codes(a!.topics)).toEqual(alpha.slice(0, 2));
    expect(codes(b!.topics)).toEqual(beta.slice(0, 2));
    expect([a!.topics.totalCount, b!.topics.totalCount]).toEqual([4, 3]);
    expect(a!.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(b!.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const [wholeA, wholeB] = await topicsOf('first: 10');
    expect(codes(wholeA!.topics)).toEqual(alpha);
    expect(codes(wholeB!.topics)).toEqual(beta);
    expect(wholeA!.topics.pageInfo.hasNextPage).toBe(false);
  });

  it('go on after a cursor and back before one', async () => {
    const [first] = await topicsOf('first: 2');
    const after = first!.topics.pageInfo.endCursor!;
    // The cursor is alpha's second topic; every event's page starts after that code.
    const [a, b] = await topicsOf(`first: 1, after: "${after}"`);
    expect(codes(a!.topics)).toEqual([alpha[2]]);
    expect(a!.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(codes(b!.topics)).toEqual(beta.filter((code) => code > alpha[1]!).slice(0, 1));

    const [lastA, lastB] = await topicsOf('last: 2');
    expect(codes(lastA!.topics)).toEqual(alpha.slice(-2));
    expect(codes(lastB!.topics)).toEqual(beta.slice(-2));
    expect(lastA!.topics.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const before = lastA!.topics.pageInfo.startCursor!;
    const [backA] = await topicsOf(`last: 1, before: "${before}"`);
    expect(codes(backA!.topics)).toEqual([alpha[1]]);
    expect(backA!.topics.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('count without reading a page, and read them all in one statement', async () => {
    const [a, b] = await topicsOf('first: 0');
    expect([codes(a!.topics), a!.topics.totalCount, b!.topics.totalCount]).toEqual([[], 4, 3]);

    api.resetStatements();
    await topicsOf('first: 3');
    const statements = api.statements();
    // The events, their topics, and the topics' counts.
    expect(statements).toHaveLength(3);
    expect(statements.filter((text) => /row_number\(\) over/.test(text))).toHaveLength(1);
  });
});
