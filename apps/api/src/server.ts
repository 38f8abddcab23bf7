import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DbHandle } from '@mch/db';
import { ErrorCode } from '@mch/domain';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import { startCompaction } from './change-log.js';
import type { Config } from './config.js';
import { createGraphQL } from './graphql/apollo.js';
import { csvExport } from './http/csv-export.js';
import { csvImport } from './http/csv-import.js';
import { dashboard } from './http/dashboard.js';
import { createExpressServer } from './http/express-server.js';
import { errorBody, graphqlBody } from './http/graphql-body.js';
import { addHealthRoutes } from './http/health.js';
import { iatiExport } from './http/iati.js';
import { playground } from './http/playground.js';
import { requestTracking } from './http/requests.js';
import { trackConnections } from './http/shutdown.js';
import { loadTrustedDocuments, trustedDocuments } from './http/trusted-documents.js';
import { createObservability, type Observability } from './observability.js';
import { startScale } from './scale/scale.js';

export interface RunningServer {
  /** The GraphQL endpoint, such as `http://127.0.0.1:4000/graphql`. */
  url: string;
  httpServer: Server;
  observability: Observability;
  /** Stops taking requests, finishes those in flight, then returns. */
  stop(): Promise<void>;
}

/** Headers a browser may send, and read, across origins. */
const corsOptions = (config: Config): cors.CorsOptions => ({
  origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
  allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
  exposedHeaders: [
    'x-request-id',
    'ratelimit-limit',
    'ratelimit-remaining',
    'ratelimit-reset',
    'retry-after',
    'content-language',
  ],
  maxAge: 600,
});

/**
 * The HTTP server, composed of its parts: request tracking, CORS, health routes, GraphQL at
 * `/graphql` behind its body checks, CSV exports of the lists at `/export/<list>.csv` and imports of spreadsheets at
 * `/import/<kind>.csv`. The database stays the caller's to open and close.
 */
export async function startServer(
  config: Config,
  database: DbHandle,
  observability: Observability = createObservability({
    logLevel: config.logLevel,
    logFormat: config.logFormat,
  }),
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // An ETag would hash every answer, mostly POSTs no cache keeps; cached GET answers carry
  // Cache-Control instead.
  app.set('etag', false);
  app.set('trust proxy', false);
  const httpServer = createExpressServer(app);
  const drainer = trackConnections(httpServer);
  const scale = await startScale(config, database, observability);
  const graphql = await createGraphQL(config, database, observability, scale);
  const compaction = startCompaction(database, config.changeLogRetentionDays, observability.logger);

  app.use(requestTracking(observability));
  // Answers over 1 KB are compressed for clients that ask (brotli or gzip); `compression` is
  // express's own middleware, and sends `Vary: Accept-Encoding`. A request that accepts no
  // encoding (most API clients) skips it, and with it the wrapping of every write.
  const compress = compression();
  app.use((req, res, next) => {
    if (req.headers['accept-encoding']) compress(req, res, next);
    else {
      res.vary('Accept-Encoding');
      next();
    }
  });
  app.use(cors(corsOptions(config)));
  addHealthRoutes(app, database, drainer, observability.registry, scale);
  // The dashboard, when one is built; otherwise the API's address leads to the playground, or
  // says where the endpoint is when there is none.
  const dashboardFiles = config.dashboardDir ? dashboard(config.dashboardDir) : undefined;
  if (config.dashboardDir && !dashboardFiles) {
    observability.logger.warn(
      { dashboardDir: config.dashboardDir },
      'DASHBOARD_DIR holds no built dashboard (index.html): / leads to the playground instead.',
    );
  }
  if (dashboardFiles) app.use(dashboardFiles);
  app.get('/', (_req, res) => {
    if (config.playground) {
      res.redirect(302, '/graphql');
      return;
    }
    res
      .status(404)
      .json(
        errorBody(
          ErrorCode.NOT_FOUND,
          'The GraphQL endpoint is /graphql (POST, or GET with `query` or `documentId`).',
        ),
      );
  });
  if (config.playground) app.get('/graphql', playground('/graphql'));
  // What GraphQL answers and exports hold depends on the caller's token and language: every
  // such answer says so, for any cache between the API and its reader.
  app.use(['/graphql', '/export'], (_req, res, next) => {
    res.vary('Authorization').vary('Accept-Language');
    next();
  });
  const documents = loadTrustedDocuments(config.trustedDocumentFiles);
  app.use(
    '/graphql',
    graphqlBody(config),
    trustedDocuments(config, database, documents),
    graphql.middleware,
  );
  app.get('/export/:file', csvExport(graphql));
  app.post('/import/:file', ...csvImport(config, graphql));
  app.get('/iati/activities.xml', iatiExport(config, database));

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
      await graphql.stop();
      await compaction.stop();
      await scale.close();
    },
  };
}
