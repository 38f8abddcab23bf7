import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { DbHandle } from '@mch/db';
import { type Context, createContext, schema } from '@mch/domain';
import express from 'express';
import { sql } from 'kysely';
import type { Config } from './config.js';
import { formatError } from './errors.js';
import { jitExecution } from './jit-executor.js';
import { playgroundPlugin } from './playground.js';

export interface RunningServer {
  /** The GraphQL endpoint, such as `http://127.0.0.1:4000/graphql`. */
  url: string;
  httpServer: Server;
  /** Stops taking requests, finishes those in flight, then returns. */
  stop(): Promise<void>;
}

/**
 * The HTTP server: GraphQL at `/graphql`, liveness at `/health`, readiness at `/ready`.
 * The database stays the caller's to open and close.
 */
export async function startServer(config: Config, database: DbHandle): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    // No field sets cache hints, and the plugin would cost every request a walk of its fields.
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    config.playground ? playgroundPlugin('/graphql') : ApolloServerPluginLandingPageDisabled(),
  ];
  const apollo = new ApolloServer<Context>({
    gateway: jitExecution(schema),
    plugins,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.environment === 'development',
    formatError,
    // The process owns its signals: it stops the server, then closes the database.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo would indent every response, which costs CPU and bytes.
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  if (config.playground) {
    app.get('/', (_req, res) => {
      res.redirect('/graphql');
    });
  }

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    try {
      await sql`select 1`.execute(database.db);
      res.json({ status: 'ready', database: database.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: database.kind });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async () => createContext({ db: database.db }),
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
    stop: () => apollo.stop(),
  };
}
