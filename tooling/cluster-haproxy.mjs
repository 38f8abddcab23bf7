// @ts-check
// HAProxy in front of everything: the API's port (deploy/haproxy.cfg), PostgreSQL's write and
// read ports (deploy/haproxy-postgres.cfg), and, on one machine only, a path from each Patroni to
// etcd that can be cut, with HAProxy's runtime socket to cut it and to see what HAProxy sees.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ROOT, ready, run, save, waitFor } from './cluster-parts.mjs';

/** @typedef {import('./cluster-parts.mjs').Cluster} Cluster */

/** @param {Cluster} cluster */
const socketOf = (cluster) => join(cluster.dir, 'haproxy.sock');

/**
 * The part of the configuration that exists only on one machine.
 * @param {Cluster} cluster
 */
function localConfig(cluster) {
  const lines = ['global', `  stats socket ${socketOf(cluster)} mode 600 level admin`, ''];
  for (const node of cluster.nodes) {
    lines.push(
      `listen etcd-${node.name}`,
      `  bind 127.0.0.1:${node.etcdPort}`,
      '  mode tcp',
      '  timeout client 10m',
      '  timeout server 10m',
      `  server etcd 127.0.0.1:${cluster.etcd.port}`,
      '',
    );
  }
  return lines.join('\n');
}

/** @param {Cluster} cluster */
export async function startHaproxy(cluster) {
  const { dir, ports } = cluster;
  const local = join(dir, 'haproxy-local.cfg');
  writeFileSync(local, localConfig(cluster));
  const pidFile = join(dir, 'haproxy.pid');
  const config = ['deploy/haproxy.cfg', 'deploy/haproxy-postgres.cfg'].map((file) =>
    join(ROOT, file),
  );
  run(
    cluster.programs.haproxy,
    [...config.flatMap((file) => ['-f', file]), '-f', local, '-D', '-p', pidFile],
    {
      exec: {
        env: {
          ...process.env,
          MCH_LB_ADDRESS: `127.0.0.1:${ports.lb}`,
          MCH_API_1: `127.0.0.1:${ports.apis[0]}`,
          MCH_API_2: `127.0.0.1:${ports.apis[1]}`,
          MCH_PG_WRITE_ADDRESS: `127.0.0.1:${ports.write}`,
          MCH_PG_READ_ADDRESS: `127.0.0.1:${ports.read}`,
          ...Object.fromEntries(
            cluster.nodes.flatMap((node, i) => [
              [`MCH_PG_${i + 1}`, `127.0.0.1:${node.port}`],
              [`MCH_PATRONI_PORT_${i + 1}`, String(node.restPort)],
            ]),
          ),
        },
      },
    },
  );
  await waitFor('HAProxy', () => existsSync(pidFile));
  cluster.lb.pid = Number(readFileSync(pidFile, 'utf8').trim());
  save(cluster);
}

/**
 * Waits for the API behind the load balancer.
 * @param {Cluster} cluster
 */
export const waitForApi = (cluster) => waitFor('the load balancer', () => ready(cluster.ports.lb));

/**
 * Sends one command to HAProxy's runtime socket and returns its answer.
 * @param {Cluster} cluster
 * @param {string} command
 * @returns {Promise<string>}
 */
export function haproxyCommand(cluster, command) {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketOf(cluster));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(`${command}\n`);
  });
}

/**
 * What HAProxy sees of each PostgreSQL server: up or down, on the write and the read port.
 * @param {Cluster} cluster
 */
export async function haproxyView(cluster) {
  const csv = await haproxyCommand(cluster, 'show stat');
  const [header, ...rows] = csv.trim().split('\n');
  const names = (header ?? '').replace(/^# /, '').split(',');
  return rows
    .map(
      (row) =>
        /** @type {Record<string, string>} */ (
          Object.fromEntries(row.split(',').map((value, i) => [names[i], value]))
        ),
    )
    .filter((row) => row.pxname?.startsWith('postgres-') && row.svname?.startsWith('pg-'))
    .map((row) => ({ port: row.pxname, server: row.svname, status: row.status }));
}

/**
 * Cuts one server off from etcd (its connections closed, new ones refused), or joins it again.
 * @param {Cluster} cluster
 * @param {import('./cluster-parts.mjs').PostgresNode} node
 */
export async function cutFromEtcd(cluster, node, cut = true) {
  const server = `etcd-${node.name}/etcd`;
  if (cut) {
    await haproxyCommand(cluster, `disable server ${server}`);
    await haproxyCommand(cluster, `shutdown sessions server ${server}`);
  } else {
    await haproxyCommand(cluster, `enable server ${server}`);
  }
}
