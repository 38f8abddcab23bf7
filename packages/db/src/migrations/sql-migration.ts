import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A forward-only migration written as plain SQL statements. Each statement is sent on its
 * own because PGlite's extended protocol accepts one statement per call; the Migrator runs
 * the whole list inside one transaction.
 */
export function sqlMigration(statements: readonly string[]): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}

/** Bookkeeping columns every first-class record carries. */
export const recordColumns = `
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  version integer not null default 1 check (version > 0)`;

/** A required single-line name or title of bounded length. */
export function requiredText(column: string, max = 500): string {
  return `${column} text not null check (char_length(${column}) between 1 and ${max})`;
}

/** An optional text of bounded length. */
export function optionalText(column: string, max = 4000): string {
  return `${column} text check (char_length(${column}) between 1 and ${max})`;
}

/** A date whose known precision (day, month or year) is recorded beside it. */
export function datePrecision(column: string): string {
  return `${column}_precision text not null default 'day' check (${column}_precision in ('day', 'month', 'year'))`;
}

/** An organisation's role in a programme or event: the IATI roles 1-4, plus host and beneficiary. */
export const organisationRole = `role text not null check (role in ('funding', 'accountable', 'extending', 'implementing', 'host', 'beneficiary'))`;
