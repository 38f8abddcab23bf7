/**
 * The stable error codes of the API, sent as `extensions.code`, each with what it means. This
 * is the one list: the domain and the HTTP server raise these codes, the schema publishes them
 * as the `ErrorCode` enum so that typed clients know every one, and the table of
 * docs/reference/errors.md is checked against it. Clients branch on the code; the message is for people.
 */
export const errorCodes = {
  INVALID_ID: 'A global ID that is not one of ours, or names another type than the field expects.',
  INVALID_CURSOR: 'A cursor not issued by the same list in the same order.',
  CURSOR_EXPIRED:
    'A cursor of the change feed older than the change log’s horizon: changes after it were compacted away. Start over: read the feed without `after` and replace the local copy.',
  BAD_USER_INPUT: 'An argument out of range or malformed; `extensions.argument` names it.',
  NOT_FOUND: 'The record does not exist.',
  GRAPHQL_PARSE_FAILED: 'The request is not valid GraphQL.',
  GRAPHQL_VALIDATION_FAILED: 'The request does not fit the schema.',
  OPERATION_RESOLUTION_FAILURE:
    'The document holds several operations and `operationName` names none of them, or names none at all; the message lists the operations the document holds.',
  INTERNAL_SERVER_ERROR: 'A failure on the server; it was logged.',
  VALIDATION_FAILED: 'A mutation input breaks rules; `fieldErrors` names each field.',
  CONFLICT:
    'The record changed since it was read, an idempotency key was reused, or other records point at it.',
  UNAUTHENTICATED:
    'The request needs a valid API token (or its token is unknown, expired or revoked).',
  FORBIDDEN: 'The token’s role may not do this.',
  DOCUMENT_TOO_LARGE: 'The query text is longer than allowed.',
  DEPTH_LIMIT_EXCEEDED: 'The query nests deeper than allowed.',
  ALIAS_LIMIT_EXCEEDED: 'The query uses more aliases than allowed.',
  DIRECTIVE_LIMIT_EXCEEDED: 'The query uses more directives than allowed.',
  COST_LIMIT_EXCEEDED: 'The query may cost more than allowed (lists count by page size).',
  RATE_LIMITED: 'The token or address spent its budget for now; retry after `Retry-After`.',
  BATCH_LIMIT_EXCEEDED: 'A batch holds more operations than allowed.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than allowed (HTTP 413).',
  UNSUPPORTED_MEDIA_TYPE: 'The request is not JSON (HTTP 415).',
  BAD_REQUEST: 'The request body is not valid JSON, or not a GraphQL request (HTTP 400).',
  IMPORT_REJECTED:
    'A file or response to import has bad rows; nothing of it was stored. `problems` lists every bad row with its column and what to fix.',
  UPSTREAM_FAILED:
    'A service the graph imports from (such as the WHO Global Health Observatory) failed or could not be reached; nothing was stored.',
  PERSISTED_DOCUMENT_NOT_FOUND:
    'The `documentId` names no trusted document of this API (HTTP 400); register the document, or send its text.',
  PERSISTED_DOCUMENT_REQUIRED:
    'This API runs only trusted documents: send a `documentId` instead of the query text (HTTP 400). Admin tokens may still send text.',
  IATI_PUBLISHER_NOT_CONFIGURED:
    'In production, the IATI export waits for its publisher: set `IATI_REPORTING_ORG_REF` (HTTP 503).',
  DATABASE_UNAVAILABLE: 'The database cannot be reached; nothing was changed. Try again shortly.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Each code by its own name, so that code reads `ErrorCode.NOT_FOUND`. */
export const ErrorCode = Object.fromEntries(
  Object.keys(errorCodes).map((code) => [code, code]),
) as { readonly [Code in ErrorCode]: Code };
