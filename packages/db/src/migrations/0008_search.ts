import { sqlMigration } from './sql-migration.js';

/** A weighted text of a column for full-text search: English stemming, empty when null. */
const weighted = (column: string, weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english', coalesce(${column}, '')), '${weight}')`;

/**
 * Full-text search over what people look for by words: events, organisations, people,
 * programmes and agreements. The search text is a stored generated column, so it can never
 * disagree with the record, and a GIN index answers matches without reading the table.
 */
const searchable: Record<string, string> = {
  training_event: [
    weighted('title', 'A'),
    weighted('locality', 'B'),
    weighted('description', 'B'),
    weighted('outcome_summary', 'C'),
  ].join(' || '),
  organisation: [weighted('name', 'A'), weighted('acronym', 'A')].join(' || '),
  person: [weighted('name', 'A'), weighted('title', 'B'), weighted('profession', 'B')].join(' || '),
  programme: [weighted('title', 'A'), weighted('description', 'B')].join(' || '),
  agreement: [weighted('title', 'A'), weighted('description', 'B')].join(' || '),
};

export const searchableTables = Object.keys(searchable);

export const migration0008Search = sqlMigration(
  Object.entries(searchable).flatMap(([table, expression]) => [
    `alter table ${table} add column search_vector tsvector generated always as (${expression}) stored`,
    `create index ${table}_search_idx on ${table} using gin (search_vector)`,
  ]),
);
