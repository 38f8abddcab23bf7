import type { DbHandle } from '@mch/db';
import type { Config } from '../config.js';
import type { Observability } from '../observability.js';
import { createReadRouting, type ReadRouting } from './read-routing.js';
import { connectRedis, type SharedRedis } from './redis.js';

/**
 * What an API process shares with the other replicas of a deployment: Redis (`REDIS_URL`) and
 * a PostgreSQL read replica (`DATABASE_REPLICA_URL`). Both are optional; without them the
 * process runs alone, as a single machine does.
 */
export interface Scale {
  instance: string;
  redis: SharedRedis | undefined;
  routing: ReadRouting | undefined;
  close(): Promise<void>;
}

export async function startScale(
  config: Config,
  database: DbHandle,
  observability: Observability,
): Promise<Scale> {
  const { scale } = config;
  const redis = scale.redisUrl ? connectRedis(scale.redisUrl, observability.logger) : undefined;
  const routing =
    scale.replicaUrl && database.kind === 'postgres'
      ? await createReadRouting(
          {
            ...scale,
            replicaUrl: scale.replicaUrl,
            preparedStatements: config.preparedStatements,
            poolSize: config.databasePoolSize,
          },
          database,
          redis,
          observability,
        )
      : undefined;
  return {
    instance: scale.instance,
    redis,
    routing,
    async close() {
      await routing?.close();
      await redis?.close();
    },
  };
}
