import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@mch/db';
import { createToken } from '@mch/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Cluster,
  down,
  startApi,
  startPostgres,
  startRedis,
  stopPostgres,
  stopRedis,
  up,
} from '../../../tooling/cluster.mjs';

// A cluster on loopback, as `pnpm cluster up` starts it: a PostgreSQL primary and a streaming
// replica, Redis, two API replicas and HAProxy. Each test leaves it whole for the next.

let cluster: Cluster;
let primary: DbHandle;
let replica: DbHandle;

beforeAll(async () => {
  cluster = await up({
    dir: mkdtempSync(join(tmpdir(), 'mch-cluster-')),
    port: 20_000 + Math.floor(Math.random() * 400) * 100,
    apiEnv: { RATE_LIMIT_POINTS: '40000', REPLICA_MAX_LAG_MS: '2000', LOG_LEVEL: 'warn' },
    log: () => {},
  });
  primary = await createDb({ databaseUrl: cluster.urls.primary });
  replica = await createDb({ databaseUrl: cluster.urls.replica });
}, 120_000);

afterAll(async () => {
  await primary?.close();
  await replica?.close();
  if (cluster) await down({ dir: cluster.dir, log: () => {} });
}, 60_000);

const apiUrl = (i: number) => `http://127.0.0.1:${cluster.apis[i]!.port}/graphql`;
const readyOf = async (i: number) =>
  (await (await fetch(`http://127.0.0.1:${cluster.apis[i]!.port}/ready`)).json()) as {
    status: string;
    replica: { state: string; lagMs: number | null };
    redis: string;
    rateLimits: string;
  };

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Both API replicas answer, read from the replica, and share Redis. */
async function whole() {
  for (const i of [0, 1]) {
    await until(`api-${i + 1} whole`, async () => {
      const ready = await readyOf(i);
      return ready.replica.state === 'in use' && ready.redis === 'connected';
    });
  }
}
beforeEach(whole, 60_000);

async function ask(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  return { status: response.status, body };
}

