import type { Database } from '@mch/db';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Context } from '../context.js';
import type { FieldError } from '../shared/errors.js';
import { type ImportProblem, ImportRejectedError } from '../shared/import-errors.js';
import { anyOf } from '../shared/pagination.js';
import { runWrite, type WriteScope } from '../writes/run.js';

/**
 * Importing records from a spreadsheet saved as CSV: the file read row by row, each record
 * checked by the same rules as the mutation that writes it, and everything stored in one
 * transaction, or nothing with every bad row listed. Records carry the file's key column, so
 * importing the same file again changes nothing. Each concept says what its rows mean (a
 * `CsvKind`); this file knows none of them.
 */

/** One column a kind reads: its header and what it holds. */
export interface CsvColumn {
  header: string;
  required?: boolean;
  description: string;
}

/** A data row of the file: where it is, and its cells by header (blank cells left out). */
export interface CsvRow {
  /** Its number among the data rows, from 1. */
  row: number;
  /** The line of the file it is on. */
  line: number;
  cells: Record<string, string>;
}

/** What a kind makes of the rows of one key: the record to store, or what is wrong. */
export type Prepared<Record> = { record: Record } | { errors: FieldError[] };

/** A kind of record a spreadsheet can hold, as its concept defines it. */
export interface CsvKind<Record = unknown> {
  /** The name in `/import/<name>.csv` and `mch csv import <name>`, such as `trainingEvents`. */
  name: string;
  /** The table that holds the records and their `external_key`. */
  table: 'training_event' | 'donation';
  /** What one row is, for the help text. */
  rowIs: string;
  columns: CsvColumn[];
  /**
   * Checks the rows of one key (one row, or several when a record has several lines, such as
   * the items of a donation) and makes the record; errors name the column in `path[1]`.
   */
  prepare(scope: WriteScope, rows: CsvRow[], key: string): Promise<Prepared<Record>>;
  /** Stores the record as new, or over the record its key made before; says which. */
  store(
    scope: WriteScope,
    record: Record,
    key: string,
    existingId: string | null,
  ): Promise<'created' | 'updated' | 'unchanged'>;
}

/** The column every kind has: the row's key in the coordinator's own records. */
export const KEY_COLUMN = 'externalKey';

/** The most data rows one import takes; larger files are split. */
export const MAX_ROWS = 10_000;

const kinds = new Map<string, CsvKind>();

/** Makes a kind importable; each concept registers its own. */
export function registerCsvKind<Record>(kind: CsvKind<Record>): void {
  kinds.set(kind.name, kind as CsvKind);
}

/** The importable kinds, by name. */
export function csvKinds(): CsvKind[] {
  return [...kinds.values()];
}

export function csvKind(name: string): CsvKind | undefined {
  return kinds.get(name);
}

/** What an import did. */
export interface CsvImportReport {
  kind: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Headers of the file the kind does not read (such as `id` or `createdAt` of an export). */
  ignoredColumns: string[];
}

const problem = (
  row: number | null,
  line: number | null,
  column: string | null,
  message: string,
): ImportProblem => ({ row, line, column, message });

