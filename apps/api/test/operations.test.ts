import { connect } from 'node:net';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const post = (api: TestApi, query: string, headers: Record<string, string> = {}) =>
  fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('credentials in the logs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ captureLogs: true });
  });
  afterAll(() => api.stop());

  it('never writes a token or a cookie to a log line, valid or not', async () => {
    const made = `mch_${'x'.repeat(43)}`;
    const answers = await Promise.all([
      post(api, '{ viewer { role } }', { authorization: `Bearer ${api.tokens.editor}` }),
      post(api, '{ viewer { role } }', {
        authorization: `Bearer ${made}`,
        cookie: 'session=cookie-secret-1234',
        'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
        'x-api-key': 'header-secret-5678',
        'x-request-id': 'with-bad-token',
      }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 401]);
    expect(await answers[0]!.json()).toEqual({ data: { viewer: { role: 'EDITOR' } } });
    const lines = api.logLines();
    // The requests were logged, with what helps to follow them...
    const logged = lines.map(
      (line) => JSON.parse(line) as { req?: { id?: string; path?: string } },
    );
    expect(logged.filter((line) => line.req?.path === '/graphql')).toHaveLength(2);
    expect(logged.some((line) => line.req?.id === 'with-bad-token')).toBe(true);
    // ...and no credential, whatever header carried it.
    for (const secret of [
      api.tokens.editor,
      made,
      'cookie-secret-1234',
      'cHJveHk6c2VjcmV0',
      'header-secret-5678',
    ]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

describe('request log lines', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ captureLogs: 'info' });
  });
  afterAll(() => api.stop());

  type Line = {
    level: number;
    msg: string;
    req?: { id: string; method: string; path: string; headers: Record<string, string> };
    res?: { statusCode: number };
    responseTime?: number;
  };
  const requestLines = () =>
    api
      .logLines()
      .map((line) => JSON.parse(line) as Line)
      .filter((line) => line.req !== undefined);

  it('at info, writes a line for a refused request and none for one that went well', async () => {
    const before = requestLines().length;
    expect((await post(api, '{ __typename }', { 'x-request-id': 'went-well' })).status).toBe(200);
    expect((await post(api, '{ nope }', { 'x-request-id': 'refused' })).status).toBe(400);
    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: {
        id: 'refused',
        method: 'POST',
        path: '/graphql',
        remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json', 'x-request-id': 'refused' },
      },
      res: { statusCode: 400 },
      responseTime: expect.any(Number),
    });
  });

  it('writes a line for a request the client gave up on before its answer', async () => {
    const before = requestLines().length;
    const origin = new URL(api.origin);
    // A body announced as 100 bytes, of which 10 arrive before the client hangs up.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(origin.port), origin.hostname, () => {
        socket.write(
          'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
            'Content-Length: 100\r\nX-Request-Id: gave-up\r\n\r\n{"query":',
          () => setTimeout(() => socket.destroy(), 50),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect
      .poll(() =>
        requestLines()
          .slice(before)
          .map((line) => [line.msg, line.req?.id, line.level]),
      )
      .toEqual([['request aborted', 'gave-up', 30]]);
  });
});

