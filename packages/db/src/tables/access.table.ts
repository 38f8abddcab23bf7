import type { ColumnType, Selectable } from 'kysely';
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

export type ApiToken = Selectable<ApiTokenTable>;
