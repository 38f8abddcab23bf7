import { GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (2024-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `Expected a calendar date written as YYYY-MM-DD, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or time zone, written as `YYYY-MM-DD`.',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const PG_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/;

/**
 * An instant as ISO 8601 in UTC. Accepts a Date, or a timestamp as PostgreSQL writes it
 * (`2024-02-08 09:30:00.123+00`), which the database layer leaves unparsed until shown.
 */
export function toIsoInstant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  const match = PG_TIMESTAMP.exec(text);
  const date = match
    ? new Date(`${match[1]}T${match[2]}${match[3]}:${match[4] ?? '00'}`)
    : new Date(text);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Not an instant: ${text}`);
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<Date | string, string>({
  name: 'DateTime',
  description:
    'An instant in time, written in ISO 8601 with UTC offset, e.g. `2024-02-08T09:30:00.000Z`.',
  serialize: toIsoInstant,
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new ClientError(ErrorCode.BAD_USER_INPUT, 'Expected an ISO 8601 date-time.');
    }
    return date;
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      throw new ClientError(ErrorCode.BAD_USER_INPUT, 'Expected an ISO 8601 date-time.');
    }
    return date;
  },
});

const DECIMAL_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `Expected a decimal amount with at most 2 decimal places, such as "1250.50", got ${JSON.stringify(value)}.`,
    );
  }
  return text;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal amount, sent as a string (such as `"1250.50"`) so that no cent is lost to floating point.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) =>
    parseDecimal(
      ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT
        ? ast.value
        : undefined,
    ),
});

/** Any JSON value; output only (the audit trail's records as they were). */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'A JSON value, such as a record as it was stored.',
  serialize: (value) => value,
  parseValue: () => {
    throw new ClientError(ErrorCode.BAD_USER_INPUT, 'JSON values are not accepted as input.');
  },
  parseLiteral: () => {
    throw new ClientError(ErrorCode.BAD_USER_INPUT, 'JSON values are not accepted as input.');
  },
});