const editorToken = async (name: string) =>
  (await createToken(primary.db, { name: `${name} ${Date.now()}`, role: 'editor' })).token;

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { ... on CreateOrganisationPayload { organisation { id } } }
}`;
const READ = 'query($id: ID!) { node(id: $id) { ... on Organisation { name } } }';

async function create(url: string, token: string, name: string) {
  const { status, body } = await ask(
    url,
    CREATE,
    { input: { name, kind: 'NGO', country: 'MZ', idempotencyKey: name } },
    token,
  );
  const id = (body.data?.createOrganisation as { organisation?: { id: string } } | undefined)
    ?.organisation?.id;
  return { ok: status === 200 && !body.errors && id !== undefined, id };
}

describe('a cluster of two API replicas, a PostgreSQL replica and Redis', () => {
  it('lets a client read its write through the other API replica, while others read the replica within the lag allowed', async () => {
    const token = await editorToken('reader of own writes');
    await sql`select pg_wal_replay_pause()`.execute(replica.db);
    try {
      const written = await create(apiUrl(0), token, 'Written through api-1');
      expect(written.ok).toBe(true);
      // The same client through the other replica: its reads wait for, or skip, the replica.
      const own = await ask(apiUrl(1), READ, { id: written.id }, token);
      expect(own.body.data?.node).toEqual({ name: 'Written through api-1' });
      // Another client reads the replica, which has not replayed the write yet.
      const other = await ask(apiUrl(1), READ, { id: written.id });
      expect(other.body.data?.node).toBeNull();
      // Past REPLICA_MAX_LAG_MS (2 s) the replica serves no reads: everyone sees the write.
      await until(
        'replica marked behind',
        async () => (await readyOf(1)).replica.state === 'behind',
      );
      const later = await ask(apiUrl(1), READ, { id: written.id });
      expect(later.body.data?.node).toEqual({ name: 'Written through api-1' });
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replica.db);
    }
  });

  it('refuses on one API replica the budget spent on the other, and keeps answering without Redis', async () => {
    const token = await editorToken('spender');
    // A costly question (about 10 000 of the 40 000 units a window allows): four go through.
    const QUERY =
      '{ organisations(first: 100) { nodes { units(first: 100) { nodes { name } } } } }';
    let spent = 0;
    for (; spent < 20; spent++) {
      const { status } = await ask(apiUrl(0), QUERY, {}, token);
      if (status === 429) break;
      expect(status).toBe(200);
    }
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThan(20);
    const elsewhere = await ask(apiUrl(1), QUERY, {}, token);
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    await stopRedis(cluster);
    try {
      await until('Redis seen gone', async () => (await readyOf(1)).redis === 'unavailable');
      const ready = await readyOf(1);
      expect(ready).toMatchObject({
        status: 'ready',
        redis: 'unavailable',
        rateLimits: 'per process',
      });
      // This process's own budget: the spender may ask again, once.
      const alone = await ask(apiUrl(1), QUERY, {}, token);
      expect(alone.status).toBe(200);
    } finally {
      await startRedis(cluster);
    }
  });

  it('answers every read while the PostgreSQL replica stops, from the primary', async () => {
    const failures: string[] = [];
    let answered = 0;
    let stopped = false;
    const worker = async () => {
      while (!stopped) {
        const { status, body } = await ask(
          cluster.urls.lb,
          '{ organisations(first: 5) { nodes { name } } }',
        );
        if (status !== 200 || body.errors)
          failures.push(`${status} ${JSON.stringify(body.errors)}`);
        answered++;
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopPostgres(cluster, 'replica', 'immediate');
    await until(
      'replica seen gone',
      async () => (await readyOf(0)).replica.state === 'unreachable',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stopped = true;
    await Promise.all(workers);
    startPostgres(cluster, 'replica');
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(50);
  });

  it('loses no acknowledged write and no request not yet sent when an API replica is killed', async () => {
    const token = await editorToken('writer under failover');
    const acknowledged: string[] = [];
    const failed: number[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stopped = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stopped) {
        const startedAt = Date.now();
        const result = await create(cluster.urls.lb, token, `Failover ${w}-${n++}`).catch(() => ({
          ok: false,
          id: undefined,
        }));
        if (result.ok) acknowledged.push(result.id!);
        else failed.push(startedAt);
      }
    };
    const workers = Array.from({ length: 4 }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, 700));
    process.kill(cluster.apis[0]!.pid!, 'SIGKILL');
    killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stopped = true;
    await Promise.all(workers);
    await startApi(cluster, 0);
    // Only what api-1 had already received when it died can fail: at most one per worker, ...
    expect(failed.length).toBeLessThanOrEqual(4);
    // ... sent before the kill, or in the instant before HAProxy saw its connections close.
    expect(failed.every((startedAt) => startedAt <= killedAt + 250)).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(20);
    const keys = acknowledged.map((id) => Buffer.from(id, 'base64').toString().split(':')[1]!);
    const stored = await primary.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', keys)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(acknowledged.length);
  });

  it('has the replica hold exactly the primary’s rows once it has caught up after a burst of writes', async () => {
    const token = await editorToken('burst');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        create(cluster.urls.lb, token, `Burst ${Date.now()}-${i}`),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(
      primary.db,
    );
    await until('replica caught up', async () => {
      const caught = await sql<{ done: boolean }>`
        select pg_last_wal_replay_lsn() >= ${rows[0]!.lsn}::pg_lsn as done`.execute(replica.db);
      return caught.rows[0]!.done;
    });
    const digest = async (db: DbHandle) => {
      const { rows: digests } = await sql<{ table: string; n: number; digest: string }>`
        select 'organisation' as table, count(*)::int as n,
               md5(string_agg(id::text || version || name, ',' order by id)) as digest from organisation
        union all
        select 'audit_event', count(*)::int, md5(string_agg(id::text, ',' order by id)) from audit_event
        union all
        select 'change_log', count(*)::int, md5(string_agg(seq::text || record_id, ',' order by seq)) from change_log`.execute(
        db.db,
      );
      return digests;
    };
    const onPrimary = await digest(primary);
    expect(await digest(replica)).toEqual(onPrimary);
    expect(onPrimary.find((row) => row.table === 'organisation')!.n).toBeGreaterThan(60);
  });
});
