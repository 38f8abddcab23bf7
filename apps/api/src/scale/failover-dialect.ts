import { type Database, isDatabaseUnavailable } from '@mch/db';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type LogConfig,
  PostgresDialect,
  type PostgresPool,
  type QueryResult,
} from 'kysely';

/**
 * Reads on a replica that fall back to the primary: a statement the replica cannot answer
 * because it is unreachable (stopped, restarting, cut off) runs once more on a new connection to
 * the replica (another one behind a load balancer), else on the primary, so a replica going
 * away fails no read. Only reads come this way; writes and transactions use the
 * primary's own database handle.
 */

type Side = 'replica' | 'primary';

class FailoverConnection implements DatabaseConnection {
  constructor(
    private readonly driver: FailoverDriver,
    public connection: DatabaseConnection,
    public side: Side,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.side === 'primary') return this.connection.executeQuery(query);
    try {
      return await this.connection.executeQuery(query);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      await this.driver.replica.releaseConnection(this.connection).catch(() => {});
    }
    // This connection is gone. Behind a load balancer over several replicas (a failover cuts
    // the connections of a replica being promoted), a new one reaches another replica.
    const fresh = await this.driver.replica.acquireConnection().catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      this.driver.replicaFailed(error);
      return undefined;
    });
    if (fresh) {
      this.connection = fresh;
      try {
        return await fresh.executeQuery(query);
      } catch (error) {
        // Any other error is the statement's own; Kysely releases the connection as usual.
        if (!isDatabaseUnavailable(error)) throw error;
        await this.driver.replica.releaseConnection(fresh).catch(() => {});
        this.driver.replicaFailed(error);
      }
    }
    // No replica answers: the rest of the request's statements run on the primary.
    this.connection = await this.driver.primary.acquireConnection();
    this.side = 'primary';
    return this.connection.executeQuery(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.connection.streamQuery(query, chunkSize);
  }
}

class FailoverDriver implements Driver {
  constructor(
    readonly replica: Driver,
    readonly primary: Driver,
    readonly replicaFailed: (error: unknown) => void,
  ) {}

  async init(): Promise<void> {
    await this.replica.init();
    await this.primary.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return new FailoverConnection(this, await this.replica.acquireConnection(), 'replica');
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.replicaFailed(error);
      return new FailoverConnection(this, await this.primary.acquireConnection(), 'primary');
    }
  }

  private sideOf(connection: DatabaseConnection) {
    const own = connection as FailoverConnection;
    return { driver: own.side === 'replica' ? this.replica : this.primary, inner: own.connection };
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: Parameters<Driver['beginTransaction']>[1],
  ) {
    const { driver, inner } = this.sideOf(connection);
    await driver.beginTransaction(inner, settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    const { driver, inner } = this.sideOf(connection);
    await driver.commitTransaction(inner);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const { driver, inner } = this.sideOf(connection);
    await driver.rollbackTransaction(inner);
  }

  async releaseConnection(connection: DatabaseConnection) {
    const { driver, inner } = this.sideOf(connection);
    await driver.releaseConnection(inner);
  }

  async destroy(): Promise<void> {
    // The replica's pool is this handle's own; the primary's belongs to the primary handle.
    await this.replica.destroy();
  }
}

/** A database handle whose statements run on the replica's pool, else on the primary's. */
export function failoverDatabase(
  replicaPool: PostgresPool,
  primaryPool: PostgresPool,
  replicaFailed: (error: unknown) => void,
  log?: LogConfig,
): Kysely<Database> {
  const replica = new PostgresDialect({ pool: replicaPool });
  const primary = new PostgresDialect({ pool: primaryPool });
  const dialect: Dialect = {
    createAdapter: () => replica.createAdapter(),
    createIntrospector: (db) => replica.createIntrospector(db),
    createQueryCompiler: () => replica.createQueryCompiler(),
    createDriver: () =>
      new FailoverDriver(replica.createDriver(), primary.createDriver(), replicaFailed),
  };
  return new Kysely<Database>({ dialect, ...(log ? { log } : {}) });
}
