import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('the HTTP server', () => {
  it('answers /health and /ready', async () => {
    const health = await fetch(`${api.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: api.kind });
  });

  it('answers malformed JSON with 400 and a message, and keeps serving', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ countries { totalCount } ',
    });
    expect(response.status).toBe(400);
    const next = await api.data<{ countries: { totalCount: number } }>(
      '{ countries { totalCount } }',
    );
    expect(next.countries.totalCount).toBe(249);
  });

  it('answers a query with a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const result = await api.query('{ countries { totalCount ');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a field that does not exist with GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await api.query('{ countries { total } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Cannot query field "total" on type "CountryConnection".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('serves queries sent with GET', async () => {
    const query = encodeURIComponent('{ country(code: "MZ") { name } }');
    const response = await fetch(`${api.url}?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { country: { name: 'Mozambique' } } });
  });
});
