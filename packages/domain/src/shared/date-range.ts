import { builder } from '../builder.js';
import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';

export const DateRange = builder.inputType('DateRange', {
  description: 'An inclusive range of calendar dates; either end may be left open.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'The first day included.' }),
    to: t.field({ type: 'Date', description: 'The last day included.' }),
  }),
});

export interface DateRangeValue {
  from?: string | null;
  to?: string | null;
}

/** Refuses a range that ends before it starts, naming the argument. */
export function checkDateRange(range: DateRangeValue, argument: string): DateRangeValue {
  if (range.from && range.to && range.from > range.to) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `\`${argument}\` ends (${range.to}) before it starts (${range.from}); swap \`from\` and \`to\`.`,
      { argument },
    );
  }
  return range;
}
