import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  haproxyView,
  members,
  startApi,
  startPatroni,
  startRedis,
  stopPatroni,
  stopRedis,
  waitHealthy,
} from '../../../tooling/cluster.mjs';
import {
  ask,
  clusterForFile,
  create,
  digest,
  keyOf,
  onServer,
  READ,
  until,
} from './support/cluster.js';

// A cluster on loopback, as `pnpm cluster up` starts it: three PostgreSQL servers under Patroni
// (a leader, two replicas), Redis, two API replicas and HAProxy. Each test leaves it whole.

// A budget small enough for the rate-limit test to spend.
const file = clusterForFile({ RATE_LIMIT_POINTS: '40000' });

const readyOf = async (i: number) =>
  (await (await fetch(`http://127.0.0.1:${file.cluster.apis[i]!.port}/ready`)).json()) as {
    status: string;
    replica: { state: string; lagMs: number | null };
    redis: string;
    rateLimits: string;
  };

/** Handles on each replica's own server (not through HAProxy). */
async function replicas() {
  const all = await members(file.cluster);
  return Promise.all(
    all.filter((member) => member.role !== 'leader').map((member) => onServer(member.port)),
  );
}

/** Puts Patroni in maintenance mode (or takes it out), and waits until every server says so. */
async function maintenance(on: boolean) {
  const [first] = file.cluster.nodes;
  const response = await fetch(`http://127.0.0.1:${first!.restPort}/config`, {
    method: 'PATCH',
    body: JSON.stringify({ pause: on }),
  });
  expect(response.ok).toBe(true);
  for (const node of file.cluster.nodes) {
    await until(`${node.name} ${on ? 'in' : 'out of'} maintenance`, async () => {
      const state = (await (await fetch(`http://127.0.0.1:${node.restPort}/patroni`)).json()) as {
        pause?: boolean;
      };
      return Boolean(state.pause) === on;
    });
  }
}

/** The servers stream, both API replicas answer, read from a replica, and share Redis. */
async function whole() {
  await waitHealthy(file.cluster);
  for (const i of [0, 1]) {
    await until(`api-${i + 1} whole`, async () => {
      const ready = await readyOf(i);
      return ready.replica.state === 'in use' && ready.redis === 'connected';
    });
  }
}
beforeEach(whole, 120_000);

