import { type RawBuilder, sql } from 'kysely';
import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';
import { textProblem } from './text.js';

/** The longest search text accepted. */
const MAX_SEARCH_LENGTH = 200;

/**
 * Checks search text: words as people type them. Quotes make phrases, `or` alternatives and a
 * leading `-` excludes a word (web search syntax); any other text is searched as words, so no
 * input can make the query fail.
 */
export function parseSearchText(text: string, argument: string): string {
  const trimmed = text.trim();
  if (textProblem(trimmed, MAX_SEARCH_LENGTH) !== undefined) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `\`${argument}\` must hold between 1 and ${MAX_SEARCH_LENGTH} characters of search text, without control characters.`,
      { argument },
    );
  }
  return trimmed;
}

/** The search text as a PostgreSQL query (English stemming, web search syntax). */
export function searchQuery(text: string): RawBuilder<unknown> {
  return sql`websearch_to_tsquery('english', ${text})`;
}

/** `table.search_vector @@ query`: answered by the table's GIN index. */
export function matches(table: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.search_vector`)} @@ ${searchQuery(text)}`;
}

/** How well a record matches: title words count most, then descriptions. */
export function rank(table: string, text: string): RawBuilder<number> {
  return sql<number>`ts_rank(${sql.ref(`${table}.search_vector`)}, ${searchQuery(text)})::float8`;
}
