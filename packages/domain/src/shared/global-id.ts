import { type GraphQLFieldResolver, type GraphQLSchema, isInterfaceType } from 'graphql';
import { ErrorCode } from './error-codes.js';
import { ClientError } from './errors.js';
import { ignoresInfo } from './field-marks.js';

/**
 * Global IDs are `base64("<Type>:<key>")`, the common Relay form. One reader decodes them for
 * every use (node lookups, filters, write inputs), so a malformed ID gets the same clear
 * answer everywhere rather than a failed SQL cast further down.
 */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECODED = /^([A-Z][A-Za-z]{0,63}):(.{1,200})$/s;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The types that have global IDs, known once the schema is built. */
const nodeTypes = new Set<string>();

export function registerNodeTypes(typenames: Iterable<string>): void {
  for (const typename of typenames) nodeTypes.add(typename);
}

/** "a Programme", "an Organisation". */
export function article(noun: string): string {
  return `${/^[AEIOUaeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The type and key written in a global ID, whatever the type; undefined when it has no such form. */
function decode(globalId: string): { typename: string; id: string } | undefined {
  const decoded = BASE64.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const match = DECODED.exec(decoded);
  return match ? { typename: match[1]!, id: match[2]! } : undefined;
}

const knownType = (typename: string) => nodeTypes.size === 0 || nodeTypes.has(typename);

/** The type and key a global ID names, or undefined when it is not one of ours. */
export function readGlobalId(globalId: string): { typename: string; id: string } | undefined {
  const decoded = decode(globalId);
  return decoded && knownType(decoded.typename) ? decoded : undefined;
}

/**
 * The UUID key of a global ID that must name a record of `typename`, or what is wrong with it,
 * said so that it reads after the name of the argument or field that holds it.
 */
export function keyOfGlobalId(
  globalId: string,
  typename: string,
): { key: string; problem?: undefined } | { key?: undefined; problem: string } {
  const decoded = readGlobalId(globalId);
  if (!decoded) {
    return {
      problem: `is not a global ID of this API; use the \`id\` of ${article(typename)}, as returned by a query`,
    };
  }
  if (decoded.typename !== typename) {
    return {
      problem: `must be the ID of ${article(typename)}; this one names ${article(decoded.typename)}`,
    };
  }
  if (!UUID.test(decoded.id)) {
    return {
      problem: `is not the ID of any ${typename}: its key is not a UUID; use the \`id\` of ${article(typename)}`,
    };
  }
  return { key: decoded.id };
}

/** The key of a global ID argument that must name a record of `typename`; a client error if not. */
export function parseGlobalIdOf(typename: string, globalId: string, argument: string): string {
  const { key, problem } = keyOfGlobalId(globalId, typename);
  if (problem !== undefined) {
    throw new ClientError(ErrorCode.INVALID_ID, `\`${argument}\` ${problem}.`, { argument });
  }
  return key;
}

/** Decodes any global ID for the relay plugin; a client error when it is not one of ours. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = decode(globalId);
  if (decoded && !knownType(decoded.typename)) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `"${decoded.typename}" is not a type of this API, so the ID names no record.`,
    );
  }
  if (!decoded) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `"${globalId.length > 60 ? `${globalId.slice(0, 57)}...` : globalId}" is not a global ID of this API. Use an \`id\` returned by a query.`,
    );
  }
  return decoded;
}

/** The key of a record whose primary key is a UUID; anything else cannot name one of them. */
export function parseUuidKey(typename: string) {
  return (key: string): string => {
    if (!UUID.test(key)) {
      throw new ClientError(
        ErrorCode.INVALID_ID,
        `The global ID does not name ${article(typename)}: its key is not a UUID.`,
      );
    }
    return key;
  };
}

type KeyResolver = (parent: unknown, args: object, context: unknown, info: unknown) => unknown;

/**
 * Answers every node's `id` without a promise. The relay plugin resolves it through an async
 * function, which costs a promise and a later turn for each record of every page. For each type
 * implementing `Node` whose `id` no plugin wraps (an auth scope, say), the field resolves its key
 * and encodes it at once, as the plugin would; a key that comes as a promise keeps the old way.
 */
export function resolveIdsAtOnce(schema: GraphQLSchema): void {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) return;
  for (const type of schema.getPossibleTypes(node)) {
    const field = type.getFields().id;
    const key = (type.extensions as { pothosOptions?: { id?: { resolve?: KeyResolver } } })
      .pothosOptions?.id?.resolve;
    const wrapped = (field?.extensions as { pothosResolveWrapped?: boolean } | undefined)
      ?.pothosResolveWrapped;
    if (!field?.resolve || !key || wrapped !== false) continue;
    const viaPlugin = field.resolve;
    const typename = type.name;
    // No info is read here: the key resolvers of this API read the row, and the plugin's
    // resolver, the fallback for a key that is neither string nor number, only hands info on
    // to the same key resolver.
    field.resolve = ignoresInfo<GraphQLFieldResolver<unknown, unknown>>(
      (parent, args, context, info) => {
        const id = key(parent, args, context, info);
        if (id == null) return id;
        if (typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint') {
          return encodeGlobalId(typename, id);
        }
        return viaPlugin(parent, args, context, info);
      },
    );
  }
}
