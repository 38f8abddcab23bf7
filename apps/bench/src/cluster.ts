import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@mch/db';
import { loadSynthetic } from '@mch/db/synth';
import { createToken } from '@mch/domain';
import autocannon from 'autocannon';
import pg from 'pg';
import { down, up } from '../../../tooling/cluster.mjs';
import { cpuMs, machineTicks } from './measure.js';
import { NESTED_50 } from './operations.js';

/**
 * `pnpm bench --cluster`: the cluster of `pnpm cluster up` on this machine, measured through its
 * load balancer: nested-50 with two API replicas and with one, then writes per second on the
 * primary with the replica's lag seen meanwhile. Every process shares this machine's cores, so
 * the run also says how busy the machine was and who used it.
 */

interface ClusterMeasurement {
  name: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  /** CPU of the API replicas per request, in ms (summed over the replicas). */
  apiCpuMsPerRequest: number;
  /** Share of the machine's cores busy during the run, and the API replicas' part of it. */
  machineBusyPercent: number;
  apiBusyPercent: number;
  haproxyBusyPercent: number;
  /** The replica's lag during the run: the most seen, in ms and bytes of log. */
  maxReplicaLagMs?: number;
  maxReplicaLagBytes?: number;
}

async function drive(
  name: string,
  url: string,
  options: {
    body: string;
    headers?: Record<string, string>;
    seconds: number;
    connections: number;
    apiPids: number[];
    haproxyPid: number;
    lag?: () => Promise<{ ms: number; bytes: number }>;
  },
): Promise<ClusterMeasurement> {
  const run = (duration: number) =>
    autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: options.body,
      connections: options.connections,
      duration,
    });
  await run(2);
  const cpu = () => options.apiPids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
  const apiBefore = cpu();
  const haproxyBefore = cpuMs(options.haproxyPid) ?? 0;
  const machineBefore = machineTicks();
  let maxLag = { ms: 0, bytes: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling && options.lag) {
      const lag = await options.lag();
      maxLag = { ms: Math.max(maxLag.ms, lag.ms), bytes: Math.max(maxLag.bytes, lag.bytes) };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await run(options.seconds);
  sampling = false;
  await sampler;
  const machineAfter = machineTicks();
  const wallMs = result.duration * 1000;
  const coresMs = wallMs * cpus().length;
  const requests = result.requests.total;
  const percent = (ms: number) => Math.round((ms / coresMs) * 1000) / 10;
  return {
    name,
    requestsPerSecond: Math.round((requests / result.duration) * 10) / 10,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    apiCpuMsPerRequest: Math.round(((cpu() - apiBefore) / Math.max(1, requests)) * 100) / 100,
    machineBusyPercent:
      Math.round(
        ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
          1000,
      ) / 10,
    apiBusyPercent: percent(cpu() - apiBefore),
    haproxyBusyPercent: percent((cpuMs(options.haproxyPid) ?? 0) - haproxyBefore),
    ...(options.lag ? { maxReplicaLagMs: maxLag.ms, maxReplicaLagBytes: maxLag.bytes } : {}),
  };
}

export async function benchCluster(options: {
  events: number;
  seconds: number;
  connections: number;
  root: string;
  log: (line: string) => void;
}): Promise<void> {
  const { log } = options;
  const cluster = await up({
    dir: mkdtempSync(join(tmpdir(), 'mch-bench-cluster-')),
    port: 21_000 + Math.floor(Math.random() * 300) * 100,
    // The load comes from one address: a rate limit would measure itself.
    apiEnv: { RATE_LIMIT_POINTS: '0', SEED: 'false', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '1500' },
    log,
  });
  const primary = await createDb({ databaseUrl: cluster.urls.primary });
  const stats = new pg.Client({ connectionString: cluster.urls.primary });
  await stats.connect();
  try {
    log(`loading ${options.events} synthetic events into the primary`);
    const synth = await loadSynthetic(primary, { events: options.events, seed: 1 });
    await stats.query('vacuum (analyze)');
    log(
      `loaded in ${((synth.loadMs + synth.indexMs) / 1000).toFixed(1)} s; waiting for the replica`,
    );
    const lag = async () => {
      const { rows } = await stats.query<{ bytes: string | null; ms: string | null }>(
        `select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text as bytes,
                (extract(epoch from replay_lag) * 1000)::text as ms
         from pg_stat_replication limit 1`,
      );
      return { bytes: Number(rows[0]?.bytes ?? 0), ms: Math.round(Number(rows[0]?.ms ?? 0)) };
    };
    for (let caughtUp = false; !caughtUp; ) {
      caughtUp = (await lag()).bytes <= 0;
      if (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const apiPids = cluster.apis.map((api) => api.pid!);
    const haproxyPid = cluster.lb.pid!;
    const common = { seconds: options.seconds, connections: options.connections, haproxyPid };
    const nested = JSON.stringify({ query: NESTED_50 });
    const results: ClusterMeasurement[] = [];

    log('measuring nested-50 through the load balancer, two API replicas');
    results.push(
      await drive('nested-50, 2 API replicas', cluster.urls.lb, {
        ...common,
        body: nested,
        apiPids,
      }),
    );

    const { token } = await createToken(primary.db, { name: 'bench writer', role: 'editor' });
    log('measuring writes through the load balancer, two API replicas');
    results.push(
      await drive('createOrganisation, 2 API replicas', cluster.urls.lb, {
        ...common,
        apiPids,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query:
            'mutation { createOrganisation(input: { name: "Benchmark clinic", kind: HOSPITAL, country: "MZ" }) { __typename } }',
        }),
        lag,
      }),
    );

    log('stopping api-2; measuring nested-50 through the load balancer, one API replica');
    process.kill(apiPids[1]!, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    results.push(
      await drive('nested-50, 1 API replica', cluster.urls.lb, {
        ...common,
        body: nested,
        apiPids: [apiPids[0]!],
      }),
    );

    const header =
      '| run | req/s | p50 ms | p99 ms | errors | API CPU ms/req | machine busy | API replicas | HAProxy | replica lag (max) |';
    const rows = results.map(
      (r) =>
        `| ${r.name} | ${r.requestsPerSecond} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.errors} | ${r.apiCpuMsPerRequest} | ${r.machineBusyPercent}% | ${r.apiBusyPercent}% | ${r.haproxyBusyPercent}% | ${r.maxReplicaLagMs === undefined ? '' : `${r.maxReplicaLagMs} ms, ${r.maxReplicaLagBytes} B`} |`,
    );
    const table = [header, `|${'---|'.repeat(10)}`, ...rows].join('\n');
    console.log(`\n${table}\n`);
    console.log(
      `${options.events} events, ${options.connections} connections, ${options.seconds} s a run, ${cpus().length} CPUs shared by PostgreSQL (primary and replica), Redis, HAProxy and the API replicas. Percentages are of all cores.`,
    );
    const directory = join(options.root, 'apps/bench/.results');
    mkdirSync(directory, { recursive: true });
    const file = join(directory, 'cluster.json');
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), events: options.events, cpus: cpus().length, results }, null, 2)}\n`,
    );
    log(`results written to ${file}`);
  } finally {
    await stats.end().catch(() => {});
    await primary.close();
    await down({ dir: cluster.dir, log: () => {} });
  }
}
