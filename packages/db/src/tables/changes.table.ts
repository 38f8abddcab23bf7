import type { ColumnType, Generated, Selectable } from 'kysely';

/** One change of the feed: which record, what happened to it, and in which transaction. */
export interface ChangeLogTable {
  seq: ColumnType<string, never, never>;
  /** The writing transaction's ID (`xid8`), read as text. */
  txid: Generated<string>;
  record_type: string;
  record_id: string;
  operation: 'create' | 'update' | 'delete';
  changed_at: Generated<string>;
}

export type ChangeLogRow = Selectable<ChangeLogTable>;

/** How far the change log has been compacted: its one row. */
export interface ChangeLogHorizonTable {
  only_row: ColumnType<boolean, never, never>;
  /** Entries before (`low_txid`, `low_seq`) keep only each existing record's latest change. */
  low_txid: string;
  low_seq: string;
  /** How far the removal of compacted changes has walked. */
  swept_txid: string;
  swept_seq: string;
  /** Counts the moves of the position; a cursor carries the one it was issued under. */
  generation: number;
  /** The time before which changes were compacted, the last time the position moved. */
  compacted_before: string | null;
  moved_at: string | null;
}
