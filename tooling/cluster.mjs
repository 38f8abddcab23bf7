#!/usr/bin/env node
// @ts-check
// A cluster on one machine, from the packages a user installs with apt: etcd, three PostgreSQL
// servers under Patroni (a leader and two replicas, one synchronous), Redis, two API replicas and
// HAProxy in front, all on 127.0.0.1; pgBackRest backs it up into a folder. `usage` below lists
// the commands; docs/operators/cluster.md gives the layout for real machines.

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backup, info, restore } from './cluster-backup.mjs';
import { chaos, printChaos } from './cluster-chaos.mjs';
import { down, status, switchover, up } from './cluster-life.mjs';
import {
  alive,
  ROOT,
  readCluster,
  ready,
  save,
  startApi,
  startRedis,
  stopRedis,
  waitFor,
} from './cluster-parts.mjs';
import { startPatroni, stopPatroni } from './cluster-patroni.mjs';

// What the tests and the benchmark use, from one place.
export { backup, info, restore, stopRestored } from './cluster-backup.mjs';
export { chaos, printChaos } from './cluster-chaos.mjs';
export { cutFromEtcd, haproxyView } from './cluster-haproxy.mjs';
export { down, switchover, up } from './cluster-life.mjs';
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
 * @typedef {import('./cluster-parts.mjs').Cluster} Cluster
 * @typedef {import('./cluster-parts.mjs').PostgresNode} PostgresNode
 */
/**
 * @typedef {import('./cluster-patroni.mjs').Member} Member
 * @typedef {import('./cluster-chaos.mjs').ChaosResult} ChaosResult
 */

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

/**
 * Takes one part of the cluster away, or brings it back.
 * @param {import('./cluster-parts.mjs').Cluster} cluster
 * @param {'stop' | 'start'} action
 * @param {string | undefined} name
 */
async function part(cluster, action, name) {
  const apiIndex = cluster.apis.findIndex((candidate) => candidate.name === name);
  const nodeIndex = cluster.nodes.findIndex((candidate) => candidate.name === name);
  const api = cluster.apis[apiIndex];
  const node = cluster.nodes[nodeIndex];
  if (api) {
    const { pid, port } = api;
    if (action === 'stop') {
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      if (pid) await waitFor(`${name} to stop`, () => !alive(pid), 10_000);
    } else if (!(await ready(port).catch(() => false))) {
      // A replica that does not answer may still be ending (a graceful stop takes its time):
      // wait for it, then start a new one.
      if (pid) await waitFor(`the previous ${name} to end`, () => !alive(pid), 30_000);
      await startApi(cluster, apiIndex);
    }
  } else if (node) {
    if (action === 'stop') await stopPatroni(cluster, nodeIndex);
    else if (!alive(node.patroniPid ?? 0)) startPatroni(cluster, nodeIndex);
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
  const option = (/** @type {string} */ name) => {
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
  /** @type {Record<string, () => unknown>} */
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
  const action = actions[command ?? ''];
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
