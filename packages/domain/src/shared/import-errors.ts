import { ErrorCode } from './error-codes.js';

/**
 * The failures of an import, whatever is imported (a spreadsheet, a response of another
 * service): the rows that break rules, all listed at once, or a service that did not answer.
 * Either way nothing of the import was stored.
 */

/** One bad row of an import: where it is, which column, and what to fix. */
export interface ImportProblem {
  /** The row's number among the records, from 1; null when the whole input is at fault. */
  row: number | null;
  /** The line of the file the row starts on, for files read by line (CSV). */
  line: number | null;
  /** The column or field at fault, when one is. */
  column: string | null;
  message: string;
}

/** How many problems an answer lists; a file with more says how many it left out. */
export const PROBLEMS_LISTED = 200;

/** The input has bad rows; every one is listed (up to `PROBLEMS_LISTED`), nothing was stored. */
export class ImportRejectedError extends Error {
  readonly code = ErrorCode.IMPORT_REJECTED;
  readonly problems: ImportProblem[];
  readonly problemCount: number;
  constructor(problems: ImportProblem[], what = 'The import') {
    const first = problems[0];
    super(
      problems.length === 1 && first
        ? `${what} was not stored: ${describeProblem(first)}`
        : problems.length > PROBLEMS_LISTED
          ? `${what} was not stored: ${problems.length} problems; the first ${PROBLEMS_LISTED} are listed, with their rows.`
          : `${what} was not stored: ${problems.length} problems, each listed with its row.`,
    );
    this.name = 'ImportRejectedError';
    this.problemCount = problems.length;
    this.problems = problems.slice(0, PROBLEMS_LISTED);
  }
}

/** A problem as one line of text, for command lines and messages. */
export function describeProblem(problem: ImportProblem): string {
  const where = [
    problem.line != null ? `line ${problem.line}` : problem.row != null ? `row ${problem.row}` : '',
    problem.column ? `column ${problem.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** A service the import reads from failed; nothing was stored. */
export class UpstreamError extends Error {
  readonly code = ErrorCode.UPSTREAM_FAILED;
  constructor(
    message: string,
    /** The request that failed. */
    readonly url: string,
    /** The HTTP status the service answered with, when it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}
