import { sqlMigration } from './sql-migration.js';

/**
 * The change log's horizon: one row saying how far the log has been compacted. Entries before
 * the position (`low_txid`, `low_seq`) keep only the latest change of each record that still
 * exists; tombstones and superseded changes there are gone. A cursor before the position,
 * issued before the position last moved (`generation`), may have missed a change and is
 * refused; one after it reads on exactly as before. The position only ever moves forward.
 * (`swept_txid`, `swept_seq`) is how far the removal of what the feed hides has walked.
 */
export const migration0020ChangeLogHorizon = sqlMigration([
  `create table change_log_horizon (
    only_row boolean primary key default true check (only_row),
    low_txid xid8 not null default '0',
    low_seq bigint not null default 0,
    swept_txid xid8 not null default '0',
    swept_seq bigint not null default 0,
    generation integer not null default 0,
    compacted_before timestamptz(3),
    moved_at timestamptz(3)
  )`,
  'insert into change_log_horizon default values',
]);
