import type { Database } from '@mch/db';
import type { EnumRef, InputFieldBuilder, SchemaTypes } from '@pothos/core';
import { type Kysely, sql } from 'kysely';
import { decodeGlobalId } from '../shared/global-id.js';
import { isCalendarDate } from '../shared/scalars.js';
import type { FieldError } from './errors.js';

/**
 * Input fields of writes, declared once: the GraphQL input field, the column it fills and the
 * rules its value must keep. `validate` applies the rules, turns codes and global IDs into
 * keys, and collects every error with its path, so one answer lists everything to fix.
 */
export type FieldSpec = {
  column: string;
  description: string;
  /** Required to create; an update may leave it out but never clear it. */
  required?: boolean;
} & (
  | { kind: 'text'; max: number; multiline?: boolean; pattern?: RegExp; hint?: string }
  // biome-ignore lint/suspicious/noExplicitAny: any enum of the schema
  | { kind: 'enum'; ref: EnumRef<any, any> }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'date' }
  | { kind: 'decimal' }
  | { kind: 'url' }
  | { kind: 'currency' }
  | { kind: 'country' }
  | { kind: 'subdivision' }
  | { kind: 'topic' }
  | { kind: 'indicator' }
  | { kind: 'reference'; typename: string; table: keyof Database & string }
);

export type FieldSpecs = Record<string, FieldSpec>;

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

// Control characters other than tab, line feed and carriage return; unpaired surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Rules every text value keeps, whatever field it goes to. */
export function textProblem(value: string, max: number, multiline = false): string | undefined {
  if (value.trim().length === 0) return 'must not be blank';
  if (value.length > max) return `must be at most ${max} characters long (got ${value.length})`;
  if ((multiline ? CONTROL : CONTROL_SINGLE_LINE).test(value)) {
    return multiline
      ? 'must not contain control characters (line breaks and tabs are fine)'
      : 'must not contain control characters or line breaks';
  }
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text';
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The key of a global ID of `typename`, or why it cannot be one. */
export function referenceKey(value: string, typename: string): { key?: string; problem?: string } {
  try {
    const decoded = decodeGlobalId(value);
    if (decoded.typename !== typename || !UUID.test(decoded.id)) {
      return { problem: `must be the ID of ${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename}` };
    }
    return { key: decoded.id };
  } catch {
    return {
      problem: `must be the ID of ${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename}, as returned by a query`,
    };
  }
}

/** Looks up the key a code or ID names; undefined when nothing has it. */
async function keyOf(db: Kysely<Database>, table: string, column: string, value: string) {
  const result = await sql<{
    key: string;
  }>`select ${sql.ref(table === 'indicator' ? 'code' : 'id')} as key
    from ${sql.table(table)} where ${sql.ref(column)} = ${value} limit 1`.execute(db);
  return result.rows[0]?.key;
}

const codeRules = {
  country: {
    table: 'country',
    column: 'code',
    pattern: /^[A-Z]{2}$/,
    hint: 'an ISO 3166-1 alpha-2 code such as "UZ"',
    what: 'country',
  },
  subdivision: {
    table: 'subdivision',
    column: 'code',
    pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/,
    hint: 'an ISO 3166-2 code such as "UZ-QA"',
    what: 'subdivision',
  },
  topic: {
    table: 'topic',
    column: 'code',
    pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    hint: 'a topic code such as "obstetrics"',
    what: 'topic',
  },
  indicator: {
    table: 'indicator',
    column: 'code',
    pattern: /^[A-Z0-9_]{2,60}$/,
    hint: 'a GHO indicator code such as "MDG_0000000026"',
    what: 'indicator',
  },
} as const;

/** Checks one value against its spec and returns what goes in the column, or a problem. */
export async function validateValue(
  db: Kysely<Database>,
  spec: FieldSpec,
  value: unknown,
): Promise<{ value?: unknown; problem?: string }> {
  switch (spec.kind) {
    case 'text': {
      const text = value as string;
      const problem = textProblem(text, spec.max, spec.multiline);
      if (problem) return { problem };
      if (spec.pattern && !spec.pattern.test(text)) return { problem: `must be ${spec.hint}` };
      return { value: text };
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
    case 'country':
    case 'subdivision':
    case 'topic':
    case 'indicator': {
      const rule = codeRules[spec.kind];
      const text = value as string;
      if (!rule.pattern.test(text))
        return { problem: `must be ${rule.hint} (got ${JSON.stringify(text.slice(0, 40))})` };
      const key = await keyOf(db, rule.table, rule.column, text);
      return key === undefined
        ? { problem: `names no ${rule.what} of the graph: ${text}` }
        : { value: key };
    }
    case 'reference': {
      const { key, problem } = referenceKey(value as string, spec.typename);
      if (problem) return { problem };
      const found = await keyOf(db, spec.table, 'id', key!);
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
    const checked = await validateValue(db, spec, value);
    if (checked.problem) errors.push({ path: at, message: `\`${name}\` ${checked.problem}.` });
    else values[spec.column] = checked.value;
  }
  return { values, errors };
}

/**
 * Topic codes of a list input (`input.<field>.<i>`), as topic keys without repeats; a code
 * that names no topic adds its error, called by the `noun` the input uses.
 */
export async function validateTopicCodes(
  db: Kysely<Database>,
  codes: string[],
  errors: FieldError[],
  field: string,
  noun: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, code] of codes.entries()) {
    const checked = await validateValue(
      db,
      { kind: 'topic', column: 'topic_id', description: '' },
      code,
    );
    if (checked.problem) {
      errors.push({
        path: ['input', field, String(i)],
        message: `The ${noun} ${checked.problem}.`,
      });
    } else if (!ids.includes(checked.value as string)) {
      ids.push(checked.value as string);
    }
  }
  return ids;
}
