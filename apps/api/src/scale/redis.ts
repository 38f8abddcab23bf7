import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis every API replica shares, for what one replica knows that another must too: the
 * rate-limit budgets and each client's last write. Nothing waits for it: a command while it is
 * away fails at once (no offline queue), and each user of it has a per-process fallback. The
 * client reconnects on its own; the log says when it goes and comes back, never its URL.
 */
export interface SharedRedis {
  client: Redis;
  /** `connected`, or `unavailable` while it is away. */
  state(): 'connected' | 'unavailable';
  close(): Promise<void>;
}

export function connectRedis(url: string, logger: Logger): SharedRedis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 500,
    // Try again soon, then every 2 s at most.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
  });
  let up = false;
  client.on('ready', () => {
    up = true;
    logger.info({ redis: 'connected' }, 'Redis connected: rate limits are shared');
  });
  client.on('error', (error: Error) => {
    if (!up) return;
    up = false;
    logger.warn(
      { redis: 'unavailable', reason: error.message },
      'Redis unavailable: rate limits are per process until it is back',
    );
  });
  client.on('end', () => {
    up = false;
  });
  return {
    client,
    state: () => (client.status === 'ready' ? 'connected' : 'unavailable'),
    async close() {
      client.disconnect();
    },
  };
}
