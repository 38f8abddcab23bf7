import { randomUUID } from 'node:crypto';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;

/** Sixty more events in Samarqand, each hosted, with two presenters from two organisations. */
async function addEvents(count: number) {
  const db = api.database.db;
  const country = await db
    .selectFrom('country')
    .select('id')
    .where('code', '=', 'UZ')
    .executeTakeFirstOrThrow();
  const region = await db
    .selectFrom('subdivision')
    .select('id')
    .where('code', '=', 'UZ-SA')
    .executeTakeFirstOrThrow();
  const topic = await db
    .selectFrom('topic')
    .select('id')
    .where('code', '=', 'obstetrics')
    .executeTakeFirstOrThrow();
  const organisations = Array.from({ length: 10 }, (_, i) => ({
    id: randomUUID(),
    name: `Regional perinatal centre ${i + 1}`,
    kind: 'hospital' as const,
    country_id: country.id,
  }));
  await db.insertInto('organisation').values(organisations).execute();
  const people = organisations.map((organisation, i) => ({
    id: randomUUID(),
    name: `Expert ${i + 1}`,
    organisation_id: organisation.id,
  }));
  await db.insertInto('person').values(people).execute();
  const events = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    title: `Regional seminar ${i + 1}`,
    format: 'in_person' as const,
    status: 'completed' as const,
    start_date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
    participant_count: 20 + i,
    country_id: country.id,
    subdivision_id: region.id,
    host_organisation_id: organisations[i % 10]!.id,
  }));
  await db.insertInto('training_event').values(events).execute();
  await db
    .insertInto('training_event_presenter')
    .values(
      events.flatMap((event, i) =>
        [0, 1].map((position) => ({
          training_event_id: event.id,
          position,
          person_id: people[(i + position) % 10]!.id,
          organisation_id: organisations[(i + position + 3) % 10]!.id,
          role: 'expert' as const,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('training_event_topic')
    .values(events.map((event) => ({ training_event_id: event.id, topic_id: topic.id })))
    .execute();
}

beforeAll(async () => {
  api = await startTestApi();
  await addEvents(60);
});
afterAll(() => api.stop());

const nestedPage = `query($first: Int!) {
  trainingEvents(first: $first, filter: { subdivisions: ["UZ-SA"] }) {
    nodes {
      title
      hostOrganisation { name country { code } }
      subdivision { code }
      topics { nodes { code } }
      presenters { nodes { role person { name organisation { name } } organisation { name country { code } } } }
    }
  }
}`;

async function statementsFor(first: number) {
  api.resetStatements();
  const data = await api.data<{ trainingEvents: { nodes: unknown[] } }>(nestedPage, { first });
  expect(data.trainingEvents.nodes).toHaveLength(first);
  return api.statements();
}

describe('SQL statements per request', () => {
  it('are the same three for a page of 50 events as for a page of 5, relations included', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // One statement for the page, which reads each event's host, the host's country and the
    // subdivision along with it; one for the topics of all events; one for the presenters of
    // all events, with their people, those people's organisations, the presenters'
    // organisations and their countries.
    expect(five).toHaveLength(3);
    expect(fifty).toHaveLength(3);
    // The two lists load side by side, so their statements may start in either order.
    const starts = (statements: string[]) => statements.map((s) => s.slice(0, 60)).sort();
    expect(starts(fifty)).toEqual(starts(five));
  });

  it('do not grow with the number of parents of a related list either', async () => {
    const query = `query($first: Int!) {
      countries(first: $first) { nodes { code subdivisions(first: 2) { totalCount nodes { code } } } }
    }`;
    api.resetStatements();
    await api.data(query, { first: 5 });
    const five = api.statements().length;
    api.resetStatements();
    await api.data(query, { first: 100 });
    expect(api.statements().length).toBe(five);
    expect(five).toBe(3);
  });

  it('are one for a page of organisations with their country, parent and its country, read with only the columns asked for', async () => {
    const query = `query($first: Int!) {
      organisations(first: $first) { nodes { name country { code } parent { acronym country { name } } } }
    }`;
    api.resetStatements();
    const few = await api.data<{ organisations: { nodes: unknown[] } }>(query, { first: 3 });
    const three = api.statements();
    api.resetStatements();
    await api.data(query, { first: 15 });
    expect(api.statements()).toHaveLength(1);
    expect(three).toHaveLength(1);
    expect(few.organisations.nodes).toHaveLength(3);
    // The organisations' own columns: the key, the name and its language, and the two keys
    // their relations are found by; not the kind, the IATI identifier or the timestamps.
    expect(three[0]).toMatch(
      /^select "organisation"\."id", "organisation"\."name", "organisation"\."original_language", "organisation"\."acronym", "organisation"\."country_id", "organisation"\."parent_id", /,
    );
  });

  it('read the sort keys of a page only when the query reads a cursor, through a fragment too', async () => {
    type Codes = { countries: { nodes: Array<{ code: string }> } };
    api.resetStatements();
    const six = await api.data<Codes>('{ countries(first: 6) { nodes { code } } }');
    const withoutCursors = api.statements();
    api.resetStatements();
    const first = await api.data<{
      countries: { pageInfo: { endCursor: string }; nodes: Array<{ code: string }> };
    }>(`{ countries(first: 3) { ...Page } }
      fragment Page on CountryConnection { pageInfo { endCursor } nodes { code } }`);
    const withCursors = api.statements();
    const next = await api.data<Codes>(
      'query($after: String) { countries(first: 3, after: $after) { nodes { code } } }',
      { after: first.countries.pageInfo.endCursor },
    );
    expect(withoutCursors).toHaveLength(1);
    expect(withoutCursors[0]).not.toMatch(/"_k0"/);
    expect(withCursors).toHaveLength(1);
    expect(withCursors[0]).toMatch(/ as "_k0"/);
    expect([...first.countries.nodes, ...next.countries.nodes]).toEqual(six.countries.nodes);

    // A related list: its cursors are read as edges' cursors.
    type Subdivisions<Page> = { country: { subdivisions: Page } };
    api.resetStatements();
    const related = await api.data<
      Subdivisions<{ edges: Array<{ cursor: string; node: { code: string } }> }>
    >('{ country(code: "UZ") { subdivisions(first: 2) { edges { cursor node { code } } } } }');
    expect(api.statements().at(-1)).toMatch(/ as "_k0"/);
    const [firstEdge, secondEdge] = related.country.subdivisions.edges;
    const after = await api.data<Subdivisions<{ nodes: Array<{ code: string }> }>>(
      'query($after: String) { country(code: "UZ") { subdivisions(first: 1, after: $after) { nodes { code } } } }',
      { after: firstEdge!.cursor },
    );
    expect(after.country.subdivisions.nodes).toEqual([secondEdge!.node]);
  });

  const twoLevels = `query($first: Int!, $after: String) {
    organisations(first: $first, after: $after, filter: { search: "Regional perinatal centre" }) {
      pageInfo { endCursor }
      nodes {
        name
        people(first: 3) { nodes { name } }
        hostedTrainingEvents(first: 3) {
          nodes { title topics(first: 2) { nodes { code } } presenters { nodes { person { name } } } }
        }
      }
    }
  }`;
  type TwoLevels = {
    organisations: {
      pageInfo: { endCursor: string };
      nodes: Array<{ hostedTrainingEvents: { nodes: unknown[] } }>;
    };
  };

  it('are the same five for 3 organisations as for 10, two list levels below them', async () => {
    api.resetStatements();
    const three = await api.data<TwoLevels>(twoLevels, { first: 3 });
    const few = api.statements();
    api.resetStatements();
    const ten = await api.data<TwoLevels>(twoLevels, { first: 10 });
    // The organisations; their people; the events each hosted; those events' topics; their
    // presenters with each one's person.
    expect(few).toHaveLength(5);
    expect(api.statements()).toHaveLength(5);
    expect(three.organisations.nodes).toHaveLength(3);
    expect(ten.organisations.nodes).toHaveLength(10);
    expect(ten.organisations.nodes.map((node) => node.hostedTrainingEvents.nodes.length)).toEqual(
      Array(10).fill(3),
    );
  });

  it('run as planned the first time a document is seen, with only the parents changed', async () => {
    // The first page plans the related lists' statements; the second runs those plans with
    // other parents. The same question in a new document (another text) plans afresh: both
    // answer alike.
    const first = await api.data<TwoLevels>(twoLevels, { first: 4 });
    api.resetStatements();
    const second = await api.data<TwoLevels>(twoLevels, {
      first: 4,
      after: first.organisations.pageInfo.endCursor,
    });
    const reused = api.statements();
    api.resetStatements();
    const fresh = await api.data<TwoLevels>(`${twoLevels} `, {
      first: 4,
      after: first.organisations.pageInfo.endCursor,
    });
    expect(second).toEqual(fresh);
    expect(second.organisations.nodes).not.toEqual(first.organisations.nodes);
    // The same statements, text for text (the lists at one level run in either order).
    expect(reused.sort()).toEqual(api.statements().sort());
  });

  it('run from their plan read the records as they are now', async () => {
    const query = `{ organisations(first: 2, filter: { search: "Regional perinatal centre" }) {
      nodes { name people(first: 5) { nodes { name } } }
    } }`;
    type Page = { organisations: { nodes: Array<{ name: string; people: { nodes: unknown[] } }> } };
    const before = await api.data<Page>(query);
    const [first] = await api.database.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', before.organisations.nodes[0]!.name)
      .execute();
    await api.database.db
      .insertInto('person')
      .values({ name: 'Aaron Planned', organisation_id: first!.id })
      .execute();
    const after = await api.data<Page>(query);
    expect(after.organisations.nodes[0]!.people.nodes).toEqual([
      { name: 'Aaron Planned' },
      ...before.organisations.nodes[0]!.people.nodes,
    ]);
    expect(after.organisations.nodes[1]).toEqual(before.organisations.nodes[1]);
  });
});
