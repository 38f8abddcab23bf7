import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@mch/db';
import { loadSynthetic } from '@mch/db/synth';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@mch/db/throwaway-postgres';
import pg from 'pg';
import { type ExportMeasurement, measureExport } from './export.js';
import {
  type Collections,
  collectionsOf,
  combine,
  databaseBytesAt,
  type Measurement,
  measure,
  median,
} from './measure.js';
import {
  DONATION_STATISTICS,
  NESTED_50,
  ORGANISATIONS_3_LEVELS,
  SEARCH,
  TRAINING_STATISTICS,
} from './operations.js';
import { holdOn, holdPostgresOn, splitCpus } from './placement.js';
import { freePort, startProcess, stopProcess } from './processes.js';
import { formatTable, updatePerformancePage } from './report.js';
import { usage } from './usage.js';

/**
 * `pnpm bench [--quick] [--events N] [--seconds S] [--rounds R] [--connections C]`: loads synthetic data
 * into PostgreSQL, starts the API in production mode and a floor server beside it, drives both
 * with autocannon on 127.0.0.1, and reports throughput, latency, CPU and SQL per request.
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    events: { type: 'string' },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    record: { type: 'boolean', default: false },
    'split-cpus': { type: 'boolean', default: false },
    gc: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    'change-log': { type: 'boolean', default: false },
    entries: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '2000' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const quick = values.quick;
const events = Number(values.events ?? (quick ? 20_000 : 100_000));
const seconds = Number(values.seconds ?? (quick ? 4 : 15));
const rounds = Number(values.rounds ?? (quick ? 1 : 3));
const connections = Number(values.connections);
const split = values['split-cpus'] ? splitCpus() : undefined;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = (line: string) => console.log(`[bench] ${line}`);

/** The most resident memory a process has held since it started, in MB (its high-water mark). */
function peakRssMb(pid: number): number | null {
  const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return found ? Math.round(Number(found[1]) / 1024) : null;
}

