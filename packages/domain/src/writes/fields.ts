import type { Database } from '@mch/db';
import type { EnumRef, InputFieldBuilder, SchemaTypes } from '@pothos/core';
import { type Kysely, sql } from 'kysely';
import { type CodeFormat, codeProblem } from '../shared/codes.js';
import type { FieldError } from '../shared/errors.js';
import { keyOfGlobalId } from '../shared/global-id.js';
import { isCalendarDate } from '../shared/scalars.js';
import { textProblem } from '../shared/text.js';

/**
 * Input fields of writes, declared once by the concept that owns them: the GraphQL input field,
 * the column it fills and the rules its value must keep. `validate` applies the rules, turns
 * codes and global IDs into keys, and collects every error with its path, so one answer lists
 * everything to fix.
 */
export type FieldSpec = {
  column: string;
  description: string;
  /** Required to create; an update may leave it out but never clear it. */
  required?: boolean;
} & (
  | {
      kind: 'text';
      max: number;
      multiline?: boolean;
      format?: Pick<CodeFormat, 'pattern' | 'hint'>;
    }
  // biome-ignore lint/suspicious/noExplicitAny: any enum of the schema
  | { kind: 'enum'; ref: EnumRef<any, any> }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'date' }
  | { kind: 'decimal' }
  | { kind: 'url' }
  | { kind: 'currency' }
  /** A natural key (country, subdivision, topic, indicator code), stored as its record's key. */
  | { kind: 'code'; format: CodeFormat }
  /** The global ID of a record of `typename`, stored as its key. */
  | { kind: 'reference'; typename: string; table: keyof Database & string }
);

export type FieldSpecs = Record<string, FieldSpec>;

/** A reference to a record of another type, as most relations are written. */
export function reference(
  typename: string,
  table: keyof Database & string,
  column: string,
  description: string,
  required = false,
): FieldSpec {
  return { kind: 'reference', typename, table, column, description, required };
}

/** Adds the GraphQL input fields for specs; on updates every field is optional. */
export function inputFields<Types extends SchemaTypes>(
  t: InputFieldBuilder<Types, 'InputObject'>,
  specs: FieldSpecs,
  mode: 'create' | 'update',
) {
  const fields: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const options = {
      required: mode === 'create' && spec.required === true,
      description: spec.description,
    };
    switch (spec.kind) {
      case 'enum':
        fields[name] = t.field({ type: spec.ref, ...options });
        break;
      case 'int':
        fields[name] = t.int(options);
        break;
      case 'float':
        fields[name] = t.float(options);
        break;
      case 'date':
        fields[name] = t.field({ type: 'Date' as never, ...options });
        break;
      case 'decimal':
        fields[name] = t.field({ type: 'Decimal' as never, ...options });
        break;
      case 'reference':
        fields[name] = t.id(options);
        break;
      default:
        fields[name] = t.string(options);
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: fields built from specs at run time
  return fields as Record<string, any>;
}

/**
 * Finds the key (`key`) of the row of `table` whose `column` holds a code or ID; undefined when
 * nothing has it. Writes ask the database each time; an import of many rows reads each table once.
 */
export type KeyLookup = (
  table: string,
  key: string,
  column: string,
  value: string,
) => Promise<string | undefined>;

/** The lookup of a key through the database, one statement per value. */
const keyFrom =
  (db: Kysely<Database>): KeyLookup =>
  async (table, key, column, value) => {
    const result = await sql<{ key: string }>`select ${sql.ref(key)} as key
      from ${sql.table(table)} where ${sql.ref(column)} = ${value} limit 1`.execute(db);
    return result.rows[0]?.key;
  };

/** Checks one value against its spec and returns what goes in the column, or a problem. */
export async function validateValue(
  db: Kysely<Database>,
  spec: FieldSpec,
  value: unknown,
  keyOf: KeyLookup = keyFrom(db),
): Promise<{ value?: unknown; problem?: string }> {
  switch (spec.kind) {
    case 'text': {
      const text = value as string;
      const problem =
        textProblem(text, spec.max, { multiline: spec.multiline ?? false }) ??
        (spec.format && !spec.format.pattern.test(text)
          ? `must be ${spec.format.hint}`
          : undefined);
      return problem ? { problem } : { value: text };
    }
    case 'int':
    case 'float': {
      const number = value as number;
      if (!Number.isFinite(number) || number < spec.min || number > spec.max) {
        return { problem: `must be between ${spec.min} and ${spec.max} (got ${number})` };
      }
      return { value: number };
    }
    case 'date':
      return isCalendarDate(value as string)
        ? { value }
        : { problem: 'must be a calendar date, YYYY-MM-DD' };
    case 'url': {
      const text = value as string;
      if (text.length > 2000 || !/^https?:\/\/[^\s]+$/.test(text)) {
        return { problem: 'must be an http(s) URL of at most 2000 characters' };
      }
      return { value: text };
    }
    case 'currency':
      return /^[A-Z]{3}$/.test(value as string)
        ? { value }
        : { problem: 'must be an ISO 4217 currency code such as "USD"' };
    case 'code': {
      const { format } = spec;
      const text = value as string;
      const problem = codeProblem(format, text);
      if (problem) return { problem };
      const key = await keyOf(format.table, format.key, format.column, text);
      return key === undefined
        ? { problem: `names no ${format.what} of the graph: ${text}` }
        : { value: key };
    }
    case 'reference': {
      const { key, problem } = keyOfGlobalId(value as string, spec.typename);
      if (problem !== undefined) return { problem };
      const found = await keyOf(spec.table, 'id', 'id', key);
      return found === undefined
        ? { problem: `names no ${spec.typename} of the graph` }
        : { value: key };
    }
    default:
      return { value };
  }
}

/**
 * Validates the fields of an input: for a creation every required field must be there; for an
 * update, absent fields stay as they are and null clears a field that may be empty.
 */
export async function validate(
  db: Kysely<Database>,
  specs: FieldSpecs,
  input: Record<string, unknown>,
  mode: 'create' | 'update',
  path: string[] = ['input'],
  keyOf: KeyLookup = keyFrom(db),
): Promise<{ values: Record<string, unknown>; errors: FieldError[] }> {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const value = input[name];
    const at = [...path, name];
    if (value === undefined) {
      if (mode === 'create' && spec.required)
        errors.push({ path: at, message: `\`${name}\` is required.` });
      continue;
    }
    if (value === null) {
      if (spec.required)
        errors.push({ path: at, message: `\`${name}\` is required and cannot be cleared.` });
      else values[spec.column] = null;
      continue;
    }
    const checked = await validateValue(db, spec, value, keyOf);
    if (checked.problem) errors.push({ path: at, message: `\`${name}\` ${checked.problem}.` });
    else values[spec.column] = checked.value;
  }
  return { values, errors };
}

