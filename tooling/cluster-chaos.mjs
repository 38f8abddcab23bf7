// @ts-check
// Chaos, measured: four writers with idempotency keys write through HAProxy while a part of the
// leader is taken away; then how long writes waited, whether an acknowledged write was lost or
// a write stored twice, and whether the old leader came back as a replica by itself.

import { join } from 'node:path';
import { cutFromEtcd } from './cluster-haproxy.mjs';
import { ROOT, sleep, waitFor } from './cluster-parts.mjs';
import { leader, members, postmasterPid, startPatroni, waitHealthy } from './cluster-patroni.mjs';

/**
 * @typedef {import('./cluster-parts.mjs').Cluster} Cluster
 * @typedef {import('./cluster-parts.mjs').PostgresNode} PostgresNode
 */
/** @typedef {{ key: string, id: string, startedAt: number, at: number }} Acknowledged */

/**
 * @typedef {object} ChaosResult One fault on the leader, measured.
 * @property {string} kind
 * @property {number} round
 * @property {string} from
 * @property {string} to
 * @property {number} acknowledged
 * @property {number} writesWaitedMs
 * @property {number} recoveredAfterMs
 * @property {number} lost
 * @property {number} duplicates
 * @property {number | null} rejoinedAfterMs
 * @property {number} reads
 * @property {number} readsFailed
 * @property {Record<string, number>} errors
 */

/**
 * @typedef {object} Fault
 * @property {(cluster: Cluster, node: PostgresNode) => unknown} fault
 * @property {(cluster: Cluster, node: PostgresNode) => Promise<void> | void} heal
 */

const WRITERS = 4;

/**
 * @template T
 * @param {T | undefined} value
 * @param {string} missing What to say when it is not there.
 * @returns {T}
 */
function present(value, missing) {
  if (!value) throw new Error(missing);
  return value;
}

/**
 * The faults, each on the leader. `heal` runs once writes succeed again and stands for what runs
 * without a person on real machines: systemd starts a killed Patroni again (Debian's
 * patroni.service says Restart=on-failure), and a network cut ends.
 * @type {Record<string, Fault>}
 */
