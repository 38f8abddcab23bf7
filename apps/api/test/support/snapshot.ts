import type { DbHandle } from '@mch/db';
import { sql } from 'kysely';

/**
 * A fingerprint of every row of every table: two equal snapshots mean no record was added,
 * changed or removed in between.
 */
export async function snapshot(database: DbHandle): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(database.db);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ rows: number; digest: string | null }>`
      select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(name)} t`.execute(database.db);
    fingerprint[name] = `${row.rows[0]!.rows}:${row.rows[0]!.digest ?? ''}`;
  }
  return fingerprint;
}