describe('request ids, logs and metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('gives every answer a request id, and keeps a well-formed one the client sends', async () => {
    const fresh = await post(api, '{ __typename }');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await post(api, '{ __typename }', { 'x-request-id': 'dashboard-42.a_b' });
    expect(kept.headers.get('x-request-id')).toBe('dashboard-42.a_b');
    const replaced = await post(api, '{ __typename }', { 'x-request-id': 'two words' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records the request id of a change in the audit trail', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${api.tokens.editor}`,
        'x-request-id': 'audit-trail-check',
      },
      body: JSON.stringify({
        query:
          'mutation { createTopic(input: { code: "kangaroo-care", name: "Kangaroo mother care" }) { __typename } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { createTopic: { __typename: 'CreateTopicPayload' } },
    });
    const trail = await api.data<{ auditEvents: { nodes: Array<Record<string, unknown>> } }>(
      '{ auditEvents(first: 1) { nodes { action requestId actorName } } }',
      {},
      { token: api.tokens.admin },
    );
    expect(trail.auditEvents.nodes).toEqual([
      { action: 'createTopic', requestId: 'audit-trail-check', actorName: 'Test editor' },
    ]);
  });

  it('counts requests, latency, errors by code and SQL statements at /metrics', async () => {
    await post(api, '{ countries(first: 3) { nodes { code } } }');
    await post(api, '{ nope }');
    await post(
      api,
      `{ ${Array.from({ length: 21 }, (_, i) => `b${i}: __typename @skip(if: false)`).join(' ')} }`,
    );
    const response = await fetch(`${api.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
    expect(
      value(/^mch_http_requests_total\{method="POST",route="\/graphql",status="200"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(/^mch_http_requests_total\{method="POST",route="\/graphql",status="400"\} (\d+)$/m),
    ).toBe(2);
    expect(value(/^mch_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} (\d+)$/m)).toBe(1);
    expect(value(/^mch_graphql_errors_total\{code="DIRECTIVE_LIMIT_EXCEEDED"\} (\d+)$/m)).toBe(1);
    expect(value(/^mch_sql_statements_total\{outcome="ok"\} (\d+)$/m)).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(
      /^mch_http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/graphql"\} \d+$/m,
    );
    expect(text).toMatch(/^mch_process_resident_memory_bytes \d+$/m);
  });
});

describe('the cost-based rate limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ rateLimit: { points: 100, windowSeconds: 60 } });
  });
  afterAll(() => api.stop());

  // One for the list, and two (the page's entry and its code) per country of the page of ten.
  const TEN_COUNTRIES = '{ countries(first: 10) { nodes { code } } }';

  it('spends the budget by cost, says what remains, and answers 429 with when to retry', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await post(api, TEN_COUNTRIES);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['79', '58', '37', '16']);
    const refused = await post(api, TEN_COUNTRIES);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-limit')).toBe('100');
    expect(refused.headers.get('ratelimit-remaining')).toBe('16');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.errors).toEqual([
      {
        message: `Rate limit reached: this request costs 21 and 16 of 100 remain in this window. Retry after ${retryAfter} s.`,
        extensions: { code: 'RATE_LIMITED', cost: 21, retryAfterSeconds: retryAfter },
      },
    ]);
    // A cheap request still fits in what remains.
    const cheap = await post(api, '{ __typename }');
    expect([cheap.status, cheap.headers.get('ratelimit-remaining')]).toEqual([200, '15']);
  });

  it('keeps a budget per token, apart from the address', async () => {
    const response = await post(api, TEN_COUNTRIES, {
      authorization: `Bearer ${api.tokens.editor}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-remaining')).toBe('79');
  });
});

describe('production settings', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://dashboard.example.org' },
    });
  });
  afterAll(() => api.stop());

  it('answers introspection with a validation error when it is off', async () => {
    const answer = await api.query('{ __schema { queryType { name } } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('serves no playground', async () => {
    const response = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('lets browsers call from the allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(api.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://dashboard.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'https://dashboard.example.org',
    );
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://elsewhere.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a GET that a browser could send across sites (CSRF prevention)', async () => {
    const response = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('answers an unknown field without a stack trace', async () => {
    const answer = await api.query('{ nope }');
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('the cost of a query', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { MAX_COST: '2300' } });
  });
  afterAll(() => api.stop());

  it('counts each list by its page size, as the frontend guide works it out', async () => {
    const answer = await api.query(
      '{ trainingEvents(first: 100) { nodes { title presenters(first: 10) { nodes { role } } } } }',
    );
    expect(answer.errors).toEqual([
      {
        message:
          'The query may cost 2301 (a list counts once per record it may return); at most 2300 is allowed. Ask for smaller pages or fewer nested lists.',
        extensions: { code: 'COST_LIMIT_EXCEEDED', found: 2301, limit: 2300 },
      },
    ]);
    const smaller = await api.query(
      '{ trainingEvents(first: 99) { nodes { title presenters(first: 10) { nodes { role } } } } }',
    );
    expect(smaller.errors).toBeUndefined();
  });
});
