import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { suggestionList } from 'graphql/jsutils/suggestionList.js';
import type { ImportProblem } from '../shared/import-errors.js';

/**
 * Reading a spreadsheet's text as rows, as it streams in: the separator recognised from the
 * header row, the header checked against the columns the kind reads, and the file refused as
 * soon as it passes the row limit, so that a huge file is never held in memory.
 */

/** The columns of a file, as a kind describes them. */
export interface CsvHeaders {
  /** Columns the import reads, each required or not. */
  read: Array<{ header: string; required?: boolean }>;
  /** Columns an export writes that the import leaves alone (`createdAt`, `version`). */
  ignored: string[];
}

/** A data row of the file: where it is, and its cells by header (blank cells left out). */
export interface CsvRow {
  /** Its number among the data rows, from 1. */
  row: number;
  /** The line of the file it is on. */
  line: number;
  cells: Record<string, string>;
}

/**
 * The most data rows one import takes. An import is one transaction that checks every row and
 * reports every bad one at once, so its rows are held until the end: 100 007 exported events
 * imported at a peak of 518 MB (measured in docs/performance.md). Past the limit a file is refused as
 * soon as its reading gets there, so a larger file is never held; it is split.
 */
export const MAX_ROWS = 120_000;

/** The separators spreadsheet programs write, by the names a caller may give them. */
const SEPARATORS: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
};

/** The separator a caller names, or undefined when it is none of those read. */
export function separatorNamed(name: string): string | undefined {
  return SEPARATORS[name.toLowerCase()];
}

const problem = (
  row: number | null,
  line: number | null,
  column: string | null,
  message: string,
): ImportProblem => ({ row, line, column, message });

/**
 * The separator of a header row: the one that splits it into the most column names the kind
 * knows (so a comma inside a quoted title of a semicolon file cannot mislead it), else into
 * the most cells.
 */
function separatorOf(headerLine: string, known: Set<string>): string {
  let best = { separator: ',', names: -1, cells: -1 };
  for (const separator of [',', ';', '\t']) {
    let cells: string[];
    try {
      [cells = []] = parseSync(headerLine, {
        delimiter: separator,
        relax_quotes: true,
      }) as string[][];
    } catch {
      continue;
    }
    const names = cells.filter((cell) => known.has(cell.trim())).length;
    if (names > best.names || (names === best.names && cells.length > best.cells)) {
      best = { separator, names, cells: cells.length };
    }
  }
  return best.separator;
}

/** What is wrong with a header row, each problem named for its column. */
function headerProblems(headers: string[], columns: CsvHeaders, line: number): ImportProblem[] {
  const reads = columns.read.map((c) => c.header);
  const problems: ImportProblem[] = [];
  for (const name of headers) {
    if (name === '' || reads.includes(name) || columns.ignored.includes(name)) continue;
    const [closest] = suggestionList(name, [...reads, ...columns.ignored]);
    problems.push(
      problem(
        null,
        line,
        name,
        closest
          ? `is not a column of this kind; did you mean \`${closest}\`?`
          : `is not a column of this kind; the columns are ${reads.join(', ')}.`,
      ),
    );
  }
  const missing = columns.read.filter((c) => c.required && !headers.includes(c.header));
  if (missing.length > 0) {
    problems.push(
      problem(
        null,
        line,
        null,
        `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => c.header).join(', ')}; the columns are ${reads.join(', ')}.`,
      ),
    );
  }
  const repeated = headers.filter((name, i) => name !== '' && headers.indexOf(name) !== i);
  if (repeated.length > 0) {
    problems.push(
      problem(null, line, null, `The header row repeats ${[...new Set(repeated)].join(', ')}.`),
    );
  }
  return problems;
}

/** The text up to the first line break, and a stream of the whole text again. */
async function peekHeader(
  source: AsyncIterable<string>,
): Promise<{ head: string; text: AsyncIterable<string> }> {
  const iterator = source[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (!/[\r\n]/.test(head)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  async function* again() {
    yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { head, text: again() };
}

/**
 * The data rows of a CSV text. Problems with a row leave the other rows to be checked; a
 * problem with the file as a whole (`fatal`) stops the reading.
 */
export async function readCsv(
  source: AsyncIterable<string>,
  columns: CsvHeaders,
  separator?: string,
): Promise<{
  rows: CsvRow[];
  ignoredColumns: string[];
  separator: string;
  problems: ImportProblem[];
  fatal: boolean;
}> {
  const known = new Set([...columns.read.map((c) => c.header), ...columns.ignored]);
  const { head, text } = await peekHeader(source);
  const delimiter =
    separator ?? separatorOf(head.replace(/^\uFEFF/, '').split(/\r?\n|\r/)[0] ?? '', known);
  const input = Readable.from(text);
  const parser = parse({
    bom: true,
    info: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // A decoding error of the bytes ends the reading with its own message.
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const rows: CsvRow[] = [];
  const problems: ImportProblem[] = [];
  const done = (fatal: boolean, ignoredColumns: string[] = []) => {
    input.destroy();
    parser.destroy();
    return { rows, ignoredColumns, separator: delimiter, problems, fatal };
  };
  let headers: string[] | null = null;
  let ignoredColumns: string[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (headers === null) {
        headers = record.map((cell) => cell.trim());
        problems.push(...headerProblems(headers, columns, info.lines));
        if (problems.length > 0) return done(true);
        ignoredColumns = headers.filter((name) => columns.ignored.includes(name));
        continue;
      }
      if (rows.length + problems.length >= MAX_ROWS) {
        problems.length = 0;
        problems.push(
          problem(
            null,
            info.lines,
            null,
            `The file has more than ${MAX_ROWS} rows; one import takes at most ${MAX_ROWS}. Split it.`,
          ),
        );
        return done(true);
      }
      const row = rows.length + problems.length + 1;
      if (record.length !== headers.length) {
        problems.push(
          problem(
            row,
            info.lines,
            null,
            `has ${record.length} cells; the header row has ${headers.length}. Quote cells that hold ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}.`,
          ),
        );
        continue;
      }
      const cells: Record<string, string> = {};
      headers.forEach((name, i) => {
        const cell = record[i]!.trim();
        if (cell !== '' && known.has(name) && !columns.ignored.includes(name)) cells[name] = cell;
      });
      rows.push({ row, line: info.lines, cells });
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'IMPORT_REJECTED') throw error;
    const lines = (error as { lines?: number }).lines ?? null;
    problems.length = 0;
    problems.push(
      problem(
        null,
        lines,
        null,
        `The file is not valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`,
      ),
    );
    return done(true);
  }
  if (headers === null) {
    problems.push(problem(null, null, null, 'The file is empty; it needs a header row and rows.'));
    return done(true);
  }
  if (rows.length + problems.length === 0) {
    problems.push(problem(null, null, null, 'The file has a header row but no rows to import.'));
    return done(true);
  }
  return done(false, ignoredColumns);
}
