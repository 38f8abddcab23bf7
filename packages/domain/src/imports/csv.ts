import type { Database } from '@mch/db';
import type { Kysely } from 'kysely';
import type { Context } from '../context.js';
import type { FieldError } from '../shared/errors.js';
import { keyOfGlobalId } from '../shared/global-id.js';
import { type ImportProblem, ImportRejectedError } from '../shared/import-errors.js';
import { anyOf } from '../shared/sql.js';
import { runWrite, type WriteScope } from '../writes/run.js';
import { decodeCsv } from './decode.js';
import { ImportLookups } from './lookups.js';
import { type CsvRow, readCsv } from './read.js';

export type { CsvRow } from './read.js';

/**
 * Importing records from a spreadsheet saved as CSV: the file read row by row, each record
 * checked by the same rules as the mutation that writes it, and everything stored in one
 * transaction, or nothing with every bad row listed. A row finds its record by its
 * `externalKey`, else by the `id` an export wrote, so an exported list, edited, imports again;
 * a row with neither is a new record. Each concept says what its rows mean (a `CsvKind`);
 * this file knows none of them.
 */

/** One column a kind reads: its header and what it holds. */
export interface CsvColumn {
  header: string;
  required?: boolean;
  description: string;
}

/** What a kind makes of the rows of one record: the record to store, or what is wrong. */
export type Prepared<Record> = { record: Record } | { errors: FieldError[] };

/** The record a group of rows is about: an existing one, or none (a new record). */
export interface CsvTarget {
  /** The stored record's key, or null for a new record. */
  id: string | null;
  /** The row's `externalKey`, which the record takes; null when the rows give none. */
  key: string | null;
}

/** How a kind's list is exported so that the file imports again unchanged. */
export interface CsvExport {
  /** The root list of the graph, such as `trainingEvents`. */
  list: string;
  /** What to select of each record, such as `id title topics(first: 100) { nodes { code } }`. */
  selection: string;
  /** Columns the export writes that the import leaves alone, after the columns it reads. */
  ignored: CsvColumn[];
  /** The rows of one record, by header: one, or one per item. */
  rows(node: Record<string, unknown>): Array<Record<string, unknown>>;
}

/** What a kind's rows are checked and stored with: the transaction, and the import's lookups. */
export interface ImportScope extends WriteScope {
  lookups: ImportLookups;
}

/** A kind of record a spreadsheet can hold, as its concept defines it. */
export interface CsvKind<Record = unknown, Stored = unknown> {
  /** The name in `/import/<name>.csv` and `mch csv import <name>`, such as `trainingEvents`. */
  name: string;
  /** The GraphQL type of its records, whose global IDs the `id` column holds. */
  typename: 'TrainingEvent' | 'Donation';
  /** The table that holds the records and their `external_key`. */
  table: 'training_event' | 'donation';
  /** What one row is, for the help text. */
  rowIs: string;
  /** What one record is called in messages, such as `training event`. */
  noun: string;
  columns: CsvColumn[];
  export: CsvExport;
  /**
   * Checks the rows of one record (one row, or several when a record has several lines, such
   * as the items of a donation) and makes the record; errors name the column in `path[1]`.
   */
  prepare(
    scope: ImportScope,
    rows: CsvRow[],
    target: CsvTarget,
    stored: Stored | undefined,
  ): Promise<Prepared<Record>>;
  /**
   * What is stored of the records with these keys (the record and its parts), read in one
   * statement per table for a chunk of rows, so that a row costs no statement of its own.
   */
  load(db: Kysely<Database>, ids: string[]): Promise<Map<string, Stored>>;
  /**
   * Stores the record as new, or over the record found (as `load` read it); says which. A
   * record whose row says what is stored sends no statement.
   */
  store(
    scope: ImportScope,
    record: Record,
    target: CsvTarget,
    stored: Stored | undefined,
  ): Promise<'created' | 'updated' | 'unchanged'>;
}

/** The column of the row's key in the coordinator's own records. */
export const KEY_COLUMN = 'externalKey';
/** The column of the record's global ID, as an export writes it. */
export const ID_COLUMN = 'id';

export { MAX_ROWS } from './read.js';

const kinds = new Map<string, CsvKind>();

/** Makes a kind importable; each concept registers its own. */
export function registerCsvKind<Record, Stored>(kind: CsvKind<Record, Stored>): void {
  kinds.set(kind.name, kind as CsvKind);
}

