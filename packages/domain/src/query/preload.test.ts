import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

// `@include(if: true)` changes nothing in the answer, but a list under a directive is loaded by
// its own field, one parent at a time through a loader, never preloaded: the two must agree.
const organisations = (directive: string) => `query($first: Int, $people: Int) {
  organisations(first: $first) {
    nodes {
      name
      people(first: $people) ${directive} { nodes { name } }
      hostedTrainingEvents(first: 2) ${directive} {
        totalCount
        nodes { title topics(first: 2) ${directive} { nodes { code } } }
      }
    }
  }
}`;
const preloading = organisations('');
const byField = organisations('@include(if: true)');

type Answer = {
  organisations: {
    nodes: Array<{
      name: string;
      people: { nodes: Array<{ name: string }> } | null;
      hostedTrainingEvents: {
        totalCount: number;
        nodes: Array<{ title: string; topics: { nodes: Array<{ code: string }> } }>;
      };
    }>;
  };
};

describe('related lists preloaded before their fields ask', () => {
  it('answer as the fields themselves would, with the same statements', async () => {
    api.resetStatements();
    const early = await api.data<Answer>(preloading, { first: 8, people: 3 });
    const earlyStatements = api.statements();
    api.resetStatements();
    const late = await api.data<Answer>(byField, { first: 8, people: 3 });
    expect(early).toEqual(late);
    expect(earlyStatements.length).toBe(api.statements().length);
    // The organisations, their people, the events each hosted and how many each hosted, and
    // those events' topics.
    expect(earlyStatements).toHaveLength(5);
    const hosts = early.organisations.nodes.filter((o) => o.hostedTrainingEvents.totalCount > 0);
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) {
      expect(host.hostedTrainingEvents.nodes).toHaveLength(
        Math.min(2, host.hostedTrainingEvents.totalCount),
      );
    }
    expect(
      early.organisations.nodes.flatMap((o) =>
        o.hostedTrainingEvents.nodes.flatMap((e) => e.topics.nodes),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('leave a wrong argument to the field, which answers with its error in its place', async () => {
    const early = await api.query<Answer>(preloading, { first: 3, people: 500 });
    const late = await api.query<Answer>(byField, { first: 3, people: 500 });
    expect(early).toEqual(late);
    // One page of people failed for all three, and is told once, at the first.
    expect(early.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([
      ['BAD_USER_INPUT', ['organisations', 'nodes', 0, 'people']],
    ]);
    expect(early.errors?.[0]?.message).toMatch(/^`first` must be between 0 and 100; got 500\./);
    // A page is never null, so the error reaches up to the whole answer, as it always has.
    expect(early.data).toBeNull();
  });

  it('give way to a field read twice, through a fragment and beside it', async () => {
    const merged = await api.data<{
      organisations: {
        nodes: Array<{ people: { nodes: Array<{ name: string; title: string }> } }>;
      };
    }>(`fragment Names on Organisation { people(first: 3) { nodes { name } } }
      { organisations(first: 8) { nodes { ...Names people(first: 3) { nodes { title } } } } }`);
    const whole = await api.data<{
      organisations: {
        nodes: Array<{ people: { nodes: Array<{ name: string; title: string }> } }>;
      };
    }>(`{ organisations(first: 8) { nodes { people(first: 3) { nodes { name title } } } } }`);
    expect(merged).toEqual(whole);
    expect(whole.organisations.nodes.flatMap((o) => o.people.nodes).length).toBeGreaterThan(0);
  });

  it('load each alias of a list with its own arguments', async () => {
    const host = await api.database.db
      .selectFrom('organisation')
      .select('id')
      .where('acronym', '=', 'HCM')
      .executeTakeFirstOrThrow();
    await api.database.db
      .insertInto('person')
      .values(['Alias One', 'Alias Two'].map((name) => ({ name, organisation_id: host.id })))
      .execute();
    type People = { nodes: Array<{ name: string }> };
    const both = await api.data<{
      organisations: { nodes: Array<{ one: People; three: People }> };
    }>(`{ organisations(first: 60) { nodes {
      one: people(first: 1) { nodes { name } } three: people(first: 3) { nodes { name } }
    } } }`);
    const three = await api.data<{ organisations: { nodes: Array<{ people: People }> } }>(
      `{ organisations(first: 60) { nodes { people(first: 3) { nodes { name } } } } }`,
    );
    expect(both.organisations.nodes.map((o) => o.three)).toEqual(
      three.organisations.nodes.map((o) => o.people),
    );
    expect(both.organisations.nodes.map((o) => o.one)).toEqual(
      three.organisations.nodes.map((o) => ({ nodes: o.people.nodes.slice(0, 1) })),
    );
    expect(three.organisations.nodes.some((o) => o.people.nodes.length > 1)).toBe(true);
    await api.database.db.deleteFrom('person').where('name', 'like', 'Alias %').execute();
  });
});
