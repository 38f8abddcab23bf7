import { ClientError, ErrorCode } from './errors.js';

/**
 * Global IDs are `base64("<Type>:<key>")`, the common Relay form. Decoding checks the shape, so
 * a malformed ID is a clear client error rather than a failed SQL cast further down.
 */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECODED = /^([A-Z][A-Za-z]{0,63}):(.{1,200})$/s;

/** The types that have global IDs, known once the schema is built. */
const nodeTypes = new Set<string>();

export function registerNodeTypes(typenames: Iterable<string>): void {
  for (const typename of typenames) nodeTypes.add(typename);
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = BASE64.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const match = DECODED.exec(decoded);
  if (!match) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `"${truncate(globalId)}" is not a global ID of this API. Use an \`id\` returned by a query.`,
    );
  }
  const typename = match[1]!;
  if (nodeTypes.size > 0 && !nodeTypes.has(typename)) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `"${typename}" is not a type of this API, so the ID names no record.`,
    );
  }
  return { typename, id: match[2]! };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/**
 * The UUID key of a global ID argument that must name a record of `typename`, such as the
 * programme in a filter. Anything else is a client error that names the argument.
 */
export function parseGlobalIdOf(typename: string, globalId: string, argument: string): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `\`${argument}\` is not a global ID of this API. Use the \`id\` of ${article(typename)}.`,
      { argument },
    );
  }
  if (decoded.typename !== typename) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `\`${argument}\` must be the ID of ${article(typename)}; this one names ${article(decoded.typename)}.`,
      { argument },
    );
  }
  if (!UUID.test(decoded.id)) {
    throw new ClientError(
      ErrorCode.INVALID_ID,
      `\`${argument}\` is not the ID of any ${typename}: its key is not a UUID. Use the \`id\` of ${article(typename)}.`,
      { argument },
    );
  }
  return decoded.id;
}

/** "a Programme", "an Organisation". */
function article(typename: string): string {
  return `${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename}`;
}
