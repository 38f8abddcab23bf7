import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { createDb } from '@mch/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIN, MCH_CLI, startApi } from './support/processes.js';
import { throwawayDatabaseEnv } from './support/throwaway-database.js';

// The built server, run as users run it: a child process that is sent SIGTERM while clients
// are reading and writing. Every request the server accepted must be answered in full.

const READ = `{ trainingEvents(first: 20) { nodes { title country { name } presenters(first: 5) { nodes { role } } } } }`;
const WRITE = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { __typename } }`;

interface Outcome {
  kind: 'read' | 'write';
  title?: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  body?: string;
  error?: string;
}

/** One POST on a fresh connection, so that "in flight" means "accepted by the server". */
function post(url: string, body: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          connection: 'close',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let env: NodeJS.ProcessEnv;
let cleanup = async () => {};
let countStored: (titles: string[]) => Promise<number>;

beforeAll(async () => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build the API first (\`pnpm test\` builds it).`);
  }
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  env = {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    RATE_LIMIT_POINTS: '0',
    // Long enough that a request sent once the signal is logged is served on a busy machine.
    SHUTDOWN_GRACE_MS: '3000',
  };
  const database = await throwawayDatabaseEnv('shutdown');
  Object.assign(env, database.env);
  cleanup = database.cleanup;
  countStored = async (titles) => {
    const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const rows = await handle.db
        .selectFrom('donation')
        .where('title', 'in', titles)
        .select('id')
        .execute();
      return rows.length;
    } finally {
      await handle.close();
    }
  };
});
afterAll(() => cleanup());

async function createTokenWithCli(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [MCH_CLI, 'token', 'create', '--name', 'Shutdown load', '--role', 'editor'],
    { env },
  );
  const secret = stdout.trim().split('\n').at(-1)!;
  expect(secret).toMatch(/^mch_[A-Za-z0-9_-]{20,}$/);
  return secret;
}

describe('SIGTERM while clients read and write', () => {
  it('answers every request it accepted, stores every write it acknowledged, and exits 0', async () => {
    const token = await createTokenWithCli();
    const { child, origin, logs, exited } = await startApi(env);
    const url = `${origin}/graphql`;

    const outcomes: Outcome[] = [];
    let stopped = false;
    let sigtermAt = Number.POSITIVE_INFINITY;
    // The signal goes once the server has answered both a read and a write: it is then under
    // the load the test is about, whatever the speed of the machine.
    let loaded: () => void = () => {};
    const underLoad = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const record = (outcome: Outcome) => {
      outcomes.push(outcome);
      const answered = outcomes.filter((o) => o.status === 200);
      if (answered.some((o) => o.kind === 'read') && answered.some((o) => o.kind === 'write')) {
        loaded();
      }
    };
    const worker = async (id: number) => {
      for (let n = 0; !stopped; n += 1) {
        const kind = n % 3 === 2 ? 'write' : 'read';
        const title = kind === 'write' ? `Shutdown load ${id}-${n}` : undefined;
        const body = JSON.stringify(
          kind === 'write'
            ? {
                query: WRITE,
                variables: {
                  input: {
                    title,
                    status: 'PLEDGED',
                    announcedOn: '2026-11-01',
                    donorCountry: 'CN',
                    recipientCountry: 'UZ',
                    items: [
                      {
                        category: 'EQUIPMENT',
                        description: 'Ultrasound scanner',
                        quantity: 1,
                        unit: 'UNIT',
                      },
                    ],
                  },
                },
              }
            : { query: READ },
        );
        const startedAt = performance.now();
        try {
          const response = await post(url, body, token);
          record({ kind, title, startedAt, endedAt: performance.now(), ...response });
        } catch (error) {
          const code = (error as { code?: string }).code ?? String(error);
          record({ kind, title, startedAt, endedAt: performance.now(), error: code });
          // Refused connections mean the server has stopped listening: this worker is done.
          if (code === 'ECONNREFUSED') return;
        }
      }
    };
    let exitCode: number | null;
    let probe: { status: number; body: string };
    let probeSentAt: number;
    const workers = Array.from({ length: 12 }, (_, id) => worker(id));
    try {
      await underLoad;
      // Each worker sends its next request before this line runs: all twelve are in flight.
      sigtermAt = performance.now();
      child.kill('SIGTERM');
      // A request sent after the server has seen the signal is still served in the grace period.
      await vi.waitFor(
        () => expect(logs.some((line) => line.includes('SIGTERM received'))).toBe(true),
        { timeout: 10_000, interval: 20 },
      );
      probeSentAt = performance.now();
      probe = await post(url, JSON.stringify({ query: READ }), token);
      exitCode = await exited;
    } finally {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(workers);
    }

    expect(exitCode).toBe(0);
    const answered = outcomes.filter((o) => o.status !== undefined);
    const failed = outcomes.filter((o) => o.error !== undefined);
    // Every request sent before the signal was answered. Requests sent after it were answered
    // during the grace period, or (once the server stopped listening) refused; a connection
    // still in the kernel's queue when the listener closed is reset.
    expect(failed.filter((o) => o.startedAt < sigtermAt)).toEqual([]);
    expect(failed.filter((o) => o.error !== 'ECONNREFUSED' && o.error !== 'ECONNRESET')).toEqual(
      [],
    );
    const bad = answered.filter((o) => {
      if (o.status !== 200) return true;
      const parsed = JSON.parse(o.body!) as {
        errors?: unknown;
        data?: { recordDonation?: { __typename: string } };
      };
      if (parsed.errors) return true;
      return (
        o.kind === 'write' && parsed.data?.recordDonation?.__typename !== 'RecordDonationPayload'
      );
    });
    expect(bad).toEqual([]);
    const inFlight = answered.filter((o) => o.startedAt < sigtermAt && o.endedAt > sigtermAt);
    // Every worker had sent its next request when the signal went.
    expect(inFlight.length).toBe(12);
    expect(probeSentAt).toBeGreaterThan(sigtermAt);
    expect(probe.status).toBe(200);
    expect(JSON.parse(probe.body)).toMatchObject({
      data: { trainingEvents: { nodes: expect.any(Array) } },
    });
    expect(JSON.parse(probe.body).errors).toBeUndefined();
    const duringGrace = answered.filter((o) => o.startedAt > sigtermAt);
    expect(logs.some((line) => line.includes('SIGTERM received'))).toBe(true);
    expect(logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    // Every acknowledged write is in the database after the server is gone.
    const acknowledged = answered.filter((o) => o.kind === 'write').map((o) => o.title!);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(await countStored(acknowledged)).toBe(acknowledged.length);
    console.info(
      `SIGTERM under load: ${answered.length} requests answered (${inFlight.length} in flight at the signal, ${duringGrace.length} sent during the grace period), ${acknowledged.length} writes acknowledged and stored, ${failed.length} sent after the listener closed and refused`,
    );
  }, 120_000);
});
