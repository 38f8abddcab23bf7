import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type Database, findOwner, socketUrl } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  embeddedEnv,
  graphql,
  mch,
  seededCopies,
  startApi,
} from './support/processes.js';

// `pnpm mch backup` while the API runs and serves writes, and `pnpm mch restore` of the file
// into an empty DATA_DIR: the restored database is the source as it was at the backup's moment.

let databases: Awaited<ReturnType<typeof seededCopies>>;
const running: ApiProcess[] = [];

beforeAll(async () => {
  databases = await seededCopies('backup');
});
afterAll(async () => {
  await Promise.all(running.map((api) => api.stop('SIGKILL')));
  databases?.remove();
});

async function start(dataDir: string) {
  const env = embeddedEnv(dataDir);
  const api = await startApi(env);
  running.push(api);
  return { api, env };
}

async function editorToken(env: NodeJS.ProcessEnv): Promise<string> {
  const created = await mch(
    ['token', 'create', '--name', 'Backup writer', '--role', 'editor'],
    env,
  );
  expect(created.code).toBe(0);
  return created.stdout.trim().split('\n').at(-1)!;
}

/** Waits until a turn waits for the embedded database's session, as the API's metrics say. */
async function waitForWaitingTurn(origin: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    const waiting = Number(
      /^mch_embedded_session_waiting(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1],
    );
    if (waiting > 0) return;
    if (Date.now() > deadline) throw new Error('No turn came to wait for the session.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { __typename ... on CreateOrganisationPayload { organisation { name } } }
}`;

/** One writer, one organisation at a time, each with its idempotency key; counts what it was told is stored. */
function streamOfWrites(origin: string, token: string) {
  let acknowledged = 0;
  let stopped = false;
  const done = (async () => {
    for (let n = 1; !stopped; n += 1) {
      const answer = await graphql<{ createOrganisation: { __typename: string } }>(
        origin,
        CREATE,
        {
          input: {
            name: `Backup stream ${n}`,
            kind: 'HOSPITAL',
            country: 'UZ',
            idempotencyKey: `backup-stream-${n}`,
          },
        },
        token,
      );
      expect(answer.data?.createOrganisation.__typename).toBe('CreateOrganisationPayload');
      acknowledged = n;
    }
  })();
  return {
    get acknowledged() {
      return acknowledged;
    },
    stop: async () => {
      stopped = true;
      await done;
      return acknowledged;
    },
  };
}

/**
 * Every table's rows and a digest of them, computed here on its own terms (an ordered
 * aggregate), not by the code under test.
 */
async function digests(db: Kysely<Database>) {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname COLLATE "C"`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ rows: number; digest: string }>`
      SELECT count(*)::int AS rows,
             md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS digest
        FROM ${sql.table(name)} t`.execute(db);
    result[name] = `${rows[0]!.rows} rows, ${rows[0]!.digest}`;
  }
  return result;
}

