import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, findOwner, socketUrl } from '@mch/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  embeddedEnv,
  graphql,
  MAIN,
  MCH_CLI,
  mch,
  run,
  seededCopies,
  startApi,
} from './support/processes.js';

// The embedded database has one owner. With the API running, as a user has it after
// `pnpm start`, the `mch` tool in a second terminal reaches the same database through the API's
// socket; a second API on the same folder is turned away; a lock left by a killed API is taken
// over by the next start.

const EVENTS_CSV = fileURLToPath(new URL('../examples/csv/training-events.csv', import.meta.url));
const IMPORTED = `{ trainingEvents(first: 100) { nodes { externalKey title } } }`;
const COUNT = '{ trainingEvents { totalCount } }';

function psqlInstalled(): boolean {
  try {
    execFileSync('psql', ['--version']);
    return true;
  } catch {
    return false;
  }
}

let databases: Awaited<ReturnType<typeof seededCopies>>;
const running: ApiProcess[] = [];

/** A database of the test's own, copied from one the API seeded, and the API started on it. */
async function apiOnCopy(extra: Record<string, string> = {}): Promise<{
  api: ApiProcess;
  env: NodeJS.ProcessEnv;
  dataDir: string;
}> {
  const dataDir = databases.copy();
  const env = embeddedEnv(dataDir, extra);
  const api = await startApi(env);
  running.push(api);
  return { api, env, dataDir };
}

async function restart(api: ApiProcess, env: NodeJS.ProcessEnv, signal: NodeJS.Signals) {
  await api.stop(signal);
  const next = await startApi(env);
  running.push(next);
  return next;
}

function ownerSince(env: NodeJS.ProcessEnv): string {
  return (
    JSON.parse(readFileSync(`${env.DATA_DIR}/mch-owner.lock`, 'utf8')) as { startedAt: string }
  ).startedAt;
}

async function importedKeys(origin: string): Promise<string[]> {
  const answer = await graphql<{
    trainingEvents: { nodes: { externalKey: string | null }[] };
  }>(origin, IMPORTED);
  return answer
    .data!.trainingEvents.nodes.map((node) => node.externalKey)
    .filter((key): key is string => key !== null)
    .sort();
}

const EXAMPLE_KEYS = ['example-mz-01', 'example-uz-01', 'example-uz-02'];

beforeAll(async () => {
  databases = await seededCopies('owner');
});
afterAll(async () => {
  await Promise.all(running.map((api) => api.stop('SIGKILL')));
  databases?.remove();
});

