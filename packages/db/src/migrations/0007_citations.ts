import { optionalText, sqlMigration } from './sql-migration.js';

/**
 * The records that can cite sources. Each gets its own citation table so that every citation
 * points at a real row through a foreign key and disappears with it.
 */
export const citedTables = [
  'country',
  'subdivision',
  'organisation',
  'person',
  'topic',
  'agreement',
  'programme',
  'target',
  'training_event',
  'donation',
] as const;

export type CitedTable = (typeof citedTables)[number];

export const migration0007Citations = sqlMigration(
  citedTables.flatMap((table) => [
    `create table ${table}_citation (
      subject_id uuid not null references ${table} (id) on delete cascade,
      source_id uuid not null references source (id),
      ${optionalText('locator', 500)},
      created_at timestamptz(3) not null default now(),
      primary key (subject_id, source_id)
    )`,
    `create index ${table}_citation_source_idx on ${table}_citation (source_id)`,
  ]),
);
