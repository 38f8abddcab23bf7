import { createServer, type Server, Socket } from 'node:net';
import { startTestApi, type TestApi } from '@mch/test-api';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Faults of a real PostgreSQL server: connections cut in the middle of transactions, and the
// database out of reach altogether. Nothing acknowledged may be lost, nothing half-written may
// remain, and the API must come back by itself.

const RECORD_DONATION = `mutation($input: RecordDonationInput!) {
  recordDonation(input: $input) {
    __typename
    ... on RecordDonationPayload { replayed donation { title } }
  }
}`;

const donationInput = (title: string) => ({
  title,
  status: 'DELIVERED',
  deliveredOn: '2026-09-01',
  donorCountry: 'CN',
  recipientCountry: 'MZ',
  idempotencyKey: `key ${title}`,
  items: [
    { category: 'MASKS', description: 'Surgical masks', quantity: 20000, unit: 'PIECE' },
    { category: 'TEST_KITS', description: 'Rapid tests', quantity: 500, unit: 'KIT' },
    { category: 'EQUIPMENT', description: 'Fetal monitors', quantity: 4, unit: 'UNIT' },
  ],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('connections terminated in the middle of mutations', () => {
  let api: TestApi;
  let admin: pg.Client;
  beforeAll(async () => {
    api = await startTestApi();
    admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await api.stop();
  });

  it('keeps every acknowledged donation whole, leaves no partial one, and a retry completes the rest', async () => {
    const acknowledged = new Set<string>();
    const failed = new Set<string>();
    const unexpected: string[] = [];
    let faults = 0;
    const rounds = 25;
    const perRound = 12;
    for (let round = 0; round < rounds; round += 1) {
      const writes = Array.from({ length: perRound }, async (_, i) => {
        const title = `Fault round ${round} write ${i}`;
        const answer = await api.query<{ recordDonation: { __typename: string } }>(
          RECORD_DONATION,
          { input: donationInput(title) },
          { token: api.tokens.editor },
        );
        if (answer.data?.recordDonation?.__typename === 'RecordDonationPayload') {
          acknowledged.add(title);
        } else if (answer.errors?.every((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE')) {
          failed.add(title);
        } else {
          unexpected.push(`${title}: ${JSON.stringify(answer)}`);
        }
      });
      await sleep(2 + ((round * 7) % 20));
      const cut = await admin.query<{ n: number }>(
        `select count(*)::int as n from (
           select pg_terminate_backend(pid) as done from pg_stat_activity
           where datname = $1 and pid <> pg_backend_pid()
         ) t where done`,
        [api.databaseName],
      );
      faults += cut.rows[0]!.n;
      await Promise.all(writes);
    }
    expect(unexpected).toEqual([]);
    // The cuts did land in the middle of requests; otherwise this test proves nothing.
    expect(faults).toBeGreaterThan(rounds);
    expect(failed.size).toBeGreaterThan(0);

    const stored = async () => {
      const rows = await api.database.db
        .selectFrom('donation')
        .leftJoin('donation_item', 'donation_item.donation_id', 'donation.id')
        .where('donation.title', 'like', 'Fault round %')
        .groupBy(['donation.id', 'donation.title'])
        .select((eb) => ['donation.title', eb.fn.count<number>('donation_item.id').as('items')])
        .execute();
      return rows.map((row) => ({ title: row.title, items: Number(row.items) }));
    };
    const afterFaults = await stored();
    // No donation without all of its items, none stored twice, and every acknowledged one there.
    expect(afterFaults.filter((row) => row.items !== 3)).toEqual([]);
    expect(new Set(afterFaults.map((row) => row.title)).size).toBe(afterFaults.length);
    const titles = new Set(afterFaults.map((row) => row.title));
    expect([...acknowledged].filter((title) => !titles.has(title))).toEqual([]);
    // A failed request either stored nothing, or committed just before its connection was cut.
    expect([...titles].filter((t) => !acknowledged.has(t) && !failed.has(t))).toEqual([]);

    // Retrying every failed request with its idempotency key stores each one exactly once.
    for (const title of failed) {
      const answer = await api.data<{ recordDonation: { __typename: string; replayed: boolean } }>(
        RECORD_DONATION,
        { input: donationInput(title) },
        { token: api.tokens.editor },
      );
      expect(answer.recordDonation.__typename).toBe('RecordDonationPayload');
    }
    const afterRetries = await stored();
    expect(afterRetries.length).toBe(rounds * perRound);
    expect(afterRetries.filter((row) => row.items !== 3)).toEqual([]);

    // Every stored donation has its audit event, written in the same transaction.
    const audited = await api.database.db
      .selectFrom('audit_event')
      .where('action', '=', 'recordDonation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(rounds * perRound);
    console.info(
      `faults injected: ${faults} connections terminated over ${rounds} rounds; ${acknowledged.size} writes acknowledged, ${failed.size} refused with DATABASE_UNAVAILABLE and retried; lost: 0`,
    );
  });
});

/** A TCP proxy in front of PostgreSQL that can take the database away and bring it back. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        upstream.connect(target.port, target.host, () => {
          client.pipe(upstream);
          upstream.pipe(client);
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    /** Refuses new connections and cuts every open one. */
    async goAway() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    comeBack: listen,
    stop() {
      for (const socket of sockets) socket.destroy();
      server?.close();
    },
  };
}

describe('the database going away and coming back', () => {
  let api: TestApi;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    const target = new URL(inject('postgresUrl'));
    proxy = await startProxy({ host: target.hostname, port: Number(target.port) });
    api = await startTestApi({
      connectThrough: (url) => {
        url.host = `127.0.0.1:${proxy.port}`;
        return url.toString();
      },
    });
  });
  afterAll(async () => {
    proxy.stop();
    await api.stop();
  });

  const countries = '{ countries(first: 2) { nodes { code } } }';

  it('answers DATABASE_UNAVAILABLE and fails /ready while it is away, then recovers by itself', async () => {
    expect((await fetch(`${api.origin}/ready`)).status).toBe(200);
    expect(await api.data(countries)).toEqual({
      countries: { nodes: [{ code: 'AD' }, { code: 'AE' }] },
    });

    await proxy.goAway();
    const ready = await fetch(`${api.origin}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', database: 'postgres' });
    expect((await fetch(`${api.origin}/health`)).status).toBe(200);

    const read = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: countries }),
    });
    const readBody = (await read.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(readBody.errors.map((e) => e.extensions.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(readBody.errors[0]!.message).toMatch(/database is unavailable/);

    const write = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokens.editor}` },
      body: JSON.stringify({
        query:
          'mutation { createTopic(input: { code: "away", name: "Written while away" }) { __typename } }',
      }),
    });
    expect(write.status).toBe(503);
    expect(
      ((await write.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
        .extensions.code,
    ).toBe('DATABASE_UNAVAILABLE');

    await proxy.comeBack();
    let readyAgain = 0;
    for (let attempt = 0; attempt < 50 && readyAgain !== 200; attempt += 1) {
      readyAgain = (await fetch(`${api.origin}/ready`)).status;
      if (readyAgain !== 200) await sleep(100);
    }
    expect(readyAgain).toBe(200);
    expect(await api.data(countries)).toEqual({
      countries: { nodes: [{ code: 'AD' }, { code: 'AE' }] },
    });
    const topic = await api.data<{ createTopic: { __typename: string } }>(
      'mutation { createTopic(input: { code: "back", name: "Written after the return" }) { __typename } }',
      {},
      { token: api.tokens.editor },
    );
    expect(topic.createTopic.__typename).toBe('CreateTopicPayload');
  });
});

describe('a failure of the server’s own making', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('answers INTERNAL_SERVER_ERROR without SQL or stack, and counts it', async () => {
    // A table missing under the server's feet stands for any bug: a statement that fails.
    await sql`alter table topic rename to topic_elsewhere`.execute(api.database.db);
    const answer = await api.query('{ topics(first: 2) { nodes { code } } }');
    await sql`alter table topic_elsewhere rename to topic`.execute(api.database.db);
    expect(answer).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error. The failure was logged; please try again later.',
          locations: [{ line: 1, column: 3 }],
          path: ['topics'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    const metrics = await (await fetch(`${api.origin}/metrics`)).text();
    expect(metrics).toMatch(/^mch_graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} 1$/m);
    const first = await api.database.db
      .selectFrom('topic')
      .select('code')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(await api.data('{ topics(first: 1) { nodes { code } } }')).toEqual({
      topics: { nodes: [{ code: first.code }] },
    });
  });
});
