/** `table.column` for each column, typed so Kysely checks them against the table. */
export function qualified<Table extends string, Column extends string>(
  table: Table,
  columns: readonly Column[],
): Array<`${Table}.${Column}`> {
  return columns.map((column) => `${table}.${column}` as `${Table}.${Column}`);
}
