#!/usr/bin/env node
// A cluster on one machine, from the packages a user installs with apt: a PostgreSQL primary
// and a streaming replica, Redis, two API replicas and HAProxy in front, all on 127.0.0.1.
//
//   pnpm cluster up [--dir .cluster] [--port 4400]   start it (the API answers at the port)
//   pnpm cluster status                              what runs, and each API's /ready
//   pnpm cluster stop|start api-1|api-2|replica|redis   take one part away, or bring it back
//   pnpm cluster down                                stop everything and remove its data
//
// The README's "Running at scale" section gives the same layout for real machines.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  startPostgres,
  startRedis,
  stopPostgres,
  stopRedis,
  waitFor,
} from './cluster-parts.mjs';

export {
  findPrograms,
  readCluster,
  startApi,
  startPostgres,
  startRedis,
  stopPostgres,
  stopRedis,
} from './cluster-parts.mjs';

const USER = 'mch';
const DATABASE = 'mch';

/**
 * Starts the whole cluster. `ports.base` is the load balancer's port; the API replicas take the
 * next two, PostgreSQL and Redis their own ports beside them. `apiEnv` adds settings to both
 * API replicas (a rate limit, say).
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
    primary: port + 10,
    replica: port + 11,
    redis: port + 20,
  };
  const cluster = {
    dir,
    pgDir,
    programs,
    apiEnv,
    lb: { port: ports.lb, pid: undefined },
    postgres: {
      primary: { port: ports.primary, data: join(pgDir, 'primary') },
      replica: { port: ports.replica, data: join(pgDir, 'replica') },
    },
    redis: { port: ports.redis, pidFile: join(dir, 'redis.pid') },
    apis: ports.apis.map((apiPort, i) => ({ name: `api-${i + 1}`, port: apiPort, pid: undefined })),
    urls: {
      lb: `http://127.0.0.1:${ports.lb}/graphql`,
      primary: `postgres://${USER}@127.0.0.1:${ports.primary}/${DATABASE}`,
      replica: `postgres://${USER}@127.0.0.1:${ports.replica}/${DATABASE}`,
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
  const { programs, dir } = cluster;
  const ports = {
    lb: cluster.lb.port,
    apis: cluster.apis.map((api) => api.port),
    primary: cluster.postgres.primary.port,
    replica: cluster.postgres.replica.port,
    redis: cluster.redis.port,
  };
  log(`PostgreSQL primary on 127.0.0.1:${ports.primary}`);
  run(
    join(programs.pg, 'initdb'),
    [
      '-D',
      cluster.postgres.primary.data,
      '-U',
      USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    { server: true },
  );
  startPostgres(cluster, 'primary');
  // How the programs below reach the primary.
  const toPrimary = ['-h', '127.0.0.1', '-p', String(ports.primary), '-U', USER];
  run(join(programs.pg, 'psql'), [
    ...toPrimary,
    '-d',
    'postgres',
    '-qc',
    `create database ${DATABASE}`,
  ]);

  log(`PostgreSQL replica on 127.0.0.1:${ports.replica}, streaming from the primary`);
  run(
    join(programs.pg, 'pg_basebackup'),
    [...toPrimary, '-D', cluster.postgres.replica.data, '-R', '-X', 'stream', '-c', 'fast'],
    { server: true },
  );
  startPostgres(cluster, 'replica');

  log(`Redis on 127.0.0.1:${ports.redis}`);
  await startRedis(cluster);

  // The first replica brings the database up to date and loads the seed; then the second.
  for (const [i, api] of cluster.apis.entries()) {
    log(`API replica ${api.name} on 127.0.0.1:${api.port}`);
    await startApi(cluster, i);
  }

  log(`HAProxy on 127.0.0.1:${ports.lb}`);
  const haproxyPid = join(dir, 'haproxy.pid');
  run(programs.haproxy, ['-f', join(ROOT, 'deploy/haproxy.cfg'), '-D', '-p', haproxyPid], {
    exec: {
      env: {
        ...process.env,
        MCH_LB_ADDRESS: `127.0.0.1:${ports.lb}`,
        MCH_API_1: `127.0.0.1:${ports.apis[0]}`,
        MCH_API_2: `127.0.0.1:${ports.apis[1]}`,
      },
    },
  });
  await waitFor('HAProxy', () => existsSync(haproxyPid));
  cluster.lb.pid = Number(readFileSync(haproxyPid, 'utf8').trim());
  save(cluster);
  await waitFor('the load balancer', () => ready(ports.lb));
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
  kill(cluster.lb.pid);
  for (const api of cluster.apis) kill(api.pid);
  if (existsSync(cluster.redis.pidFile)) kill(Number(readFileSync(cluster.redis.pidFile, 'utf8')));
  for (const which of ['replica', 'primary']) {
    try {
      stopPostgres(cluster, which);
    } catch {}
  }
  const deadline = Date.now() + 10_000;
  while (cluster.apis.some((api) => api.pid && alive(api.pid)) && Date.now() < deadline) {
    await sleep(100);
  }
  for (const api of cluster.apis) kill(api.pid, 'SIGKILL');
  rmSync(cluster.dir, { recursive: true, force: true });
  log('The cluster is stopped and its data removed.');
}

async function status({ dir = join(ROOT, '.cluster') } = {}) {
  const cluster = readCluster(dir);
  if (!cluster) {
    console.log('No cluster runs.');
    return;
  }
  console.log(`load balancer ${cluster.urls.lb}: ${alive(cluster.lb.pid) ? 'running' : 'stopped'}`);
  for (const api of cluster.apis) {
    const answer = await fetch(`http://127.0.0.1:${api.port}/ready`)
      .then((response) => response.json())
      .catch(() => ({ status: 'not answering' }));
    console.log(`${api.name} (127.0.0.1:${api.port}): ${JSON.stringify(answer)}`);
  }
}

const usage = `Usage: pnpm cluster up [--dir DIR] [--port PORT] | status | down [--dir DIR]
       pnpm cluster stop|start api-1|api-2|replica|redis [--dir DIR]

Starts on 127.0.0.1 a PostgreSQL primary and a streaming replica, Redis, two API replicas and
HAProxy in front (the API answers at http://127.0.0.1:PORT/graphql, 4400 by default), or stops
them and removes their data. \`stop\` takes one part away (an API replica is killed outright, the
PostgreSQL replica stopped at once) and \`start\` brings it back, to see the rest carry on.
Needs Debian's postgresql, redis-server and haproxy packages.`;

/** Takes one part of the cluster away, or brings it back. */
async function part(action, name, { dir = join(ROOT, '.cluster') } = {}) {
  const cluster = readCluster(dir);
  if (!cluster) throw new Error('No cluster runs: `pnpm cluster up` first.');
  const api = cluster.apis.findIndex((candidate) => candidate.name === name);
  if (api >= 0) {
    const { pid } = cluster.apis[api];
    if (action === 'stop') {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    } else if (!pid || !alive(pid)) await startApi(cluster, api);
  } else if (name === 'replica') {
    if (action === 'stop') stopPostgres(cluster, 'replica', 'immediate');
    else startPostgres(cluster, 'replica');
  } else if (name === 'redis') {
    if (action === 'stop') await stopRedis(cluster);
    else await startRedis(cluster);
  } else {
    throw new Error(`No part named "${name}": api-1, api-2, replica or redis.`);
  }
  console.log(`${name}: ${action === 'stop' ? 'stopped' : 'started'}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  const option = (name) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const dir = option('dir');
  const port = option('port');
  const actions = {
    up: () => up({ ...(dir ? { dir } : {}), ...(port ? { port: Number(port) } : {}) }),
    down: () => down(dir ? { dir } : {}),
    status: () => status(dir ? { dir } : {}),
    stop: () => part('stop', rest[0], dir ? { dir } : {}),
    start: () => part('start', rest[0], dir ? { dir } : {}),
  };
  const action = actions[command];
  if (!action || rest.includes('--help')) {
    console.log(usage);
    process.exit(action || command === '--help' ? 0 : 1);
  }
  action().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