/**
 * The codes of a list input (`input.<field>.<i>`), as keys without repeats; a code that is
 * malformed or names nothing adds its error, called by the `noun` the input uses.
 */
export async function validateCodes(
  db: Kysely<Database>,
  format: CodeFormat,
  codes: string[],
  errors: FieldError[],
  field: string,
  noun: string,
  keyOf: KeyLookup = keyFrom(db),
): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, code] of codes.entries()) {
    const checked = await validateValue(
      db,
      { kind: 'code', format, column: '', description: '' },
      code,
      keyOf,
    );
    if (checked.problem) {
      errors.push({
        path: ['input', field, String(i)],
        message: `The ${noun} ${checked.problem}.`,
      });
    } else if (!keys.includes(checked.value as string)) {
      keys.push(checked.value as string);
    }
  }
  return keys;
}

/** Field shapes many records share: a title, a prose description, a date's precision. */
export const titleField = (description = 'Its title.'): FieldSpec => ({
  kind: 'text',
  column: 'title',
  max: 500,
  required: true,
  description,
});

export const descriptionField = (description = 'A description, in prose.'): FieldSpec => ({
  kind: 'text',
  column: 'description',
  max: 4000,
  multiline: true,
  description,
});

export const precisionField = (
  // biome-ignore lint/suspicious/noExplicitAny: the DatePrecision enum
  ref: EnumRef<any, any>,
  column: string,
  description = 'How precisely the date is known (DAY when left out on creation).',
): FieldSpec => ({ kind: 'enum', ref, column: `${column}_precision`, description });

/** A period whose end may not come before its start. */
export function datesInOrder(
  values: Record<string, unknown>,
  from: string,
  to: string,
  field: string,
): FieldError[] {
  const start = values[from];
  const end = values[to];
  return typeof start === 'string' && typeof end === 'string' && end < start
    ? [{ path: ['input', field], message: `\`${field}\` must not be before the start (${start}).` }]
    : [];
}
