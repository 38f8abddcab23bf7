import type { ChangeLogRow, Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';

/** A page of the feed after a position, and the horizon's generation it was read under. */
export interface FeedPage {
  rows: Array<ChangeLogRow & { generation: number }>;
  generation: number;
}

interface PageRow extends ChangeLogRow {
  generation: number;
  expired: boolean;
  compacted_before: string | null;
}

/**
 * Reads up to `size + 1` changes after `from`, in feed order, only as far as the oldest
 * transaction still running. The horizon is read in the same statement, so the answer and the
 * check of the cursor see one state of the log:
 *
 * - before the horizon's position the log shows what compaction keeps (each existing record's
 *   latest change), whether or not the removal has reached it yet;
 * - a cursor before the position, issued under an earlier generation, is expired: a tombstone
 *   it had not reached may be gone. The start of the feed never is.
 */
export async function readPage(
  db: Kysely<Database>,
  from: { txid: string; seq: string; generation: number },
  size: number,
  types: readonly string[] | null,
): Promise<FeedPage> {
  const result = await sql<PageRow>`
    with h as (
      select low_txid, low_seq, generation,
        to_char(compacted_before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as compacted_before,
        (${from.txid}::xid8, ${from.seq}::bigint) < (low_txid, low_seq)
          and ${from.generation}::int <> generation
          and ${from.txid}::xid8 <> '0'::xid8 as expired
      -- One row; saying so keeps the planner's estimate (and so its cost, and JIT) small.
      from change_log_horizon limit 1
    )
    select h.generation, h.expired, h.compacted_before, c.*
    from h left join lateral (
      select c.txid as at_txid, c.seq as at_seq, c.seq::text as seq, c.txid::text as txid,
        c.record_type, c.record_id, c.operation, c.changed_at
      from change_log c
      where not h.expired
        and (c.txid, c.seq) > (${from.txid}::xid8, ${from.seq}::bigint)
        and c.txid < pg_snapshot_xmin(pg_current_snapshot())
        ${types && types.length > 0 ? sql`and c.record_type = any(${types}::text[])` : sql``}
        and ((c.txid, c.seq) > (h.low_txid, h.low_seq)
          or (c.operation <> 'delete' and not exists (
            select 1 from change_log later
            where later.record_id = c.record_id and (later.txid, later.seq) > (c.txid, c.seq))))
      order by c.txid, c.seq
      limit ${size + 1}
    ) c on true
    order by c.at_txid, c.at_seq`.execute(db);
  const head = result.rows[0];
  if (!head) throw new Error('The change log has no horizon row; migration 0020 makes one.');
  if (head.expired) {
    throw new ClientError(
      ErrorCode.CURSOR_EXPIRED,
      `This cursor is older than the change log's horizon: changes made before ${head.compacted_before} have been compacted away, and some after the cursor may be among them. Start over: read \`changes\` without \`after\`, and replace your local copy with what it gives.`,
      { argument: 'after', horizon: head.compacted_before },
    );
  }
  const rows = result.rows
    .filter((row) => row.seq !== null)
    .map(({ seq, txid, record_type, record_id, operation, changed_at }) => ({
      seq,
      txid,
      record_type,
      record_id,
      operation,
      changed_at,
      generation: head.generation,
    }));
  return { rows, generation: head.generation };
}
