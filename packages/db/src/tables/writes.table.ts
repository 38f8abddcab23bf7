import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Id } from './common.js';

export type ApiRole = 'editor' | 'admin';

export interface ApiTokenTable {
  id: Id;
  name: string;
  role: ApiRole;
  token_hash: string;
  token_prefix: string;
  created_at: ColumnType<string, string | undefined, never>;
  expires_at: string | null;
  revoked_at: string | null;
}

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

export type ApiToken = Selectable<ApiTokenTable>;
export type AuditEvent = Selectable<AuditEventTable>;
