import { createDb, loadSeed, migrateToLatest } from '@mch/db';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/** Starts the API: opens the database, brings it up to date, serves until told to stop. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  const seeded = config.seed ? (await loadSeed(database.db)).applied : false;
  const server = await startServer(config, database);

  const where =
    database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(
    JSON.stringify({
      level: 'info',
      msg: `MCH Cooperation Graph API ready at ${server.url}`,
      database: where,
      migrationsApplied: applied.length,
      seedLoaded: seeded,
      startupMs: Math.round(performance.now() - startedAt),
    }),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ level: 'info', msg: `${signal} received; finishing requests` }));
    await server.stop();
    await database.close();
    console.log(JSON.stringify({ level: 'info', msg: 'stopped' }));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  console.error(message);
  process.exit(1);
});
