import { sqlMigration } from './sql-migration.js';

/** API tokens, the audit trail of every change, and the idempotency keys of creations. */
export const migration0010Writes = sqlMigration([
  `create table api_token (
    id uuid primary key default gen_random_uuid(),
    name text not null check (char_length(name) between 1 and 200),
    role text not null check (role in ('editor', 'admin')),
    token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    token_prefix text not null check (char_length(token_prefix) between 4 and 16),
    created_at timestamptz(3) not null default now(),
    expires_at timestamptz(3),
    revoked_at timestamptz(3)
  )`,
  `create table audit_event (
    id bigint generated always as identity primary key,
    occurred_at timestamptz(3) not null default now(),
    actor_token_id uuid references api_token (id),
    actor_name text,
    request_id text,
    action text not null check (char_length(action) between 1 and 100),
    record_type text not null,
    record_id uuid not null,
    before jsonb,
    after jsonb
  )`,
  'create index audit_event_record_idx on audit_event (record_id, id)',
  'create index audit_event_actor_idx on audit_event (actor_token_id, id)',
  // The trail is append-only: whatever writes to the database, history cannot be rewritten.
  `create function audit_event_append_only() returns trigger language plpgsql as $$
  begin
    raise exception 'the audit trail is append-only' using errcode = '42501';
  end
  $$`,
  `create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only()`,
  `create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`,
  `create table idempotency_key (
    key text not null check (char_length(key) between 1 and 200),
    token_id uuid not null references api_token (id),
    operation text not null,
    request_hash text not null,
    record_id uuid not null,
    created_at timestamptz(3) not null default now(),
    primary key (token_id, key)
  )`,
]);