async function openedDirectly<T>(
  dataDir: string,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const handle = await createDb({ dataDir, owner: 'the backup test' });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function throughOwner<T>(
  dataDir: string,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const holder = findOwner(dataDir)?.holder;
  expect(holder?.socketDir).toBeDefined();
  const handle = await createDb({ databaseUrl: socketUrl(holder!.socketDir!), maxConnections: 1 });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const streamNumbers = (db: Kysely<Database>): Promise<number[]> =>
  sql<{ name: string }>`SELECT name FROM organisation WHERE name LIKE 'Backup stream %'`
    .execute(db)
    .then(({ rows }) =>
      rows.map((row) => Number(row.name.slice('Backup stream '.length))).sort((a, b) => a - b),
    );

/** What a dashboard asks, to compare two APIs' answers. */
const QUESTIONS = [
  '{ trainingEvents(first: 50) { totalCount nodes { id title version startDate hostOrganisation { name } topics { nodes { code } } } } }',
  '{ organisations(first: 100) { totalCount nodes { id name version country { code } } } }',
  '{ donations(first: 50) { totalCount nodes { id title items { nodes { category quantity unit } } } } }',
  '{ country(code: "MZ") { indicatorObservations(first: 50) { nodes { year value lowerBound upperBound } } } }',
];

describe('pnpm mch backup beside the running API', () => {
  it('takes a backup under a stream of writes that restores to the database as it was at that moment', async () => {
    const source = databases.copy();
    const { api, env } = await start(source);
    const writes = streamOfWrites(api.origin, await editorToken(env));
    const backupFile = join(databases.folder, 'under-writes.tar.gz');
    let before: number;
    let total: number;
    try {
      while (writes.acknowledged < 5) await new Promise((resolve) => setTimeout(resolve, 20));

      before = writes.acknowledged;
      const backup = await mch(['backup', backupFile], env);
      const after = writes.acknowledged;
      expect(backup.stdout).toMatch(
        new RegExp(
          `^Wrote ${backupFile}: [0-9.]+ MB, \\d+ tables, \\d+ rows as of \\S+, in [0-9.]+ s\\.\\n$`,
        ),
      );
      expect(backup.stderr).toContain(`through the API (pid ${api.pid}`);
      while (writes.acknowledged < after + 5)
        await new Promise((resolve) => setTimeout(resolve, 20));
      total = await writes.stop();
    } finally {
      // Stops the stream when an expectation above failed; a second stop only waits.
      await writes.stop().catch(() => {});
    }

    const restoredDir = join(databases.folder, 'restored-under-writes');
    const restore = await mch(['restore', backupFile], embeddedEnv(restoredDir));
    expect(restore.stdout).toMatch(
      new RegExp(
        `^Restored ${backupFile} into ${restoredDir}: \\d+ tables, \\d+ rows as of \\S+, every table's digest as recorded, in [0-9.]+ s\\.\\n$`,
      ),
    );
    expect(restore.code).toBe(0);

    // The writes are one after another: the backup holds the first k of them and no other,
    // every write acknowledged before it began, and none made after all were acknowledged.
    const restored = await openedDirectly(restoredDir, streamNumbers);
    const k = restored.length;
    expect(restored).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    expect(k).toBeGreaterThanOrEqual(before);
    expect(k).toBeLessThan(total);
    expect(await throughOwner(source, streamNumbers)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    await api.stop('SIGTERM');
  });

  it('restores a database whose every table and every answer equal the source’s', async () => {
    const source = databases.copy();
    const { api, env } = await start(source);
    const writes = streamOfWrites(api.origin, await editorToken(env));
    try {
      while (writes.acknowledged < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await writes.stop();
    }

    const backupFile = join(databases.folder, 'quiet.tar.gz');
    expect((await mch(['backup', backupFile], env)).code).toBe(0);
    // The record of the backup comes first in the archive; the owner's lock file is not in it.
    const entries = execFileSync('tar', ['-tzf', backupFile]).toString().split('\n');
    expect(entries[0]).toBe('mch-backup.json');
    expect(entries).toContain('PG_VERSION');
    expect(entries).not.toContain('mch-owner.lock');
    // Of the log, only the segment the checkpoint is in: the others are old ones kept for reuse.
    const segments = (names: string[]) =>
      names.filter((name) => /^pg_wal\/[0-9A-F]{24}$/.test(name));
    expect(
      segments(readdirSync(join(source, 'pg_wal')).map((n) => `pg_wal/${n}`)).length,
    ).toBeGreaterThan(1);
    expect(segments(entries)).toHaveLength(1);
    const restoredDir = join(databases.folder, 'restored-quiet');
    expect((await mch(['restore', backupFile], embeddedEnv(restoredDir))).code).toBe(0);

    const expected = await throughOwner(source, digests);
    expect(Object.keys(expected).length).toBeGreaterThan(40);
    expect(expected.organisation).toMatch(/^\d+ rows/);
    expect(await openedDirectly(restoredDir, digests)).toEqual(expected);

    const copy = await start(restoredDir);
    for (const question of QUESTIONS) {
      const original = await graphql(api.origin, question);
      expect(original.errors).toBeUndefined();
      expect(await graphql(copy.api.origin, question)).toEqual(original);
    }
    await copy.api.stop('SIGTERM');
    await api.stop('SIGTERM');
  });
  it('waits for a transaction open on the database, and holds what it committed', async () => {
    const source = databases.copy();
    const { api, env } = await start(source);
    const holder = findOwner(source)!.holder!;
    const client = new pg.Client({ connectionString: socketUrl(holder.socketDir!) });
    await client.connect();
    const backupFile = join(databases.folder, 'after-commit.tar.gz');
    let backup: ReturnType<typeof mch>;
    try {
      await client.query('CREATE TABLE backup_probe (n int)');
      await client.query('BEGIN');
      await client.query('INSERT INTO backup_probe VALUES (1)');
      backup = mch(['backup', backupFile], env);
      // The backup's turn waits behind the open transaction before it commits.
      await waitForWaitingTurn(api.origin);
      await client.query('INSERT INTO backup_probe VALUES (2)');
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect((await backup).code).toBe(0);

    const restoredDir = join(databases.folder, 'restored-after-commit');
    expect((await mch(['restore', backupFile], embeddedEnv(restoredDir))).code).toBe(0);
    const probe = await openedDirectly(restoredDir, (db) =>
      sql<{ n: number }>`SELECT n FROM backup_probe ORDER BY n`.execute(db),
    );
    expect(probe.rows).toEqual([{ n: 1 }, { n: 2 }]);
    await api.stop('SIGTERM');
  });
});

describe('pnpm mch restore', () => {
  it('is refused while a process owns DATA_DIR, and on a database without --force, which replaces it', async () => {
    const source = databases.copy();
    const { api, env } = await start(source);
    const backupFile = join(databases.folder, 'for-refusals.tar.gz');
    expect((await mch(['backup', backupFile], env)).code).toBe(0);
    const created = await editorToken(env);
    expect(created).toMatch(/^mch_/);

    const whileRunning = await mch(['restore', backupFile, '--force'], env);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain(
      `The embedded database in ${source} is in use by the API (pid ${api.pid}`,
    );
    expect(whileRunning.stderr).toContain('A restore replaces files it has open: stop it first.');

    expect(await api.stop('SIGTERM')).toBe(0);
    const files = readdirSync(source).filter((name) => name !== 'mch-owner.lock').length;
    const withoutForce = await mch(['restore', backupFile], env);
    expect(withoutForce.stderr).toBe(
      `${source} already holds a database (${files} files). Restore into an empty DATA_DIR, or add --force to replace it.\n`,
    );
    expect(withoutForce.code).toBe(1);
    // Nothing changed: the token made after the backup is still there.
    expect((await mch(['token', 'list'], env)).stdout).toContain('Backup writer');

    const forced = await mch(['restore', backupFile, '--force'], env);
    expect(forced.stdout).toContain(`into ${source} (the database it held is replaced)`);
    expect(forced.code).toBe(0);
    expect((await mch(['token', 'list'], env)).stdout).toBe('No tokens yet.\n');
  });

  it('refuses a file that is not a backup and leaves DATA_DIR empty', async () => {
    const target = join(databases.folder, 'not-a-backup');
    const bogus = join(databases.folder, 'bogus.tar.gz');
    execFileSync('sh', ['-c', `echo 'not a backup' | gzip > ${bogus}`]);
    const answer = await mch(['restore', bogus], embeddedEnv(target));
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(new RegExp(`^${bogus} is not a backup of the embedded database`));
    expect(readdirSync(target).filter((name) => name !== 'mch-owner.lock')).toEqual([]);
  });
});
