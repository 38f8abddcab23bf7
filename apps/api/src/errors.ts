import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';

/**
 * What a client sees of an error. Errors the client caused carry their own code and message;
 * anything unexpected is logged here and answered with a generic message, so no SQL or internal
 * detail leaves the server.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const cause = unwrapResolverError(error);
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'unexpected error while executing a request',
      path: formatted.path,
      error:
        cause instanceof Error ? { message: cause.message, stack: cause.stack } : String(cause),
    }),
  );
  return {
    message: 'Internal server error. The failure was logged; please try again later.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