async function post(url: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function main() {
  const started = performance.now();
  const cluster: ThrowawayPostgres | undefined = process.env.DATABASE_URL
    ? undefined
    : await startThrowawayPostgres();
  let api: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  let stats: pg.Client | undefined;
  const serverUrl = process.env.DATABASE_URL ?? cluster!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const database = 'mch_bench';
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    // A cluster of our own is reached over its Unix socket, by the API and the floor alike.
    const databaseUrl = cluster ? cluster.socketUrlFor(database) : url.toString();

    log(`loading ${events} synthetic events into PostgreSQL`);
    const handle = await createDb({ databaseUrl });
    await migrateToLatest(handle.db);
    const synth = await loadSynthetic(handle, { events, seed: Number(values.seed) });
    await handle.close();
    log(`loaded in ${((synth.loadMs + synth.indexMs) / 1000).toFixed(1)} s`);

    stats = new pg.Client({ connectionString: databaseUrl });
    await stats.connect();
    // Freshly loaded tables would draw autovacuum into the measurements; it runs now instead.
    const vacuuming = performance.now();
    await stats.query('vacuum (analyze)');
    log(`vacuumed in ${((performance.now() - vacuuming) / 1000).toFixed(1)} s`);
    const hasStatements = await stats
      .query('create extension if not exists pg_stat_statements')
      .then(() => stats!.query('select 1 from pg_stat_statements limit 1'))
      .then(() => true)
      .catch(() => false);
    if (!hasStatements)
      log('pg_stat_statements is not loaded: SQL statements per request are not counted');
    if (split) {
      await holdPostgresOn(stats, split.shared);
      holdOn(process.pid, split.shared);
      log(split.description);
    }

    const apiPort = await freePort();
    api = await startProcess(
      join(root, 'apps/api/dist/main.js'),
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PORT: String(apiPort),
        SEED: 'false',
        // The load comes from one address; a rate limit would measure itself, not the server.
        RATE_LIMIT_POINTS: '0',
        SHUTDOWN_GRACE_MS: '0',
      },
      /ready at/,
      // As `pnpm start` runs it: a larger young generation, for fewer garbage collections.
      ['--max-semi-space-size=32', ...(values.gc ? ['--trace-gc-nvp'] : [])],
    );
    const collections: (() => Collections) | undefined = values.gc
      ? collectionsOf(api.stdout!)
      : undefined;
    const floorPort = await freePort();
    floor = await startProcess(
      join(root, 'apps/bench/dist/floor.js'),
      { DATABASE_URL: databaseUrl, PORT: String(floorPort) },
      /floor ready/,
    );
    if (split) {
      holdOn(api.pid!, split.servers);
      holdOn(floor.pid!, split.servers);
    }
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const floorUrl = `http://127.0.0.1:${floorPort}/floor`;

    // The cursor of page 2000 (50 a page), in the API's cursor form: the ordering's name and
    // the sort key values of the last event before the page.
    const page = Math.min(2000, Math.floor(events / 50));
    const before = await stats.query<{ sort_key: string; id: string }>(
      `select coalesce(start_date, 'infinity'::date)::text as sort_key, id from training_event
        order by coalesce(start_date, 'infinity'::date) desc, id desc offset $1 limit 1`,
      [(page - 1) * 50 - 1],
    );
    const cursor = Buffer.from(
      JSON.stringify([
        'training_event.start_date.desc',
        before.rows[0]!.sort_key,
        before.rows[0]!.id,
      ]),
    ).toString('base64url');

    const operations = [
      { name: 'nested-50', body: { query: NESTED_50 } },
      { name: `nested-50, page ${page}`, body: { query: NESTED_50, variables: { after: cursor } } },
      {
        name: 'search',
        body: { query: SEARCH, variables: { query: 'kangaroo mother care Delta' } },
      },
      { name: 'training statistics', body: { query: TRAINING_STATISTICS } },
      { name: 'donation statistics', body: { query: DONATION_STATISTICS } },
      { name: 'organisations, 3 list levels', body: { query: ORGANISATIONS_3_LEVELS } },
    ];

    // Every request is checked once before it is timed: a fast wrong answer is no answer.
    for (const operation of operations) {
      const answer = await post(apiUrl, JSON.stringify(operation.body));
      if (answer.errors)
        throw new Error(`${operation.name} failed: ${JSON.stringify(answer.errors)}`);
    }
    const floorAnswer = await post(floorUrl, '{}');
    const apiAnswer = await post(apiUrl, JSON.stringify(operations[0]!.body));
    if (JSON.stringify(floorAnswer) !== JSON.stringify(apiAnswer)) {
      throw new Error('The floor does not answer exactly what the API answers to nested-50.');
    }

    // The operations are measured in rounds, each round taking every operation and the floor
    // in turn. A shared machine's speed drifts: ratios are taken within a round, where the
    // figures compared ran seconds apart, and the median across rounds is kept.
    const apiPid = api.pid!;
    const floorTarget = {
      name: 'floor (nested-50, one SQL statement)',
      target: { url: floorUrl, pid: floor.pid!, body: '{}' },
    };
    const apiTargets = operations.map((operation) => ({
      name: operation.name,
      target: {
        url: apiUrl,
        pid: apiPid,
        body: JSON.stringify(operation.body),
        databaseBytes: () => databaseBytesAt(`http://127.0.0.1:${apiPort}`),
        collections,
      },
    }));
    // The floor runs right after nested-50, the figure it is compared with.
    const targets = [apiTargets[0]!, floorTarget, ...apiTargets.slice(1)];
    const perRound = Math.max(1, Math.round(seconds / rounds));
    const runs: Measurement[][] = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, { name, target }] of targets.entries()) {
        log(`round ${round + 1} of ${rounds}: measuring ${name}`);
        runs[i]!.push(
          await measure(name, target, {
            seconds: perRound,
            // Later rounds find the code compiled and the caches warm.
            warmupSeconds: round === 0 ? (quick ? 1 : 3) : 1,
            connections,
            stats: hasStatements ? stats : undefined,
          }),
        );
      }
    }
    // The most memory the API has held so far: under the load of every operation above.
    const peakRssUnderLoadMb = peakRssMb(apiPid);
    // Last, the whole list of events as CSV: its time and the API's memory while it streams.
    log(`exporting all ${events} events as CSV`);
    const csvExport: ExportMeasurement = await measureExport(`http://127.0.0.1:${apiPort}`, apiPid);
    log(
      `exported ${csvExport.rows} rows (${csvExport.megabytes} MB) in ${csvExport.seconds} s; API memory ${csvExport.rssBeforeMb} MB before, ${csvExport.rssPeakMb} MB at most`,
    );
    const [nestedRuns, floorRuns, deepRuns, ...otherRuns] = runs as [
      Measurement[],
      Measurement[],
      Measurement[],
      ...Measurement[][],
    ];
    const results = [nestedRuns, deepRuns, ...otherRuns, floorRuns].map(combine);

    const summary = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
      },
      node: process.version,
      events,
      seconds,
      connections,
      quick,
      ...(values.gc ? { gc: true } : {}),
      ...(split ? { placement: split.description } : {}),
      synth: { loadSeconds: (synth.loadMs + synth.indexMs) / 1000, rows: synth.rows },
      results,
      peakRssUnderLoadMb,
      csvExport,
      rounds,
      ratios: {
        nestedToFloor:
          Math.round(
            median(
              nestedRuns.map((run, i) => run.requestsPerSecond / floorRuns[i]!.requestsPerSecond),
            ) * 1000,
          ) / 1000,
        deepPageToFirstPageLatencyP50:
          Math.round(
            median(deepRuns.map((run, i) => run.latencyP50Ms / nestedRuns[i]!.latencyP50Ms)) * 100,
          ) / 100,
        threeLevelsToNestedCpu:
          Math.round(
            median(
              otherRuns
                .at(-1)!
                .map(
                  (run, i) => (run.cpuMsPerRequest ?? 0) / (nestedRuns[i]!.cpuMsPerRequest ?? 1),
                ),
            ) * 100,
          ) / 100,
      },
    };
    const table = formatTable(summary);
    console.log(`\n${table}\n`);
    if (collections) {
      for (const result of results.filter((r) => r.promotedKbPerRequest !== undefined)) {
        log(
          `${result.operation}: ${result.allocatedKbPerRequest} kB allocated and ${result.promotedKbPerRequest} kB promoted per request, ${result.fullCollectionsPer1000} full collections per 1000 requests`,
        );
      }
    }
    const name =
      events === 100_000
        ? 'latest.json'
        : events === 1_000_000
          ? 'million.json'
          : `events-${events}.json`;
    const directory = join(root, 'apps/bench', values.record ? 'results' : '.results');
    mkdirSync(directory, { recursive: true });
    const file = join(
      directory,
      `${quick ? 'quick' : name.replace(/\.json$/, '')}${split ? '-split-cpus' : ''}.json`,
    );
    writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    log(`results written to ${file}`);
    if (
      values.record &&
      !quick &&
      !split &&
      !values.gc &&
      (events === 100_000 || events === 1_000_000)
    ) {
      const page = join(root, 'docs/performance.md');
      updatePerformancePage(page, table, summary);
      log(`${page}: the table of ${events} events updated`);
    }
    log(`finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await stopProcess(api);
    await stopProcess(floor);
    await stats?.end().catch(() => {});
    await admin.query('drop database if exists mch_bench with (force)').catch(() => {});
    await admin.end();
    await cluster?.stop();
  }
}

const run = values.cluster
  ? () =>
      import('./cluster.js').then(({ benchCluster }) =>
        benchCluster({ events, seconds: Number(values.seconds ?? 10), connections, root, log }),
      )
  : values['change-log']
    ? () =>
        import('./change-log.js').then(({ benchChangeLog }) =>
          benchChangeLog({
            entries: Number(values.entries),
            seconds: Number(values.seconds ?? 10),
            batchSize: Number(values.batch),
            log,
          }),
        )
    : main;

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