/** The importable kinds, by name. */
export function csvKinds(): CsvKind[] {
  return [...kinds.values()];
}

export function csvKind(name: string): CsvKind | undefined {
  return kinds.get(name);
}

/** The headers of a kind's file, in the order an export writes them. */
export function csvHeaders(kind: CsvKind): string[] {
  return [
    ID_COLUMN,
    KEY_COLUMN,
    ...kind.columns.map((c) => c.header),
    ...kind.export.ignored.map((c) => c.header),
  ];
}

/** How a caller says what the file's bytes are; unnamed, they are recognised. */
export interface CsvOptions {
  /** The encoding of the bytes (`windows-1252`); UTF-8 and UTF-16 with a mark are recognised. */
  encoding?: string;
  /** The separator of the cells; comma, semicolon and tab are recognised from the header row. */
  separator?: string;
}

/** What an import did. */
export interface CsvImportReport {
  kind: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Headers of the file the kind does not read (such as `createdAt` of an export). */
  ignoredColumns: string[];
}

const problem = (
  row: number | null,
  line: number | null,
  column: string | null,
  message: string,
): ImportProblem => ({ row, line, column, message });

/** The column a field error is about: the input field a kind's column is named after. */
function columnOf(error: FieldError, kind: CsvKind): string | null {
  const field = error.path[1];
  return field && [KEY_COLUMN, ID_COLUMN, ...kind.columns.map((c) => c.header)].includes(field)
    ? field
    : null;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** The rows of one record: those sharing a key, or an id, or a row alone. */
interface Group {
  rows: CsvRow[];
  key: string | null;
  id: string | null;
}

/** Sorts rows into records, noting each row whose key or id is unusable. */
function groupRows(kind: CsvKind, rows: CsvRow[], problems: ImportProblem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = row.cells[KEY_COLUMN] ?? null;
    const globalId = row.cells[ID_COLUMN];
    let id: string | null = null;
    if (globalId !== undefined) {
      const decoded = keyOfGlobalId(globalId, kind.typename);
      if (decoded.problem !== undefined) {
        problems.push(problem(row.row, row.line, ID_COLUMN, `${decoded.problem}.`));
        continue;
      }
      id = decoded.key;
    }
    if (key !== null && key.length > 200) {
      problems.push(problem(row.row, row.line, KEY_COLUMN, 'must be at most 200 characters long.'));
      continue;
    }
    const name = key !== null ? `key:${key}` : id !== null ? `id:${id}` : `row:${row.row}`;
    const group = groups.get(name);
    if (group) {
      group.rows.push(row);
      group.id ??= id;
    } else {
      groups.set(name, { rows: [row], key, id });
    }
  }
  return [...groups.values()];
}

/**
 * Imports a CSV file (its bytes as they stream, or text already decoded) as records of a
 * kind, in one transaction: all rows or none. A record whose rows say what it already holds
 * is left alone, its version unchanged.
 */
