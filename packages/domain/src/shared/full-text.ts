import { type Kysely, type RawBuilder, sql } from 'kysely';
import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';
import { isTranslatedTable } from './sql.js';
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

/**
 * The search text as a PostgreSQL query (English stemming, web search syntax). It is a scalar
 * subquery so that a prepared statement, whose text is a parameter, parses it once per run: as
 * a plain call it would be parsed again for every row it ranks.
 */
export function searchQuery(text: string): RawBuilder<unknown> {
  return sql`(select websearch_to_tsquery('english', ${text}))`;
}

/**
 * The search text as a query of translated names: plain words, without stemming, since a
 * translation may be in any language.
 */
function translationQuery(text: string): RawBuilder<unknown> {
  return sql`(select websearch_to_tsquery('simple', ${text}))`;
}

/**
 * The record's own words match (`table.search_vector @@ query`), or, for a record whose name
 * is translated, the words of a translation do. The keys of the records whose translations
 * match are read first, as one array; PostgreSQL then ORs two index scans (the GIN index of the
 * words, the key's index), so no table is read whole and no row is read twice.
 */
export function matches(table: string, text: string): RawBuilder<boolean> {
  const own = sql<boolean>`${sql.ref(`${table}.search_vector`)} @@ ${searchQuery(text)}`;
  if (!isTranslatedTable(table)) return own;
  return sql<boolean>`(${own} or ${sql.ref(`${table}.id`)} = any(array(
    select t.subject_id from ${sql.table(`${table}_translation`)} t
    where t.search_vector @@ ${translationQuery(text)})))`;
}

/**
 * The records of `table` that match, each with how well (`id`, `rank`): title words count most,
 * then descriptions; a record whose translation matches better ranks by that. The translations
 * that match are ranked once, in a single pass over their index, and joined by key: a rank read
 * per matching record would probe the translations once per record.
 */
export function rankedMatches(
  // biome-ignore lint/suspicious/noExplicitAny: any searchable table, named at run time
  db: Kysely<any>,
  table: string,
  text: string,
) {
  const own = sql<number>`ts_rank(${sql.ref(`${table}.search_vector`)}, ${searchQuery(text)})`;
  const query = db.selectFrom(table).where(matches(table, text));
  if (!isTranslatedTable(table)) {
    return query.select([`${table}.id`, sql<number>`${own}::float8`.as('rank')]);
  }
  const translated = sql`(select t.subject_id, max(ts_rank(t.search_vector, ${translationQuery(text)})) as rank
    from ${sql.table(`${table}_translation`)} t
    where t.search_vector @@ ${translationQuery(text)} group by t.subject_id)`;
  return query
    .leftJoin(translated.as('tr'), 'tr.subject_id', `${table}.id`)
    .select([
      `${table}.id`,
      sql<number>`greatest(${own}, coalesce(tr.rank, 0))::float8`.as('rank'),
    ]);
}
