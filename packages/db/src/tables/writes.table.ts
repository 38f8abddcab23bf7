import type { ColumnType, Generated, Selectable } from 'kysely';

/** What every write leaves: its audit entry, and the idempotency key of a creation. */

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: ColumnType<string, string | undefined, never>;
  actor_token_id: string | null;
  actor_name: string | null;
  request_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
}

export interface IdempotencyKeyTable {
  key: string;
  token_id: string;
  operation: string;
  request_hash: string;
  record_id: string;
  created_at: ColumnType<string, string | undefined, never>;
}

export type AuditEvent = Selectable<AuditEventTable>;
