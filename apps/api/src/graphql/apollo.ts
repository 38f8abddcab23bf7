import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { type DbHandle, isDatabaseUnavailable } from '@mch/db';
import {
  authenticate,
  ClientError,
  type Context,
  createContext,
  releaseContext,
  schema,
} from '@mch/domain';
import type { Request, RequestHandler, Response } from 'express';
import { type FormattedExecutionResult, GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import { errorMetricsPlugin, type Observability } from '../observability.js';
import type { Scale } from '../scale/scale.js';
import { errorFormatter } from './errors.js';
import { jitExecution } from './jit-executor.js';
import { languagePlugin, negotiateLanguage } from './language.js';
import { readRoutingPlugin } from './replica-reads.js';
import { requestChecksPlugin } from './request-checks.js';
import { validationRules } from './validation-rules.js';

/** The GraphQL endpoint, and a way for other routes to run an operation as a request would. */
export interface GraphQLService {
  middleware: RequestHandler;
  /**
   * Runs an operation for an HTTP request, with its token, limits and rate limit, as if it had
   * been sent to `/graphql`.
   */
  execute(
    query: string,
    variables: Record<string, unknown>,
    req: Request,
    res: Response,
  ): Promise<{ result: FormattedExecutionResult; headers: Map<string, string> }>;
  stop(): Promise<void>;
}

/** Apollo Server over the domain schema, with its limits, errors and context. */
export async function createGraphQL(
  config: Config,
  database: DbHandle,
  observability: Observability,
  scale?: Pick<Scale, 'redis' | 'routing'>,
): Promise<GraphQLService> {
  const routing = scale?.routing;
  const plugins: ApolloServerPlugin<Context>[] = [
    // No field sets cache hints, and the plugin would cost every request a walk of its fields.
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    // The playground is served by its own route (http/playground.ts), with caching.
    ApolloServerPluginLandingPageDisabled(),
    requestChecksPlugin(config, scale?.redis),
    ...(routing ? [readRoutingPlugin(routing)] : []),
    errorMetricsPlugin(observability),
    languagePlugin(),
  ];
  const apollo = new ApolloServer<Context>({
    gateway: jitExecution(schema),
    plugins,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.environment === 'development',
    formatError: errorFormatter(observability.logger),
    validationRules: validationRules(config.limits),
    allowBatchedHttpRequests: true,
    csrfPrevention: true,
    // The process owns its signals: it stops the server, then closes the database.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo would indent every response, which costs CPU and bytes.
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  // A fresh context per request: who asks (from the token), and fresh loaders.
  const contextFor = async (req: Request, res: Response): Promise<Context> => {
    let viewer: Awaited<ReturnType<typeof authenticate>>;
    try {
      viewer = await authenticate(database.db, req.get('authorization'))
        // The primary away (a failover under way): the token is read on a replica in use, so
        // that its holder's queries go on; its mutations fail on the primary, retryably.
        .catch(async (error) => {
          if (!isDatabaseUnavailable(error) || routing?.status().state !== 'in use') throw error;
          return authenticate(await routing.readerFor(undefined), req.get('authorization'));
        });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        throw new ClientError(
          'DATABASE_UNAVAILABLE',
          'The database is unavailable at the moment. Try again shortly.',
          {},
          503,
        );
      }
      throw error;
    }
    return createContext({
      // With a read replica, a query moves to it once it is known to be a query.
      db: database.db,
      viewer,
      requestId: res.locals.requestId as string,
      clientAddress: req.socket.remoteAddress,
      ghoBaseUrl: config.ghoBaseUrl,
      language: negotiateLanguage(req),
    });
  };
  const middleware = expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      const context = await contextFor(req, res);
      // Once the answer is out (every operation of a batch shares the context), the request's
      // loaders and caches let go of their rows, which then die young (see `releaseContext`).
      res.once('close', () => releaseContext(context));
      return context;
    },
  });
  return {
    middleware,
    async execute(query, variables, req, res) {
      let contextValue: Context;
      try {
        contextValue = await contextFor(req, res);
      } catch (error) {
        // A token refused (or a database away) is an answer, as it is at /graphql.
        if (error instanceof GraphQLError) {
          const { http: _http, ...extensions } = error.extensions;
          return {
            result: { errors: [{ message: error.message, extensions }] },
            headers: new Map(),
          };
        }
        throw error;
      }
      // One operation of a route that may run many on one request (an export, page by page):
      // its context lets go of its rows as soon as the operation has answered.
      const response = await apollo
        .executeOperation({ query, variables }, { contextValue })
        .finally(() => releaseContext(contextValue));
      if (response.body.kind !== 'single') throw new Error('Expected a single result.');
      return { result: response.body.singleResult, headers: response.http.headers };
    },
    stop: () => apollo.stop(),
  };
}
