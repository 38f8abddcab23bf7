// @ts-check
// The parts of the cluster `cluster.mjs` starts, each started and stopped on its own: the
// programs they need, Redis and an API replica (PostgreSQL is in cluster-patroni.mjs).

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {object} PostgresNode One PostgreSQL server under Patroni.
 * @property {string} name
 * @property {number} port
 * @property {number} restPort Patroni's REST API.
 * @property {number} etcdPort
 * @property {string} data
 * @property {number | undefined} patroniPid
 */

/** @typedef {ReturnType<typeof findPrograms>} Programs */

/**
 * @typedef {object} Cluster A running cluster, as `up` records it in `cluster.json`.
 * @property {string} dir
 * @property {string} pgDir
 * @property {{ [name in Exclude<keyof Programs, 'missing'>]: string } & { missing: string[] }} programs
 * @property {Record<string, string>} apiEnv Settings added to both API replicas.
 * @property {{ lb: number, apis: number[], write: number, read: number, etcd: number, redis: number, restore: number }} ports
 * @property {{ port: number, pid: number | undefined }} lb
 * @property {{ port: number, peerPort: number, pid: number | undefined }} etcd
 * @property {PostgresNode[]} nodes
 * @property {{ repo: string }} backup
 * @property {string[]} restored The data folders of servers restored from a backup.
 * @property {{ port: number, pidFile: string }} redis
 * @property {Array<{ name: string, port: number, pid: number | undefined }>} apis
 * @property {{ lb: string, primary: string, replica: string, redis: string }} urls `primary`
 *   reaches the leader and `replica` the replicas, through HAProxy.
 */

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

/** @param {string} command */
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
  const patroni = onPath('patroni');
  const etcd = onPath('etcd');
  const pgbackrest = onPath('pgbackrest');
  const missing = [
    ...(pg ? [] : ['postgresql']),
    ...(redis ? [] : ['redis-server']),
    ...(haproxy ? [] : ['haproxy']),
    ...(patroni ? [] : ['patroni']),
    ...(etcd ? [] : ['etcd-server']),
    ...(pgbackrest ? [] : ['pgbackrest']),
  ];
  return { pg, redis, haproxy, patroni, etcd, pgbackrest, missing };
}

/**
 * PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user.
 * @param {string} command
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
export function asServer(command, args) {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

/**
 * Runs a program to its end and returns what it printed.
 * @param {string} command
 * @param {string[]} args
 * @param {{ server?: boolean, exec?: import('node:child_process').ExecFileSyncOptions }} [options]
 */
export function run(command, args, options = {}) {
  const [program, programArgs] = options.server ? asServer(command, args) : [command, args];
  return execFileSync(program, programArgs, { stdio: 'pipe', ...options.exec }).toString();
}

/** @param {number} ms @returns {Promise<void>} */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * @param {string} what Named in the error when it does not come.
 * @param {() => unknown} check
 */
export async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** @param {number} port */
export const ready = async (port) => (await fetch(`http://127.0.0.1:${port}/ready`)).ok;

/** @param {number} pid */
export function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A process that has ended but not yet been reaped (a zombie) still takes signals.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Starts Redis, in memory only: budgets and last writes need not outlive it.
 * @param {Cluster} cluster */
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

/**
 * Stops Redis (its pid file goes with it).
 * @param {Cluster} cluster
 */
export async function stopRedis(cluster) {
  if (!existsSync(cluster.redis.pidFile)) return;
  const pid = Number(readFileSync(cluster.redis.pidFile, 'utf8'));
  if (alive(pid)) process.kill(pid, 'SIGTERM');
  await waitFor('Redis to stop', () => !alive(pid) && !existsSync(cluster.redis.pidFile), 10_000);
}

/**
 * Starts one API replica, detached, logging to its own file.
 * @param {Cluster} cluster
 * @param {number} index
 */
export async function startApi(cluster, index) {
  const api = cluster.apis[index];
  if (!api) throw new Error(`No API replica ${index + 1}: api-1 or api-2.`);
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

/** @param {Cluster} cluster */
export function save(cluster) {
  writeFileSync(join(cluster.dir, 'cluster.json'), `${JSON.stringify(cluster, null, 2)}\n`);
}

/**
 * The cluster started in `dir`, as `up` recorded it.
 * @returns {Cluster | undefined}
 */
export function readCluster(dir = join(ROOT, '.cluster')) {
  const file = join(resolve(dir), 'cluster.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}
