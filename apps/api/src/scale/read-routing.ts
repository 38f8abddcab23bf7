import { createDb, type Database, type DbHandle } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { Counter, Gauge } from 'prom-client';
import type { Config } from '../config.js';
import type { Observability } from '../observability.js';
import { failoverDatabase } from './failover-dialect.js';
import { isLsn, lsnToBigInt } from './lsn.js';
import type { SharedRedis } from './redis.js';

/**
 * Where a request's reads go when a PostgreSQL streaming replica is configured. Writes, and
 * everything a mutation reads, go to the primary. A query goes to the replica when the replica
 * is reachable and at most `replicaMaxLagMs` behind; a client that has written reads on the
 * replica only once it has replayed that write (waiting up to `readYourWritesWaitMs`), else on
 * the primary. Each client's last write position is kept in Redis, so that every API replica
 * knows it; without Redis (or while it is away) a client with a token reads from the primary.
 *
 * A thin layer over two `pg` pools rather than kysely-replication: that library routes each
 * statement on its own (reads to replicas), while reading one's own writes needs the whole
 * request on one side, chosen from the client's last write.
 */

export type ReplicaState = 'in use' | 'behind' | 'unreachable';

export interface ReplicaStatus {
  state: ReplicaState;
  /** How far the replica is behind the primary: time and bytes of log not yet replayed. */
  lagMs: number | null;
  lagBytes: number | null;
}

export interface ReadRouting {
  /** The database the reads of a request by `clientKey` (a token's ID) go to. */
  readerFor(clientKey: string | undefined): Promise<Kysely<Database>>;
  /** Remembers that the client has just written, so its next reads see the write. */
  noteWrite(clientKey: string): Promise<void>;
  status(): ReplicaStatus;
  close(): Promise<void>;
}

/** A client's mark when the position of its last write could not be read: it reads on the primary. */
const ON_PRIMARY = 'primary';

/** How often the replica's position is read. */
const SAMPLE_MS = 250;

