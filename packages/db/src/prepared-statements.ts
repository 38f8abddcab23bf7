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
 * Statements with parameters are named, and so are queries without any (a list's page size is
 * written into its text, so its one plan is made once per connection instead of for every run);
 * DDL and transaction control are not. At most `limit` distinct texts get a name: past that a
 * text runs unnamed, so a stream of one-off texts cannot grow the server's per-connection plan
 * cache without bound. With `named: false` (for a pooler that cannot keep prepared statements)
 * every statement runs unnamed.
 */
export interface PreparedStatements {
  /** The pool to hand to Kysely's `PostgresDialect`. */
  pool: PostgresPool;
}

/** A query: named even without parameters. */
const QUERY = /^\s*select\s/i;

export function preparedStatements(
  pool: pg.Pool,
  { named = true, limit = 2000 }: { named?: boolean; limit?: number } = {},
): PreparedStatements {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (!named) return undefined;
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
          const name =
            (values && values.length > 0) || QUERY.test(textOrCursor)
              ? nameOf(textOrCursor)
              : undefined;
          const config: pg.QueryConfig = name
            ? { name, text: textOrCursor, values: values as unknown[] }
            : { text: textOrCursor, values: values as unknown[] };
          // The statement is sent with a callback, and the promise made here. Under load, the
          // promise `pg` makes itself kept about a quarter of what the API allocates alive
          // through V8's next young-generation collections (measured with --trace-gc-nvp), so
          // it reached the old generation and only full collections freed it.
          return new Promise<pg.QueryResult>((resolve, reject) => {
            client.query(config, (error: Error | undefined, result: pg.QueryResult) =>
              error ? reject(error) : resolve(result),
            );
          });
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
