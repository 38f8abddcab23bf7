import type { DbHandle } from '@mch/db';
import type { Express } from 'express';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { Drainer } from './shutdown.js';

/**
 * Liveness at `/health` (the process answers), readiness at `/ready` (the database answers
 * too, and the server is not stopping), Prometheus metrics at `/metrics`.
 */
export function addHealthRoutes(
  app: Express,
  database: DbHandle,
  drainer: Drainer,
  registry: Registry,
): void {
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
}
