import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbHandle } from '../create-db.js';
import { citedTables } from '../migrations/0007_citations.js';
import { rebuildTrainingRollup } from '../migrations/0009_training_rollup.js';
import { rebuildDonationRollup } from '../migrations/0011_donation_rollup.js';
import { loadSeed } from '../seed/load-seed.js';
import { CopyWriter, type RowWriter, SplitWriter } from './copy-writer.js';
import { countsFor, generate, type SynthCounts, type SynthSize } from './generate.js';

export interface SynthReport {
  counts: SynthCounts;
  rows: Record<string, number>;
  /** Generating and loading the rows (they overlap when streamed). */
  loadMs: number;
  /** Building the secondary indexes, summing the totals and gathering statistics afterwards. */
  indexMs: number;
}

const MARKER = 'synthetic:';

/** Every table that holds records, for a reset. */
const dataTables = [
  'source',
  'country',
  'subdivision',
  'topic',
  'topic_dac_purpose',
  'organisation',
  'person',
  'agreement',
  'agreement_party',
  'agreement_area',
  'programme',
  'programme_sector',
  'programme_participation',
  'programme_target_subdivision',
  'target',
  'training_event',
  'training_event_topic',
  'training_event_presenter',
  'training_event_participation',
  'training_event_participant_group',
  'donation',
  'donation_item',
  'indicator_observation',
  'dac_purpose_code',
  'indicator',
  'seed_run',
  ...citedTables.map((table) => `${table}_citation`),
];

const copySql = (writer: { table: string; columns: readonly string[] }, source: string) =>
  `copy ${writer.table} (${writer.columns.join(', ')}) from ${source}`;

/**
 * Fills a migrated and seeded database with synthetic data. On PostgreSQL, as a superuser, the
 * rows stream into one COPY per table while they are generated, with foreign-key checks off
 * (the generator only writes consistent rows) and secondary indexes built afterwards. Without
 * those rights, and on PGlite, the rows go to files first and load table by table in order.
 */
export async function loadSynthetic(
  handle: DbHandle,
  size: SynthSize,
  options: { reset?: boolean; log?: (line: string) => void } = {},
): Promise<SynthReport> {
  const log = options.log ?? (() => {});
  const loaded = await handle.db
    .selectFrom('seed_run')
    .select('name')
    .where('name', 'like', `${MARKER}%`)
    .executeTakeFirst();
  if (loaded && !options.reset) {
    throw new Error(
      `This database already holds synthetic data (${loaded.name}). Pass --reset to replace everything in it.`,
    );
  }
  if (options.reset) {
    await sql`truncate ${sql.join(dataTables.map((table) => sql.table(table)))} cascade`.execute(
      handle.db,
    );
  }
  await loadSeed(handle.db);

  const started = performance.now();
  let writers: RowWriter[][];
  let indexMs = 0;
  // COPY with triggers off (and the file path, for speed) leaves the totals behind.
  const rollups = [rebuildTrainingRollup, rebuildDonationRollup];
  if (handle.pool && (await isSuperuser(handle.pool))) {
    const indexes = await dropSecondaryIndexes(handle.pool);
    writers = await streamIntoPostgres(handle.pool, size);
    const indexing = performance.now();
    // The totals are summed from the tables while the indexes build: they need none of them.
    await buildIndexes(handle.pool, [...rollups, ...(await largestFirst(handle.pool, indexes))]);
    indexMs = performance.now() - indexing;
  } else {
    writers = await throughFiles(handle, size, log);
    for (const statement of rollups.flat()) await sql.raw(statement).execute(handle.db);
  }
  const loadMs = performance.now() - started - indexMs;
  log(`loaded ${writers.flat().reduce((n, w) => n + w.rows, 0)} rows in ${Math.round(loadMs)} ms`);
  if (indexMs) log(`built the secondary indexes and totals in ${Math.round(indexMs)} ms`);

  await handle.db
    .insertInto('seed_run')
    .values({ name: `${MARKER}seed=${size.seed},events=${size.events}` })
    .execute();
  return {
    counts: countsFor(size),
    rows: Object.fromEntries(writers.flat().map((w) => [w.table, w.rows])),
    loadMs,
    indexMs,
  };
}

async function isSuperuser(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query<{ rolsuper: boolean }>(
    'select rolsuper from pg_roles where rolname = current_user',
  );
  return result.rows[0]?.rolsuper === true;
}

/**
 * Indexes are built once after the load, which is far faster than keeping them up to date row
 * by row: secondary indexes, and the keys of tables no foreign key points at. Returns the
 * statements that build them again.
 */
async function dropSecondaryIndexes(
  pool: pg.Pool,
): Promise<Array<{ table: string; statement: string }>> {
  const indexes = await pool.query<{ tablename: string; indexname: string; indexdef: string }>(
    `select tablename, indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = any($1)
        and indexname not in (select conname from pg_constraint)`,
    [dataTables],
  );
  const keys = await pool.query<{ table: string; name: string; definition: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name,
            pg_get_constraintdef(c.oid) as definition
       from pg_constraint c
      where c.contype in ('p', 'u') and c.conrelid::regclass::text = any($1)
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
    [dataTables],
  );
  for (const { indexname } of indexes.rows) await pool.query(`drop index ${indexname}`);
  for (const key of keys.rows)
    await pool.query(`alter table ${key.table} drop constraint ${key.name}`);
  return [
    ...keys.rows.map((key) => ({
      table: key.table,
      statement: `alter table ${key.table} add constraint ${key.name} ${key.definition}`,
    })),
    ...indexes.rows.map((row) => ({ table: row.tablename, statement: row.indexdef })),
  ];
}

