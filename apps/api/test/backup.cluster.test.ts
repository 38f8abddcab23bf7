import type { DbHandle } from '@mch/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, type Cluster, info, restore, stopRestored } from '../../../tooling/cluster.mjs';
import {
  create,
  digest,
  editorToken,
  onServer,
  startCluster,
  stopCluster,
  until,
} from './support/cluster.js';

// Backups of the cluster with pgBackRest: a full and an incremental backup, the log archived
// continuously, and a restore to a point in time into a fresh server.

let cluster: Cluster;
let primary: DbHandle;

beforeAll(async () => {
  // Writers and readers all come from 127.0.0.1: no rate limit, so that only the failover
  // can refuse them.
  cluster = await startCluster({ RATE_LIMIT_POINTS: '0' });
  primary = await onServer(cluster.ports.write);
}, 240_000);

afterAll(async () => {
  await primary?.close();
  await stopCluster(cluster);
}, 60_000);

describe('backups of the cluster', () => {
  it('restores to a moment between two writes: the first is there, the second is not, and every table is as the leader had it then', async () => {
    const token = await editorToken(primary, 'backup');
    expect(backup(cluster, 'full').map((entry) => entry.type)).toEqual(['full']);
    const before = `Before the moment ${Date.now()}`;
    const a = await create(cluster.urls.lb, token, before);
    expect(a.ok).toBe(true);
    expect(backup(cluster, 'incr').map((entry) => entry.type)).toEqual(['full', 'incr']);

    // The moment: every table's digest on the leader, then the time, then the second write.
    const then = await digest(primary);
    const { rows } = await sql<{ at: string }>`select clock_timestamp()::text as at`.execute(
      primary.db,
    );
    const moment = rows[0]!.at;
    const b = await create(cluster.urls.lb, token, `After the moment ${Date.now()}`);
    expect(b.ok).toBe(true);
    // The segment holding the second write goes to the repository now rather than within a
    // minute (archive_timeout).
    const { rows: switched } = await sql<{ wal: string }>`
      select pg_walfile_name(pg_switch_wal()) as wal`.execute(primary.db);
    await until(
      'the log archived past the moment',
      async () => {
        const { rows: archived } = await sql<{ last: string | null }>`
          select last_archived_wal as last from pg_stat_archiver`.execute(primary.db);
        return (archived[0]!.last ?? '') >= switched[0]!.wal;
      },
      60_000,
    );

    const restored = await restore(cluster, moment, {
      port: cluster.ports.restore,
      name: 'restored-test',
    });
    cluster.restored.push(restored.data);
    const copy = await onServer(restored.port);
    try {
      const names = (await copy.db.selectFrom('organisation').select('name').execute()).map(
        (row) => row.name,
      );
      expect(names).toContain(before);
      expect(names.some((name) => name.startsWith('After the moment'))).toBe(false);
      expect(await digest(copy)).toEqual(then);
    } finally {
      await copy.close();
      stopRestored(cluster, restored.data);
    }
    expect(info(cluster)).toHaveLength(2);
  }, 300_000);
});
