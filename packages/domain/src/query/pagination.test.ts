import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

interface Page {
  countries: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: Array<{ cursor: string; node: { code: string } }>;
  };
}

const page = (args: Record<string, unknown>) =>
  api.data<Page>(
    `query($first: Int, $last: Int, $after: String, $before: String) {
      countries(first: $first, last: $last, after: $after, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { code } }
      }
    }`,
    args,
  );

const codes = (result: Page) => result.countries.edges.map((edge) => edge.node.code);

describe('paging through a list', () => {
  it('walks forward with first/after and back with last/before, never skipping or repeating', async () => {
    const first = await page({ first: 3 });
    expect(codes(first)).toEqual(['AD', 'AE', 'AF']);
    expect(first.countries.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.countries.totalCount).toBe(249);

    const second = await page({ first: 3, after: first.countries.pageInfo.endCursor });
    expect(codes(second)).toEqual(['AG', 'AI', 'AL']);
    expect(second.countries.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const back = await page({ last: 2, before: second.countries.pageInfo.startCursor });
    expect(codes(back)).toEqual(['AE', 'AF']);
    expect(back.countries.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const tail = await page({ last: 2 });
    expect(codes(tail)).toEqual(['ZM', 'ZW']);
    expect(tail.countries.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('visits all 249 countries exactly once in pages of 100', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Page = await page({ first: 100, after });
      seen.push(...codes(result));
      if (!result.countries.pageInfo.hasNextPage) break;
      after = result.countries.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(249);
    expect(new Set(seen).size).toBe(249);
    expect(seen).toEqual([...seen].sort());
  });

  it('returns 20 records when no size is given, and none for first: 0', async () => {
    const data = await api.data<{
      a: { edges: unknown[] };
      b: { edges: unknown[]; totalCount: number };
    }>(
      '{ a: countries { edges { cursor } } b: countries(first: 0) { edges { cursor } totalCount } }',
    );
    expect(data.a.edges).toHaveLength(20);
    expect(data.b).toEqual({ edges: [], totalCount: 249 });
  });

  it('refuses a page larger than 100 with BAD_USER_INPUT', async () => {
    const result = await api.query('{ countries(first: 101) { totalCount } }');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message:
        '`first` must be between 0 and 100; got 101. Page through longer lists with cursors.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'first', max: 100 },
    });
  });

  it('refuses first: 1000000000 before running anything, for its cost', async () => {
    const result = await api.query('{ countries(first: 1000000000) { nodes { code } } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      found: 2000000001,
      limit: 200000,
    });
  });

  it('refuses a negative size and first together with last', async () => {
    const negative = await api.query('{ countries(last: -1) { totalCount } }');
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const both = await api.query('{ countries(first: 1, last: 1) { totalCount } }');
    expect(both.errors?.[0]?.message).toBe('Pass either `first` or `last`, not both.');
  });

  it('refuses a forged cursor and a cursor of another list with INVALID_CURSOR', async () => {
    const events = await api.data<{ trainingEvents: { pageInfo: { endCursor: string } } }>(
      '{ trainingEvents(first: 1) { pageInfo { endCursor } } }',
    );
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('["country.code", {"$gt": 1}]').toString('base64url'),
      events.trainingEvents.pageInfo.endCursor,
    ]) {
      const result = await api.query(
        'query($after: String) { countries(after: $after) { totalCount } }',
        {
          after: cursor,
        },
      );
      expect(result.errors?.[0]).toMatchObject({
        message:
          '`after` is not a cursor of this list in this order. Use a cursor returned by the same field with the same `orderBy`.',
        extensions: { code: 'INVALID_CURSOR', argument: 'after' },
      });
    }
  });

  it('refuses a cursor of one order in another order of the same list', async () => {
    const byTitle = await api.data<{ trainingEvents: { pageInfo: { endCursor: string } } }>(
      '{ trainingEvents(first: 1, orderBy: { field: TITLE, direction: ASC }) { pageInfo { endCursor } } }',
    );
    const result = await api.query(
      'query($after: String) { trainingEvents(after: $after) { totalCount } }',
      { after: byTitle.trainingEvents.pageInfo.endCursor },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('pages related lists with cursors too', async () => {
    const first = await api.data<{
      country: {
        subdivisions: { pageInfo: { endCursor: string }; nodes: Array<{ code: string }> };
      };
    }>(
      '{ country(code: "UZ") { subdivisions(first: 5) { pageInfo { endCursor } nodes { code } } } }',
    );
    expect(first.country.subdivisions.nodes.map((s) => s.code)).toEqual([
      'UZ-AN',
      'UZ-BU',
      'UZ-FA',
      'UZ-JI',
      'UZ-NG',
    ]);
    const next = await api.data<{
      country: {
        subdivisions: { pageInfo: { hasNextPage: boolean }; nodes: Array<{ code: string }> };
      };
    }>(
      'query($after: String) { country(code: "UZ") { subdivisions(first: 5, after: $after) { pageInfo { hasNextPage } nodes { code } } } }',
      { after: first.country.subdivisions.pageInfo.endCursor },
    );
    expect(next.country.subdivisions).toEqual({
      pageInfo: { hasNextPage: true },
      nodes: [
        { code: 'UZ-NW' },
        { code: 'UZ-QA' },
        { code: 'UZ-QR' },
        { code: 'UZ-SA' },
        { code: 'UZ-SI' },
      ],
    });
  });

  /** A cursor's parts, and a cursor made of given parts (or of given JSON text). */
  const decode = (cursor: string) =>
    JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  const encode = (parts: unknown[] | string) =>
    Buffer.from(typeof parts === 'string' ? parts : JSON.stringify(parts)).toString('base64url');

  it('refuses a cursor of the right list whose parts are too many, of another order or unfit', async () => {
    const start = await page({ first: 1 });
    const [name, code] = decode(start.countries.pageInfo.endCursor!);
    expect(code).toBe('AD');
    const events = await api.data<{ trainingEvents: { pageInfo: { endCursor: string } } }>(
      '{ trainingEvents(first: 1) { pageInfo { endCursor } } }',
    );
    const [eventOrder, ...eventKeys] = decode(events.trainingEvents.pageInfo.endCursor);
    expect(eventKeys).toHaveLength(2);
    const refused = async (
      list: 'countries' | 'trainingEvents',
      argument: string,
      cursor: string,
    ) => {
      const result = await api.query(
        `query($cursor: String) { list: ${list}(${argument}: $cursor) { totalCount } }`,
        { cursor },
      );
      return result.errors?.[0]?.extensions;
    };
    const invalid = (argument: string) => ({ code: 'INVALID_CURSOR', argument });
    expect(await refused('countries', 'after', encode([name, 'AD', 'AE']))).toEqual(
      invalid('after'),
    );
    expect(await refused('countries', 'before', encode(['another order', 'AD']))).toEqual(
      invalid('before'),
    );
    expect(await refused('countries', 'after', encode([name, 'A\u0001']))).toEqual(
      invalid('after'),
    );
    expect(await refused('countries', 'after', encode([name, 'Z'.repeat(1001)]))).toEqual(
      invalid('after'),
    );
    expect(await refused('countries', 'after', encode(`["${name}",1e999]`))).toEqual(
      invalid('after'),
    );
    // Every part must be fit, not only one.
    expect(
      await refused('trainingEvents', 'after', encode([eventOrder, eventKeys[0], { id: 1 }])),
    ).toEqual(invalid('after'));
    // The longest fit text and a number are taken, and compared as the key's type.
    expect(await refused('countries', 'after', encode([name, 'Z'.repeat(1000)]))).toBeUndefined();
    expect(await refused('countries', 'after', encode([name, 5]))).toBeUndefined();
  });

  it('pages a list sorted newest first forwards and backwards', async () => {
    const events = (args: Record<string, unknown>) =>
      api.data<{
        trainingEvents: {
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string;
            endCursor: string;
          };
          nodes: Array<{ startDate: string | null }>;
        };
      }>(
        `query($first: Int, $last: Int, $after: String, $before: String) {
          trainingEvents(first: $first, last: $last, after: $after, before: $before) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { startDate }
          }
        }`,
        args,
      );
    const dates = (result: Awaited<ReturnType<typeof events>>) => ({
      dates: result.trainingEvents.nodes.map((e) => e.startDate),
      hasNextPage: result.trainingEvents.pageInfo.hasNextPage,
      hasPreviousPage: result.trainingEvents.pageInfo.hasPreviousPage,
    });
    // Undated planned events count as the latest: four of them, then 2024, then two of 2020.
    const top = await events({ first: 3 });
    expect(dates(top)).toEqual({
      dates: [null, null, null],
      hasNextPage: true,
      hasPreviousPage: false,
    });
    const rest = await events({ first: 3, after: top.trainingEvents.pageInfo.endCursor });
    expect(dates(rest)).toEqual({
      dates: [null, '2024-02-01', '2020-05-21'],
      hasNextPage: true,
      hasPreviousPage: true,
    });
    const back = await events({ last: 2, before: rest.trainingEvents.pageInfo.startCursor });
    expect(dates(back)).toEqual({ dates: [null, null], hasNextPage: true, hasPreviousPage: true });
    expect(back.trainingEvents.pageInfo.endCursor).toBe(top.trainingEvents.pageInfo.endCursor);
    const last = await events({ last: 2 });
    expect(dates(last)).toEqual({
      dates: ['2020-05-21', '2020-04-24'],
      hasNextPage: false,
      hasPreviousPage: true,
    });
  });

  it('refuses a page too large by `last` too, naming it', async () => {
    const result = await api.query('{ countries(last: 101) { totalCount } }');
    expect(result.errors?.[0]).toMatchObject({
      message: '`last` must be between 0 and 100; got 101. Page through longer lists with cursors.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'last', max: 100 },
    });
  });

  it('counts a list once however often its total is asked, and reads no rows for a page of none', async () => {
    api.resetStatements();
    const data = await api.data(
      '{ countries(first: 0) { a: totalCount b: totalCount pageInfo { hasNextPage startCursor endCursor } } }',
    );
    expect(data).toEqual({
      countries: {
        a: 249,
        b: 249,
        pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
      },
    });
    const fromCountry = api.statements().filter((s) => /from "?country"?/.test(s));
    expect(fromCountry).toHaveLength(1);
    expect(fromCountry[0]).toMatch(/count\(\*\)/);
  });

  it('refuses a bad filter on a page of none, though it reads no rows', async () => {
    const result = await api.query(
      '{ trainingEvents(first: 0, filter: { countries: ["Mozambique"] }) { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.countries',
    });
  });

  it('reads the sort keys only when the cursors are asked for', async () => {
    const keysRead = async (query: string) => {
      api.resetStatements();
      await api.data(query);
      return api.statements().some((s) => /"_k0"/.test(s));
    };
    expect(await keysRead('{ countries(first: 2) { nodes { code } } }')).toBe(false);
    expect(await keysRead('{ countries(first: 2) { edges { cursor } } }')).toBe(true);
    expect(await keysRead('{ countries(first: 2) { pageInfo { endCursor } } }')).toBe(true);
  });
});
