import { createDb, migrateToLatest } from '@mch/db';
import { startThrowawayPostgres } from '@mch/db/throwaway-postgres';
import { advanceHorizon, sweepBelowHorizon } from '@mch/domain';
import pg from 'pg';

/**
 * `pnpm bench --change-log`: compacts a change log of `entries` changes, all older than the
 * horizon, on PostgreSQL, while a writer saves a record (through the feed's trigger) in a loop;
 * reports the compaction's time and the writer's latency without and with it running.
 *
 * The log holds entries/4 records, each created, updated twice and then updated again or (one
 * in five) deleted, ten changes a transaction, each record's changes far apart as over months:
 * compaction removes all but each remaining record's last update.
 */
export async function benchChangeLog(options: {
  entries: number;
  seconds: number;
  batchSize: number;
  log: (line: string) => void;
}): Promise<void> {
  const { entries, log } = options;
  const cluster = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const serverUrl = process.env.DATABASE_URL ?? cluster!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists mch_bench_changes with (force)');
  await admin.query('create database mch_bench_changes');
  const url = new URL(serverUrl);
  url.pathname = '/mch_bench_changes';
  const database = await createDb({ databaseUrl: url.toString() });
  const writer = new pg.Client({ connectionString: url.toString() });
  try {
    await migrateToLatest(database.db);
    const records = Math.floor(entries / 4);
    let started = performance.now();
    // Ten changes a transaction, committed one by one, as writers leave them.
    await database.pool!.query(`
      do $$ begin
        for t in 0 .. ${entries / 10 - 1} loop
          insert into change_log (record_type, record_id, operation, changed_at)
          select 'source', md5((k % ${records})::text)::uuid,
            case k / ${records}
              when 0 then 'create'
              when 3 then case when k % 5 = 0 then 'delete' else 'update' end
              else 'update' end,
            now() - interval '60 days' + (k * interval '1 second' / 1000)
          from generate_series(t * 10, t * 10 + 9) k;
          commit;
        end loop;
      end $$`);
    await database.pool!.query('vacuum analyze change_log');
    log(
      `${entries} changes of ${records} records in ${entries / 10} transactions, loaded in ${seconds(started)} s`,
    );

    await writer.connect();
    const write = async () => {
      const begun = performance.now();
      await writer.query(`insert into source (title, kind) values ('Measured write', 'report')`);
      return performance.now() - begun;
    };
    const writeFor = async (until: () => boolean) => {
      const latencies: number[] = [];
      while (!until()) latencies.push(await write());
      return latencies;
    };

    const quietUntil = performance.now() + options.seconds * 1000;
    const quiet = await writeFor(() => performance.now() > quietUntil);
    log(`writer alone for ${options.seconds} s: ${describe(quiet)}`);

    let compacting = true;
    const during = writeFor(() => !compacting);
    started = performance.now();
    await advanceHorizon(database.db, new Date(Date.now() - 30 * 86_400_000));
    const moved = seconds(started);
    const report = await sweepBelowHorizon(database.db, { batchSize: options.batchSize });
    const took = seconds(started);
    compacting = false;
    const busy = await during;
    const left = await database.pool!.query<{ n: string }>('select count(*) as n from change_log');
    log(
      `compaction: ${took} s (the horizon found in ${moved} s); ${report.removed} changes removed in ${report.batches} batches of ${options.batchSize}; ${left.rows[0]!.n} changes left`,
    );
    log(`writer during compaction: ${describe(busy)}`);
  } finally {
    await writer.end().catch(() => {});
    await database.close();
    await admin.query('drop database if exists mch_bench_changes with (force)').catch(() => {});
    await admin.end();
    await cluster?.stop();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function describe(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  return `${sorted.length} writes, p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
}
