import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type pg from 'pg';

export interface Measurement {
  operation: string;
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cpuMsPerRequest: number | null;
  /** CPU of every PostgreSQL process on the machine per request (the floor's too). */
  postgresCpuMsPerRequest: number | null;
  statementsPerRequest: number | null;
  /** What PostgreSQL sent the server per request, in kB (the API's own count; null for the floor). */
  databaseKbPerRequest: number | null;
  /**
   * The server's main thread (where its JavaScript runs) in the run: the share of the time it
   * ran, and the share it was ready to run but waited for a CPU another process held.
   */
  mainThreadRunPercent: number | null;
  mainThreadWaitPercent: number | null;
  /** The share of the machine's CPU time in use during the run, by every process. */
  machineBusyPercent: number;
  errors: number;
  /**
   * With `--gc`: what the server allocated per request and what V8's young-generation
   * collections promoted of it to the old generation, in kB, and the full collections per 1000
   * requests (garbage that did not die young).
   */
  allocatedKbPerRequest?: number | null;
  promotedKbPerRequest?: number | null;
  fullCollectionsPer1000?: number | null;
}

const CLOCK_TICKS_PER_SECOND = 100;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The mean of equal-length rounds' shares, to one decimal; null when a round has none. */
function meanOf(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  const sum = (values as number[]).reduce((all, value) => all + value, 0);
  return Math.round((sum / values.length) * 10) / 10;
}

/**
 * One operation's rounds as one measurement: requests and errors add up, throughput is the
 * mean of equal-length rounds (as are the shares of time), latencies the median of the rounds',
 * and CPU and statements per request are weighted by each round's requests.
 */
export function combine(rounds: Measurement[]): Measurement {
  const requests = rounds.reduce((sum, run) => sum + run.requests, 0);
  const perRequest = (pick: (run: Measurement) => number | null) =>
    rounds.some((run) => pick(run) === null) || requests === 0
      ? null
      : Math.round(
          (rounds.reduce((sum, run) => sum + pick(run)! * run.requests, 0) / requests) * 100,
        ) / 100;
  return {
    operation: rounds[0]!.operation,
    requests,
    requestsPerSecond:
      Math.round(
        (rounds.reduce((sum, run) => sum + run.requestsPerSecond, 0) / rounds.length) * 10,
      ) / 10,
    latencyP50Ms: median(rounds.map((run) => run.latencyP50Ms)),
    latencyP99Ms: median(rounds.map((run) => run.latencyP99Ms)),
    cpuMsPerRequest: perRequest((run) => run.cpuMsPerRequest),
    postgresCpuMsPerRequest: perRequest((run) => run.postgresCpuMsPerRequest),
    statementsPerRequest: perRequest((run) => run.statementsPerRequest),
    databaseKbPerRequest: perRequest((run) => run.databaseKbPerRequest),
    mainThreadRunPercent: meanOf(rounds.map((run) => run.mainThreadRunPercent)),
    mainThreadWaitPercent: meanOf(rounds.map((run) => run.mainThreadWaitPercent)),
    machineBusyPercent: meanOf(rounds.map((run) => run.machineBusyPercent))!,
    errors: rounds.reduce((sum, run) => sum + run.errors, 0),
    ...(rounds[0]!.promotedKbPerRequest === undefined
      ? {}
      : {
          allocatedKbPerRequest: perRequest((run) => run.allocatedKbPerRequest ?? null),
          promotedKbPerRequest: perRequest((run) => run.promotedKbPerRequest ?? null),
          fullCollectionsPer1000: perRequest((run) => run.fullCollectionsPer1000 ?? null),
        }),
  };
}

/**
 * A process's line in /proc: its command's name, and the fields after it (`fields[1]` is its
 * parent, `fields[11]` and `fields[12]` its user and system CPU ticks); undefined once it ended.
 */
export function processStat(pid: number | string): { name: string; fields: string[] } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const end = stat.lastIndexOf(') ');
  return { name: stat.slice(stat.indexOf('(') + 1, end), fields: stat.slice(end + 2).split(' ') };
}

/** CPU time a process has used, in ms (user and system), from /proc. */
export function cpuMs(pid: number): number | null {
  const fields = processStat(pid)?.fields;
  return fields
    ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND
    : null;
}

/**
 * CPU time the PostgreSQL servers of the machine have used so far, in ms: each server process
 * with the time of its children that ended (autovacuum workers, closed connections), and each
 * child still running. The server the benchmark runs on is the only one busy while it measures.
 */
