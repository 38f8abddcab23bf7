import { createDb, type DbHandle, loadSeed, migrateToLatest } from '@mch/db';
import { type Config, loadConfig } from '../config.js';

/**
 * The database the API is configured for (DATABASE_URL, or the embedded one in DATA_DIR), made
 * ready as the API makes it at start-up: migrated, and seeded once unless SEED is off. Stop the
 * API first when it runs on the embedded database, which one process owns.
 */
export async function withDatabase<T>(
  work: (database: DbHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    if (config.seed) await loadSeed(database.db);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
