import { builder } from '../builder.js';

/**
 * The error codes as a GraphQL enum. No field returns it: it is in the schema so that typed
 * clients generated from the schema know every code the API may send.
 */
builder.enumType('ErrorCode', {
  description:
    'The codes an error of this API carries in `extensions.code`. Branch on the code; the message is for people.',
  values: {
    INVALID_ID: { description: 'A global ID that is not one of ours, or names another type.' },
    INVALID_CURSOR: { description: 'A cursor not issued by the same list in the same order.' },
    BAD_USER_INPUT: {
      description: 'An argument out of range or malformed; `extensions.argument` names it.',
    },
    NOT_FOUND: { description: 'The record does not exist.' },
    GRAPHQL_PARSE_FAILED: { description: 'The request is not valid GraphQL.' },
    GRAPHQL_VALIDATION_FAILED: { description: 'The request does not fit the schema.' },
    INTERNAL_SERVER_ERROR: { description: 'A failure on the server; it was logged.' },
    VALIDATION_FAILED: {
      description: 'A mutation input breaks rules; `fieldErrors` names each field.',
    },
    CONFLICT: {
      description:
        'The record changed since it was read, an idempotency key was reused, or other records point at it.',
    },
    UNAUTHENTICATED: {
      description:
        'The request needs a valid API token (or its token is unknown, expired or revoked).',
    },
    FORBIDDEN: { description: 'The token’s role may not do this.' },
    DOCUMENT_TOO_LARGE: { description: 'The query text is longer than allowed.' },
    DEPTH_LIMIT_EXCEEDED: { description: 'The query nests deeper than allowed.' },
    ALIAS_LIMIT_EXCEEDED: { description: 'The query uses more aliases than allowed.' },
    DIRECTIVE_LIMIT_EXCEEDED: { description: 'The query uses more directives than allowed.' },
    COST_LIMIT_EXCEEDED: {
      description: 'The query may cost more than allowed (lists count by page size).',
    },
    RATE_LIMITED: {
      description: 'The token or address spent its budget for now; retry after `Retry-After`.',
    },
    BATCH_LIMIT_EXCEEDED: { description: 'A batch holds more operations than allowed.' },
    PAYLOAD_TOO_LARGE: { description: 'The request body is larger than allowed (HTTP 413).' },
    UNSUPPORTED_MEDIA_TYPE: { description: 'The request is not JSON (HTTP 415).' },
    BAD_REQUEST: { description: 'The request body is not valid JSON (HTTP 400).' },
    DATABASE_UNAVAILABLE: {
      description: 'The database cannot be reached; nothing was changed. Try again shortly.',
    },
  } as const,
});