describe('pnpm mch beside the running API', () => {
  it('imports a spreadsheet through the API, which answers with the rows at once and after a restart', async () => {
    let { api, env } = await apiOnCopy();
    const first = await mch(['csv', 'import', 'trainingEvents', EVENTS_CSV], env);
    expect(first.stderr).toBe(
      `Using the embedded database in ${env.DATA_DIR}, through the API (pid ${api.pid}, ${api.origin}/graphql, since ${ownerSince(env)}).\n`,
    );
    expect(first.stdout).toBe(`${EVENTS_CSV}: 3 rows; 3 stored, 0 updated, 0 unchanged.\n`);
    expect(first.code).toBe(0);
    expect(await importedKeys(api.origin)).toEqual(EXAMPLE_KEYS);

    api = await restart(api, env, 'SIGTERM');
    expect(await importedKeys(api.origin)).toEqual(EXAMPLE_KEYS);

    const again = await mch(['csv', 'import', 'trainingEvents', EVENTS_CSV], env);
    expect(again.stdout).toBe(`${EVENTS_CSV}: 3 rows; 0 stored, 0 updated, 3 unchanged.\n`);
    expect(again.code).toBe(0);
  });

  it('makes a token the API accepts at once, and revokes it so that the API refuses it at once', async () => {
    const { api, env } = await apiOnCopy();
    const created = await mch(['token', 'create', '--name', 'Data desk', '--role', 'editor'], env);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^mch_[A-Za-z0-9_-]{40,}$/);
    const viewer = `{ viewer { role tokenName } }`;
    expect(await graphql(api.origin, viewer, {}, secret)).toEqual({
      data: { viewer: { role: 'EDITOR', tokenName: 'Data desk' } },
    });

    const revoked = await mch(['token', 'revoke', secret.slice(0, 12)], env);
    expect(revoked.stdout).toMatch(/^Revoked "Data desk" \(id [0-9a-f-]{36}\)\.\n$/);
    const refused = await graphql(api.origin, viewer, {}, secret);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs psql on the database the API owns, whose settings stay the API’s own', async () => {
    if (!psqlInstalled()) {
      // CI installs PostgreSQL's client with the server; elsewhere the test says it did not run.
      expect(process.env.CI, 'psql is required in CI').not.toBe('true');
      console.warn('psql is not installed: `mch psql` was not tried.');
      return;
    }
    const { api, env } = await apiOnCopy();
    const total = async () =>
      (await graphql<{ trainingEvents: { totalCount: number } }>(api.origin, COUNT)).data!
        .trainingEvents.totalCount;
    const before = await total();
    // A psql user changes the session's settings: the API must not inherit them.
    const answer = await mch(
      [
        'psql',
        '-At',
        '-c',
        'SET search_path TO pg_catalog',
        '-c',
        'SELECT count(*) FROM public.training_event',
      ],
      env,
    );
    expect(answer.stdout).toBe(`SET\n${before}\n`);
    expect(answer.code).toBe(0);
    expect(await total()).toBe(before);
  });

  it('lets a tool open the database itself when no API runs, and says so', async () => {
    const { api, env } = await apiOnCopy();
    expect(await api.stop('SIGTERM')).toBe(0);
    const listed = await mch(['token', 'list'], env);
    expect(listed.stderr).toBe(
      `Using the embedded database in ${env.DATA_DIR}, opened by this command (the API is not running).\n`,
    );
    expect(listed.stdout).toBe('No tokens yet.\n');
    expect(listed.code).toBe(0);
  });
});

