#!/usr/bin/env node
// A cluster on one machine, from the packages a user installs with apt: etcd, three PostgreSQL
// servers under Patroni (a leader and two replicas, one synchronous), Redis, two API replicas and
// HAProxy in front, all on 127.0.0.1; pgBackRest backs it up into a folder. `usage` below lists
// the commands; docs/operators/cluster.md gives the layout for real machines.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backup, createStanza, info, restore, writeBackupConfig } from './cluster-backup.mjs';
import { chaos, printChaos } from './cluster-chaos.mjs';
import { haproxyView, startHaproxy, waitForApi } from './cluster-haproxy.mjs';
import {
  alive,
  findPrograms,
  ROOT,
  readCluster,
  ready,
  run,
  save,
  sleep,
  startApi,
  startRedis,
  stopRedis,
  waitFor,
} from './cluster-parts.mjs';
import {
  DATABASE,
  leader,
  members,
  startEtcd,
  startPatroni,
  startServers,
  stopPatroni,
  stopServers,
  USER,
  waitHealthy,
} from './cluster-patroni.mjs';

export { backup, info, restore, stopRestored } from './cluster-backup.mjs';
export { chaos, printChaos } from './cluster-chaos.mjs';
export { cutFromEtcd, haproxyView } from './cluster-haproxy.mjs';
export { findPrograms, readCluster, startApi, startRedis, stopRedis } from './cluster-parts.mjs';
export {
  leader,
  members,
  postmasterPid,
  startPatroni,
  stopPatroni,
  waitHealthy,
} from './cluster-patroni.mjs';

/**
 * Starts the whole cluster. `port` is the API's port on the load balancer; every other part
 * takes a port beside it (see `ports` below). `apiEnv` adds settings to both API replicas.
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
    programs,
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

/** Stops every part of the cluster in `dir` and removes its data. */
export async function down({ dir = join(ROOT, '.cluster'), log = console.log } = {}) {
  const cluster = readCluster(dir);
  if (!cluster) {
    log(`No cluster runs in ${resolve(dir)}.`);
    return;
  }
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

async function status(cluster) {
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

/** Moves the leader to a replica on purpose (Patroni's switchover), and waits for the cluster. */
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

const usage = `Usage: pnpm cluster up [--port PORT] | status | down
       pnpm cluster switchover            move the leader to a replica on purpose
       pnpm cluster backup [--incr]       a full (or incremental) backup with pgBackRest
       pnpm cluster restore --to TIME     restore into a fresh server, as it was at TIME
       pnpm cluster chaos [--rounds N]    kill the leader's parts under writes, and measure
       pnpm cluster stop|start api-1|api-2|pg-1|pg-2|pg-3|redis
Every command takes --dir DIR (.cluster by default).

Starts on 127.0.0.1 etcd, three PostgreSQL servers under Patroni (synchronous replication),
Redis, two API replicas and HAProxy (the API at http://127.0.0.1:PORT/graphql, 4400 by default;
PostgreSQL's leader at PORT+3 and its replicas at PORT+4), or stops them and removes their data.
Needs Debian's postgresql, patroni, etcd-server, pgbackrest, redis-server and haproxy packages.`;

/** Takes one part of the cluster away, or brings it back. */
async function part(cluster, action, name) {
  const api = cluster.apis.findIndex((candidate) => candidate.name === name);
  const node = cluster.nodes.findIndex((candidate) => candidate.name === name);
  if (api >= 0) {
    const { pid, port } = cluster.apis[api];
    if (action === 'stop') {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      if (pid) await waitFor(`${name} to stop`, () => !alive(pid), 10_000);
    } else if (!(await ready(port).catch(() => false))) {
      // A replica that does not answer may still be ending (a graceful stop takes its time):
      // wait for it, then start a new one.
      if (pid) await waitFor(`the previous ${name} to end`, () => !alive(pid), 30_000);
      await startApi(cluster, api);
    }
  } else if (node >= 0) {
    if (action === 'stop') await stopPatroni(cluster, node);
    else if (!alive(cluster.nodes[node].patroniPid ?? 0)) startPatroni(cluster, node);
  } else if (name === 'redis') {
    if (action === 'stop') await stopRedis(cluster);
    else await startRedis(cluster);
  } else {
    throw new Error(`No part named "${name}": api-1, api-2, pg-1, pg-2, pg-3 or redis.`);
  }
  console.log(`${name}: ${action === 'stop' ? 'stopped' : 'started'}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  const option = (name) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const dir = option('dir') ?? join(ROOT, '.cluster');
  const port = option('port');
  const running = () => {
    const cluster = readCluster(dir);
    if (!cluster) throw new Error('No cluster runs: `pnpm cluster up` first.');
    return cluster;
  };
  const actions = {
    up: () => up({ dir, ...(port ? { port: Number(port) } : {}) }),
    down: () => down({ dir }),
    status: () => status(running()),
    switchover: () => switchover(running()),
    backup: () => {
      backup(running(), rest.includes('--incr') ? 'incr' : 'full');
      for (const entry of info(running())) {
        console.log(`${entry.label} (${entry.type}): ${entry.start} to ${entry.stop}`);
      }
    },
    restore: async () => {
      const to = option('to');
      if (!to) throw new Error('Say when to restore to: --to "2026-12-07 22:15:00+00"');
      const cluster = running();
      const n = cluster.restored.length + 1;
      const restored = await restore(cluster, to, {
        port: cluster.ports.restore + n - 1,
        name: `restored-${n}`,
      });
      cluster.restored.push(restored.data);
      save(cluster);
      console.log(`Restored to ${to}: ${restored.url} (data in ${restored.data}).`);
    },
    chaos: async () =>
      printChaos(await chaos(running(), { rounds: Number(option('rounds') ?? 1) })),
    stop: () => part(running(), 'stop', rest[0]),
    start: () => part(running(), 'start', rest[0]),
  };
  const action = actions[command];
  if (!action || rest.includes('--help')) {
    console.log(usage);
    process.exit(action || command === '--help' ? 0 : 1);
  }
  Promise.resolve()
    .then(action)
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
