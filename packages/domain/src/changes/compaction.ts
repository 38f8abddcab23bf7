import type { Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';

/**
 * Compacting the change log up to a horizon. What a sync client may rely on:
 *
 * - After the horizon's position every change is kept, so a cursor at or after it reads on
 *   exactly once and in order, whatever compaction does meanwhile.
 * - Before it, the log keeps only the latest change of each record that still exists; a record's
 *   superseded changes and the tombstones of deleted records are removed. Reading from no cursor
 *   therefore still gives every existing record, so a client can always start over.
 * - A cursor before the position, issued before the position last moved, may have missed a
 *   tombstone: the feed refuses it (`CURSOR_EXPIRED`) in the same statement that reads the
 *   position, on PGlite and PostgreSQL alike.
 *
 * The feed hides what compaction will remove the moment the position moves, so readers see the
 * compacted log whether or not the removal has finished. The removal then walks the log in
 * batches, each one statement (its own short transaction) that deletes rows no writer locks.
 */

/** A position in the feed: (writing transaction, sequence), as text. */
export interface FeedPosition {
  txid: string;
  seq: string;
}

export interface HorizonMove {
  /** Whether the position moved (there were changes older than `before` past it). */
  moved: boolean;
  /** The last compacted position: every change at or before it is compacted. */
  low: FeedPosition;
  generation: number;
}

/**
 * Moves the horizon's position to the last change made before `before` (and before every
 * transaction still running), when that is further on than it is. Never moves it back, so two
 * compactions at once are safe.
 */
export async function advanceHorizon(db: Kysely<Database>, before: Date): Promise<HorizonMove> {
  // The first change to keep: the first made at or after `before`, or the first of a
  // transaction still running; the new position is the change just before it.
  const found = await sql<FeedPosition>`
    with h as (
      select low_txid, low_seq, pg_snapshot_xmin(pg_current_snapshot()) as frontier
      from change_log_horizon limit 1
    ),
    kept as (
      select c.txid, c.seq from change_log c, h
      where (c.txid, c.seq) > (h.low_txid, h.low_seq) and c.changed_at >= ${before.toISOString()}::timestamptz
      order by c.txid, c.seq
      limit 1
    ),
    stop as (
      select case when k.txid is null or k.txid >= h.frontier then h.frontier else k.txid end as txid,
             case when k.txid is null or k.txid >= h.frontier then 0 else k.seq end as seq
      from h left join kept k on true
    )
    select c.txid::text as txid, c.seq::text as seq from change_log c, h, stop
    where (c.txid, c.seq) > (h.low_txid, h.low_seq) and (c.txid, c.seq) < (stop.txid, stop.seq)
    order by c.txid desc, c.seq desc
    limit 1`.execute(db);
  const target = found.rows[0];
  if (target) {
    const moved = await sql<HorizonRow>`
      update change_log_horizon
      set low_txid = ${target.txid}::xid8, low_seq = ${target.seq}::bigint,
          generation = generation + 1,
          compacted_before = ${before.toISOString()}::timestamptz, moved_at = now()
      where (low_txid, low_seq) < (${target.txid}::xid8, ${target.seq}::bigint)
      returning ${horizonColumns}`.execute(db);
    if (moved.rows[0]) return { moved: true, ...horizonOf(moved.rows[0]) };
  }
  return { moved: false, ...(await readHorizon(db)) };
}

interface HorizonRow {
  low_txid: string;
  low_seq: string;
  generation: number;
}

const horizonColumns = sql`low_txid::text as low_txid, low_seq::text as low_seq, generation`;

const horizonOf = (row: HorizonRow) => ({
  low: { txid: row.low_txid, seq: row.low_seq },
  generation: row.generation,
});

export async function readHorizon(db: Kysely<Database>) {
  const result = await sql<HorizonRow>`
    select ${horizonColumns} from change_log_horizon`.execute(db);
  return horizonOf(result.rows[0]!);
}

export interface SweepOptions {
  /** Changes looked at per batch (one short transaction each). */
  batchSize?: number;
  /** Stops between two batches when aborted (the API shutting down); the next run resumes. */
  signal?: AbortSignal;
}

export interface SweepReport {
  /** Changes removed. */
  removed: number;
  batches: number;
  /** Whether it reached the horizon's position (false when stopped). */
  finished: boolean;
}

/** How many changes a batch looks at: a few milliseconds of work, and of row locks. */
export const DEFAULT_BATCH_SIZE = 2_000;

/**
 * Removes what the feed already hides before the horizon's position, walking the log in order
 * from where the last sweep stopped. Each batch takes the next changes in feed order and removes,
 * among them and the earlier changes of the same records, every tombstone and every change that
 * a later change of its record supersedes. Only changes before the position are touched.
 */
export async function sweepBelowHorizon(
  db: Kysely<Database>,
  { batchSize = DEFAULT_BATCH_SIZE, signal }: SweepOptions = {},
): Promise<SweepReport> {
  let removed = 0;
  let batches = 0;
  for (;;) {
    if (signal?.aborted) return { removed, batches, finished: false };
    // One statement: the batch, its deletions and the walk's new place commit together.
    const result = await sql<{ looked: number; removed: number }>`
      -- One row; saying so keeps the planner's estimate (and so its cost, and JIT) small.
      with h as (select * from change_log_horizon limit 1),
      batch as (
        select c.txid, c.seq, c.record_id from change_log c, h
        where (c.txid, c.seq) > (h.swept_txid, h.swept_seq)
          and (c.txid, c.seq) <= (h.low_txid, h.low_seq)
        order by c.txid, c.seq
        limit ${batchSize}
      ),
      last as (select txid, seq from batch order by txid desc, seq desc limit 1),
      gone as (
        delete from change_log c
        using last
        where c.record_id in (select record_id from batch)
          and (c.txid, c.seq) <= (last.txid, last.seq)
          and (c.operation = 'delete' or exists (
            select 1 from change_log later
            where later.record_id = c.record_id and (later.txid, later.seq) > (c.txid, c.seq)))
        returning 1
      ),
      walked as (
        update change_log_horizon set swept_txid = last.txid, swept_seq = last.seq
        from last
        where (swept_txid, swept_seq) < (last.txid, last.seq)
        returning 1
      )
      select (select count(*) from batch)::int as looked,
             (select count(*) from gone)::int as removed,
             (select count(*) from walked)::int as walked`.execute(db);
    const { looked, removed: batchRemoved } = result.rows[0]!;
    if (looked === 0) return { removed, batches, finished: true };
    removed += batchRemoved;
    batches += 1;
    if (looked < batchSize) return { removed, batches, finished: true };
  }
}

export interface CompactionReport extends SweepReport, HorizonMove {}

/** Moves the horizon to `before` and removes what lies behind it. */
export async function compactChangeLog(
  db: Kysely<Database>,
  before: Date,
  options: SweepOptions = {},
): Promise<CompactionReport> {
  const move = await advanceHorizon(db, before);
  const sweep = await sweepBelowHorizon(db, options);
  return { ...move, ...sweep };
}
