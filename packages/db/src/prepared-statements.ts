import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Statements sent as named prepared statements: the first time a connection meets a statement's
 * text, `pg` sends it to be parsed and planned under a name; after that only the name and the
 * values travel, and the server skips parsing and, once it settles on a generic plan, planning.
 * Our statements are generated from the same GraphQL documents again and again, so a handful of
 * texts carries nearly every request.
 *
 * Only statements with parameters are named (DDL and transaction control have none), and at most
 * `limit` distinct texts get a name: past that a text runs unnamed, so a stream of one-off texts
 * cannot grow the server's per-connection plan cache without bound.
 */
export interface PreparedStatements {
  /** The pool to hand to Kysely's `PostgresDialect`. */
  pool: PostgresPool;
}

export function preparedStatements(pool: pg.Pool, limit = 2000): PreparedStatements {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < limit) {
      // A digest of the text: the same text gets the same name on every connection, and two
      // texts never share one (pg refuses a name reused for another text).
      name = `mch_${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return name;
  };
  // One wrapper per `pg` client, so Kysely keeps recognising a connection it has seen.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        // Kysely reads the backend's process id from here to cancel a statement.
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          const name = values && values.length > 0 ? nameOf(textOrCursor) : undefined;
          return name
            ? client.query({ name, text: textOrCursor, values: values as unknown[] })
            : client.query(textOrCursor, values as unknown[]);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    pool: {
      connect: async () => wrap(await pool.connect()),
      end: () => pool.end(),
      // What Kysely reads off a `pg` pool to open its own connection for cancelling a statement.
      Client: (pool as unknown as { Client: unknown }).Client,
      options: pool.options,
    } as PostgresPool,
  };
}
