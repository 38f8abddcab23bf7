#!/usr/bin/env node
// A cluster on one machine, from the packages a user installs with apt: a PostgreSQL primary
// and a streaming replica, Redis, two API replicas and HAProxy in front, all on 127.0.0.1.
//
//   pnpm cluster up [--dir .cluster] [--port 4400]   start it (the API answers at the port)
//   pnpm cluster status                              what runs, and each API's /ready
//   pnpm cluster down                                stop everything and remove its data
//
// The README's "Running at scale" section gives the same layout for real machines.

import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USER = 'mch';
const DATABASE = 'mch';

/** The folder of PostgreSQL's server programs, or undefined. */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .find((name) => existsSync(join(root, name, 'bin', 'pg_basebackup')));
  return version ? join(root, version, 'bin') : undefined;
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/sbin', '/usr/bin'])
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
}

/** The programs the cluster needs, or the Debian packages that would provide what is missing. */
export function findPrograms() {
  const pg = postgresBin();
  const redis = onPath('redis-server');
  const haproxy = onPath('haproxy');
  const missing = [
    ...(pg ? [] : ['postgresql']),
    ...(redis ? [] : ['redis-server']),
    ...(haproxy ? [] : ['haproxy']),
  ];
  return { pg, redis, haproxy, missing };
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asServer(command, args) {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

function run(command, args, options = {}) {
  const [program, programArgs] = options.server ? asServer(command, args) : [command, args];
  return execFileSync(program, programArgs, { stdio: 'pipe', ...options.exec }).toString();
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

const ready = async (port) => (await fetch(`http://127.0.0.1:${port}/ready`)).ok;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The settings of both PostgreSQL servers; the replica takes them from the primary's copy. */
const postgresSettings = (port, dir) => [
  '-c listen_addresses=127.0.0.1',
  `-p ${port}`,
  `-k ${dir}`,
  '-c wal_level=replica',
  '-c max_wal_senders=10',
  '-c hot_standby=on',
  '-c hot_standby_feedback=on',
  '-c max_connections=200',
  '-c shared_buffers=128MB',
];

/** Starts (or restarts) one PostgreSQL server of the cluster. */
export function startPostgres(cluster, which) {
  const server = cluster.postgres[which];
  run(
    join(cluster.programs.pg, 'pg_ctl'),
    [
      '-D',
      server.data,
      '-l',
      join(cluster.pgDir, `${which}.log`),
      '-w',
      '-t',
      '60',
      '-o',
      postgresSettings(server.port, cluster.pgDir).join(' '),
      'start',
    ],
    { server: true },
  );
}

/** Stops one PostgreSQL server: `fast` by default, `immediate` to pull the plug. */
export function stopPostgres(cluster, which, mode = 'fast') {
  run(
    join(cluster.programs.pg, 'pg_ctl'),
    ['-D', cluster.postgres[which].data, '-m', mode, '-w', 'stop'],
    {
      server: true,
    },
  );
}

/** Starts Redis, in memory only: budgets and last writes need not outlive it. */
export async function startRedis(cluster) {
  run(cluster.programs.redis, [
    '--bind',
    '127.0.0.1',
    '--port',
    String(cluster.redis.port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    cluster.redis.pidFile,
    '--logfile',
    join(cluster.dir, 'redis.log'),
    '--dir',
    cluster.dir,
  ]);
  await waitFor('Redis', () => existsSync(cluster.redis.pidFile));
}

/** Stops Redis (its pid file goes with it). */
export async function stopRedis(cluster) {
  if (!existsSync(cluster.redis.pidFile)) return;
  const pid = Number(readFileSync(cluster.redis.pidFile, 'utf8'));
  if (alive(pid)) process.kill(pid, 'SIGTERM');
  await waitFor('Redis to stop', () => !alive(pid) && !existsSync(cluster.redis.pidFile), 10_000);
}

/** Starts one API replica, detached, logging to its own file. */
export async function startApi(cluster, index) {
  const api = cluster.apis[index];
  const log = openSync(join(cluster.dir, `${api.name}.log`), 'a');
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(api.port),
      INSTANCE_NAME: api.name,
      DATABASE_URL: cluster.urls.primary,
      DATABASE_REPLICA_URL: cluster.urls.replica,
      REDIS_URL: cluster.urls.redis,
      LOG_FORMAT: 'json',
      PLAYGROUND: 'true',
      INTROSPECTION: 'true',
      CORS_ORIGINS: '*',
      SHUTDOWN_GRACE_MS: '1000',
      ...cluster.apiEnv,
    },
  });
  child.unref();
  api.pid = child.pid;
  save(cluster);
  await waitFor(`API replica ${api.name}`, () => ready(api.port));
}

function save(cluster) {
  writeFileSync(join(cluster.dir, 'cluster.json'), `${JSON.stringify(cluster, null, 2)}\n`);
}

/** The cluster started in `dir`, as `up` recorded it. */
export function readCluster(dir = join(ROOT, '.cluster')) {
  const file = join(resolve(dir), 'cluster.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

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
  run(join(programs.pg, 'psql'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(ports.primary),
    '-U',
    USER,
    '-d',
    'postgres',
    '-qc',
    `create database ${DATABASE}`,
  ]);

  log(`PostgreSQL replica on 127.0.0.1:${ports.replica}, streaming from the primary`);
  run(
    join(programs.pg, 'pg_basebackup'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(ports.primary),
      '-U',
      USER,
      '-D',
      cluster.postgres.replica.data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ],
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

Starts on 127.0.0.1 a PostgreSQL primary and a streaming replica, Redis, two API replicas and
HAProxy in front (the API answers at http://127.0.0.1:PORT/graphql, 4400 by default), or stops
them and removes their data. Needs Debian's postgresql, redis-server and haproxy packages.`;

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
