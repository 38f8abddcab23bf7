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
