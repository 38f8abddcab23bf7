// @ts-check
// The life of the whole cluster: `up` starts every part in order, `down` stops them and removes
// their data, `switchover` moves the leader on purpose, `status` says what each part answers.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createStanza, writeBackupConfig } from './cluster-backup.mjs';
import { haproxyView, startHaproxy, waitForApi } from './cluster-haproxy.mjs';
import {
  alive,
  findPrograms,
  ROOT,
  readCluster,
  run,
  save,
  sleep,
  startApi,
  startRedis,
  waitFor,
} from './cluster-parts.mjs';
import {
  DATABASE,
  leader,
  members,
  startEtcd,
  startServers,
  stopServers,
  USER,
  waitHealthy,
} from './cluster-patroni.mjs';

/**
 * @typedef {import('./cluster-parts.mjs').Cluster} Cluster
 * @typedef {(line: string) => void} Log
 */

/**
 * Starts the whole cluster. `port` is the API's port on the load balancer; every other part
 * takes a port beside it (see `ports` below). `apiEnv` adds settings to both API replicas.
 * @param {{ dir?: string, port?: number, apiEnv?: Record<string, string>, log?: Log }} [options]
 * @returns {Promise<Cluster>}
 */
export async function up({
  dir = join(ROOT, '.cluster'),
  port = 4400,
  apiEnv = {},
  log = console.log,
} = {}) {
  const programs = findPrograms();
  if (programs.missing.length) {
    throw new Error(
      `Missing programs. Install them with: sudo apt-get install ${programs.missing.join(' ')}`,
    );
  }
  if (!existsSync(join(ROOT, 'apps/api/dist/main.js'))) {
    throw new Error('The API is not built: run `pnpm build` first (`pnpm cluster up` does).');
  }
  dir = resolve(dir);
  if (readCluster(dir))
    throw new Error(`A cluster already runs in ${dir}: \`pnpm cluster down\` first.`);
  rmSync(dir, { recursive: true, force: true });
  const pgDir = join(dir, 'postgres');
  mkdirSync(pgDir, { recursive: true });
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o755);
    run('chown', ['postgres', pgDir]);
  }
  const ports = {
    lb: port,
    apis: [port + 1, port + 2],
    write: port + 3,
    read: port + 4,
    etcd: port + 40,
    redis: port + 50,
    restore: port + 60,
  };
  const cluster = {
    dir,
    pgDir,
    // Every program is there: `missing` is empty.
    programs: /** @type {Cluster['programs']} */ (programs),
    apiEnv,
    ports,
    lb: { port: ports.lb, pid: undefined },
    etcd: { port: ports.etcd, peerPort: ports.etcd + 1, pid: undefined },
    nodes: [1, 2, 3].map((n) => ({
      name: `pg-${n}`,
      port: port + 10 + n,
      restPort: port + 20 + n,
      etcdPort: port + 30 + n,
      data: join(pgDir, `pg-${n}`),
      patroniPid: undefined,
    })),
    backup: { repo: join(dir, 'backups') },
    restored: [],
    redis: { port: ports.redis, pidFile: join(dir, 'redis.pid') },
    apis: ports.apis.map((apiPort, i) => ({ name: `api-${i + 1}`, port: apiPort, pid: undefined })),
    urls: {
      lb: `http://127.0.0.1:${ports.lb}/graphql`,
      // The leader and the replicas, whichever servers they are, through HAProxy.
      primary: `postgres://${USER}@127.0.0.1:${ports.write}/${DATABASE}`,
      replica: `postgres://${USER}@127.0.0.1:${ports.read}/${DATABASE}`,
      redis: `redis://127.0.0.1:${ports.redis}`,
    },
  };
  save(cluster);
  try {
    await start(cluster, log);
  } catch (error) {
    // Nothing half-started stays behind.
    await down({ dir, log: () => {} });
    throw error;
  }
  log(`\nThe API answers at ${cluster.urls.lb} (stop it all with \`pnpm cluster down\`).`);
  return cluster;
}

/**
 * @param {Cluster} cluster
 * @param {Log} log
 */
