import { type RawBuilder, sql } from 'kysely';
import { anyOf } from '../shared/sql.js';
import { parseCountryCode } from './country.js';
import { parseSubdivisionCode } from './subdivision.js';

/**
 * Where a record is: the conditions every list filter uses to keep the records of some
 * countries or subdivisions, given by their ISO codes. `argument` names the filter field in the
 * error a malformed code gets (`filter.countries`). An empty list of codes keeps no record.
 */

/** `column` holds one of the countries with these ISO 3166-1 alpha-2 codes. */
export function inCountries(
  column: string,
  codes: readonly string[],
  argument: string,
): RawBuilder<boolean> {
  const parsed = codes.map((code) => parseCountryCode(code, argument));
  return sql<boolean>`${sql.ref(column)} in (select country.id from country where ${anyOf('country.code', parsed, 'text')})`;
}

/** `column` holds one of the subdivisions with these ISO 3166-2 codes. */
export function inSubdivisions(
  column: string,
  codes: readonly string[],
  argument: string,
): RawBuilder<boolean> {
  const parsed = codes.map((code) => parseSubdivisionCode(code, argument));
  return sql<boolean>`${sql.ref(column)} in (select subdivision.id from subdivision where ${anyOf('subdivision.code', parsed, 'text')})`;
}
