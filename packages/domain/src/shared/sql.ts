import { type TranslatedTable, translatedColumns } from '@mch/db';
import { type RawBuilder, sql } from 'kysely';

/** `table.column` for each column, typed so Kysely checks them against the table. */
export function qualified<Table extends string, Column extends string>(
  table: Table,
  columns: readonly Column[],
): Array<`${Table}.${Column}`> {
  return columns.map((column) => `${table}.${column}` as `${Table}.${Column}`);
}

/**
 * `column = any($1::type[])`: one statement and one parameter however many keys a loader
 * batches, so the statement text stays the same from 5 keys to 500.
 */
export function anyOf(
  column: string,
  keys: readonly (string | number)[],
  type: 'uuid' | 'text' | 'integer' = 'uuid',
): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(cast(${[...keys]} as ${sql.raw(type)}[]))`;
}

/** Whether a table's records have a translated name or title (a `<table>_translation` table). */
export function isTranslatedTable(table: string): table is TranslatedTable {
  return Object.hasOwn(translatedColumns, table);
}
