import { schema } from '@mch/domain';
import { startTestApi, type TestApi } from '@mch/test-api';
import { type GraphQLUnionType, getNamedType, isUnionType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalValue } from './support/schema-values.js';
import { snapshot } from './support/snapshot.js';

// The matrix is built from the schema itself, so a mutation added tomorrow is tried too.
// Every mutation needs an editor, except these, which need an admin.
const ADMIN_ONLY = new Set(['createApiToken', 'revokeApiToken', 'importGhoIndicators']);

const mutations = Object.values(schema.getMutationType()!.getFields()).map((field) => {
  const result = getNamedType(field.type);
  const input = field.args.find((arg) => arg.name === 'input')!;
  return {
    name: field.name,
    role: ADMIN_ONLY.has(field.name) ? ('admin' as const) : ('editor' as const),
    document: `mutation Matrix($input: ${String(input.type)}) { ${field.name}(input: $input) { __typename } }`,
    variables: { input: minimalValue(input.type, field.name) },
    answers: isUnionType(result)
      ? (result as GraphQLUnionType).getTypes().map((type) => type.name)
      : [result.name],
  };
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('the authorisation matrix', () => {
  it('covers every mutation of the schema', () => {
    expect(mutations.length).toBe(45);
    expect(
      mutations
        .filter((m) => m.role === 'admin')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['createApiToken', 'importGhoIndicators', 'revokeApiToken']);
  });

  it('refuses every mutation to anonymous clients, and admin-only ones to editors, changing nothing', async () => {
    const before = await snapshot(api.database);
    const outcomes: string[] = [];
    for (const mutation of mutations) {
      const anonymous = await api.query(mutation.document, mutation.variables);
      outcomes.push(
        `${mutation.name} anonymous ${anonymous.errors?.[0]?.extensions?.code} ${JSON.stringify(anonymous.data)}`,
      );
      if (mutation.role === 'admin') {
        const editor = await api.query(mutation.document, mutation.variables, {
          token: api.tokens.editor,
        });
        outcomes.push(
          `${mutation.name} editor ${editor.errors?.[0]?.extensions?.code} ${JSON.stringify(editor.data)}`,
        );
      }
    }
    expect(outcomes).toEqual(
      mutations.flatMap((mutation) => [
        `${mutation.name} anonymous UNAUTHENTICATED null`,
        ...(mutation.role === 'admin' ? [`${mutation.name} editor FORBIDDEN null`] : []),
      ]),
    );
    expect(await snapshot(api.database)).toEqual(before);
  });

  it('lets every allowed role through to the mutation itself', async () => {
    const refused: string[] = [];
    for (const mutation of mutations) {
      const roles =
        mutation.role === 'admin' ? (['admin'] as const) : (['editor', 'admin'] as const);
      for (const role of roles) {
        const response = await api.query<Record<string, { __typename: string }>>(
          mutation.document,
          mutation.variables,
          { token: api.tokens[role] },
        );
        const answer = response.data?.[mutation.name]?.__typename;
        if (response.errors || !answer || !mutation.answers.includes(answer)) {
          refused.push(`${mutation.name} as ${role}: ${JSON.stringify(response)}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it.each([
    ['apiTokens', '{ apiTokens(first: 5) { totalCount nodes { name role } } }'],
    ['auditEvents', '{ auditEvents(first: 1) { totalCount } }'],
  ])('keeps %s for admins', async (field, document) => {
    const anonymous = await api.query(document);
    const editor = await api.query(document, {}, { token: api.tokens.editor });
    const admin = await api.query<Record<string, { totalCount: number }>>(
      document,
      {},
      {
        token: api.tokens.admin,
      },
    );
    expect(anonymous.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [[field], 'UNAUTHENTICATED'],
    ]);
    expect(editor.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [[field], 'FORBIDDEN'],
    ]);
    expect(admin.errors).toBeUndefined();
    if (field === 'apiTokens') {
      // Every stored token, newest first: this file's two, and any the matrix made meanwhile.
      const stored = await api.database.db
        .selectFrom('api_token')
        .select(['name', 'role'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      expect(stored.map((token) => token.name)).toEqual(
        expect.arrayContaining(['Test editor', 'Test admin']),
      );
      expect(admin.data?.apiTokens).toEqual({
        totalCount: stored.length,
        nodes: stored
          .slice(0, 5)
          .map((token) => ({ name: token.name, role: token.role.toUpperCase() })),
      });
    } else {
      const trail = await api.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(admin.data?.auditEvents?.totalCount).toBe(Number(trail.count));
    }
  });
});
