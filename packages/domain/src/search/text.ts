import { type RawBuilder, sql } from 'kysely';
import { ClientError, ErrorCode } from '../shared/errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: search text never holds them
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The longest search text accepted. */
const MAX_SEARCH_LENGTH = 200;

/**
 * Checks search text: words as people type them. Quotes make phrases, `or` alternatives and a
 * leading `-` excludes a word (web search syntax); any other text is searched as words, so no
 * input can make the query fail.
 */
export function parseSearchText(text: string, argument: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SEARCH_LENGTH || CONTROL.test(trimmed)) {
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
