import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDb, type DbHandle } from '@mch/db';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';

const TEMPLATE_DATABASE = 'mch_test_template';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; [key: string]: unknown };
  }>;
}

export interface TestApi {
  /** The GraphQL endpoint of the running server. */
  url: string;
  /** The server's origin, for `/health` and friends. */
  origin: string;
  database: DbHandle;
  kind: 'pglite' | 'postgres';
  /** Sends a GraphQL request over HTTP and returns the parsed response. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<Data>>;
  /** Like `query`, but fails the test on any error and returns `data`. */
  data<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Data>;
  /** SQL statements the server sent since the last `resetStatements()`. */
  statements(): string[];
  resetStatements(): void;
  stop(): Promise<void>;
}

/**
 * Starts the real HTTP server on a database of its own: a copy of the seeded database, on
 * PGlite or on PostgreSQL depending on the test project.
 */
export async function startTestApi(): Promise<TestApi> {
  const kind = inject('database');
  const statements: string[] = [];
  const onQuery = (event: { sql: string }) => {
    statements.push(event.sql);
  };

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
    database = await createDb({ databaseUrl: url.toString(), onQuery });
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }

  const config = { ...loadConfig({ NODE_ENV: 'test' }), port: 0, host: '127.0.0.1' };
  const server: RunningServer = await startServer(config, database);

  const query = async <Data>(text: string, variables?: Record<string, unknown>) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  };

  return {
    url: server.url,
    origin: new URL(server.url).origin,
    database,
    kind,
    query,
    async data<Data>(text: string, variables?: Record<string, unknown>) {
      const result = await query<Data>(text, variables);
      if (result.errors?.length) {
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      }
      return result.data as Data;
    },
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
