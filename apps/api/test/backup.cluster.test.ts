import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backup, info, restore, stopRestored } from '../../../tooling/cluster.mjs';
import { clusterForFile, create, digest, onServer, until } from './support/cluster.js';

// Backups of the cluster with pgBackRest: a full and an incremental backup, the log archived
// continuously, and a restore to a point in time into a fresh server.

// Writers and readers all come from 127.0.0.1: no rate limit, so that only the failover
// can refuse them.
const file = clusterForFile({ RATE_LIMIT_POINTS: '0' });

describe('backups of the cluster', () => {
  it('restores to a moment between two writes: the first is there, the second is not, and every table is as the leader had it then', async () => {
    const token = await file.editorToken('backup');
    expect(backup(file.cluster, 'full').map((entry) => entry.type)).toEqual(['full']);
    const before = `Before the moment ${Date.now()}`;
    const a = await create(file.cluster.urls.lb, token, before);
    expect(a.ok).toBe(true);
    expect(backup(file.cluster, 'incr').map((entry) => entry.type)).toEqual(['full', 'incr']);

    // The moment: every table's digest on the leader, then the time, then the second write.
    const then = await digest(file.primary);
    const { rows } = await sql<{ at: string }>`select clock_timestamp()::text as at`.execute(
      file.primary.db,
    );
    const moment = rows[0]!.at;
    const b = await create(file.cluster.urls.lb, token, `After the moment ${Date.now()}`);
    expect(b.ok).toBe(true);
    // The segment holding the second write goes to the repository now rather than within a
    // minute (archive_timeout).
    const { rows: switched } = await sql<{ wal: string }>`
      select pg_walfile_name(pg_switch_wal()) as wal`.execute(file.primary.db);
    await until(
      'the log archived past the moment',
      async () => {
        const { rows: archived } = await sql<{ last: string | null }>`
          select last_archived_wal as last from pg_stat_archiver`.execute(file.primary.db);
        return (archived[0]!.last ?? '') >= switched[0]!.wal;
      },
      60_000,
    );

    const restored = await restore(file.cluster, moment, {
      port: file.cluster.ports.restore,
      name: 'restored-test',
    });
    file.cluster.restored.push(restored.data);
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
      stopRestored(file.cluster, restored.data);
    }
    expect(info(file.cluster)).toHaveLength(2);
  }, 300_000);
});
