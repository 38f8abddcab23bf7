import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '@mch/db';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

const LIMIT_CODES = new Set([
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'DIRECTIVE_LIMIT_EXCEEDED',
]);

/**
 * The code an error is answered with. Apollo files every validation error under
 * GRAPHQL_VALIDATION_FAILED; the limits (depth, aliases, directives) keep their own code.
 */
export function errorCode(error: GraphQLError): string {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const original = error.originalError as GraphQLError | undefined;
  const own = original?.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof own === 'string' && LIMIT_CODES.has(own)) {
    return own;
  }
  if (code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(unwrapResolverError(error))) {
    return 'DATABASE_UNAVAILABLE';
  }
  return code;
}

/**
 * What a client sees of an error. Errors the client caused carry their own code and message; a
 * database that cannot be reached is said so (code DATABASE_UNAVAILABLE, try again); anything
 * else unexpected is logged and answered with a generic message, so no SQL or internal detail
 * leaves the server.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
      const code = errorCode(error as GraphQLError);
      return code === 'GRAPHQL_VALIDATION_FAILED'
        ? formatted
        : { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    const cause = unwrapResolverError(error);
    if (isDatabaseUnavailable(cause)) {
      logger.warn({ path: formatted.path, err: cause }, 'database unavailable');
      return {
        message:
          'The database is unavailable at the moment; nothing was changed. Try again shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      };
    }
    logger.error(
      { path: formatted.path, err: cause },
      'unexpected error while executing a request',
    );
    return {
      message: 'Internal server error. The failure was logged; please try again later.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