export async function createReadRouting(
  settings: Config['scale'] & { replicaUrl: string; preparedStatements: boolean; poolSize: number },
  primary: DbHandle,
  redis: SharedRedis | undefined,
  observability: Observability,
): Promise<ReadRouting> {
  const { logger, registry } = observability;
  const replicaHandle = await createDb({
    databaseUrl: settings.replicaUrl,
    preparedStatements: settings.preparedStatements,
    maxConnections: settings.poolSize,
    onQuery: observability.onQuery,
    onBytesReceived: observability.onBytesReceived,
    // Without a limit, a replica machine that vanished would hold reads for minutes.
    connectionTimeoutMs: 1_000,
  });
  const monitor = replicaHandle.db;
  let status: ReplicaStatus = { state: 'unreachable', lagMs: null, lagBytes: null };
  let replayed = 0n;

  const setState = (next: ReplicaStatus, reason?: string) => {
    if (next.state !== status.state) {
      const fields = { replica: next.state, lagMs: next.lagMs, reason };
      if (next.state === 'in use') logger.info(fields, 'Replica in use for reads');
      else logger.warn(fields, `Replica ${next.state}: reads go to the primary`);
    }
    status = next;
    lagSeconds.set(next.lagMs === null ? -1 : next.lagMs / 1000);
    lagBytes.set(next.lagBytes ?? -1);
    replicaUp.set(next.state === 'in use' ? 1 : 0);
  };

  const reads = new Counter({
    name: 'mch_reads_total',
    help: 'GraphQL requests by where their reads went: the replica or the primary.',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const lagSeconds = new Gauge({
    name: 'mch_replica_lag_seconds',
    help: 'How far the replica is behind the primary, in time (-1 when unknown).',
    registers: [registry],
  });
  const lagBytes = new Gauge({
    name: 'mch_replica_lag_bytes',
    help: 'How far the replica is behind the primary, in bytes of log (-1 when unknown).',
    registers: [registry],
  });
  const replicaUp = new Gauge({
    name: 'mch_replica_in_use',
    help: '1 when reads go to the replica, 0 when they go to the primary.',
    registers: [registry],
  });

  const replicaDb = failoverDatabase(
    replicaHandle.statementPool!,
    primary.statementPool!,
    (error) => {
      setState(
        { state: 'unreachable', lagMs: null, lagBytes: null },
        error instanceof Error ? error.message : String(error),
      );
    },
  );

  // The primary's log position over the last minutes: the lag in time is the age of the oldest
  // position the replica has not replayed yet.
  const positions: Array<{ at: number; lsn: bigint }> = [];
  let sampling = false;
  const sample = async () => {
    if (sampling) return;
    sampling = true;
    try {
      const [head, replica] = await Promise.allSettled([
        sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary.db),
        sql<{ standby: boolean; replay: string | null }>`
          select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replay`.execute(
          monitor,
        ),
      ]);
      const now = Date.now();
      if (head.status === 'fulfilled') {
        positions.push({ at: now, lsn: lsnToBigInt(head.value.rows[0]!.lsn) });
        while (positions.length > 1 && positions[0]!.at < now - 600_000) positions.shift();
      }
      if (replica.status === 'rejected') {
        setState({ state: 'unreachable', lagMs: null, lagBytes: null }, String(replica.reason));
        return;
      }
      const row = replica.value.rows[0]!;
      if (!row.standby || row.replay === null) {
        setState({ state: 'unreachable', lagMs: null, lagBytes: null }, 'not a standby');
        return;
      }
      replayed = lsnToBigInt(row.replay);
      const latest = positions.at(-1)?.lsn ?? replayed;
      const missing = positions.find((position) => position.lsn > replayed);
      const lag = {
        lagMs: missing ? now - missing.at : 0,
        lagBytes: latest > replayed ? Number(latest - replayed) : 0,
      };
      setState({ state: lag.lagMs <= settings.replicaMaxLagMs ? 'in use' : 'behind', ...lag });
    } finally {
      sampling = false;
    }
  };
  await sample();
  const timer = setInterval(() => void sample(), SAMPLE_MS);
  timer.unref();

  // Each client's last write position: in Redis for every replica, else in this process.
  const ttlMs = settings.replicaMaxLagMs + 10_000;
  const local = new Map<string, { lsn: string; until: number }>();
  const keyOf = (clientKey: string) => `mch:last-write:${clientKey}`;
  const lastWrite = async (clientKey: string): Promise<string | null | 'unknown'> => {
    if (redis) {
      if (redis.state() !== 'connected') return 'unknown';
      try {
        return await redis.client.get(keyOf(clientKey));
      } catch {
        return 'unknown';
      }
    }
    const entry = local.get(clientKey);
    return entry && entry.until > Date.now() ? entry.lsn : null;
  };

  /** Waits for the replica to replay `target`, polling; false when it does not in time. */
  const replays = async (target: bigint): Promise<boolean> => {
    const deadline = Date.now() + settings.readYourWritesWaitMs;
    for (;;) {
      if (replayed >= target) return true;
      if (Date.now() >= deadline) return false;
      try {
        const { rows } = await sql<{ replay: string | null }>`
          select pg_last_wal_replay_lsn()::text as replay`.execute(monitor);
        if (rows[0]?.replay) replayed = lsnToBigInt(rows[0].replay);
      } catch {
        return false;
      }
      if (replayed < target) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  const toPrimary = () => {
    reads.inc({ target: 'primary' });
    return primary.db;
  };

  return {
    async readerFor(clientKey) {
      if (status.state !== 'in use') return toPrimary();
      if (clientKey) {
        const written = await lastWrite(clientKey);
        if (written === 'unknown' || written === ON_PRIMARY) return toPrimary();
        if (written && isLsn(written) && !(await replays(lsnToBigInt(written)))) {
          return toPrimary();
        }
      }
      reads.inc({ target: 'replica' });
      return replicaDb;
    },
    async noteWrite(clientKey) {
      // The write is committed; should the leader go away before its position is read (a
      // failover), the client reads from the leader until the mark expires, and the answer that
      // its write is stored still goes out.
      const lsn = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`
        .execute(primary.db)
        .then(({ rows }) => rows[0]!.lsn)
        .catch(() => ON_PRIMARY);
      if (redis) {
        // Redis away: this client's reads go to the primary until it is back (`unknown`).
        await redis.client.set(keyOf(clientKey), lsn, 'PX', ttlMs).catch(() => {});
      } else {
        local.set(clientKey, { lsn, until: Date.now() + ttlMs });
      }
    },
    status: () => status,
    async close() {
      clearInterval(timer);
      await replicaDb.destroy();
    },
  };
}
