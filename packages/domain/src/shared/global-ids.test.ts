import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('global IDs', () => {
  it('fetch any record again with node(id:) and nodes(ids:), whatever its type', async () => {
    const ids = await api.data<{
      country: { id: string };
      trainingEvents: { nodes: Array<{ id: string; title: string }> };
      donations: { nodes: Array<{ id: string; items: { nodes: Array<{ id: string }> } }> };
      indicator: { id: string };
    }>(`{
      country(code: "BY") { id }
      trainingEvents(filter: { subdivisions: ["UZ-QA"] }) { nodes { id title } }
      donations { nodes { id items(first: 1) { nodes { id } } } }
      indicator(code: "WHOSIS_000003") { id }
    }`);
    const event = ids.trainingEvents.nodes[0]!;
    const item = ids.donations.nodes[0]!.items.nodes[0]!;
    const data = await api.data(
      `query($event: ID!, $ids: [ID!]!) {
        node(id: $event) { id __typename ... on TrainingEvent { locality } }
        nodes(ids: $ids) {
          __typename
          ... on Country { code }
          ... on DonationItem { quantity }
          ... on Indicator { code }
        }
      }`,
      { event: event.id, ids: [ids.country.id, item.id, ids.indicator.id] },
    );
    expect(data).toEqual({
      node: { id: event.id, __typename: 'TrainingEvent', locality: 'Karshi' },
      nodes: [
        { __typename: 'Country', code: 'BY' },
        { __typename: 'DonationItem', quantity: 1300000 },
        { __typename: 'Indicator', code: 'WHOSIS_000003' },
      ],
    });
  });

  it('answer null for a well-formed ID of a record that does not exist', async () => {
    const missing = base64('TrainingEvent:00000000-0000-4000-8000-000000000000');
    const data = await api.data(
      `{ node(id: "${missing}") { id } nodes(ids: ["${missing}"]) { id } }`,
    );
    expect(data).toEqual({ node: null, nodes: [null] });
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['base64 without a type', base64('just-some-text')],
    ['an empty string', ''],
    ['a very long string', 'A'.repeat(5000)],
  ])('refuse %s with INVALID_ID', async (_case, id) => {
    const result = await api.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.data).toEqual({ node: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(result.errors?.[0]?.message).toMatch(/is not a global ID of this API/);
  });

  it('refuse an ID whose key is not a UUID with INVALID_ID, without touching SQL', async () => {
    const id = base64("TrainingEvent:1' or '1'='1");
    api.resetStatements();
    const result = await api.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.errors?.[0]).toMatchObject({
      message: 'The global ID does not name a TrainingEvent: its key is not a UUID.',
      extensions: { code: 'INVALID_ID' },
    });
    expect(api.statements()).toEqual([]);
  });

  it('refuse a malformed ID in a list filter, even for a page of none', async () => {
    for (const first of [0, 5]) {
      const result = await api.query(
        'query($first: Int!) { people(first: $first, filter: { organisations: ["%%%"] }) { nodes { name } } }',
        { first },
      );
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
      const related = await api.query(
        'query($first: Int!) { organisations(first: 1) { nodes { hostedTrainingEvents(first: $first, filter: { hostOrganisations: ["%%%"] }) { nodes { title } } } } }',
        { first },
      );
      expect(related.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    }
  });

  it('refuse an ID naming a type the API does not have', async () => {
    const id = base64('Spaceship:00000000-0000-4000-8000-000000000000');
    const result = await api.query('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(result.data).toEqual({ node: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(result.errors?.[0]?.message).toBe(
      '"Spaceship" is not a type of this API, so the ID names no record.',
    );
  });

  it('refuse nodes(ids:) as a whole when one of the IDs is malformed', async () => {
    const country = await api.data<{ country: { id: string } }>('{ country(code: "CN") { id } }');
    const result = await api.query<{ nodes: unknown[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Country { code } } }',
      { ids: [country.country.id, 'garbage!'] },
    );
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: '"garbage!" is not a global ID of this API. Use an `id` returned by a query.',
      path: ['nodes'],
      extensions: { code: 'INVALID_ID' },
    });
  });
});
