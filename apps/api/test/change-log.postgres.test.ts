import { startTestApi, type TestApi } from '@mch/test-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactOnce } from '../src/change-log.js';

// Several API replicas compact one change log: only one at a time, by an advisory lock.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const generation = async () =>
  (
    await sql<{ generation: number }>`select generation from change_log_horizon`.execute(
      api.database.db,
    )
  ).rows[0]!.generation;

describe('compaction across replicas', () => {
  it('leaves the log alone while another process compacts it, and compacts once it is done', async () => {
    const other = await api.database.pool!.connect();
    try {
      // Another replica's run holds the lock.
      await other.query(`select pg_advisory_lock(hashtext('mch change log compaction'))`);
      const now = new Date();
      expect(await compactOnce(api.database, now)).toBeUndefined();
      expect(await generation()).toBe(0);
      await other.query(`select pg_advisory_unlock(hashtext('mch change log compaction'))`);
      // Any transaction of another test database may hold the horizon back a moment.
      let report = await compactOnce(api.database, now);
      for (let tries = 0; !report?.moved && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        report = await compactOnce(api.database, now);
      }
      expect(report).toMatchObject({ moved: true, finished: true });
      expect(await generation()).toBeGreaterThan(0);
    } finally {
      other.release();
    }
  });
});
