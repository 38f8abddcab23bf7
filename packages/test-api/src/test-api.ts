import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDb, type DbHandle, type QueryEvent } from '@mch/db';
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE_DATABASE } from './provided.js';

/**
 * The server's settings (the API's `Config`): what the harness itself sets. The API's test setup
 * merges its whole `Config` into this interface (`declare module '@mch/test-api'`), so its own
 * tests may override any setting; tests elsewhere set the others through `env`.
 */
export interface ServerSettings {
  port: number;
  host: string;
  shutdown: { graceMs: number; deadlineMs: number };
  preparedStatements: boolean;
}

/** The server's logs and metrics (the API's `Observability`), merged in the same way. */
export interface ServerObservability {
  onQuery(event: QueryEvent): void;
  onBytesReceived(bytes: number): void;
}

/**
 * What the harness needs of the server it starts. The harness does not import the API: the API
 * depends on the domain, whose tests use this harness, and a package cycle is what turbo refuses.
 * The API's test setup (a vitest `setupFiles` entry) hands its own functions over with
 * `registerServer`, and TypeScript checks there that they fit.
 */
export interface ServerUnderTest {
  loadConfig(env: Record<string, string | undefined>): ServerSettings;
  createObservability(options: {
    logLevel: string;
    logFormat: 'json';
    logDestination: { write(line: string): void };
  }): ServerObservability;
  startServer(
    config: ServerSettings,
    database: DbHandle,
    observability: ServerObservability,
  ): Promise<{ url: string; stop(): Promise<void> }>;
  createToken(
    db: DbHandle['db'],
    options: { name: string; role: 'editor' | 'admin' },
  ): Promise<{ token: string }>;
}

let registered: ServerUnderTest | undefined;

export function registerServer(server: ServerUnderTest): void {
  registered = server;
}

function serverUnderTest(): ServerUnderTest {
  if (!registered) {
    throw new Error(
      "No server to test: the vitest config must list the API's test setup (apps/api/test/support/server-under-test.ts) in `setupFiles`.",
    );
  }
  return registered;
}

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; [key: string]: unknown };
  }>;
}

/** Who asks, and in which language (`Accept-Language`). */
export interface RequestOptions {
  token?: string;
  language?: string;
}

export interface TestApi {
  /** The GraphQL endpoint of the running server. */
  url: string;
  /** The server's origin, for `/health` and friends. */
  origin: string;
  database: DbHandle;
  kind: 'pglite' | 'postgres';
  /** On PostgreSQL, the name of this server's own database. */
  databaseName?: string;
  observability: ServerObservability;
  /** Sends a GraphQL request over HTTP and returns the parsed response. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<Data>>;
  /** Like `query`, but fails the test on any error and returns `data`. */
  data<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<Data>;
  /** Tokens of each role, made for this test file. */
  tokens: { editor: string; admin: string };
  /** The server's log lines, as JSON text; kept only when started with `captureLogs`. */
  logLines(): string[];
  /** SQL statements the server sent since the last `resetStatements()`. */
  statements(): string[];
  resetStatements(): void;
  stop(): Promise<void>;
}

/**
 * Starts the real HTTP server on a database of its own: a copy of the seeded database, on
 * PGlite or on PostgreSQL depending on the test project.
 */
export async function startTestApi(
  overrides: Partial<ServerSettings> & {
    env?: Record<string, string>;
    /** Rewrites the PostgreSQL URL the server connects with, such as to go through a proxy. */
    connectThrough?: (url: URL) => string;
    /**
     * Keep the log lines for the test to read, at debug level or at the level named; otherwise
     * logs are silent.
     */
    captureLogs?: boolean | 'info';
  } = {},
): Promise<TestApi> {
  const { loadConfig, createObservability, startServer, createToken } = serverUnderTest();
  const kind = inject('database');
  const { env, connectThrough, captureLogs, ...configOverrides } = overrides;
  const config: ServerSettings = {
    ...loadConfig({ NODE_ENV: 'test', ...env }),
    port: 0,
    host: '127.0.0.1',
    shutdown: { graceMs: 0, deadlineMs: 5_000 },
    ...configOverrides,
  };
  // Tests keep the server quiet; a test that reads the logs gets every line, in memory.
  const logLines: string[] = [];
  const observability = createObservability({
    logLevel: captureLogs === true ? 'debug' : captureLogs || 'silent',
    logFormat: 'json',
    logDestination: { write: (line: string) => void logLines.push(line) },
  });
  const statements: string[] = [];
  const onQuery = (event: QueryEvent) => {
    statements.push(event.sql);
    observability.onQuery(event);
  };
  let databaseName: string | undefined;

  let database: DbHandle;
  let dropDatabase = async () => {};
  if (kind === 'pglite') {
    const dump = new Blob([readFileSync(inject('pgliteDump'))]);
    database = await createDb({ loadDataDir: dump, onQuery });
  } else {
    const serverUrl = inject('postgresUrl');
    const name = `mch_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseName = name;
    database = await createDb({
      databaseUrl: connectThrough ? connectThrough(url) : url.toString(),
      preparedStatements: config.preparedStatements,
      onQuery,
      onBytesReceived: observability.onBytesReceived,
    });
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }

  const server = await startServer(config, database, observability);
  const tokens = {
    editor: (await createToken(database.db, { name: 'Test editor', role: 'editor' })).token,
    admin: (await createToken(database.db, { name: 'Test admin', role: 'admin' })).token,
  };

  const query = async <Data>(
    text: string,
    variables?: Record<string, unknown>,
    options: RequestOptions = {},
  ) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.language ? { 'accept-language': options.language } : {}),
      },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  };

  return {
    url: server.url,
    origin: new URL(server.url).origin,
    database,
    kind,
    databaseName,
    observability,
    query,
    tokens,
    async data<Data>(text: string, variables?: Record<string, unknown>, options?: RequestOptions) {
      const result = await query<Data>(text, variables, options);
      if (result.errors?.length) {
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      }
      return result.data as Data;
    },
    logLines: () => [...logLines],
    statements: () => [...statements],
    resetStatements: () => {
      statements.length = 0;
    },
    async stop() {
      await server.stop();
      await database.close();
      await dropDatabase();
    },
  };
}
