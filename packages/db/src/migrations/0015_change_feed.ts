import { citedTables } from './0007_citations.js';
import { sqlMigration } from './sql-migration.js';

/** The records an integrator syncs: each change of one of these is a change of the feed. */
export const feedTables = [
  'country',
  'subdivision',
  'source',
  'topic',
  'organisation',
  'person',
  'agreement',
  'programme',
  'target',
  'training_event',
  'donation',
  'indicator_observation',
] as const;

/**
 * Tables whose rows belong to a record of the feed: a change to one is a change (an update) of
 * the record it belongs to, named by the column that points at it.
 */
const partTables: ReadonlyArray<readonly [table: string, record: string, column: string]> = [
  ['agreement_party', 'agreement', 'agreement_id'],
  ['agreement_area', 'agreement', 'agreement_id'],
  ['programme_participation', 'programme', 'programme_id'],
  ['programme_sector', 'programme', 'programme_id'],
  ['programme_target_subdivision', 'programme', 'programme_id'],
  ['topic_dac_purpose', 'topic', 'topic_id'],
  ['training_event_topic', 'training_event', 'training_event_id'],
  ['training_event_presenter', 'training_event', 'training_event_id'],
  ['training_event_participation', 'training_event', 'training_event_id'],
  ['training_event_participant_group', 'training_event', 'training_event_id'],
  ['donation_item', 'donation', 'donation_id'],
  ...citedTables.map((table) => [`${table}_citation`, table, 'subject_id'] as const),
];

const triggers = (table: string, fn: string, extra = '') => [
  `create trigger ${table}_change_insert after insert on ${table}
    referencing new table as new_rows for each statement
    execute function ${fn}('create'${extra})`,
  `create trigger ${table}_change_update after update on ${table}
    referencing old table as old_rows new table as new_rows for each statement
    execute function ${fn}('update'${extra})`,
  `create trigger ${table}_change_delete after delete on ${table}
    referencing old table as old_rows for each statement
    execute function ${fn}('delete'${extra})`,
];

/**
 * The change feed: every create, update and delete of the records, one row per record and
 * transaction, written by statement triggers in the same transaction as the change. Each row carries the transaction's
 * ID; the feed is read in (transaction, sequence) order and only as far as the oldest
 * transaction still running, so that a change committed late is never skipped by a reader who
 * has moved on. A session that sets mch.change_feed to off (the synthetic data loader)
 * writes no changes.
 */
export const migration0015ChangeFeed = sqlMigration([
  `create table change_log (
    seq bigint generated always as identity primary key,
    txid xid8 not null default pg_current_xact_id(),
    record_type text not null,
    record_id uuid not null,
    operation text not null check (operation in ('create', 'update', 'delete')),
    changed_at timestamptz(3) not null default now()
  )`,
  'create index change_log_order_idx on change_log (txid, seq)',
  'create index change_log_record_idx on change_log (record_id, txid)',
  // One change per record and transaction: a record created or already changed in this
  // transaction gains no second entry when it changes again.
  `create function change_log_record() returns trigger language plpgsql as $$
  begin
    if current_setting('mch.change_feed', true) = 'off' then
      return null;
    elsif TG_ARGV[0] = 'delete' then
      insert into change_log (record_type, record_id, operation)
      select TG_TABLE_NAME, id, 'delete' from old_rows;
    elsif TG_ARGV[0] = 'create' then
      insert into change_log (record_type, record_id, operation)
      select TG_TABLE_NAME, id, 'create' from new_rows;
    else
      insert into change_log (record_type, record_id, operation)
      select TG_TABLE_NAME, n.id, 'update' from new_rows n
      where not exists (
        select 1 from change_log c
        where c.record_id = n.id and c.txid = pg_current_xact_id() and c.operation <> 'delete');
    end if;
    return null;
  end $$`,
  // A part changed: its record changed. Its updated_at moves on (unless the record was
  // created or changed in this transaction already), and that update enters the feed.
  `create function change_log_part() returns trigger language plpgsql as $$
  declare
    rows text := case when TG_ARGV[0] = 'delete' then 'old_rows' else 'new_rows' end;
  begin
    if current_setting('mch.change_feed', true) = 'off' then
      return null;
    end if;
    execute format(
      'update %I set updated_at = now()
       where id in (select %I from %s) and updated_at is distinct from now()',
      TG_ARGV[1], TG_ARGV[2], rows);
    return null;
  end $$`,
  ...feedTables.flatMap((table) => triggers(table, 'change_log_record')),
  ...partTables.flatMap(([table, record, column]) =>
    triggers(table, 'change_log_part', `, '${record}', '${column}'`),
  ),
]);
