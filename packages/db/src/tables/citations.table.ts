import type { ColumnType } from 'kysely';

/** One source cited by one record; every citable table has its own table of this shape. */
export interface CitationTable {
  subject_id: string;
  source_id: string;
  locator: string | null;
  created_at: ColumnType<string, Date | string | undefined, never>;
}
