import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { preparedStatements } from './prepared-statements.js';
import { SerializedPGliteDialect } from './serialized-pglite-dialect.js';

/** PostgreSQL type OIDs whose JavaScript form we fix, so PGlite and `pg` answer alike. */
const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const NUMERIC = 1700;

const parsers: Record<number, (value: string) => unknown> = {
  // Counts and sums: exact as numbers up to 2^53, far above anything we store.
  [INT8]: (value) => Number(value),
  // Calendar dates stay ISO strings: a JS Date would shift them with the time zone.
  [DATE]: (value) => value,
  // Money stays a decimal string so no cent is rounded away.
  [NUMERIC]: (value) => value,
  // Instants stay as PostgreSQL writes them (`2024-02-08 09:30:00.123+00`): most rows are read
  // without their timestamps ever being shown, so they are turned into dates only when asked.
  [TIMESTAMPTZ]: (value) => value,
};

/** One SQL statement as sent to the database, for statement counts and slow-query logs. */
export interface QueryEvent {
  sql: string;
  durationMs: number;
  failed: boolean;
}

export interface DbOptions {
  /** A `postgres://` URL. Without one the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** The folder where PGlite keeps its data. In memory when absent. */
  dataDir?: string | undefined;
  /** PGlite only: start from a data dump made by `dumpDataDir()` instead of an empty cluster. */
  loadDataDir?: Blob | File | undefined;
  /** The most connections the `pg` pool opens. */
  maxConnections?: number | undefined;
  /** How long to wait for a new `pg` connection before failing; no limit when absent. */
  connectionTimeoutMs?: number | undefined;
  /**
   * `pg` only: send statements as named prepared statements, parsed and planned once per
   * connection (default). Off for a pooler that cannot keep them, such as PgBouncer in
   * transaction mode before version 1.21.
   */
  preparedStatements?: boolean | undefined;
  /** Called after every statement sent through Kysely. */
  onQuery?: ((event: QueryEvent) => void) | undefined;
  /** `pg` only: called with the size of everything the server sends, as it arrives. */
  onBytesReceived?: ((bytes: number) => void) | undefined;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance, when embedded (for dumps and raw multi-statement scripts). */
  pglite: PGlite | undefined;
  /** The `pg` pool, when on a PostgreSQL server. */
  pool: pg.Pool | undefined;
  /** The same pool as Kysely uses it (naming its statements unless turned off). */
  statementPool: PostgresPool | undefined;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database: `pg` for a PostgreSQL URL, PGlite otherwise. */
export async function createDb(options: DbOptions = {}): Promise<DbHandle> {
  const log = options.onQuery && queryLogger(options.onQuery);
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      ...(options.connectionTimeoutMs
        ? { connectionTimeoutMillis: options.connectionTimeoutMs }
        : {}),
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          parsers[oid] ??
          pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // A client losing its server (idle in the pool, or checked out between two statements of a
    // transaction) must not bring the process down: the statement that needed it fails and
    // reports to its caller, and the pool discards the client when it is released.
    pool.on('error', () => {});
    const { onBytesReceived } = options;
    pool.on('connect', (client) => {
      client.on('error', () => {});
      // The socket under the client (`pg` keeps it as `connection.stream`).
      const socket = (client as unknown as { connection?: { stream?: NodeJS.ReadableStream } })
        .connection?.stream;
      if (onBytesReceived && socket) {
        socket.on('data', (chunk: Buffer) => onBytesReceived(chunk.length));
      }
    });
    const statementPool = preparedStatements(pool, {
      named: options.preparedStatements !== false,
    }).pool;
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: statementPool }),
      log,
    });
    return {
      db,
      kind: 'postgres',
      pglite: undefined,
      pool,
      statementPool,
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers,
  });
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }), log });
  return {
    db,
    kind: 'pglite',
    pglite,
    pool: undefined,
    statementPool: undefined,
    close: () => db.destroy(),
  };
}

function queryLogger(onQuery: (event: QueryEvent) => void) {
  return (event: LogEvent) => {
    onQuery({
      sql: event.query.sql,
      durationMs: event.queryDurationMillis,
      failed: event.level === 'error',
    });
  };
}
