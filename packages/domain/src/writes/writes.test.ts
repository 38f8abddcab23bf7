import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on CreateOrganisationPayload { replayed organisation { id name version country { code } subdivision { code } } }
    ... on ValidationError { code message fieldErrors { path message } }
    ... on ConflictError { code message currentVersion }
  }
}`;

const UPDATE_ORGANISATION = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    __typename
    ... on UpdateOrganisationPayload { organisation { id name acronym version } }
    ... on ConflictError { code message currentVersion }
    ... on NotFoundError { code message typename }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

interface OrgResult {
  createOrganisation: {
    __typename: string;
    organisation?: { id: string; name: string; version: number };
    replayed?: boolean;
    fieldErrors?: Array<{ path: string[]; message: string }>;
    code?: string;
    message?: string;
  };
}
async function count(table: string) {
  const rows = await api.database.db
    .selectFrom(table as 'organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}
describe('creating, changing and deleting records', () => {
  it('creates an organisation, changes it with its version, and refuses a stale version', async () => {
    const created = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      {
        input: {
          name: 'Regional Perinatal Centre of Karshi',
          kind: 'HOSPITAL',
          country: 'UZ',
          subdivision: 'UZ-QA',
        },
      },
      as('editor'),
    );
    expect(created.createOrganisation).toMatchObject({
      __typename: 'CreateOrganisationPayload',
      replayed: false,
      organisation: {
        name: 'Regional Perinatal Centre of Karshi',
        version: 1,
        country: { code: 'UZ' },
        subdivision: { code: 'UZ-QA' },
      },
    });
    const id = created.createOrganisation.organisation!.id;
    const updated = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 1, acronym: 'RPC' } },
      as('editor'),
    );
    expect(updated).toEqual({
      updateOrganisation: {
        __typename: 'UpdateOrganisationPayload',
        organisation: {
          id,
          name: 'Regional Perinatal Centre of Karshi',
          acronym: 'RPC',
          version: 2,
        },
      },
    });
    const stale = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 1, acronym: 'X' } },
      as('editor'),
    );
    expect(stale).toEqual({
      updateOrganisation: {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        currentVersion: 2,
        message:
          'This Organisation changed since version 1 (it is at version 2); read it again and reapply your change.',
      },
    });
    const cleared = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 2, acronym: null } },
      as('editor'),
    );
    expect(cleared).toMatchObject({
      updateOrganisation: { organisation: { acronym: null, version: 3 } },
    });

    const deleted = await api.data(
      `mutation($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) { __typename ... on DeleteOrganisationPayload { deletedId } } }`,
      { input: { id, expectedVersion: 3 } },
      as('editor'),
    );
    expect(deleted).toEqual({
      deleteOrganisation: { __typename: 'DeleteOrganisationPayload', deletedId: id },
    });
    expect(await api.data('query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({
      node: null,
    });
  });

  it('lists every field to fix at once, and stores nothing', async () => {
    const before = await count('organisation');
    const result = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      {
        input: {
          name: '   ',
          kind: 'HOSPITAL',
          country: 'XX',
          subdivision: 'uz-qa',
          parent: 'bm90LWFuLWlk',
          acronym: 'A'.repeat(31),
        },
      },
      as('editor'),
    );
    expect(result.createOrganisation).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'Invalid input in 5 places; see fieldErrors.',
      fieldErrors: [
        { path: ['input', 'name'], message: '`name` must not be blank.' },
        {
          path: ['input', 'acronym'],
          message: '`acronym` must be at most 30 characters long (got 31).',
        },
        { path: ['input', 'country'], message: '`country` names no country of the graph: XX.' },
        {
          path: ['input', 'subdivision'],
          message: '`subdivision` must be an ISO 3166-2 code such as "UZ-QA"; got "uz-qa".',
        },
        {
          path: ['input', 'parent'],
          message:
            '`parent` is not a global ID of this API; use the `id` of an Organisation, as returned by a query.',
        },
      ],
    });
    expect(await count('organisation')).toBe(before);
  });

  it('refuses a record that other records still point at', async () => {
    // Maputo Central Hospital hosted the 2020 teleconference: the event points at it.
    const hospitals = await api.data<{
      organisations: { nodes: Array<{ id: string; name: string; version: number }> };
    }>(
      '{ organisations(filter: { country: "MZ", kinds: [HOSPITAL] }) { nodes { id name version } } }',
    );
    const { id, version } = hospitals.organisations.nodes.find(
      (node) => node.name === 'Maputo Central Hospital',
    )!;
    const result = await api.data<{ deleteOrganisation: { __typename: string; code: string } }>(
      `mutation($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) { __typename ... on Error { code message } } }`,
      { input: { id, expectedVersion: version } },
      as('editor'),
    );
    expect(result.deleteOrganisation).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
    });
    expect(await api.data('query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({
      node: { id },
    });
  });

  it('answers NotFoundError for a record that is not there', async () => {
    const missing = Buffer.from('Organisation:00000000-0000-4000-8000-000000000000').toString(
      'base64',
    );
    const result = await api.data(
      UPDATE_ORGANISATION,
      { input: { id: missing, expectedVersion: 1, name: 'x' } },
      as('editor'),
    );
    expect(result).toEqual({
      updateOrganisation: {
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        typename: 'Organisation',
        message: 'No Organisation has this ID; it may have been deleted.',
      },
    });
  });
});

describe('idempotent creation', () => {
  it('creates one record for a retried request, and refuses the key for another input', async () => {
    const input = {
      name: 'Idempotent clinic',
      kind: 'HOSPITAL',
      country: 'MZ',
      idempotencyKey: 'clinic-2026-11-23',
    };
    const first = await api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor'));
    const again = await api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor'));
    expect(again.createOrganisation.replayed).toBe(true);
    expect(again.createOrganisation.organisation!.id).toBe(
      first.createOrganisation.organisation!.id,
    );
    const named = await api.data<{ organisations: { totalCount: number } }>(
      '{ organisations(filter: { search: "Idempotent clinic" }) { totalCount } }',
    );
    expect(named.organisations.totalCount).toBe(1);
    const other = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      { input: { ...input, name: 'Another clinic' } },
      as('editor'),
    );
    expect(other.createOrganisation).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: null,
      message:
        'This idempotency key was used before for a different request; use a new key for a new record.',
    });
  });

  it('creates one record when the same request arrives ten times at once', async () => {
    const input = {
      name: 'Concurrent clinic',
      kind: 'HOSPITAL',
      country: 'MZ',
      idempotencyKey: 'concurrent-clinic',
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor')),
      ),
    );
    const ids = new Set(results.map((r) => r.createOrganisation.organisation?.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.createOrganisation.replayed === false)).toHaveLength(1);
  });
});
