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
  } as const,
});
