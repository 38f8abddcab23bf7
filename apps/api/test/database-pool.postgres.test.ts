import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { throwawayDatabaseEnv } from './support/throwaway-database.js';

// The built server, started as users start it, with and without DATABASE_POOL_SIZE: however
// many requests come at once, it keeps no more connections to PostgreSQL open than it is given.

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const QUERY = `{ trainingEvents(first: 20) { nodes { title hostOrganisation { name } presenters(first: 5) { nodes { role person { name } } } topics(first: 5) { nodes { code } } } } }`;
const AT_ONCE = 24;

let env: NodeJS.ProcessEnv;
let databaseName: string;
let cleanup = async () => {};
let running: ChildProcess | undefined;

beforeAll(async () => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the API first (\`pnpm test\` builds it).`);
  }
  const { DATABASE_URL: _ignored, DATABASE_POOL_SIZE: _unset, ...inherited } = process.env;
  const database = await throwawayDatabaseEnv('pool');
  env = {
    ...inherited,
    ...database.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    RATE_LIMIT_POINTS: '0',
    SHUTDOWN_GRACE_MS: '0',
  };
  databaseName = new URL(database.env.DATABASE_URL!).pathname.slice(1);
  cleanup = database.cleanup;
});
afterEach(async () => {
  if (running && running.exitCode === null) {
    const exited = new Promise((resolve) => running!.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
  running = undefined;
});
afterAll(() => cleanup());

/** Starts the built server with these settings; answers its GraphQL URL once it is ready. */
function startServer(settings: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, ...settings },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running = child;
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const ready = /ready at (http:\/\/\S+\/graphql)/.exec(buffer);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before it was ready`)),
    );
  });
}

/** The connections open to the test's database now, but the one that asks. */
async function connectionsOpen(): Promise<number> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ open: number }>(
      'select count(*)::int as open from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [databaseName],
    );
    return rows[0]!.open;
  } finally {
    await client.end();
  }
}

/** `AT_ONCE` requests at the same time; answers their statuses and distinct bodies. */
async function burst(url: string) {
  const answers = await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
      return { status: response.status, body: await response.text() };
    }),
  );
  return {
    statuses: [...new Set(answers.map((answer) => answer.status))],
    bodies: new Set(answers.map((answer) => answer.body)),
  };
}

describe('DATABASE_POOL_SIZE', () => {
  it('refuses a size out of range, saying what to set', () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(
      new ConfigError('DATABASE_POOL_SIZE must be a whole number from 1 to 1000; got "0".'),
    );
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(
      new ConfigError('DATABASE_POOL_SIZE must be a whole number from 1 to 1000; got "many".'),
    );
    expect(loadConfig({}).databasePoolSize).toBe(10);
  });

  it('keeps at most that many connections open while many requests come at once', async () => {
    const url = await startServer({ DATABASE_POOL_SIZE: '2' });
    const { statuses, bodies } = await burst(url);
    expect(statuses).toEqual([200]);
    // Every request waited its turn for a connection and got the same whole answer.
    expect(bodies.size).toBe(1);
    const [body] = bodies;
    const answer = JSON.parse(body!) as {
      data: { trainingEvents: { nodes: unknown[] } };
      errors?: unknown;
    };
    expect(answer.errors).toBeUndefined();
    expect(answer.data.trainingEvents.nodes.length).toBeGreaterThan(0);
    expect(await connectionsOpen()).toBe(2);
  });

  it('opens more than two for the same burst by default', async () => {
    const url = await startServer({});
    const { statuses } = await burst(url);
    expect(statuses).toEqual([200]);
    expect(await connectionsOpen()).toBeGreaterThan(2);
  });
});
