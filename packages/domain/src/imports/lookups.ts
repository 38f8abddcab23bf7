import type { Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';

/**
 * The reference tables an import reads (countries, subdivisions, topics, organisations,
 * programmes), each read once per import in one statement and held in a map, so that checking
 * a row costs no statement however many rows the file has. One object per import: it lives as
 * long as the import's transaction, so it sees what the transaction sees.
 */
export class ImportLookups {
  private readonly columns = new Map<string, Promise<Map<string, string>>>();
  private readonly names = new Map<string, Promise<Map<string, string[]>>>();
  private readonly missed = new Map<string, Promise<string[]>>();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The `key` of the row of `table` whose `column` is `value`, or undefined: what the writes'
   * lookup of a code or ID answers (`validate`'s `KeyLookup`), from a map of the whole table.
   */
  readonly keyOf = async (
    table: string,
    key: string,
    column: string,
    value: string,
  ): Promise<string | undefined> => {
    const name = `${table}:${key}:${column}`;
    let map = this.columns.get(name);
    if (!map) {
      map = sql<{ key: string; value: string }>`
        select ${sql.ref(key)}::text as key, ${sql.ref(column)}::text as value
        from ${sql.table(table)}`
        .execute(this.db)
        .then((result) => {
          const found = new Map<string, string>();
          for (const row of result.rows) if (!found.has(row.value)) found.set(row.value, row.key);
          return found;
        });
      this.columns.set(name, map);
    }
    return (await map).get(value);
  };

  /** The keys of the records of `table` whose name or title is `name`, in any case (at most 2). */
  async named(
    table: 'organisation' | 'programme',
    nameColumn: 'name' | 'title',
    name: string,
  ): Promise<string[]> {
    const lookup = `${table}:${nameColumn}`;
    let map = this.names.get(lookup);
    if (!map) {
      map = sql<{ id: string; name: string }>`
        select id, lower(${sql.ref(nameColumn)}) as name from ${sql.table(table)}`
        .execute(this.db)
        .then((result) => {
          const found = new Map<string, string[]>();
          for (const row of result.rows) {
            const ids = found.get(row.name) ?? [];
            if (ids.length < 2) ids.push(row.id);
            found.set(row.name, ids);
          }
          return found;
        });
      this.names.set(lookup, map);
    }
    const ids = (await map).get(name.toLowerCase());
    if (ids) return ids;
    // The database's lower() may fold a letter otherwise than JavaScript's: it has the last word.
    let asked = this.missed.get(`${lookup}:${name}`);
    if (!asked) {
      asked = sql<{ id: string }>`
        select id from ${sql.table(table)} where lower(${sql.ref(nameColumn)}) = lower(${name}) limit 2`
        .execute(this.db)
        .then((result) => result.rows.map((row) => row.id));
      this.missed.set(`${lookup}:${name}`, asked);
    }
    return asked;
  }
}
