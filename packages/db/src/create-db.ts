import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { SerializedPGliteDialect } from './embedded/dialect.js';
import { claimDataDir, type Ownership } from './embedded/owner.js';
import { EmbeddedSession } from './embedded/session.js';
import { preparedStatements } from './prepared-statements.js';

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
  /**
   * The folder where PGlite keeps its data. In memory when absent. The process that opens it
   * becomes its one owner until `close()`; another process that tries is refused with
   * `DataDirInUseError`.
   */
  dataDir?: string | undefined;
  /** What this process is, as other processes that find DATA_DIR taken are told (`the API`). */
  owner?: string | undefined;
  /** This process will serve the embedded database to tools once it is ready (the API). */
  serves?: boolean | undefined;
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
  /** The embedded database's session and this process's hold on its folder, when embedded. */
  embedded: EmbeddedDatabase | undefined;
  /** The `pg` pool, when on a PostgreSQL server. */
  pool: pg.Pool | undefined;
  /** The same pool as Kysely uses it (naming its statements unless turned off). */
  statementPool: PostgresPool | undefined;
  close(): Promise<void>;
}

/** The embedded database as its owner holds it. */
export interface EmbeddedDatabase {
  /** Every user of the one PGlite session takes turns through it. */
  session: EmbeddedSession;
  /** The folder and this process's lock on it; undefined for a database in memory. */
  ownership: Ownership | undefined;
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
      embedded: undefined,
      pool,
      statementPool,
      close: () => db.destroy(),
    };
  }
  const ownership = options.dataDir
    ? claimDataDir(
        options.dataDir,
        options.owner ?? `a process (${process.argv[1] ?? 'node'})`,
        options.serves,
      )
    : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      parsers,
    });
  } catch (error) {
    ownership?.release();
    throw error;
  }
  const session = new EmbeddedSession(pglite);
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(session), log });
  return {
    db,
    kind: 'pglite',
    pglite,
    embedded: { session, ownership },
    pool: undefined,
    statementPool: undefined,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        ownership?.release();
      }
    },
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
