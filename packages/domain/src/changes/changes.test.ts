import { startTestApi, type TestApi } from '@mch/test-api';
import { feedReader } from '@mch/test-api/feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The change feed as an integrator reads it: save a cursor, let others write, read on.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const FEED = `query($after: String, $first: Int, $types: [ChangeRecordType!]) {
  changes(after: $after, first: $first, types: $types) {
    nodes {
      operation recordType recordId
      record { id ... on Organisation { name } ... on Donation { title } }
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface FeedChange {
  operation: string;
  recordType: string;
  recordId: string;
  record: { id: string; name?: string; title?: string } | null;
}

const feed = () => feedReader<FeedChange>(api, FEED);

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { ... on CreateOrganisationPayload { organisation { id version } } }
}`;

describe('the change feed', () => {
  it('holds every record of the seed as created, readable without a token', async () => {
    // Fifty a page: five pages, each starting where the last ended.
    const { changes } = await feed().readOn(null, { types: ['COUNTRY'], first: 50 });
    expect(changes).toHaveLength(249);
    expect(new Set(changes.map((c) => c.recordId)).size).toBe(249);
    expect(changes.every((c) => c.operation === 'CREATE' && c.recordType === 'Country')).toBe(true);
  });

  it('gives a saved cursor exactly the changes made since, in order, with the records as they are now', async () => {
    const cursor = await feed().endOfFeed();
    const created = await api.data<{
      createOrganisation: { organisation: { id: string; version: number } };
    }>(
      CREATE_ORGANISATION,
      { input: { name: 'Nukus Regional Perinatal Centre', kind: 'HOSPITAL', country: 'UZ' } },
      { token: api.tokens.editor },
    );
    const organisation = created.createOrganisation.organisation;
    await api.data(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: organisation.id,
          expectedVersion: organisation.version,
          name: 'Karakalpakstan Regional Perinatal Centre',
        },
      },
      { token: api.tokens.editor },
    );
    const temporary = await api.data<{
      createOrganisation: { organisation: { id: string; version: number } };
    }>(
      CREATE_ORGANISATION,
      { input: { name: 'Entered by mistake', kind: 'OTHER', country: 'UZ' } },
      { token: api.tokens.editor },
    );
    await api.data(
      `mutation($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: temporary.createOrganisation.organisation.id,
          expectedVersion: temporary.createOrganisation.organisation.version,
        },
      },
      { token: api.tokens.editor },
    );

    const next = await feed().readUntil(cursor, 4);
    const kept = { id: organisation.id, name: 'Karakalpakstan Regional Perinatal Centre' };
    expect(next.changes).toEqual([
      { operation: 'CREATE', recordType: 'Organisation', recordId: organisation.id, record: kept },
      { operation: 'UPDATE', recordType: 'Organisation', recordId: organisation.id, record: kept },
      {
        operation: 'CREATE',
        recordType: 'Organisation',
        recordId: temporary.createOrganisation.organisation.id,
        record: null,
      },
      {
        operation: 'DELETE',
        recordType: 'Organisation',
        recordId: temporary.createOrganisation.organisation.id,
        record: null,
      },
    ]);
    // Read again from the new cursor: nothing more, and the cursor holds its place.
    expect(await feed().readOn(next.cursor)).toEqual({ changes: [], cursor: next.cursor });
  });

  it('counts a change to a part of a record (an item of a donation) as an update of the record', async () => {
    const cursor = await feed().endOfFeed();
    const donations = await api.data<{
      donations: { nodes: Array<{ id: string; version: number; title: string }> };
    }>('{ donations(first: 1) { nodes { id version title } } }');
    const donation = donations.donations.nodes[0]!;
    const source = await api.data<{ createSource: { source: { id: string } } }>(
      `mutation($input: CreateSourceInput!) {
        createSource(input: $input) { ... on CreateSourcePayload { source { id } } }
      }`,
      { input: { title: 'Customs declaration of the consignment', kind: 'OFFICIAL_DOCUMENT' } },
      { token: api.tokens.editor },
    );
    const cited = await api.data<{ citeSource: { __typename: string } }>(
      `mutation($input: CiteSourceInput!) { citeSource(input: $input) { __typename } }`,
      {
        input: { record: donation.id, source: source.createSource.source.id, locator: 'page 2' },
      },
      { token: api.tokens.editor },
    );
    expect(cited.citeSource.__typename).toBe('CitationPayload');
    const next = await feed().readUntil(cursor, 2);
    expect(next.changes.map((c) => [c.operation, c.recordType, c.recordId])).toEqual([
      ['CREATE', 'Source', source.createSource.source.id],
      ['UPDATE', 'Donation', donation.id],
    ]);
  });

  it('refuses a cursor it did not give, and a page too large', async () => {
    const bad = await api.query(FEED, { after: 'bm90IGEgY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    // Positions beyond what the database can hold are refused too, not sent to it.
    const huge = Buffer.from(JSON.stringify(['changes', '9'.repeat(19), '1'])).toString(
      'base64url',
    );
    expect((await api.query(FEED, { after: huge })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_CURSOR',
    );
    const large = await api.query(FEED, { first: 5000 });
    expect(large.errors?.[0]).toMatchObject({
      message: '`first` must be from 1 to 1000 (got 5000).',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('lists with updatedSince the records changed since a time, a record whose part changed included', async () => {
    const since = new Date().toISOString();
    const created = await api.data<{
      createOrganisation: { organisation: { id: string } };
    }>(
      CREATE_ORGANISATION,
      { input: { name: 'Termez Maternity Hospital', kind: 'HOSPITAL', country: 'UZ' } },
      { token: api.tokens.editor },
    );
    const donation = (
      await api.data<{ donations: { nodes: Array<{ id: string }> } }>(
        '{ donations(first: 1) { nodes { id } } }',
      )
    ).donations.nodes[0]!;
    const source = await api.data<{ createSource: { source: { id: string } } }>(
      `mutation($input: CreateSourceInput!) {
        createSource(input: $input) { ... on CreateSourcePayload { source { id } } }
      }`,
      { input: { title: 'Handover certificate', kind: 'OFFICIAL_DOCUMENT' } },
      { token: api.tokens.editor },
    );
    await api.data(
      `mutation($input: CiteSourceInput!) { citeSource(input: $input) { __typename } }`,
      { input: { record: donation.id, source: source.createSource.source.id } },
      { token: api.tokens.editor },
    );
    const data = await api.data<Record<string, { nodes: Array<{ id: string }> }>>(
      `query($since: DateTime!) {
        organisations(filter: { updatedSince: $since }) { nodes { id } }
        donations(filter: { updatedSince: $since }) { nodes { id } }
        sources(filter: { updatedSince: $since }) { nodes { id } }
        trainingEvents(filter: { updatedSince: $since }) { nodes { id } }
      }`,
      { since },
    );
    expect(data).toEqual({
      organisations: { nodes: [{ id: created.createOrganisation.organisation.id }] },
      donations: { nodes: [{ id: donation.id }] },
      sources: { nodes: [{ id: source.createSource.source.id }] },
      trainingEvents: { nodes: [] },
    });
  });
});