export function postgresCpuMs(): number {
  const processes = new Map<number, { parent: number; fields: string[] }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A process that ended meanwhile has no line.
    const stat = processStat(entry);
    if (stat?.name !== 'postgres') continue;
    processes.set(Number(entry), { parent: Number(stat.fields[1]), fields: stat.fields });
  }
  let ticks = 0;
  for (const { parent, fields } of processes.values()) {
    ticks += Number(fields[11]) + Number(fields[12]);
    // A server's own process also carries the time of its children that have ended.
    if (!processes.has(parent)) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * A process's main thread so far, from the scheduler's own account: ns on a CPU, and ns ready
 * to run but waiting for one. Null where the kernel keeps no such account.
 */
export function mainThreadNs(pid: number): { run: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    return run === undefined || wait === undefined ? null : { run, wait };
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine so far, in clock ticks. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const values = fields.map(Number);
  const idle = values[3]! + values[4]!;
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/** Statements the database ran so far, from pg_stat_statements (null without it). */
export async function statementCount(client: pg.Client | undefined): Promise<number | null> {
  if (!client) return null;
  const result = await client.query<{ calls: string | null }>(
    `select sum(calls)::text as calls from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not ilike '%pg_stat_statements%'`,
  );
  return Number(result.rows[0]?.calls ?? 0);
}

export interface Target {
  url: string;
  pid: number;
  body: string;
  /** Bytes the server has received from PostgreSQL so far, when it counts them. */
  databaseBytes?: () => Promise<number>;
  /** The server's garbage collections so far, when it traces them (`--gc`). */
  collections?: () => Collections;
}

/** What a server's V8 reported of its garbage collections so far (`--trace-gc-nvp`). */
export interface Collections {
  allocatedBytes: number;
  promotedBytes: number;
  full: number;
}

/**
 * Counts a process's garbage collections from the lines `--trace-gc-nvp` writes to its output:
 * the bytes allocated since the collection before, the bytes each young-generation collection
 * (`gc=s`) promoted, and the full ones (`gc=mc`).
 */
export function collectionsOf(output: NodeJS.ReadableStream): () => Collections {
  const counts: Collections = { allocatedBytes: 0, promotedBytes: 0, full: 0 };
  let pending = '';
  output.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      counts.allocatedBytes += Number(/\ballocated=(\d+)/.exec(line)?.[1] ?? 0);
      if (/\bgc=s\b/.test(line))
        counts.promotedBytes += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
      else if (/\bgc=mc\b/.test(line)) counts.full += 1;
    }
  });
  return () => ({ ...counts });
}

/** The API's count of bytes received from PostgreSQL, read from its `/metrics`. */
export async function databaseBytesAt(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const found = /^mch_database_received_bytes_total(?:\{[^}]*\})? (\d+)$/m.exec(text);
  if (!found) throw new Error(`${origin}/metrics has no mch_database_received_bytes_total.`);
  return Number(found[1]);
}

/** The main thread's shares of `elapsedNs`, in percent, from two readings of its account. */
function threadShares(
  before: { run: number; wait: number } | null,
  after: { run: number; wait: number } | null,
  elapsedNs: number,
): Pick<Measurement, 'mainThreadRunPercent' | 'mainThreadWaitPercent'> {
  if (!before || !after || elapsedNs <= 0) {
    return { mainThreadRunPercent: null, mainThreadWaitPercent: null };
  }
  const share = (ns: number) => Math.round((ns / elapsedNs) * 1000) / 10;
  return {
    mainThreadRunPercent: share(after.run - before.run),
    mainThreadWaitPercent: share(after.wait - before.wait),
  };
}

/** Drives one request at `target` for `seconds`, after a warm-up, and measures it. */
export async function measure(
  operation: string,
  target: Target,
  options: { seconds: number; warmupSeconds: number; connections: number; stats?: pg.Client },
): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url: target.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: target.body,
      connections: options.connections,
      duration,
    });
  await run(options.warmupSeconds);
  const cpuBefore = cpuMs(target.pid);
  const statementsBefore = await statementCount(options.stats);
  const bytesBefore = await target.databaseBytes?.();
  const collectionsBefore = target.collections?.();
  const postgresBefore = postgresCpuMs();
  const threadBefore = mainThreadNs(target.pid);
  const machineBefore = machineTicks();
  const startedAt = process.hrtime.bigint();
  const result = await run(options.seconds);
  const elapsedNs = Number(process.hrtime.bigint() - startedAt);
  const machineAfter = machineTicks();
  const threadAfter = mainThreadNs(target.pid);
  const postgresAfter = postgresCpuMs();
  const cpuAfter = cpuMs(target.pid);
  const statementsAfter = await statementCount(options.stats);
  const bytesAfter = await target.databaseBytes?.();
  const collectionsAfter = target.collections?.();
  const requests = result.requests.total;
  return {
    operation,
    requests,
    requestsPerSecond: Math.round((requests / result.duration) * 10) / 10,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || requests === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) / requests) * 100) / 100,
    postgresCpuMsPerRequest:
      requests === 0 ? null : Math.round(((postgresAfter - postgresBefore) / requests) * 100) / 100,
    statementsPerRequest:
      statementsBefore === null || statementsAfter === null || requests === 0
        ? null
        : Math.round(((statementsAfter - statementsBefore) / requests) * 100) / 100,
    databaseKbPerRequest:
      bytesBefore === undefined || bytesAfter === undefined || requests === 0
        ? null
        : Math.round(((bytesAfter - bytesBefore) / 1000 / requests) * 100) / 100,
    ...threadShares(threadBefore, threadAfter, elapsedNs),
    machineBusyPercent:
      Math.round(
        ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
          1000,
      ) / 10,
    errors: result.errors + result.timeouts + result.non2xx,
    ...(collectionsBefore && collectionsAfter && requests > 0
      ? {
          allocatedKbPerRequest: Math.round(
            (collectionsAfter.allocatedBytes - collectionsBefore.allocatedBytes) / 1000 / requests,
          ),
          promotedKbPerRequest:
            Math.round(
              ((collectionsAfter.promotedBytes - collectionsBefore.promotedBytes) /
                1000 /
                requests) *
                100,
            ) / 100,
          fullCollectionsPer1000:
            Math.round(((collectionsAfter.full - collectionsBefore.full) / requests) * 1000 * 10) /
            10,
        }
      : {}),
  };
}
