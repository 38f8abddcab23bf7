import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { DateString, Id, RecordColumns } from './common.js';

export type SourceKind =
  | 'news_article'
  | 'statistical_database'
  | 'report'
  | 'official_document'
  | 'other';

export interface SourceTable extends RecordColumns {
  id: Id;
  title: string;
  publisher: string | null;
  url: string | null;
  published_on: DateString | null;
  kind: SourceKind;
  note: string | null;
}

/** One source cited by one record; every citable table has its own table of this shape. */
export interface CitationTable {
  subject_id: string;
  source_id: string;
  locator: string | null;
  created_at: ColumnType<string, Date | string | undefined, never>;
}

export type Source = Selectable<SourceTable>;
export type NewSource = Insertable<SourceTable>;

/** A record's name or title in one more language; every translated table has its own. */
export interface TranslationTable {
  subject_id: string;
  language: string;
  text: string;
  source_id: string | null;
  search_vector: ColumnType<string, never, never>;
  created_at: ColumnType<string, Date | string | undefined, never>;
}