export const FAULTS = {
  'PostgreSQL killed (kill -9 of the postmaster)': {
    fault: (_cluster, node) =>
      process.kill(present(postmasterPid(node), `No PostgreSQL runs on ${node.name}.`), 'SIGKILL'),
    heal: async () => {},
  },
  'Patroni killed (kill -9), PostgreSQL left running': {
    fault: (_cluster, node) =>
      process.kill(present(node.patroniPid, `No Patroni runs on ${node.name}.`), 'SIGKILL'),
    heal: (cluster, node) => startPatroni(cluster, cluster.nodes.indexOf(node)),
  },
  'leader cut off from etcd': {
    fault: (cluster, node) => cutFromEtcd(cluster, node, true),
    heal: (cluster, node) => cutFromEtcd(cluster, node, false),
  },
};

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { ... on CreateOrganisationPayload { organisation { id } } }
}`;

/**
 * One write, retried with the same idempotency key until it is acknowledged.
 * @param {string} url
 * @param {string} token
 * @param {string} key
 * @param {Record<string, number>} seen
 * @returns {Promise<Acknowledged>}
 */
async function writeUntilAcknowledged(url, token, key, seen) {
  for (;;) {
    const startedAt = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: CREATE,
          variables: { input: { name: key, kind: 'NGO', country: 'MZ', idempotencyKey: key } },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      // HAProxy answers 503 in HTML while no API replica is ready (their database away).
      const body =
        /** @type {{ data?: any, errors?: Array<{ extensions?: { code?: string } }> }} */ (
          await response.json().catch(() => ({ errors: [{}] }))
        );
      const id = body.data?.createOrganisation?.organisation?.id;
      if (response.ok && !body.errors && id) return { key, id, startedAt, at: Date.now() };
      const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
      seen[code] = (seen[code] ?? 0) + 1;
    } catch (error) {
      const code =
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'no answer';
      seen[code] = (seen[code] ?? 0) + 1;
    }
    await sleep(100);
  }
}

/**
 * Four writers, each writing its own keys one after another until `stop()`.
 * @param {Cluster} cluster
 * @param {string} token
 * @param {string} prefix
 */
function startWriters(cluster, token, prefix) {
  /** @type {Acknowledged[]} */
  const acknowledged = [];
  /** @type {Record<string, number>} */
  const seen = {};
  let stopped = false;
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    for (let i = 0; !stopped; i++) {
      acknowledged.push(
        await writeUntilAcknowledged(cluster.urls.lb, token, `${prefix}-${w}-${i}`, seen),
      );
    }
  });
  return {
    acknowledged,
    seen,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

/**
 * Two readers asking without a token (queries go to a replica) until `stop()`.
 * @param {Cluster} cluster
 */
function startReaders(cluster) {
  const state = { reads: 0, failed: 0, stopped: false };
  const readers = Array.from({ length: 2 }, async () => {
    while (!state.stopped) {
      try {
        const response = await fetch(cluster.urls.lb, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ organisations(first: 5) { nodes { name } } }' }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = /** @type {{ errors?: unknown }} */ (await response.json());
        if (!response.ok || body.errors) state.failed++;
      } catch {
        state.failed++;
      }
      state.reads++;
      await sleep(50);
    }
  });
  return Object.assign(state, {
    stop: async () => {
      state.stopped = true;
      await Promise.all(readers);
    },
  });
}

/**
 * The longest time from `from` on during which no write was acknowledged, until recovery.
 * @param {Acknowledged[]} acknowledged
 * @param {number} from
 */
function longestWait(acknowledged, from) {
  const times = [from, ...acknowledged.map((ack) => ack.at).filter((at) => at > from)].sort(
    (a, b) => a - b,
  );
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    longest = Math.max(
      longest,
      /** @type {number} */ (times[i]) - /** @type {number} */ (times[i - 1]),
    );
  }
  return longest;
}

/** @param {string} url */
async function database(url) {
  const { createDb } = await import(join(ROOT, 'packages/db/dist/index.js'));
  return createDb({ databaseUrl: url });
}

/**
 * One fault on the leader under four writers, measured.
 * @param {Cluster} cluster
 * @param {string} token
 * @param {string} kind
 * @param {number} n
 * @param {(line: string) => void} log
 * @returns {Promise<ChaosResult>}
 */
async function round(cluster, token, kind, n, log) {
  await waitHealthy(cluster);
  const fault = present(FAULTS[kind], `No fault named "${kind}".`);
  const old = present(await leader(cluster), 'No leader runs.');
  const prefix = `chaos ${Date.now()} ${n}`;
  const writers = startWriters(cluster, token, prefix);
  const readers = startReaders(cluster);
  let healed = false;
  try {
    await waitFor('writes before the fault', () => writers.acknowledged.length >= 2 * WRITERS);
    const faultAt = Date.now();
    await fault.fault(cluster, old);
    // The fault lasts until another server leads; writes succeed again once writes sent after
    // that are acknowledged, as many as there are writers.
    /** @type {PostgresNode | undefined} */
    let newLeader;
    await waitFor(
      'a new leader',
      async () => {
        newLeader = await leader(cluster);
        return newLeader !== undefined && newLeader.name !== old.name;
      },
      120_000,
    );
    const electedAt = Date.now();
    await waitFor(
      'writes after the fault',
      () => writers.acknowledged.filter((ack) => ack.startedAt > electedAt).length >= WRITERS,
      120_000,
    );
    const recoveredAt = Date.now();
    await fault.heal(cluster, old);
    healed = true;
    await writers.stop();
    await readers.stop();
    const waited = longestWait(writers.acknowledged, faultAt);
    // The old leader back as a replica of the new one, rewound if it had gone ahead.
    let rejoinedAfter = null;
    try {
      await waitFor(
        `${old.name} back as a replica`,
        async () => {
          const all = await members(cluster);
          const lead = all.find((m) => m.role === 'leader');
          const back = all.find((m) => m.name === old.name);
          return (
            lead?.name !== old.name &&
            // Patroni 3.0 says `running` of a replica that streams (later versions `streaming`).
            (back?.state === 'running' || back?.state === 'streaming') &&
            back.role !== 'leader' &&
            back.timeline === lead?.timeline
          );
        },
        120_000,
      );
      rejoinedAfter = Date.now() - faultAt;
    } catch {}
    const handle = await database(cluster.urls.primary);
    try {
      /** @type {Array<{ id: string, name: string }>} */
      const rows = await handle.db
        .selectFrom('organisation')
        .select(['id', 'name'])
        .where('name', 'like', `${prefix}-%`)
        .execute();
      /** @type {Set<string | undefined>} */
      const stored = new Set(rows.map((row) => row.id));
      const keys = writers.acknowledged.map(
        (ack) => Buffer.from(ack.id, 'base64').toString().split(':')[1],
      );
      const names = rows.map((row) => row.name);
      /** @type {ChaosResult} */
      const result = {
        kind,
        round: n,
        from: old.name,
        to: /** @type {PostgresNode} */ (newLeader).name,
        acknowledged: keys.length,
        writesWaitedMs: waited,
        recoveredAfterMs: recoveredAt - faultAt,
        lost: keys.filter((key) => !stored.has(key)).length,
        duplicates: names.length - new Set(names).size,
        rejoinedAfterMs: rejoinedAfter,
        reads: readers.reads,
        readsFailed: readers.failed,
        errors: writers.seen,
      };
      log(JSON.stringify(result));
      return result;
    } finally {
      await handle.close();
    }
  } finally {
    if (!healed) await Promise.resolve(fault.heal(cluster, old)).catch(() => {});
    await writers.stop();
    await readers.stop();
  }
}

/**
 * `rounds` rounds of each fault in `kinds`; each leaves the cluster whole for the next.
 * @param {Cluster} cluster
 * @param {{ rounds?: number, kinds?: string[], log?: (line: string) => void }} [options]
 */
export async function chaos(
  cluster,
  { rounds = 1, kinds = Object.keys(FAULTS), log = console.log } = {},
) {
  const { createToken } = await import(join(ROOT, 'packages/domain/dist/index.js'));
  const handle = await database(cluster.urls.primary);
  const { token } = await createToken(handle.db, { name: `chaos ${Date.now()}`, role: 'editor' });
  await handle.close();
  /** @type {ChaosResult[]} */
  const results = [];
  for (let n = 1; n <= rounds; n++) {
    for (const kind of kinds) results.push(await round(cluster, token, kind, n, log));
  }
  await waitHealthy(cluster);
  return results;
}

/** @param {number | null} ms */
const seconds = (ms) => (ms === null ? 'no' : `${(ms / 1000).toFixed(1)} s`);

/**
 * The figures as a Markdown table.
 * @param {ChaosResult[]} results
 * @param {(line: string) => void} [print]
 */
export function printChaos(results, print = console.log) {
  print(
    '| what was stopped | round | leader | writes waited | acknowledged | lost | duplicates | old leader a replica again after | reads failed | errors the writers saw |',
  );
  print('|---|---:|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const errors = Object.entries(r.errors)
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
    print(
      `| ${r.kind} | ${r.round} | ${r.from} → ${r.to} | ${seconds(r.writesWaitedMs)} | ${r.acknowledged} | ${r.lost} | ${r.duplicates} | ${seconds(r.rejoinedAfterMs)} | ${r.readsFailed} of ${r.reads} | ${errors || 'none'} |`,
    );
  }
}
