import type { DbHandle } from '@mch/db';
import type { Express } from 'express';
import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Scale } from '../scale/scale.js';
import type { Drainer } from './shutdown.js';

/**
 * Liveness at `/health` (the process answers), readiness at `/ready` (the database answers
 * too, and the server is not stopping), Prometheus metrics at `/metrics`. `/ready` also says
 * which API replica answered, where its reads go and how far the read replica is behind, and
 * whether Redis is there: without Redis or the replica the API still answers, so it stays ready;
 * without the primary it stays ready while a replica answers its queries.
 */
export function addHealthRoutes(
  app: Express,
  database: DbHandle,
  drainer: Drainer,
  registry: Registry,
  scale?: Pick<Scale, 'instance' | 'redis' | 'routing'>,
): void {
  const embedded = database.embedded;
  if (embedded) {
    // The embedded database is one session that the API's queries, tools on its socket and
    // backups take turns on: turns waiting show a long transaction holding the others up.
    new Gauge({
      name: 'mch_embedded_session_waiting',
      help: "Turns waiting for the embedded database's one session.",
      registers: [registry],
      collect() {
        this.set(embedded.session.waiting);
      },
    });
  }
  const describe = () => ({
    database: database.kind,
    // Which replica answered, when there are several (with Redis or a read replica).
    ...(scale?.redis || scale?.routing ? { instance: scale.instance } : {}),
    ...(scale?.routing ? { replica: scale.routing.status() } : {}),
    ...(scale?.redis
      ? {
          redis: scale.redis.state(),
          rateLimits: scale.redis.state() === 'connected' ? 'shared' : 'per process',
        }
      : {}),
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    if (drainer.draining) {
      res.status(503).json({ status: 'stopping', ...describe() });
      return;
    }
    // With a replica in use, a primary slow to answer (a failover under way) must not hold the
    // answer past the load balancer's check (half a second).
    const replicaInUse = scale?.routing?.status().state === 'in use';
    try {
      await Promise.race([
        sql`select 1`.execute(database.db),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), replicaInUse ? 300 : 2000),
        ),
      ]);
      res.json({ status: 'ready', ...describe() });
    } catch {
      // With a replica in use, queries are still answered while the primary is away (a failover
      // under way): the process stays in the load balancer, and mutations get a retryable
      // DATABASE_UNAVAILABLE from it rather than a bare 503 from the load balancer.
      if (replicaInUse) {
        res.json({ status: 'ready', primary: 'unavailable', ...describe() });
        return;
      }
      res.status(503).json({ status: 'unavailable', ...describe() });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
}