/**
 * The index builds as jobs, those on the largest tables first: the two connections then end on
 * small builds and finish together.
 */
async function largestFirst(
  pool: pg.Pool,
  indexes: Array<{ table: string; statement: string }>,
): Promise<string[][]> {
  const sizes = await pool.query<{ table: string; bytes: string }>(
    `select relname as table, pg_relation_size(oid)::text as bytes from pg_class
      where relnamespace = current_schema()::regnamespace and relname = any($1)`,
    [[...new Set(indexes.map((index) => index.table))]],
  );
  const bytes = new Map(sizes.rows.map((row) => [row.table, Number(row.bytes)]));
  return [...indexes]
    .sort((a, b) => (bytes.get(b.table) ?? 0) - (bytes.get(a.table) ?? 0))
    .map((index) => [index.statement]);
}

/**
 * Runs jobs of statements on two connections, each job's statements in order, the first jobs
 * first (the longest are listed first, so the two connections finish together); then gathers
 * statistics, largest tables first, the same way.
 */
async function buildIndexes(pool: pg.Pool, jobs: string[][]): Promise<void> {
  await onTwoConnections(pool, jobs);
  const tables = await pool.query<{ table: string }>(
    `select relname as table from pg_class
      where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p')
      order by pg_relation_size(oid) desc`,
  );
  await onTwoConnections(
    pool,
    tables.rows.map(({ table }) => [`analyze ${pg.escapeIdentifier(table)}`]),
  );
}

async function onTwoConnections(pool: pg.Pool, jobs: string[][]): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    [0, 1].map(async () => {
      const client = await pool.connect();
      try {
        await client.query("set maintenance_work_mem = '512MB'");
        // Two builds at a time already use the machine; parallel workers would only queue.
        await client.query('set max_parallel_maintenance_workers = 0');
        for (let job = queue.shift(); job; job = queue.shift()) {
          for (const statement of job) await client.query(statement);
        }
      } finally {
        client.release();
      }
    }),
  );
}

/** Tables whose rows cost the server most to load (events compute their search text). */
const splitTables: Record<string, number> = { training_event: 2 };

/** One connection and one COPY per table, fed while the generator runs. */
async function streamIntoPostgres(pool: pg.Pool, size: SynthSize): Promise<RowWriter[][]> {
  const connectionString = (pool.options as { connectionString?: string }).connectionString;
  const clients: pg.Client[] = [];
  const copy = async (table: string, columns: string[]) => {
    const client = new pg.Client({ connectionString });
    clients.push(client);
    await client.connect();
    await client.query('set session_replication_role = replica');
    const stream = client.query(copyFrom(copySql({ table, columns }, 'stdin')));
    return new CopyWriter(table, columns, stream);
  };
  try {
    return await generate(size, async (table, columns) => {
      const parts = splitTables[table] ?? 1;
      if (parts === 1) return copy(table, columns);
      return new SplitWriter(
        await Promise.all(Array.from({ length: parts }, () => copy(table, columns))),
      );
    });
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
  }
}

/** Generates every table to a file, then loads the files in dependency order. */
async function throughFiles(
  handle: DbHandle,
  size: SynthSize,
  log: (line: string) => void,
): Promise<RowWriter[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'mch-synth-'));
  try {
    const path = (table: string) => join(dir, `${table}.tsv`);
    const waves = await generate(size, async (table, columns) => {
      return new CopyWriter(table, columns, createWriteStream(path(table)));
    });
    if (handle.pglite) await handle.pglite.exec(`set mch.change_feed = 'off'`);
    for (const wave of waves) {
      const started = performance.now();
      await Promise.all(
        wave.map(async (writer) => {
          if (handle.pool) {
            const client = await handle.pool.connect();
            try {
              // Synthetic rows are a bulk load, not changes to report in the change feed.
              await client.query(`set mch.change_feed = 'off'`);
              await pipeline(
                createReadStream(path(writer.table)),
                client.query(copyFrom(copySql(writer, 'stdin'))),
              );
            } finally {
              await client.query('reset mch.change_feed');
              client.release();
            }
          } else {
            await copyIntoPglite(handle, writer, readFileSync(path(writer.table), 'utf8'));
          }
        }),
      );
      log(
        `loaded ${wave.map((w) => w.table).join(', ')} in ${Math.round(performance.now() - started)} ms`,
      );
    }
    if (handle.pglite) await handle.pglite.exec('reset mch.change_feed; analyze');
    else await handle.pool?.query('analyze');
    return waves;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PGlite reads COPY data from a blob; a file goes in slices so no slice outgrows its memory. */
async function copyIntoPglite(handle: DbHandle, writer: RowWriter, text: string): Promise<void> {
  const slice = 8 << 20;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + slice);
    if (end < text.length) end = text.indexOf('\n', end) + 1 || text.length;
    await handle.pglite!.query(copySql(writer, "'/dev/blob'"), [], {
      blob: new Blob([text.slice(start, end)]),
    });
    start = end;
  }
}
