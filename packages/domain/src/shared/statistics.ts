import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';

/** What every statistics query shares: its group limit, and whole years of a date range. */

export const MAX_GROUPS = 1000;

/** Refuses a group limit outside 1..1000. */
export function checkGroupLimit(limit: number): number {
  if (limit < 1 || limit > MAX_GROUPS) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `\`limit\` must be between 1 and ${MAX_GROUPS}; got ${limit}. Narrow the filter for fewer groups.`,
      { argument: 'limit', max: MAX_GROUPS },
    );
  }
  return limit;
}

/**
 * The whole years a date range covers, when it covers whole years only: the totals kept per
 * year can then answer it.
 */
export function wholeYears(range: { from?: string | null; to?: string | null }) {
  const from = range.from ?? undefined;
  const to = range.to ?? undefined;
  if (from !== undefined && !from.endsWith('-01-01')) return undefined;
  if (to !== undefined && !to.endsWith('-12-31')) return undefined;
  return {
    from: from === undefined ? undefined : Number(from.slice(0, 4)),
    to: to === undefined ? undefined : Number(to.slice(0, 4)),
  };
}
