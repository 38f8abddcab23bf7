import { sqlMigration } from './sql-migration.js';

/**
 * The records whose name or title can be read in other languages, with the column that holds
 * it in the record's own language.
 */
export const translatedColumns = {
  organisation: 'name',
  person: 'title',
  topic: 'name',
  programme: 'title',
  agreement: 'title',
  training_event: 'title',
} as const;

export type TranslatedTable = keyof typeof translatedColumns;

export const translatedTables = Object.keys(translatedColumns) as TranslatedTable[];

/** A well-formed BCP 47 tag as the API stores it: `pt`, `pt-MZ`, `uz-Cyrl`. */
const languageTag = (column: string, fallback?: string) =>
  `${column} text not null ${fallback ? `default '${fallback}' ` : ''}check (${column} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' and char_length(${column}) <= 35)`;

/**
 * Translations of names and titles. Each record says which language its own text is in
 * (`original_language`, English unless given); each translation is one more text in one
 * other language, with the source it was taken from. A translation belongs to its record
 * (deleted with it, and a change to one is a change of the record in the feed), and its words
 * are searchable: simple word matching, as a translation may be in any language.
 */
export const migration0016Translations = sqlMigration(
  translatedTables.flatMap((table) => [
    `alter table ${table} add column ${languageTag('original_language', 'en')}`,
    `create table ${table}_translation (
      subject_id uuid not null references ${table} (id) on delete cascade,
      ${languageTag('language')},
      text text not null check (char_length(text) between 1 and 500),
      source_id uuid references source (id),
      search_vector tsvector generated always as (to_tsvector('simple', text)) stored,
      created_at timestamptz(3) not null default now(),
      primary key (subject_id, language)
    )`,
    `create index ${table}_translation_search_idx on ${table}_translation using gin (search_vector)`,
    `create index ${table}_translation_source_idx on ${table}_translation (source_id)`,
    ...['insert', 'update', 'delete'].map(
      (operation) => `create trigger ${table}_translation_change_${operation}
        after ${operation} on ${table}_translation
        referencing ${operation === 'insert' ? 'new table as new_rows' : operation === 'update' ? 'old table as old_rows new table as new_rows' : 'old table as old_rows'}
        for each statement execute function change_log_part('${operation === 'insert' ? 'create' : operation}', '${table}', 'subject_id')`,
    ),
  ]),
);
