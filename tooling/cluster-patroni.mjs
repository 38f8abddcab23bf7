// @ts-check
// PostgreSQL under Patroni, with etcd for leader election: three servers, one leader and two
// replicas, one of them synchronous, as Debian packages them (patroni, etcd-server).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveCommand } from './cluster-backup.mjs';
import { alive, save, sleep, waitFor } from './cluster-parts.mjs';

/**
 * @typedef {object} Member One server as Patroni's REST API lists it.
 * @property {string} name
 * @property {'leader' | 'sync_standby' | 'replica'} role
 * @property {string} state
 * @property {number} port
 * @property {number} timeline
 * @property {number | 'unknown'} [lag]
 */

export const USER = 'mch';
export const DATABASE = 'mch';

/**
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @param {number} index
 */
function nodeAt(cluster, index) {
  const node = cluster.nodes[index];
  if (!node) throw new Error(`No server ${index + 1}: pg-1, pg-2 or pg-3.`);
  return node;
}

/** The uid and gid PostgreSQL (and so Patroni) runs as: not root, which PostgreSQL refuses. */
function serverIds() {
  if (process.getuid?.() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('There is no `postgres` user to run PostgreSQL as.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts etcd: one member is enough on one machine (three on real machines).
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 */
export async function startEtcd(cluster) {
  const { etcd } = cluster;
  const log = openSync(join(cluster.dir, 'etcd.log'), 'a');
  const child = spawn(
    cluster.programs.etcd,
    [
      '--name=mch',
      `--data-dir=${join(cluster.dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcd.port}`,
      `--advertise-client-urls=http://127.0.0.1:${etcd.port}`,
      `--listen-peer-urls=http://127.0.0.1:${etcd.peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcd.peerPort}`,
      `--initial-cluster=mch=http://127.0.0.1:${etcd.peerPort}`,
      '--log-level=warn',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  etcd.pid = child.pid;
  save(cluster);
  await waitFor('etcd', async () => (await fetch(`http://127.0.0.1:${etcd.port}/health`)).ok);
}

/**
 * Patroni's settings for one server. Leader election: a leader that has not renewed its key in
 * `ttl` seconds is replaced, so writes wait at most about ttl + loop_wait after a leader dies.
 * `synchronous_mode_strict`: a commit is acknowledged only once a second server has it; when no
 * replica is left, writes wait rather than live on one server alone.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @param {import('./cluster-parts.mjs').PostgresNode} node
 */
function patroniSettings(cluster, node) {
  const { pgDir } = cluster;
  return {
    scope: 'mch',
    namespace: '/mch/',
    name: node.name,
    log: { level: 'INFO' },
    restapi: {
      listen: `127.0.0.1:${node.restPort}`,
      connect_address: `127.0.0.1:${node.restPort}`,
    },
    // Each server reaches etcd through a port of its own on HAProxy, so that the chaos test can
    // cut one server off from etcd; `use_proxies` keeps Patroni from going round it.
    etcd3: { hosts: [`127.0.0.1:${node.etcdPort}`], use_proxies: true, protocol: 'http' },
    bootstrap: {
      dcs: {
        ttl: 10,
        loop_wait: 2,
        retry_timeout: 4,
        // A leader whose PostgreSQL crashed is replaced at once: with synchronous replication
        // the synchronous replica has every acknowledged commit.
        primary_start_timeout: 0,
        maximum_lag_on_failover: 16 * 1024 * 1024,
        synchronous_mode: true,
        synchronous_mode_strict: true,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: {
            wal_level: 'replica',
            wal_log_hints: 'on',
            hot_standby: 'on',
            hot_standby_feedback: 'on',
            max_wal_senders: 10,
            max_replication_slots: 10,
            max_connections: 200,
            shared_buffers: '128MB',
            archive_mode: 'on',
            // A partly filled log segment is archived after a minute at most: the recovery point
            // of a restore from the backup repository alone.
            archive_timeout: 60,
          },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums', { auth: 'trust' }],
      pg_hba: [
        'local all all trust',
        'host all all 127.0.0.1/32 trust',
        'host replication all 127.0.0.1/32 trust',
      ],
    },
    postgresql: {
      listen: `127.0.0.1:${node.port}`,
      connect_address: `127.0.0.1:${node.port}`,
      data_dir: node.data,
      bin_dir: cluster.programs.pg,
      pgpass: join(pgDir, `${node.name}.pgpass`),
      authentication: {
        superuser: { username: USER },
        replication: { username: USER },
        rewind: { username: USER },
      },
      parameters: {
        unix_socket_directories: pgDir,
        // Each server archives its own log: the path pgBackRest reads is this server's.
        archive_command: archiveCommand(cluster, node),
      },
      basebackup: [{ checkpoint: 'fast' }],
    },
  };
}

/**
 * Starts Patroni for one server (it starts, promotes, rewinds and follows PostgreSQL).
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @param {number} index
 */
export function startPatroni(cluster, index) {
  const node = nodeAt(cluster, index);
  const config = join(cluster.pgDir, `${node.name}.yml`);
  // JSON is YAML: Patroni reads it as it is.
  writeFileSync(config, JSON.stringify(patroniSettings(cluster, node), null, 2));
  const log = openSync(join(cluster.pgDir, `${node.name}.log`), 'a');
  const child = spawn(cluster.programs.patroni, [config], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd: cluster.pgDir,
    env: { PATH: process.env.PATH, HOME: cluster.pgDir, LANG: 'C.UTF-8' },
    ...serverIds(),
  });
  child.unref();
  node.patroniPid = child.pid;
  save(cluster);
}

/**
 * What Patroni's REST API says of one server, or undefined when it does not answer.
 * @param {import('./cluster-parts.mjs').PostgresNode} node
 * @returns {Promise<any>}
 */
export async function patroniState(node) {
  try {
    const response = await fetch(`http://127.0.0.1:${node.restPort}/patroni`, {
      signal: AbortSignal.timeout(2_000),
    });
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The cluster as Patroni sees it: members with role, state, timeline and lag.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @returns {Promise<Member[]>}
 */
export async function members(cluster) {
  for (const node of cluster.nodes) {
    try {
      const response = await fetch(`http://127.0.0.1:${node.restPort}/cluster`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok)
        return /** @type {{ members?: Member[] }} */ (await response.json()).members ?? [];
    } catch {}
  }
  return [];
}

/**
 * The leader's node, once there is one that runs.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 */
export async function leader(cluster) {
  const leaderMember = (await members(cluster)).find(
    (member) => member.role === 'leader' && member.state === 'running',
  );
  return cluster.nodes.find((node) => node.name === leaderMember?.name);
}

/**
 * The pid of a server's PostgreSQL (the postmaster), from its pid file.
 * @param {import('./cluster-parts.mjs').PostgresNode} node
 */
export function postmasterPid(node) {
  const file = join(node.data, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return pid && alive(pid) ? pid : undefined;
}

/**
 * Waits until a leader runs and both replicas stream from it, the synchronous one included.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 */
export async function waitHealthy(cluster, timeoutMs = 120_000) {
  await waitFor(
    'a leader with two streaming replicas',
    async () => {
      const all = await members(cluster);
      const lead = all.find((member) => member.role === 'leader' && member.state === 'running');
      const replicas = all.filter(
        (member) =>
          member.role !== 'leader' &&
          (member.state === 'streaming' || member.state === 'running') &&
          member.timeline === lead?.timeline,
      );
      return (
        Boolean(lead) && replicas.length === 2 && replicas.some((m) => m.role === 'sync_standby')
      );
    },
    timeoutMs,
  );
}

/**
 * Starts the three servers: the first to take the key in etcd initialises the database.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 */
export async function startServers(cluster) {
  mkdirSync(cluster.pgDir, { recursive: true });
  for (const index of cluster.nodes.keys()) startPatroni(cluster, index);
  await waitHealthy(cluster, 180_000);
}

/**
 * Stops Patroni on one server, and with it its PostgreSQL (`SIGKILL` leaves PostgreSQL up).
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @param {number} index
 * @param {NodeJS.Signals} [signal]
 */
export async function stopPatroni(cluster, index, signal = 'SIGTERM') {
  const node = nodeAt(cluster, index);
  const pid = node.patroniPid;
  if (!pid || !alive(pid)) return;
  process.kill(pid, signal);
  await waitFor(`Patroni of ${node.name} to stop`, () => !alive(pid), 60_000);
}

/**
 * Stops every server: Patroni first (it stops its PostgreSQL), then etcd.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 */
export async function stopServers(cluster) {
  await Promise.all(cluster.nodes.map((_, index) => stopPatroni(cluster, index).catch(() => {})));
  for (const node of cluster.nodes) {
    const pid = postmasterPid(node);
    if (pid) process.kill(pid, 'SIGQUIT');
  }
  if (cluster.etcd.pid && alive(cluster.etcd.pid)) process.kill(cluster.etcd.pid, 'SIGTERM');
  await sleep(0);
}