describe('a tool that holds the session', () => {
  it('is rolled back when it is killed in the middle of an import, and the API goes on', async () => {
    const { api, env, dataDir } = await apiOnCopy();
    const rows = Array.from(
      { length: 3_000 },
      (_, i) =>
        `killed-${i},Killed import seminar ${i},In person,UZ,UZ-QR,Nukus,2027-03-01,DAY,60,PLANNED,,,,obstetrics,`,
    );
    const file = join(databases.folder, 'killed-import.csv');
    writeFileSync(file, `${readFileSync(EVENTS_CSV, 'utf8').split('\n')[0]}\n${rows.join('\n')}\n`);
    const tool = spawn(process.execPath, [MCH_CLI, 'csv', 'import', 'trainingEvents', file], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => tool.once('exit', resolve));
    // Killed once its one transaction holds the session: the API's answers wait for it then.
    await new Promise<void>((resolve) => tool.stderr!.once('data', () => resolve()));
    for (;;) {
      const probe = await fetch(`${api.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: COUNT }),
        signal: AbortSignal.timeout(500),
      }).then(
        () => 'answered',
        () => 'waiting',
      );
      if (probe === 'waiting') break;
    }
    tool.kill('SIGKILL');
    await exited;

    // The session is out of the dead tool's transaction: a statement now is a transaction of
    // its own, begun when it was sent (inside the old one, now() would be when that one began).
    const client = new pg.Client({
      connectionString: socketUrl(findOwner(dataDir)!.holder!.socketDir!),
    });
    await client.connect();
    let session: pg.QueryResult<{ fresh: boolean }>;
    try {
      session = await client.query<{ fresh: boolean }>(
        `SELECT clock_timestamp() - now() < interval '200 milliseconds' AS fresh`,
      );
    } finally {
      await client.end();
    }
    expect(session.rows).toEqual([{ fresh: true }]);

    const answer = await graphql<{ trainingEvents: { totalCount: number } }>(
      api.origin,
      '{ trainingEvents(filter: { search: "Killed import seminar" }) { totalCount } }',
    );
    expect(answer.data!.trainingEvents.totalCount).toBe(0);
    expect(await importedKeys(api.origin)).toEqual([]);
  });

  it('is rolled back and closed after 10 seconds of silence inside a transaction, and the API waits no longer', async () => {
    const { api, dataDir } = await apiOnCopy();
    const holder = findOwner(dataDir)!.holder!;
    const client = new pg.Client({ connectionString: socketUrl(holder.socketDir!) });
    // The server's FATAL message comes first, then the end of the connection: both are errors.
    const closed = new Promise<Error>((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query('BEGIN');
    await client.query(`UPDATE organisation SET acronym = 'HELD' WHERE acronym IS NULL`);
    const asked = performance.now();
    const waited = await graphql<{ organisations: { totalCount: number } }>(
      api.origin,
      '{ organisations { totalCount } }',
    );
    const seconds = (performance.now() - asked) / 1000;
    expect(waited.data!.organisations.totalCount).toBeGreaterThan(0);
    expect(seconds).toBeGreaterThan(5);
    expect((await closed).message).toMatch(
      /^terminating connection: it held the embedded database in a transaction for 10000 ms without sending anything/,
    );
    const held = await graphql<{ organisations: { nodes: { acronym: string | null }[] } }>(
      api.origin,
      '{ organisations(first: 100) { nodes { acronym } } }',
    );
    expect(held.data!.organisations.nodes.some((node) => node.acronym === 'HELD')).toBe(false);
  }, 60_000);

  it('is rolled back when the API stops, which exits 0 and keeps nothing of it', async () => {
    const { api, dataDir } = await apiOnCopy();
    const client = new pg.Client({
      connectionString: socketUrl(findOwner(dataDir)!.holder!.socketDir!),
    });
    const ended = new Promise<Error>((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query('BEGIN');
    await client.query(`UPDATE organisation SET acronym = 'STOPPED'`);
    expect(await api.stop('SIGTERM')).toBe(0);
    expect((await ended).message).toMatch(/Connection terminated|terminating/);

    const handle = await createDb({ dataDir, owner: 'the test' });
    try {
      const kept = await handle.db
        .selectFrom('organisation')
        .where('acronym', '=', 'STOPPED')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(kept.count).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('exports the same IATI file through the API as the API serves', async () => {
    // In production the export names its publisher.
    const { api, env } = await apiOnCopy({
      IATI_REPORTING_ORG_REF: 'XM-DAC-41114',
      IATI_REPORTING_ORG_NAME: 'Ministry of Health of Uzbekistan',
      IATI_REPORTING_ORG_TYPE: '10',
    });
    const exported = await mch(['iati', 'export'], env);
    expect(exported.code).toBe(0);
    const served = await (await fetch(`${api.origin}/iati/activities.xml`)).text();
    // The two files differ only in when each was made.
    const made = / generated-datetime="[^"]+"/;
    expect(exported.stdout.match(made)).not.toBeNull();
    expect(exported.stdout.replace(made, '')).toBe(`${served.replace(made, '')}\n`);
  });
});

describe('one owner', () => {
  it('turns a second API on the same folder away, naming the first, which keeps answering', async () => {
    const { api, env } = await apiOnCopy();
    const second = await run(MAIN, [], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `The embedded database in ${env.DATA_DIR} is in use by the API (pid ${api.pid}, ${api.origin}/graphql, since ${ownerSince(env)}). One process at a time may open it. Stop that API first (Ctrl-C in its terminal, or \`kill ${api.pid}\`), or start this one with another DATA_DIR. \`pnpm mch\` commands work beside the running API.\n`,
    );
    expect((await fetch(`${api.origin}/ready`)).status).toBe(200);
    expect(await importedKeys(api.origin)).toEqual([]);
  });

  it('takes over the lock of an API killed with SIGKILL', async () => {
    const { api, env } = await apiOnCopy();
    const created = await mch(['csv', 'import', 'trainingEvents', EVENTS_CSV], env);
    expect(created.code).toBe(0);
    expect(await api.stop('SIGKILL')).toBe(null);
    const next = await restart(api, env, 'SIGKILL');
    expect(next.logs.join('\n')).toContain(
      `The embedded database's previous owner (pid ${api.pid}) ended without closing it; this process takes it over.`,
    );
    expect(await importedKeys(next.origin)).toEqual(EXAMPLE_KEYS);
  });
});
