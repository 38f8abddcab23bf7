import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApi } from '@mch/test-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompaction } from '../src/change-log.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { MCH_CLI, requireBuilt } from './support/processes.js';
import { openedLine, throwawayDatabaseEnv } from './support/throwaway-database.js';

// `pnpm mch changes compact` as an operator runs it, on a database of its own, and the setting
// that says how long changes are kept.

let env: NodeJS.ProcessEnv;
let cleanup = async () => {};
beforeAll(async () => {
  requireBuilt();
  const database = await throwawayDatabaseEnv('changes');
  cleanup = database.cleanup;
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  env = { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...database.env };
});
afterAll(() => cleanup());

async function mch(extra: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MCH_CLI, ...args], {
      env: { ...env, ...extra },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const REPORT =
  /^Compacted the change log up to changes made before (\S+): (\d+) changes removed in (\d+) batches in \d+\.\d s; cursors before transaction \d+, change \d+ now expire\.\n$/;

describe('pnpm mch changes compact', () => {
  it('compacts up to the days given, says what it removed, and finds nothing to do the second time', async () => {
    const first = await mch({}, 'changes', 'compact', '--days', '0', '--batch', '500');
    expect(first).toMatchObject({ code: 0, stderr: `${openedLine(env)}\n` });
    const [, before, removed, batches] = REPORT.exec(first.stdout) ?? [];
    expect(Date.now() - Date.parse(before!)).toBeLessThan(60_000);
    // The seed writes each record once, in one transaction: nothing is superseded yet.
    expect({ removed, batches: Number(batches) > 0 }).toEqual({ removed: '0', batches: true });
    const second = await mch({}, 'changes', 'compact', '--days', '0');
    expect(REPORT.exec(second.stdout)?.slice(2, 4)).toEqual(['0', '0']);
  }, 60_000);

  it('does nothing when the setting keeps every change, and refuses a count of days that is not one', async () => {
    expect(await mch({ CHANGE_LOG_RETENTION_DAYS: '0' }, 'changes', 'compact')).toMatchObject({
      code: 0,
      stdout: 'CHANGE_LOG_RETENTION_DAYS is 0: the change log keeps every change.\n',
    });
    const wrong = await mch({}, 'changes', 'compact', '--days', 'thirty');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')[0]).toBe('--days must be a whole number from 0 to 36500.');
  }, 60_000);
});

describe('CHANGE_LOG_RETENTION_DAYS', () => {
  it('keeps changes 30 days unless told otherwise, and refuses what is not a number of days', () => {
    expect(loadConfig({}).changeLogRetentionDays).toBe(30);
    expect(loadConfig({ CHANGE_LOG_RETENTION_DAYS: '0' }).changeLogRetentionDays).toBe(0);
    expect(() => loadConfig({ CHANGE_LOG_RETENTION_DAYS: '-1' })).toThrow(
      new ConfigError(
        'CHANGE_LOG_RETENTION_DAYS must be a whole number from 0 to 36500; got "-1".',
      ),
    );
  });
});

describe('the API', () => {
  it('compacts the change log on its timer, and says so in its log', async () => {
    const api = await startTestApi({ captureLogs: 'info' });
    try {
      // The seed, as if loaded 40 days ago; a country updated since.
      await sql`update change_log set changed_at = now() - interval '40 days'`.execute(
        api.database.db,
      );
      await sql`update country set name = name || '' where code = 'UZ'`.execute(api.database.db);
      const timer = startCompaction(api.database, 30, api.observability.logger, 0);
      const deadline = Date.now() + 20_000;
      const compacted = () => api.logLines().find((line) => line.includes('change log compacted'));
      while (!compacted() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await timer.stop();
      expect(JSON.parse(compacted()!)).toMatchObject({
        level: 30,
        removed: 1,
        msg: 'change log compacted: changes made over 30 days ago removed or folded',
      });
      const left = await sql<{ operation: string; n: number }>`
        select operation, count(*)::int as n from change_log where record_type = 'country'
        group by operation order by operation`.execute(api.database.db);
      // UZ's creation is folded into its update; the other 248 countries keep their creation.
      expect(left.rows).toEqual([
        { operation: 'create', n: 248 },
        { operation: 'update', n: 1 },
      ]);
    } finally {
      await api.stop();
    }
  });
});
