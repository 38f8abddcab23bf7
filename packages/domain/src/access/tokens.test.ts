import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
describe('tokens', () => {
  it('are made by admins, shown once, work at once, and stop working when revoked', async () => {
    const made = await api.data<{
      createApiToken: {
        token: string;
        apiToken: { id: string; role: string; active: boolean; prefix: string };
      };
    }>(
      `mutation { createApiToken(input: { name: "Dashboard team", role: EDITOR }) { ... on CreateApiTokenPayload { token apiToken { id role active prefix } } } }`,
      {},
      as('admin'),
    );
    const { token, apiToken } = made.createApiToken;
    expect(token).toMatch(/^mch_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ role: 'EDITOR', active: true, prefix: token.slice(0, 12) });
    expect(await api.data('{ viewer { role tokenName } }', {}, { token })).toEqual({
      viewer: { role: 'EDITOR', tokenName: 'Dashboard team' },
    });
    const stored = await api.database.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('name', '=', 'Dashboard team')
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    await api.data(
      `mutation($id: ID!) { revokeApiToken(input: { id: $id }) { __typename } }`,
      { id: apiToken.id },
      as('admin'),
    );
    const refused = await api.query('{ viewer { role } }', {}, { token });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This API token was revoked.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a malformed or unknown token instead of reading it as anonymous', async () => {
    const malformed = await api.query('{ viewer { role } }', {}, { token: 'hunter2' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await api.query('{ viewer { role } }', {}, { token: `mch_${'A'.repeat(43)}` });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'This API token is not known.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await api.data('{ viewer { role } }')).toEqual({ viewer: { role: 'ANONYMOUS' } });
  });
});