export async function importCsv(
  ctx: Context,
  kind: CsvKind,
  source: string | AsyncIterable<Uint8Array>,
  options: CsvOptions = {},
): Promise<CsvImportReport> {
  const text = typeof source === 'string' ? once(source) : decodeCsv(source, options.encoding);
  const { rows, ignoredColumns, problems, fatal } = await readCsv(
    text,
    {
      read: [
        { header: ID_COLUMN },
        { header: KEY_COLUMN },
        ...kind.columns.map(({ header, required }) => ({ header, required })),
      ],
      ignored: kind.export.ignored.map((c) => c.header),
    },
    options.separator,
  );
  if (fatal) throw new ImportRejectedError(problems, 'The CSV import');
  const groups = groupRows(kind, rows, problems);

  return runWrite(ctx, async (write) => {
    const scope: ImportScope = { ...write, lookups: new ImportLookups(write.trx) };
    const found = await storedRecords(scope.trx, kind.table, groups);
    const prepared: Array<{ record: unknown; target: CsvTarget }> = [];
    for (let from = 0; from < groups.length; from += CHUNK) {
      const chunk: Array<{ group: Group; target: CsvTarget }> = [];
      for (const group of groups.slice(from, from + CHUNK)) {
        const first = group.rows[0]!;
        const target = targetOf(kind, group, found);
        if ('message' in target) {
          problems.push(problem(first.row, first.line, target.column, target.message));
        } else {
          chunk.push({ group, target });
        }
      }
      const stored = await loadStored(kind, scope, chunk);
      for (const { group, target } of chunk) {
        const first = group.rows[0]!;
        const result = await kind.prepare(
          scope,
          group.rows,
          target,
          target.id === null ? undefined : stored.get(target.id),
        );
        if ('errors' in result) {
          for (const error of result.errors) {
            // An error of one row names it in `path[0]` (`row:<n>`); else it is the record's first row.
            const at = group.rows.find((r) => `row:${r.row}` === error.path[0]) ?? first;
            problems.push(problem(at.row, at.line, columnOf(error, kind), error.message));
          }
        } else {
          prepared.push({ record: result.record, target });
        }
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new ImportRejectedError(problems, 'The CSV import');
    }
    const report: CsvImportReport = {
      kind: kind.name,
      rowCount: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      ignoredColumns,
    };
    // What is stored is read again chunk by chunk, so that no more than a chunk's is held.
    const written = new Set<string>();
    for (let from = 0; from < prepared.length; from += CHUNK) {
      const chunk = prepared.slice(from, from + CHUNK);
      const stored = await loadStored(kind, scope, chunk);
      for (const { record, target } of chunk) {
        let before = target.id === null ? undefined : stored.get(target.id);
        // Two groups of rows (one by key, one by id) may name one record: the second sees the first's write.
        if (target.id !== null && written.has(target.id)) {
          before = (await kind.load(scope.trx, [target.id])).get(target.id);
        }
        const outcome = await kind.store(scope, record, target, before);
        if (target.id !== null && outcome === 'updated') written.add(target.id);
        report[outcome] += 1;
      }
    }
    return report;
  });
}

/** Rows checked, and stored, per round of reading what is stored. */
const CHUNK = 1000;

/** What is stored of the records a chunk of rows names. */
function loadStored<Stored>(
  kind: CsvKind<unknown, Stored>,
  scope: ImportScope,
  chunk: Array<{ target: CsvTarget }>,
): Promise<Map<string, Stored>> {
  const ids = [...new Set(chunk.flatMap(({ target }) => (target.id === null ? [] : [target.id])))];
  return ids.length === 0 ? Promise.resolve(new Map()) : kind.load(scope.trx, ids);
}

interface Found {
  byKey: Map<string, string>;
  byId: Map<string, string | null>;
}

/** The stored records the rows name, by key and by id, locked until the import ends. */
async function storedRecords(
  db: Kysely<Database>,
  table: CsvKind['table'],
  groups: Group[],
): Promise<Found> {
  const keys = groups.flatMap((g) => (g.key === null ? [] : [g.key]));
  const ids = groups.flatMap((g) => (g.id === null ? [] : [g.id]));
  const [withKey, withId] = await Promise.all([
    keys.length === 0
      ? []
      : db
          .selectFrom(table)
          .select(['id', 'external_key'])
          .where(anyOf('external_key', keys, 'text'))
          .forUpdate()
          .execute(),
    ids.length === 0
      ? []
      : db
          .selectFrom(table)
          .select(['id', 'external_key'])
          .where(anyOf('id', ids))
          .forUpdate()
          .execute(),
  ]);
  return {
    byKey: new Map(withKey.map((r) => [r.external_key!, r.id])),
    byId: new Map(withId.map((r) => [r.id, r.external_key])),
  };
}

/** The record a group's rows are about, or what is wrong with their key and id. */
function targetOf(
  kind: CsvKind,
  group: Group,
  found: Found,
): CsvTarget | { column: string; message: string } {
  const byKey = group.key === null ? undefined : found.byKey.get(group.key);
  if (byKey !== undefined) {
    if (group.id !== null && group.id !== byKey) {
      return {
        column: ID_COLUMN,
        message: `names another ${kind.noun} than the externalKey "${group.key}" does; clear one of the two.`,
      };
    }
    return { id: byKey, key: group.key };
  }
  if (group.id === null) return { id: null, key: group.key };
  const stored = found.byId.get(group.id);
  if (stored === undefined) {
    return {
      column: ID_COLUMN,
      message: `names no ${kind.noun} (it may have been deleted); clear the id to record the row anew.`,
    };
  }
  if (group.key !== null && stored !== null) {
    return {
      column: KEY_COLUMN,
      message: `The ${kind.noun} of the row's id has the externalKey "${stored}"; an import does not change a key.`,
    };
  }
  return { id: group.id, key: group.key };
}
