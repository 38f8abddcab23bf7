import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { DbHandle } from '@mch/db';
import { authenticate, type Context, createContext, schema } from '@mch/domain';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import { errorFormatter, isDatabaseUnavailable } from './errors.js';
import { jitExecution } from './jit-executor.js';
import { documentTooLarge, limitsPlugin, validationRules } from './limits.js';
import { createObservability, errorMetricsPlugin, type Observability } from './observability.js';
import { playgroundPlugin } from './playground.js';
import { trackConnections } from './shutdown.js';

export interface RunningServer {
  /** The GraphQL endpoint, such as `http://127.0.0.1:4000/graphql`. */
  url: string;
  httpServer: Server;
  observability: Observability;
  /** Stops taking requests, finishes those in flight, then returns. */
  stop(): Promise<void>;
}

const jsonError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) => ({ status, body: { errors: [{ message, extensions: { code, ...extra } }] } });

/**
 * The HTTP server: GraphQL at `/graphql`, liveness at `/health`, readiness at `/ready`,
 * Prometheus metrics at `/metrics`. The database stays the caller's to open and close.
 */
export async function startServer(
  config: Config,
  database: DbHandle,
  observability: Observability = createObservability({ logLevel: config.logLevel }),
): Promise<RunningServer> {
  const { logger, registry } = observability;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = createServer(app);
  const drainer = trackConnections(httpServer);

  // Every request gets an id (or keeps the one it brings), in its logs, its answer's headers
  // and the audit trail of what it changes.
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    // The route is read now: routers below rewrite the path as they go.
    const route = ['/graphql', '/health', '/ready', '/metrics'].includes(req.path)
      ? req.path
      : 'other';
    const end = observability.httpDuration.startTimer({ method: req.method, route });
    res.on('finish', () => {
      end();
      observability.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => res.locals.requestId as string,
      quietReqLogger: true,
    }),
  );
  app.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
        'retry-after',
      ],
      maxAge: 600,
    }),
  );

  const plugins: ApolloServerPlugin<Context>[] = [
    // No field sets cache hints, and the plugin would cost every request a walk of its fields.
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    config.playground ? playgroundPlugin('/graphql') : ApolloServerPluginLandingPageDisabled(),
    limitsPlugin(config),
    errorMetricsPlugin(observability),
  ];
  const apollo = new ApolloServer<Context>({
    gateway: jitExecution(schema),
    plugins,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.environment === 'development',
    formatError: errorFormatter(logger),
    validationRules: validationRules(config.limits),
    allowBatchedHttpRequests: true,
    csrfPrevention: true,
    // The process owns its signals: it stops the server, then closes the database.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo would indent every response, which costs CPU and bytes.
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    if (drainer.draining) {
      res.status(503).json({ status: 'stopping', database: database.kind });
      return;
    }
    try {
      await Promise.race([
        sql`select 1`.execute(database.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      res.json({ status: 'ready', database: database.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: database.kind });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  const onlyJson: RequestHandler = (req, res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) {
      const { status, body } = jsonError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send GraphQL requests as JSON, with `Content-Type: application/json`.',
      );
      res.status(status).json(body);
      return;
    }
    next();
  };
  const batchCap: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > config.limits.batch) {
      const { status, body } = jsonError(
        400,
        'BATCH_LIMIT_EXCEEDED',
        `A batch may hold at most ${config.limits.batch} operations; this one holds ${req.body.length}.`,
        { found: req.body.length, limit: config.limits.batch },
      );
      res.status(status).json(body);
      return;
    }
    next();
  };
  // The document's length is checked before anything parses it, in a POST body (or each
  // operation of a batch) and in the query string of a GET.
  const documentCap: RequestHandler = (req, res, next) => {
    const operations: unknown[] = Array.isArray(req.body) ? req.body : [req.body ?? req.query];
    for (const operation of operations) {
      const query = (operation as { query?: unknown } | null)?.query;
      if (typeof query === 'string' && query.length > config.limits.documentChars) {
        res
          .status(400)
          .json({ errors: [documentTooLarge(query.length, config.limits.documentChars)] });
        return;
      }
    }
    next();
  };
  const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    const reply =
      type === 'entity.too.large'
        ? jsonError(
            413,
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${config.maxBodyBytes} bytes.`,
            { limit: config.maxBodyBytes },
          )
        : type === 'entity.parse.failed' ||
            type === 'encoding.unsupported' ||
            type === 'charset.unsupported'
          ? jsonError(400, 'BAD_REQUEST', 'The request body is not valid JSON.')
          : undefined;
    if (!reply) return next(error);
    res.status(reply.status).json(reply.body);
  };

  app.use(
    '/graphql',
    onlyJson,
    express.json({ limit: config.maxBodyBytes }),
    bodyErrors,
    batchCap,
    documentCap,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        let viewer: Awaited<ReturnType<typeof authenticate>>;
        try {
          viewer = await authenticate(database.db, req.get('authorization'));
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            throw new GraphQLError(
              'The database is unavailable at the moment. Try again shortly.',
              {
                extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
              },
            );
          }
          throw error;
        }
        return createContext({
          db: database.db,
          viewer,
          requestId: res.locals.requestId as string,
          clientAddress: req.socket.remoteAddress,
        });
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}/graphql`,
    httpServer,
    observability,
    async stop() {
      await drainer.drain({
        graceMs: config.shutdown.graceMs,
        deadlineMs: config.shutdown.deadlineMs,
      });
      await apollo.stop();
    },
  };
}
