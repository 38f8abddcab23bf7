import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@mch/db';
import { createToken } from '@mch/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { type Cluster, down, up } from '../../../../tooling/cluster.mjs';

// What the cluster tests share: a cluster as `pnpm cluster up` starts it, on ports of its own,
// and the requests they send it.

/** Whether a port on loopback is free to listen on. */
const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A base port whose 70 neighbours (the cluster's parts) are all free, below the range the system
 * gives outgoing connections (32768 and up), where another program could take one meanwhile.
 */
async function freeBase() {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 120) * 100;
    const ports = Array.from({ length: 70 }, (_, i) => base + i);
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base;
  }
}

/** A cluster of its own; `apiEnv` adds settings to the API replicas (a rate limit, say). */
async function startCluster(apiEnv: Record<string, string> = {}): Promise<Cluster> {
  return up({
    dir: mkdtempSync(join(tmpdir(), 'mch-cluster-')),
    port: await freeBase(),
    apiEnv: { REPLICA_MAX_LAG_MS: '2000', LOG_LEVEL: 'warn', ...apiEnv },
    log: () => {},
  });
}

async function stopCluster(cluster: Cluster | undefined) {
  if (cluster) await down({ dir: cluster.dir, log: () => {} });
}

export interface ClusterUnderTest {
  cluster: Cluster;
  /** A handle on the leader, whichever server it is (HAProxy's write port). */
  primary: DbHandle;
  /** One API replica's own GraphQL endpoint, not through HAProxy. */
  apiUrl(index: number): string;
  /** A new editor's token, named after what the test does. */
  editorToken(name: string): Promise<string>;
}

/**
 * A cluster of the test file's own, started before its tests and stopped after them; its fields
 * are there once the tests run.
 */
export function clusterForFile(apiEnv: Record<string, string>): ClusterUnderTest {
  const under = {
    apiUrl: (index: number) => `http://127.0.0.1:${under.cluster.apis[index]!.port}/graphql`,
    editorToken: async (name: string) =>
      (await createToken(under.primary.db, { name: `${name} ${Date.now()}`, role: 'editor' }))
        .token,
  } as ClusterUnderTest;
  beforeAll(async () => {
    under.cluster = await startCluster(apiEnv);
    under.primary = await onServer(under.cluster.ports.write);
  }, 240_000);
  afterAll(async () => {
    await under.primary?.close();
    await stopCluster(under.cluster);
  }, 60_000);
  return under;
}

/** A database handle on one server of the cluster, by its port. */
export const onServer = (port: number) =>
  createDb({ databaseUrl: `postgres://mch@127.0.0.1:${port}/mch` });

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function ask(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message?: string; extensions?: { code?: string } }>;
  };
  try {
    body = JSON.parse(text);
  } catch {
    // HAProxy's own answer (503) while no API replica is ready.
    body = { errors: [{ message: text, extensions: { code: `HTTP ${response.status}` } }] };
  }
  return { status: response.status, body };
}

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { ... on CreateOrganisationPayload { organisation { id } } }
}`;
export const READ = 'query($id: ID!) { node(id: $id) { ... on Organisation { name } } }';

/** Creates an organisation named `name`, with `name` as its idempotency key. */
export async function create(url: string, token: string, name: string) {
  const { status, body } = await ask(
    url,
    CREATE,
    { input: { name, kind: 'NGO', country: 'MZ', idempotencyKey: name } },
    token,
  );
  const id = (body.data?.createOrganisation as { organisation?: { id: string } } | undefined)
    ?.organisation?.id;
  return { ok: status === 200 && !body.errors && id !== undefined, id, status, body };
}

/** The organisation's key in the database, from its global ID. */
export const keyOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

/** Every table's row count and a digest of its rows, in a stable order. */
export async function digest(handle: DbHandle) {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
    handle.db,
  );
  const digests: Record<string, { n: number; md5: string | null }> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number; md5: string | null }>`
      select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as md5
      from ${sql.table(name)} t`.execute(handle.db);
    digests[name] = rows[0]!;
  }
  return digests;
}
