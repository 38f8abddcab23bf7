import { schema } from '@mch/domain';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';

/**
 * Requests built from the schema itself, so that a field or argument added tomorrow is tried
 * by the suites that walk "every mutation" or "every string argument".
 */

const scalarValues: Record<string, unknown> = {
  String: 'Schema walk',
  Int: 1,
  Float: 1,
  Boolean: false,
  Date: '2026-01-15',
  DateTime: '2026-01-15T10:00:00Z',
  Decimal: '1.5',
  JSON: {},
};

/** The type of record an ID names: what the field says, or the mutation's own record. */
function idType(field: string, argument: string): string {
  if (argument === 'source') return 'Source';
  if (argument === 'programme') return 'Programme';
  if (argument === 'record') return 'TrainingEvent';
  if (field === 'revokeApiToken') return 'ApiToken';
  if (/TrainingEvent$|^recordTrainingOutcome$/.test(field)) return 'TrainingEvent';
  if (/^(update|delete)/.test(field)) return field.replace(/^(update|delete)/, '');
  return 'Organisation';
}

/** The ID of a record of the right type that does not exist. */
export const missingId = (type: string) =>
  Buffer.from(`${type}:00000000-0000-4000-8000-000000000000`).toString('base64');

/** The smallest value the type system accepts: required fields only, one element per list. */
export function minimalValue(type: GraphQLInputType, field: string, argument = ''): unknown {
  if (isNonNullType(type)) return minimalValue(type.ofType, field, argument);
  if (isListType(type)) return [minimalValue(type.ofType, field, argument)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(type.getFields())) {
      if (isNonNullType(inner.type))
        value[inner.name] = minimalValue(inner.type, field, inner.name);
    }
    return value;
  }
  const named = getNamedType(type).name;
  if (named === 'ID') return missingId(idType(field, argument));
  if (!(named in scalarValues)) throw new Error(`No example value for scalar ${named}`);
  return scalarValues[named];
}

/** A request for one root field, with every argument as a variable. */
export interface FieldRequest {
  field: string;
  document: string;
  /** The smallest valid variables. */
  variables: Record<string, unknown>;
  /** Every String or ID the request may carry, as a path into `variables`. */
  textPaths: Array<Array<string | number>>;
  args: readonly GraphQLArgument[];
}

function selectionFor(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

/** Paths to every String or ID leaf of an argument, descending into input objects and lists. */
function textLeaves(
  type: GraphQLInputType,
  path: Array<string | number>,
  seen: Set<string>,
): Array<Array<string | number>> {
  if (isNonNullType(type)) return textLeaves(type.ofType, path, seen);
  if (isListType(type)) return textLeaves(type.ofType, [...path, 0], seen);
  if (isInputObjectType(type)) {
    if (seen.has(type.name)) return [];
    const inner = new Set([...seen, type.name]);
    return Object.values(type.getFields()).flatMap((field) =>
      textLeaves(field.type, [...path, field.name], inner),
    );
  }
  const named = getNamedType(type).name;
  return named === 'String' || named === 'ID' ? [path] : [];
}

function requestFor(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): FieldRequest {
  const args = field.args as readonly GraphQLArgument[];
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passes = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const variables: Record<string, unknown> = {};
  for (const arg of args) {
    if (isNonNullType(arg.type)) variables[arg.name] = minimalValue(arg.type, field.name, arg.name);
  }
  return {
    field: field.name,
    document: `${operation}${declarations ? `(${declarations})` : ''} { ${field.name}${passes ? `(${passes})` : ''}${selectionFor(field)} }`,
    variables,
    textPaths: args.flatMap((arg) => textLeaves(arg.type, [arg.name], new Set())),
    args,
  };
}

export const queryRequests = (): FieldRequest[] =>
  Object.values(schema.getQueryType()!.getFields()).map((field) => requestFor('query', field));

export const mutationRequests = (): FieldRequest[] =>
  Object.values(schema.getMutationType()!.getFields()).map((field) =>
    requestFor('mutation', field),
  );

/**
 * The variables with `value` at `path`, and whatever lies on the way to it filled in with
 * the smallest valid values, so that only that one string is unusual.
 */
export function withValueAt(
  request: FieldRequest,
  path: Array<string | number>,
  value: unknown,
): Record<string, unknown> {
  const [argument, ...rest] = path as [string, ...Array<string | number>];
  const arg = request.args.find((candidate) => candidate.name === argument)!;
  const place = (
    type: GraphQLInputType,
    current: unknown,
    keys: Array<string | number>,
    name: string,
  ): unknown => {
    if (keys.length === 0) return value;
    if (isNonNullType(type)) return place(type.ofType, current, keys, name);
    if (isListType(type)) {
      const list = Array.isArray(current) ? [...current] : [];
      list[0] = place(type.ofType, list[0], keys.slice(1), name);
      return list;
    }
    if (!isInputObjectType(type)) throw new Error(`Cannot descend into ${String(type)}`);
    const key = keys[0] as string;
    const object = {
      ...((current as Record<string, unknown> | undefined) ??
        (minimalValue(type, request.field, name) as Record<string, unknown>)),
    };
    object[key] = place(type.getFields()[key]!.type, object[key], keys.slice(1), key);
    return object;
  };
  return {
    ...request.variables,
    [argument]: place(arg.type, request.variables[argument], rest, argument),
  };
}
