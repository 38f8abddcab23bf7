import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ApiProcess,
  embeddedEnv,
  graphql,
  mch,
  seededCopies,
  startApi,
} from './support/processes.js';

// The API killed with SIGKILL in the middle of a stream of writes, five times over on one
// embedded database: every write it acknowledged is there after the restart, once; a
// spreadsheet import it had not acknowledged is wholly stored or not at all; and the database
// opens without repair, its indexes agreeing with its tables.

const ROUNDS = 5;
const WRITERS = 4;
const IMPORT_ROWS = 3_000;

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { __typename }
}`;

const HEADER =
  'externalKey,title,format,country,subdivision,locality,startDate,startDatePrecision,durationMinutes,status,participantCount,hostOrganisation,programme,topics,description';

function spreadsheet(round: number): string {
  const rows = Array.from(
    { length: IMPORT_ROWS },
    (_, i) =>
      `crash-r${round}-${i},Crash round ${round} seminar ${i},In person,UZ,UZ-QR,Nukus,2027-03-01,DAY,60,PLANNED,,,,obstetrics,`,
  );
  return `${HEADER}\n${rows.join('\n')}\n`;
}

let databases: Awaited<ReturnType<typeof seededCopies>>;
let api: ApiProcess | undefined;
beforeAll(async () => {
  databases = await seededCopies('crash');
});
afterAll(async () => {
  await api?.stop('SIGKILL');
  databases?.remove();
});

interface Round {
  round: number;
  killedAfterMs: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicates: number;
  importAcknowledged: boolean;
  importRowsStored: number;
}

/** Opens the database as the next start would, and checks it with PostgreSQL's amcheck. */
async function inspect(dataDir: string, round: number) {
  const pglite = await PGlite.create({ dataDir, extensions: { amcheck } });
  try {
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
    // Every B-tree index against its table (heapallindexed): the damage two owners once did.
    const { rows: indexes } = await pglite.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.amname = 'btree' AND n.nspname = 'public'`,
    );
    expect(indexes.length).toBeGreaterThan(50);
    for (const { name } of indexes) {
      await pglite.query(`SELECT bt_index_check($1::regclass, true)`, [name]);
    }
    const { rows: heapProblems } = await pglite.query<{ relname: string; msg: string }>(
      `SELECT c.relname, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
              LATERAL verify_heapam(c.oid) v
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    expect(heapProblems).toEqual([]);
    const { rows: names } = await pglite.query<{ name: string }>(
      `SELECT name FROM organisation WHERE name LIKE $1`,
      [`Crash r${round} %`],
    );
    const { rows: imported } = await pglite.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM training_event WHERE external_key LIKE $1`,
      [`crash-r${round}-%`],
    );
    return { names: names.map((row) => row.name), importRowsStored: imported[0]!.count };
  } finally {
    await pglite.close();
  }
}

it(`loses no acknowledged write across ${ROUNDS} SIGKILLs of the API under writes and an import`, {
  timeout: 300_000,
}, async () => {
  const dataDir = databases.copy();
  const env = embeddedEnv(dataDir);
  const created = await mch(['token', 'create', '--name', 'Crash writer', '--role', 'editor'], env);
  const token = created.stdout.trim().split('\n').at(-1)!;
  const rounds: Round[] = [];

  for (let round = 1; round <= ROUNDS; round += 1) {
    api = await startApi(env);
    const { origin } = api;
    const acknowledged: string[] = [];
    let alive = true;
    const writer = async (w: number) => {
      for (let n = 0; alive; n += 1) {
        const name = `Crash r${round} w${w} n${n}`;
        try {
          const answer = await graphql<{ createOrganisation: { __typename: string } }>(
            origin,
            CREATE,
            { input: { name, kind: 'HOSPITAL', country: 'UZ', idempotencyKey: `crash-${name}` } },
            token,
          );
          if (answer.data?.createOrganisation.__typename === 'CreateOrganisationPayload') {
            acknowledged.push(name);
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    await until(() => acknowledged.length >= 20);
    let importAcknowledged = false;
    const upload = fetch(`${origin}/import/trainingEvents.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${token}` },
      body: spreadsheet(round),
    }).then(
      async (response) => {
        const body = (await response.json()) as { created?: number };
        importAcknowledged = response.status === 200 && body.created === IMPORT_ROWS;
      },
      () => {},
    );
    // The kill lands at a different point each round: early in the import, later in it, and
    // in the last round once the import is acknowledged and more writes followed it.
    const importStarted = performance.now();
    if (round < ROUNDS) {
      await new Promise((resolve) => setTimeout(resolve, [50, 400, 1_000, 2_000][round - 1]));
    } else {
      await until(() => importAcknowledged);
      const afterImport = acknowledged.length;
      await until(() => acknowledged.length >= afterImport + 20);
    }
    const killedAfterMs = Math.round(performance.now() - importStarted);
    expect(await api.stop('SIGKILL')).toBe(null);
    alive = false;
    await Promise.all([...writers, upload]);

    const { names, importRowsStored } = await inspect(dataDir, round);
    const found = acknowledged.filter((name) => names.includes(name)).length;
    rounds.push({
      round,
      killedAfterMs,
      acknowledged: acknowledged.length,
      found,
      lost: acknowledged.length - found,
      duplicates: names.length - new Set(names).size,
      importAcknowledged,
      importRowsStored,
    });
  }
  console.log(
    [
      'round  killed, after import began  writes acknowledged  found  lost  duplicates  import acknowledged  import rows stored',
      ...rounds.map((r) =>
        [
          String(r.round).padStart(5),
          `${r.killedAfterMs} ms`.padStart(32),
          String(r.acknowledged).padStart(20),
          String(r.found).padStart(6),
          String(r.lost).padStart(5),
          String(r.duplicates).padStart(11),
          String(r.importAcknowledged).padStart(20),
          String(r.importRowsStored).padStart(19),
        ].join(' '),
      ),
    ].join('\n'),
  );
  for (const r of rounds) {
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.duplicates).toBe(0);
    expect([0, IMPORT_ROWS]).toContain(r.importRowsStored);
    if (r.importAcknowledged) expect(r.importRowsStored).toBe(IMPORT_ROWS);
  }
  // The database still starts and answers after the last kill.
  api = await startApi(env);
  const count = await graphql<{ organisations: { totalCount: number } }>(
    api.origin,
    '{ organisations(filter: { search: "Crash" }) { totalCount } }',
  );
  expect(count.errors).toBeUndefined();
});
