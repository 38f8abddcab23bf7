import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  chaos,
  leader,
  postmasterPid,
  printChaos,
  switchover,
  waitHealthy,
} from '../../../tooling/cluster.mjs';
import { ask, clusterForFile, create, keyOf, onServer, READ, until } from './support/cluster.js';

// The leader going away under the API: a failover on purpose (switchover) and by accident
// (PostgreSQL or Patroni killed, the leader cut off from etcd), with the API replicas left
// running throughout. `pnpm cluster chaos --rounds 3` runs the same faults three times each.

// Writers and readers all come from 127.0.0.1: no rate limit, so that only the failover
// can refuse them.
const file = clusterForFile({ RATE_LIMIT_POINTS: '0' });

beforeEach(() => waitHealthy(file.cluster), 120_000);

const apiPids = () => file.cluster.apis.map((api) => api.pid);

describe('the API through a failover', () => {
  it('fails a write in flight on a dying leader with DATABASE_UNAVAILABLE, and stores it once when retried with its key', async () => {
    const token = await file.editorToken('in flight');
    const pids = apiPids();
    const old = (await leader(file.cluster))!;
    // A lock held on the leader keeps the write waiting inside its transaction.
    const blocker = await onServer(old.port);
    const name = `In flight ${Date.now()}`;
    let pending: ReturnType<typeof create> | undefined;
    try {
      await blocker.db.transaction().execute(async (trx) => {
        await sql`lock table organisation in access exclusive mode`.execute(trx);
        pending = create(file.cluster.urls.lb, token, name);
        await until('the write waiting on the lock', async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query ilike '%organisation%'`.execute(
            file.primary.db,
          );
          return rows[0]!.n > 0;
        });
        process.kill(postmasterPid(old)!, 'SIGKILL');
      });
    } catch {
      // The blocker's own connection died with the server.
    } finally {
      await blocker.close().catch(() => {});
    }
    const inFlight = await pending!;
    expect(inFlight.ok).toBe(false);
    expect(inFlight.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');

    // Retried with its idempotency key until a new leader takes it, by the same API processes.
    let retried = await create(file.cluster.urls.lb, token, name);
    await until(
      'the write accepted again',
      async () => {
        retried = await create(file.cluster.urls.lb, token, name);
        return retried.ok;
      },
      60_000,
    );
    expect((await leader(file.cluster))?.name).not.toBe(old.name);
    expect(apiPids()).toEqual(pids);
    const rows = await file.primary.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', name)
      .execute();
    expect(rows.map((row) => row.id)).toEqual([keyOf(retried.id!)]);
  });

  it('moves the leader on purpose with no acknowledged write lost, reads answered throughout, and read-your-writes kept', async () => {
    const token = await file.editorToken('switchover');
    const pids = apiPids();
    const readFailures: string[] = [];
    const written: string[] = [];
    let reads = 0;
    let stopped = false;
    const reader = async () => {
      while (!stopped) {
        const { status, body } = await ask(
          file.cluster.urls.lb,
          '{ organisations(first: 5) { nodes { name } } }',
        );
        if (status !== 200 || body.errors)
          readFailures.push(`${status} ${JSON.stringify(body.errors)}`);
        reads++;
      }
    };
    const writer = async (w: number) => {
      for (let i = 0; !stopped; i++) {
        const name = `Switchover ${Date.now()} ${w}-${i}`;
        let result = await create(file.cluster.urls.lb, token, name);
        while (!result.ok) {
          // Only a database away, never another error, and the same key again.
          expect(['DATABASE_UNAVAILABLE', 'HTTP 503']).toContain(
            result.body.errors?.[0]?.extensions?.code,
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
          result = await create(file.cluster.urls.lb, token, name);
        }
        written.push(result.id!);
      }
    };
    const workers = [...Array.from({ length: 3 }, reader), ...[0, 1].map(writer)];
    let moved: { from: string; to: string | undefined };
    try {
      await until('reads and writes under way', async () => reads > 10 && written.length > 4);
      moved = await switchover(file.cluster, () => {});
      const after = written.length;
      await until('writes on the new leader', async () => written.length > after + 4);
    } finally {
      stopped = true;
      await Promise.all(workers);
    }
    expect(moved.to).not.toBe(moved.from);
    expect(apiPids()).toEqual(pids);
    expect(readFailures).toEqual([]);
    const stored = await file.primary.db
      .selectFrom('organisation')
      .select('id')
      .where('id', 'in', written.map(keyOf))
      .execute();
    expect(stored.length).toBe(written.length);

    // Read-your-writes on the new leader: written through one API replica, read at once
    // through the other.
    const mine = await create(file.apiUrl(0), token, `Mine ${Date.now()}`);
    expect(mine.ok).toBe(true);
    const own = await ask(file.apiUrl(1), READ, { id: mine.id }, token);
    expect(own.body.data?.node).toEqual({ name: expect.stringMatching(/^Mine /) });
  });

  it('loses no acknowledged write and stores none twice when the leader’s PostgreSQL or Patroni is killed or it is cut off from etcd, and the old leader comes back as a replica', async () => {
    const results = await chaos(file.cluster, { rounds: 1, log: () => {} });
    printChaos(results);
    expect(results.map((result) => result.kind)).toEqual([
      'PostgreSQL killed (kill -9 of the postmaster)',
      'Patroni killed (kill -9), PostgreSQL left running',
      'leader cut off from etcd',
    ]);
    for (const result of results) {
      expect(result.to).not.toBe(result.from);
      expect(result.acknowledged).toBeGreaterThan(8);
      expect(result.lost).toBe(0);
      expect(result.duplicates).toBe(0);
      expect(result.rejoinedAfterMs).not.toBeNull();
      // Aimed under 15 s; allowed 30 s on a loaded machine.
      expect(result.writesWaitedMs).toBeLessThan(30_000);
    }
  }, 600_000);
});