describe('a cluster of two API replicas, PostgreSQL replicas under Patroni and Redis', () => {
  it('lets a client read its write through the other API replica, while others read the replica within the lag allowed', async () => {
    const token = await file.editorToken('reader of own writes');
    const standbys = await replicas();
    // Patroni resumes a replica's paused replay: its maintenance mode leaves the servers alone.
    await maintenance(true);
    for (const standby of standbys) await sql`select pg_wal_replay_pause()`.execute(standby.db);
    try {
      const written = await create(file.apiUrl(0), token, 'Written through api-1');
      expect(written.ok).toBe(true);
      // The same client through the other replica: its reads wait for, or skip, the replica.
      const own = await ask(file.apiUrl(1), READ, { id: written.id }, token);
      expect(own.body.data?.node).toEqual({ name: 'Written through api-1' });
      // Another client reads the replica, which has not replayed the write yet.
      const other = await ask(file.apiUrl(1), READ, { id: written.id });
      expect(other.body.data?.node).toBeNull();
      // Past REPLICA_MAX_LAG_MS (2 s) the replica serves no reads: everyone sees the write.
      await until(
        'replica marked behind',
        async () => (await readyOf(1)).replica.state === 'behind',
      );
      const later = await ask(file.apiUrl(1), READ, { id: written.id });
      expect(later.body.data?.node).toEqual({ name: 'Written through api-1' });
    } finally {
      for (const standby of standbys) {
        await sql`select pg_wal_replay_resume()`.execute(standby.db);
        await standby.close();
      }
      await maintenance(false);
    }
  });

  it('refuses on one API replica the budget spent on the other, and keeps answering without Redis', async () => {
    const token = await file.editorToken('spender');
    // A costly question (about 10 000 of the 40 000 units a window allows): four go through.
    const QUERY =
      '{ organisations(first: 100) { nodes { units(first: 100) { nodes { name } } } } }';
    let spent = 0;
    for (; spent < 20; spent++) {
      const { status } = await ask(file.apiUrl(0), QUERY, {}, token);
      if (status === 429) break;
      expect(status).toBe(200);
    }
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThan(20);
    const elsewhere = await ask(file.apiUrl(1), QUERY, {}, token);
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    await stopRedis(file.cluster);
    try {
      await until('Redis seen gone', async () => (await readyOf(1)).redis === 'unavailable');
      const ready = await readyOf(1);
      expect(ready).toMatchObject({
        status: 'ready',
        redis: 'unavailable',
        rateLimits: 'per process',
      });
      // This process's own budget: the spender may ask again, once.
      const alone = await ask(file.apiUrl(1), QUERY, {}, token);
      expect(alone.status).toBe(200);
    } finally {
      await startRedis(file.cluster);
    }
  });

  it('answers every read while the PostgreSQL replica in use stops, from the other replica', async () => {
    const failures: string[] = [];
    let answered = 0;
    let stopped = false;
    const worker = async () => {
      while (!stopped) {
        const { status, body } = await ask(
          file.cluster.urls.lb,
          '{ organisations(first: 5) { nodes { name } } }',
        );
        if (status !== 200 || body.errors)
          failures.push(`${status} ${JSON.stringify(body.errors)}`);
        answered++;
      }
    };
    // The replica HAProxy sends this machine's connections to (the API's as well).
    const reader = await onServer(file.cluster.ports.read);
    const { rows } = await sql<{ port: number }>`select inet_server_port() as port`.execute(
      reader.db,
    );
    await reader.close();
    const serving = file.cluster.nodes.findIndex((node) => node.port === rows[0]!.port);
    const name = file.cluster.nodes[serving]!.name;
    const workers = Array.from({ length: 6 }, worker);
    try {
      await until('reads under way', async () => answered > 10);
      await stopPatroni(file.cluster, serving);
      await until('HAProxy sending reads elsewhere', async () =>
        (await haproxyView(file.cluster)).some(
          (row) => row.port === 'postgres-read' && row.server === name && row.status !== 'UP',
        ),
      );
      const before = answered;
      await until('reads on the other replica', async () => answered > before + 20);
    } finally {
      stopped = true;
      await Promise.all(workers);
      startPatroni(file.cluster, serving);
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(50);
  });

  it('loses no acknowledged write and no request not yet sent when an API replica is killed', async () => {
    const token = await file.editorToken('writer under failover');
    const acknowledged: string[] = [];
    const failed: number[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stopped = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stopped) {
        const startedAt = Date.now();
        const result = await create(file.cluster.urls.lb, token, `Failover ${w}-${n++}`).catch(
          () => ({
            ok: false,
            id: undefined,
          }),
        );
        if (result.ok) acknowledged.push(result.id!);
        else failed.push(startedAt);
      }
    };
    const workers = Array.from({ length: 4 }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, 700));
    process.kill(file.cluster.apis[0]!.pid!, 'SIGKILL');
    killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stopped = true;
    await Promise.all(workers);
    await startApi(file.cluster, 0);
    // Only what api-1 had already received when it died can fail: at most one per worker, ...
    expect(failed.length).toBeLessThanOrEqual(4);
    // ... sent before the kill, or in the instant before HAProxy saw its connections close.
    expect(failed.every((startedAt) => startedAt <= killedAt + 250)).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(20);
    const keys = acknowledged.map(keyOf);
    const stored = await file.primary.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', keys)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(acknowledged.length);
  });

  it('has both replicas hold exactly the leader’s rows once it has caught up after a burst of writes', async () => {
    const token = await file.editorToken('burst');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        create(file.cluster.urls.lb, token, `Burst ${Date.now()}-${i}`),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(
      file.primary.db,
    );
    const onPrimary = await digest(file.primary);
    for (const standby of await replicas()) {
      try {
        await until('replica caught up', async () => {
          const caught = await sql<{ done: boolean }>`
            select pg_last_wal_replay_lsn() >= ${rows[0]!.lsn}::pg_lsn as done`.execute(standby.db);
          return caught.rows[0]!.done;
        });
        expect(await digest(standby)).toEqual(onPrimary);
      } finally {
        await standby.close();
      }
    }
    expect(onPrimary.organisation!.n).toBeGreaterThan(60);
  });
});