/** The data rows of a CSV text, or the problems that stop it being read at all. */
export function readCsv(
  text: string,
  kind: CsvKind,
): { rows: CsvRow[]; ignoredColumns: string[]; problems: ImportProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? null;
    return {
      rows: [],
      ignoredColumns: [],
      problems: [
        problem(
          null,
          lines,
          null,
          `The file is not valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`,
        ),
      ],
    };
  }
  const [header, ...data] = records;
  if (!header) {
    return {
      rows: [],
      ignoredColumns: [],
      problems: [problem(null, null, null, 'The file is empty; it needs a header row and rows.')],
    };
  }
  const headers = header.record.map((cell) => cell.trim());
  const known = new Set([KEY_COLUMN, ...kind.columns.map((c) => c.header)]);
  const problems: ImportProblem[] = [];
  const missing = [
    KEY_COLUMN,
    ...kind.columns.filter((c) => c.required).map((c) => c.header),
  ].filter((name) => !headers.includes(name));
  if (missing.length > 0) {
    problems.push(
      problem(
        null,
        header.info.lines,
        null,
        `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the columns are ${[...known].join(', ')}.`,
      ),
    );
  }
  const repeated = headers.filter((name, i) => name !== '' && headers.indexOf(name) !== i);
  if (repeated.length > 0) {
    problems.push(
      problem(
        null,
        header.info.lines,
        null,
        `The header row repeats ${[...new Set(repeated)].join(', ')}.`,
      ),
    );
  }
  if (data.length > MAX_ROWS) {
    problems.push(
      problem(
        null,
        null,
        null,
        `The file has ${data.length} rows; one import takes at most ${MAX_ROWS}. Split it.`,
      ),
    );
  }
  if (data.length === 0) {
    problems.push(problem(null, null, null, 'The file has a header row but no rows to import.'));
  }
  if (problems.length > 0) return { rows: [], ignoredColumns: [], problems };

  const rows: CsvRow[] = [];
  data.forEach(({ record, info }, index) => {
    if (record.length !== headers.length) {
      problems.push(
        problem(
          index + 1,
          info.lines,
          null,
          `has ${record.length} cells; the header row has ${headers.length}. Quote cells that hold commas.`,
        ),
      );
      return;
    }
    const cells: Record<string, string> = {};
    headers.forEach((name, i) => {
      const cell = record[i]!.trim();
      if (cell !== '' && known.has(name)) cells[name] = cell;
    });
    rows.push({ row: index + 1, line: info.lines, cells });
  });
  return {
    rows,
    ignoredColumns: headers.filter((name) => name !== '' && !known.has(name)),
    problems,
  };
}

/** The column a field error is about: the input field a kind's column is named after. */
function columnOf(error: FieldError, kind: CsvKind): string | null {
  const field = error.path[1];
  return field && kind.columns.some((c) => c.header === field) ? field : null;
}

/**
 * Imports a CSV text as records of a kind, in one transaction: all rows or none. Rows sharing a
 * key make one record; a key stored before is updated when its rows changed, else left alone.
 */
export async function importCsv(
  ctx: Context,
  kind: CsvKind,
  text: string,
): Promise<CsvImportReport> {
  const { rows, ignoredColumns, problems } = readCsv(text, kind);
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = row.cells[KEY_COLUMN];
    if (key === undefined) {
      problems.push(problem(row.row, row.line, KEY_COLUMN, 'is blank; every row needs its key.'));
    } else if (key.length > 200) {
      problems.push(problem(row.row, row.line, KEY_COLUMN, 'must be at most 200 characters long.'));
    } else {
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  if (problems.length > 0) throw new ImportRejectedError(problems, 'The CSV import');

  return runWrite(ctx, async (scope) => {
    const prepared: Array<{ key: string; record: unknown }> = [];
    for (const [key, keyRows] of groups) {
      const result = await kind.prepare(scope, keyRows, key);
      if ('errors' in result) {
        for (const error of result.errors) {
          // An error of one row names it in `path[0]` (`row:<n>`); else it is the key's first row.
          const at = keyRows.find((r) => `row:${r.row}` === error.path[0]) ?? keyRows[0]!;
          problems.push(problem(at.row, at.line, columnOf(error, kind), error.message));
        }
      } else {
        prepared.push({ key, record: result.record });
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new ImportRejectedError(problems, 'The CSV import');
    }
    const existing = await existingKeys(scope.trx, kind.table, [...groups.keys()]);
    const report: CsvImportReport = {
      kind: kind.name,
      rowCount: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      ignoredColumns,
    };
    for (const { key, record } of prepared) {
      const outcome = await kind.store(scope, record, key, existing.get(key) ?? null);
      report[outcome] += 1;
    }
    return report;
  });
}

async function existingKeys(
  db: Kysely<Database>,
  table: CsvKind['table'],
  keys: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom(table)
    .select(['id', 'external_key'])
    .where(anyOf('external_key', keys, 'text'))
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.external_key!, row.id]));
}
