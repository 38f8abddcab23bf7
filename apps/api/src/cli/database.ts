import {
  createDb,
  DataDirInUseError,
  type DbHandle,
  describeHolder,
  loadSeed,
  migrateToLatest,
  type Route,
  reachEmbedded,
} from '@mch/db';
import { type Config, loadConfig } from '../config.js';
import { CommandFailed } from './command.js';

/** Where a command's database is, said on stderr so that a command's output stays its own. */
export function describeRoute(config: Config, route: Route | undefined): string {
  if (!route) return 'PostgreSQL (DATABASE_URL)';
  if (route.kind === 'direct') {
    return `the embedded database in ${config.dataDir}, opened by this command (the API is not running)`;
  }
  return `the embedded database in ${config.dataDir}, through ${describeHolder(route.holder)}`;
}

/**
 * Reaches the database the API is configured for: PostgreSQL when DATABASE_URL is set; else the
 * embedded one in DATA_DIR, through the running API when there is one (so the API sees every
 * change at once) and directly when there is not. Says on stderr which way it went.
 */
export async function reachDatabase(
  config: Config,
  command: string,
): Promise<{ database: DbHandle; route: Route | undefined }> {
  let database: DbHandle;
  let route: Route | undefined;
  try {
    if (config.databaseUrl) {
      database = await createDb({ databaseUrl: config.databaseUrl });
    } else {
      ({ handle: database, route } = await reachEmbedded(config.dataDir, command, (holder) =>
        console.error(`Waiting for ${describeHolder(holder)} to finish starting...`),
      ));
    }
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new CommandFailed(error.message);
    throw error;
  }
  console.error(`Using ${describeRoute(config, route)}.`);
  return { database, route };
}

/**
 * Runs `work` on the database (see `reachDatabase`), made ready as the API makes it at
 * start-up: migrated, and seeded once unless SEED is off; and closes it afterwards.
 */
export async function withDatabase<T>(
  command: string,
  work: (database: DbHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const { database } = await reachDatabase(config, command);
  try {
    await migrateToLatest(database.db);
    if (config.seed) await loadSeed(database.db);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
