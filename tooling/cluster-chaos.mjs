// Chaos, measured: four writers with idempotency keys write through HAProxy while a part of the
// leader is taken away; then how long writes waited, whether an acknowledged write was lost or
// a write stored twice, and whether the old leader came back as a replica by itself.

import { join } from 'node:path';
import { cutFromEtcd } from './cluster-haproxy.mjs';
import { ROOT, sleep, waitFor } from './cluster-parts.mjs';
import { leader, members, postmasterPid, startPatroni, waitHealthy } from './cluster-patroni.mjs';

const WRITERS = 4;

/**
 * The faults, each on the leader. `heal` runs once writes succeed again and stands for what runs
 * without a person on real machines: systemd starts a killed Patroni again (Debian's
 * patroni.service says Restart=on-failure), and a network cut ends.
 */
export const FAULTS = {
  'PostgreSQL killed (kill -9 of the postmaster)': {
    fault: (_cluster, node) => process.kill(postmasterPid(node), 'SIGKILL'),
    heal: async () => {},
  },
  'Patroni killed (kill -9), PostgreSQL left running': {
    fault: (_cluster, node) => process.kill(node.patroniPid, 'SIGKILL'),
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

/** One write, retried with the same idempotency key until it is acknowledged. */
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
      const body = await response.json().catch(() => ({ errors: [{}] }));
      const id = body.data?.createOrganisation?.organisation?.id;
      if (response.ok && !body.errors && id) return { key, id, startedAt, at: Date.now() };
      const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
      seen[code] = (seen[code] ?? 0) + 1;
    } catch (error) {
      const code = error?.name === 'TimeoutError' ? 'timeout' : 'no answer';
      seen[code] = (seen[code] ?? 0) + 1;
    }
    await sleep(100);
  }
}

/** Four writers, each writing its own keys one after another until `stop()`. */
function startWriters(cluster, token, prefix) {
  const acknowledged = [];
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

/** Two readers asking without a token (queries go to a replica) until `stop()`. */
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
        const body = await response.json();
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

/** The longest time from `from` on during which no write was acknowledged, until recovery. */
function longestWait(acknowledged, from) {
  const times = [from, ...acknowledged.map((ack) => ack.at).filter((at) => at > from)].sort(
    (a, b) => a - b,
  );
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}

async function database(url) {
  const { createDb } = await import(join(ROOT, 'packages/db/dist/index.js'));
  return createDb({ databaseUrl: url });
}

/** One fault on the leader under four writers, measured. */
async function round(cluster, token, kind, n, log) {
  await waitHealthy(cluster);
  const old = await leader(cluster);
  const prefix = `chaos ${Date.now()} ${n}`;
  const writers = startWriters(cluster, token, prefix);
  const readers = startReaders(cluster);
  let healed = false;
  try {
    await waitFor('writes before the fault', () => writers.acknowledged.length >= 2 * WRITERS);
    const faultAt = Date.now();
    await FAULTS[kind].fault(cluster, old);
    // The fault lasts until another server leads; writes succeed again once writes sent after
    // that are acknowledged, as many as there are writers.
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
    await FAULTS[kind].heal(cluster, old);
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
      const rows = await handle.db
        .selectFrom('organisation')
        .select(['id', 'name'])
        .where('name', 'like', `${prefix}-%`)
        .execute();
      const stored = new Set(rows.map((row) => row.id));
      const keys = writers.acknowledged.map(
        (ack) => Buffer.from(ack.id, 'base64').toString().split(':')[1],
      );
      const names = rows.map((row) => row.name);
      const result = {
        kind,
        round: n,
        from: old.name,
        to: newLeader.name,
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
    if (!healed) await FAULTS[kind].heal(cluster, old).catch(() => {});
    await writers.stop();
    await readers.stop();
  }
}

/** `rounds` rounds of each fault in `kinds`; each leaves the cluster whole for the next. */
export async function chaos(
  cluster,
  { rounds = 1, kinds = Object.keys(FAULTS), log = console.log } = {},
) {
  const { createToken } = await import(join(ROOT, 'packages/domain/dist/index.js'));
  const handle = await database(cluster.urls.primary);
  const { token } = await createToken(handle.db, { name: `chaos ${Date.now()}`, role: 'editor' });
  await handle.close();
  const results = [];
  for (let n = 1; n <= rounds; n++) {
    for (const kind of kinds) results.push(await round(cluster, token, kind, n, log));
  }
  await waitHealthy(cluster);
  return results;
}

const seconds = (ms) => (ms === null ? 'no' : `${(ms / 1000).toFixed(1)} s`);

/** The figures as a Markdown table. */
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
