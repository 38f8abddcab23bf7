import { setFlagsFromString } from 'node:v8';
import { createDb, DataDirInUseError, loadSeed, migrateToLatest, serveEmbedded } from '@mch/db';
import { ConfigError, loadConfig } from './config.js';
import { createObservability } from './observability.js';

const usage = `Usage: pnpm start

Starts the API at http://localhost:4000/graphql: on the embedded database in .data/pglite, or on
PostgreSQL when DATABASE_URL is set; applies the migrations and loads the seed facts. It is
configured by environment variables (PORT, HOST, DATABASE_URL, DATA_DIR, LOG_LEVEL, LOG_FORMAT,
...); docs/reference/configuration.md lists them all.`;

/**
 * V8 lets the heap grow to several times its live size before a full collection. A request
 * leaves little behind, so the API's heap would sit mostly on garbage: growing by half instead
 * keeps the resident memory under load about a third lower at the same CPU (see
 * docs/performance.md). A value given on the command line or in NODE_OPTIONS wins.
 */
const HEAP_GROWING = '--heap-growing-percent';
if (
  ![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes(HEAP_GROWING))
) {
  setFlagsFromString(`${HEAP_GROWING}=50`);
}

/** Starts the API: opens the database, brings it up to date, serves until told to stop. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(usage);
    return;
  }
  const startedAt = performance.now();
  const config = loadConfig();
  const scaled = config.scale.redisUrl !== undefined || config.scale.replicaUrl !== undefined;
  const observability = createObservability({
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    ...(scaled ? { instance: config.scale.instance } : {}),
  });
  const { logger } = observability;
  if (config.iati.placeholder) {
    logger.warn(
      config.environment === 'production'
        ? 'IATI_REPORTING_ORG_REF is not set: the IATI export is refused until it names the publisher.'
        : 'IATI_REPORTING_ORG_REF is not set: the IATI export names the placeholder publisher XM-MCH-GRAPH, which no one can publish as.',
    );
  }
  // The server's modules (the schema is built as they load) load while the database opens.
  const server = import('./server.js');
  const database = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    owner: 'the API',
    serves: true,
    preparedStatements: config.preparedStatements,
    maxConnections: config.databasePoolSize,
    onQuery: observability.onQuery,
    onBytesReceived: observability.onBytesReceived,
  });
  const previous = database.embedded?.ownership?.takenOverFrom;
  if (previous) {
    logger.warn(
      { previousOwner: previous },
      `The embedded database's previous owner (pid ${previous.pid}) ended without closing it; this process takes it over.`,
    );
  }
  const applied = await migrateToLatest(database.db);
  const seeded = config.seed ? (await loadSeed(database.db)).applied : false;
  const running = await (await server).startServer(config, database, observability);
  // Tools (`pnpm mch`, psql) reach the embedded database through this process, its one owner.
  database.embedded?.ownership?.describe({ url: running.url });
  const served = database.embedded?.ownership ? await serveEmbedded(database.embedded) : undefined;

  // Listening for signals before saying so: a supervisor may send SIGTERM the moment it reads
  // the ready line.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received; finishing the requests in flight`);
    await running.stop();
    await served?.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info(
    {
      database:
        database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL',
      ...(served ? { psql: `psql -h ${served.socketDir} -U postgres` } : {}),
      ...(config.scale.replicaUrl ? { reads: 'replica when close enough, else primary' } : {}),
      ...(config.scale.redisUrl ? { rateLimits: 'shared in Redis' } : {}),
      migrationsApplied: applied.length,
      seedLoaded: seeded,
      startupMs: Math.round(performance.now() - startedAt),
    },
    `MCH Cooperation Graph API ready at ${running.url}`,
  );
  // The names of places in other languages load once the API is up, off the start's path.
  setTimeout(
    () => void import('@mch/domain').then((domain) => domain.loadPlaceNames()),
    1_000,
  ).unref();
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : error instanceof DataDirInUseError
        ? error.message
        : `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  console.error(message);
  process.exit(1);
});
