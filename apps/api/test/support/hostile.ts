import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, expect } from 'vitest';
import { snapshot } from './snapshot.js';

// Everything the hostile suites send goes over HTTP to the real server. Each request must get
// the status and error code a client can act on; none may be answered with a 5xx, and none
// may change data.

export interface Answer {
  status: number;
  codes: string[];
  body: {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

/**
 * Starts the server for a hostile suite, and after the suite checks that it still answers and
 * that no row of the database changed. Returns how to send it raw bodies or GraphQL requests.
 */
export function hostileServer() {
  let api: TestApi;
  let before: Record<string, string>;
  let sent = 0;

  beforeAll(async () => {
    api = await startTestApi();
    before = await snapshot(api.database);
  });
  afterAll(async () => {
    const after = await api.data<{ countries: { totalCount: number } }>(
      '{ countries { totalCount } }',
    );
    expect(after.countries.totalCount).toBe(249);
    expect(await snapshot(api.database)).toEqual(before);
    console.info(`hostile requests sent over HTTP: ${sent}`);
    await api.stop();
  });

  async function send(
    body: string | Uint8Array<ArrayBuffer>,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): Promise<Answer> {
    sent += 1;
    const response = await fetch(api.url, { method: 'POST', headers, body });
    const text = await response.text();
    let parsed: Answer['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`Not JSON (status ${response.status}): ${text.slice(0, 300)}`);
    }
    return {
      status: response.status,
      codes: (parsed.errors ?? []).map((error) => String(error.extensions?.code)),
      body: parsed,
    };
  }

  const graphql = (query: string, variables?: Record<string, unknown>, token?: string) =>
    send(JSON.stringify({ query, variables }), {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });

  return { send, graphql, tokens: () => api.tokens };
}
