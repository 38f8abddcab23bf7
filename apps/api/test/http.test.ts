import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

  it('leads from its address to the playground', async () => {
    const response = await fetch(`${api.origin}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  it('says what a POST without a body is missing', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message:
            'The request has no body: send a JSON object such as `{"query": "{ countries { totalCount } }"}`.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('tells a malformed token from a missing scheme, with 401', async () => {
    const withHeader = async (authorization: string) => {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ countries { totalCount } }' }),
      });
      const body = (await response.json()) as {
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      return [response.status, body.errors[0]!.extensions.code, body.errors[0]!.message];
    };
    expect(await withHeader('Bearer mch_nope')).toEqual([
      401,
      'UNAUTHENTICATED',
      'This API token is cut short or altered: a token is `mch_` and 43 letters, digits, `-` or `_`, as `pnpm mch token create` printed it. Copy it whole.',
    ]);
    expect(await withHeader('Bearer ghp_0123456789')).toEqual([
      401,
      'UNAUTHENTICATED',
      'This is not an API token of this API: its tokens start with `mch_`. Create one with `pnpm mch token create`.',
    ]);
    expect(await withHeader(api.tokens.editor)).toEqual([
      401,
      'UNAUTHENTICATED',
      'The Authorization header must be `Bearer ` followed by an API token (`mch_…`).',
    ]);
    expect(await withHeader(`Bearer mch_${'A'.repeat(43)}`)).toEqual([
      401,
      'UNAUTHENTICATED',
      'This API token is not known.',
    ]);
    // The scheme's name is case-insensitive: a valid token after `bearer` is accepted.
    const lowerCase = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${api.tokens.editor}` },
      body: JSON.stringify({ query: '{ countries { totalCount } }' }),
    });
    expect(await lowerCase.json()).toEqual({ data: { countries: { totalCount: 249 } } });
  });

  it('compresses answers for clients that ask, and says so', async () => {
    const query = JSON.stringify({ query: '{ countries(first: 100) { nodes { code name } } }' });
    const plain = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' },
      body: query,
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    for (const encoding of ['br', 'gzip']) {
      const compressed = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': encoding },
        body: query,
      });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('vary')).toContain('Accept-Encoding');
      // fetch decodes the body: the same answer arrives.
      expect(await compressed.text()).toBe(text);
    }
  });
});
