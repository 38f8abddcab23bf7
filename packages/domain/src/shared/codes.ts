import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';

/**
 * The format of a natural key (a country's ISO code, a topic code, ...), declared by the concept
 * that owns it and used alike by its lookups, by filters and by write inputs.
 */
export interface CodeFormat {
  /** What the code names, as in "names no country of the graph". */
  what: string;
  pattern: RegExp;
  /** How a valid code reads, as in "must be an ISO 3166-2 code such as "UZ-QA"". */
  hint: string;
  /** Where the codes are kept, and the column that holds the key a reference stores. */
  table: string;
  column: string;
  key: string;
}

/** Why a value is not a code of the format, or undefined when it is one. */
export function codeProblem(format: CodeFormat, value: string): string | undefined {
  return format.pattern.test(value)
    ? undefined
    : `must be ${format.hint}; got ${JSON.stringify(value.slice(0, 40))}`;
}

/** Checks a code argument before it reaches SQL; a client error that names the argument if not. */
export function parseCode(format: CodeFormat, value: string, argument = 'code'): string {
  const problem = codeProblem(format, value);
  if (problem) {
    throw new ClientError(ErrorCode.BAD_USER_INPUT, `\`${argument}\` ${problem}.`, { argument });
  }
  return value;
}
