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