async function start(cluster, log) {
  const { ports } = cluster;
  log(`etcd on 127.0.0.1:${ports.etcd}`);
  await startEtcd(cluster);
  log(
    `HAProxy: API on ${ports.lb}, PostgreSQL writes on ${ports.write} and reads on ${ports.read}`,
  );
  await startHaproxy(cluster);
  writeBackupConfig(cluster);
  log(`PostgreSQL under Patroni on ${cluster.nodes.map((node) => node.port).join(', ')}`);
  await startServers(cluster);
  run(join(cluster.programs.pg, 'psql'), [
    ...['-h', '127.0.0.1', '-p', String(ports.write), '-U', USER, '-d', 'postgres'],
    ...['-qc', `create database ${DATABASE}`],
  ]);
  log(`pgBackRest repository in ${cluster.backup.repo}, archiving the log`);
  createStanza(cluster);
  log(`Redis on 127.0.0.1:${ports.redis}`);
  await startRedis(cluster);
  // The first replica brings the database up to date and loads the seed; then the second.
  for (const [i, api] of cluster.apis.entries()) {
    log(`API replica ${api.name} on 127.0.0.1:${api.port}`);
    await startApi(cluster, i);
  }
  await waitForApi(cluster);
}

/**
 * Stops every part of the cluster in `dir` and removes its data.
 * @param {{ dir?: string, log?: Log }} [options]
 */
export async function down({ dir = join(ROOT, '.cluster'), log = console.log } = {}) {
  const cluster = readCluster(dir);
  if (!cluster) {
    log(`No cluster runs in ${resolve(dir)}.`);
    return;
  }
  /** @type {(pid: number | undefined, signal?: NodeJS.Signals) => void} */
  const kill = (pid, signal = 'SIGTERM') => {
    if (pid && alive(pid)) process.kill(pid, signal);
  };
  for (const api of cluster.apis) kill(api.pid);
  if (existsSync(cluster.redis.pidFile)) kill(Number(readFileSync(cluster.redis.pidFile, 'utf8')));
  for (const data of cluster.restored ?? []) {
    try {
      run(join(cluster.programs.pg, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], {
        server: true,
      });
    } catch {}
  }
  await stopServers(cluster);
  kill(cluster.lb.pid);
  const deadline = Date.now() + 15_000;
  const running = () => [
    ...cluster.apis.map((api) => api.pid),
    ...cluster.nodes.map((node) => node.patroniPid),
    cluster.etcd.pid,
  ];
  while (running().some((pid) => pid && alive(pid)) && Date.now() < deadline) await sleep(100);
  for (const pid of running()) kill(pid, 'SIGKILL');
  rmSync(cluster.dir, { recursive: true, force: true });
  log('The cluster is stopped and its data removed.');
}

/** @param {Cluster} cluster */
export async function status(cluster) {
  console.log('PostgreSQL (as Patroni sees it):');
  for (const member of await members(cluster)) {
    const timeline = member.timeline === undefined ? '' : `, timeline ${member.timeline}`;
    const lag =
      member.role === 'leader' || member.state !== 'running' ? '' : `, lag ${member.lag} bytes`;
    console.log(
      `  ${member.name} 127.0.0.1:${member.port}: ${member.role}, ${member.state}${timeline}${lag}`,
    );
  }
  console.log('HAProxy:');
  for (const row of await haproxyView(cluster)) {
    console.log(`  ${row.port} ${row.server}: ${row.status}`);
  }
  console.log(`API at ${cluster.urls.lb}:`);
  for (const api of cluster.apis) {
    const answer = await fetch(`http://127.0.0.1:${api.port}/ready`)
      .then((response) => response.json())
      .catch(() => ({ status: 'not answering' }));
    console.log(`  ${api.name} (127.0.0.1:${api.port}): ${JSON.stringify(answer)}`);
  }
}

/**
 * Moves the leader to a replica on purpose (Patroni's switchover), and waits for the cluster.
 * @param {Cluster} cluster
 * @param {Log} [log]
 */
export async function switchover(cluster, log = console.log) {
  const from = await leader(cluster);
  if (!from) throw new Error('No leader runs: a switchover needs one.');
  const response = await fetch(`http://127.0.0.1:${from.restPort}/switchover`, {
    method: 'POST',
    body: JSON.stringify({ leader: from.name }),
  });
  if (!response.ok) throw new Error(`Patroni refused the switchover: ${await response.text()}`);
  await waitFor('a new leader', async () => (await leader(cluster))?.name !== from.name, 60_000);
  await waitHealthy(cluster);
  const to = await leader(cluster);
  log(`The leader moved from ${from.name} to ${to?.name}.`);
  return { from: from.name, to: to?.name };
}
