import type { DbHandle } from '@mch/db';
import { type CompactionReport, compactChangeLog, type SweepOptions } from '@mch/domain';
import { sql } from 'kysely';
import type { Logger } from 'pino';

/** How often the API compacts the change log: the horizon moves by days, so hourly is plenty. */
const EVERY_MS = 60 * 60 * 1000;
/** The first run waits until the API is well up, off the start's path. */
const FIRST_AFTER_MS = 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The time before which changes are compacted, `days` before `now`. */
export const horizonOf = (days: number, now = new Date()) =>
  new Date(now.getTime() - days * DAY_MS);

/**
 * Compacts the change log up to `before`, once across every API replica and tool: on
 * PostgreSQL the run holds an advisory lock on its own connection, and a run that finds it held
 * does nothing (`undefined`). The embedded database has one owner, which runs one compaction at
 * a time; overlapping runs would be safe anyway (the horizon never moves back).
 */
export async function compactOnce(
  database: DbHandle,
  before: Date,
  options: SweepOptions = {},
): Promise<CompactionReport | undefined> {
  if (database.kind === 'pglite') return compactChangeLog(database.db, before, options);
  return database.db.connection().execute(async (connection) => {
    const lock = sql`hashtext('mch change log compaction')`;
    const taken = await sql<{ taken: boolean }>`
      select pg_try_advisory_lock(${lock}) as taken`.execute(connection);
    if (!taken.rows[0]?.taken) return undefined;
    try {
      return await compactChangeLog(connection, before, options);
    } finally {
      await sql`select pg_advisory_unlock(${lock})`.execute(connection);
    }
  });
}

export interface CompactionTimer {
  /** Stops the timer, and a run in progress between two batches. */
  stop(): Promise<void>;
}

/** Compacts the change log every hour while the API runs; `days` of 0 keeps every change. */
export function startCompaction(
  database: DbHandle,
  days: number,
  logger: Logger,
  firstAfterMs = FIRST_AFTER_MS,
): CompactionTimer {
  if (days === 0) return { stop: async () => {} };
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = compactOnce(database, horizonOf(days), { signal: stopping.signal })
      .then((report) => {
        if (report?.moved || report?.removed) {
          logger.info(
            { horizon: report.low, removed: report.removed, batches: report.batches },
            `change log compacted: changes made over ${days} days ago removed or folded`,
          );
        }
      })
      .catch((error: unknown) => logger.error({ err: error }, 'change log compaction failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, firstAfterMs).unref();
  const every = setInterval(run, EVERY_MS).unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      stopping.abort();
      await running;
    },
  };
}
