import { startTestApi, type TestApi } from '@mch/test-api';
import { feedReader } from '@mch/test-api/feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../shared/global-id.js';

const encode = (id: string) => encodeGlobalId('Organisation', id);

// The change feed under concurrent writers on PostgreSQL: transactions that take their sequence
// numbers in one order and commit in another must still reach a reader exactly once.

let api: TestApi;
/** What the test uses of pg's pool and its clients. */
interface Queryable {
  query<Row>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}
type PoolClient = Queryable & { release(): void };
type Pool = Queryable & { connect(): Promise<PoolClient> };

let pool: Pool;
beforeAll(async () => {
  api = await startTestApi();
  pool = api.database.pool as unknown as Pool;
});
afterAll(() => api.stop());

const FEED = `query($after: String, $types: [ChangeRecordType!]) {
  changes(after: $after, first: 1000, types: $types) {
    nodes { operation recordId }
    pageInfo { endCursor hasNextPage }
  }
}`;

const feed = () => feedReader<{ operation: string; recordId: string }>(api, FEED);
const TYPES = ['ORGANISATION'];

const countryId = async (client: PoolClient | Pool) =>
  (await client.query<{ id: string }>(`select id from country where code = 'UZ'`)).rows[0]!.id;

/** An organisation inserted in SQL by a transaction of the caller's. */
async function insertOrganisation(client: PoolClient, name: string): Promise<string> {
  const result = await client.query<{ id: string }>(
    `insert into organisation (name, kind, country_id) values ($1, 'hospital', $2) returning id`,
    [name, await countryId(client)],
  );
  return result.rows[0]!.id;
}

const seqOf = async (id: string) =>
  (
    await pool.query<{ seq: string }>(
      `select seq::text from change_log where record_id = $1 and operation = 'create'`,
      [id],
    )
  ).rows[0]!.seq;

describe('the change feed under concurrent writers', () => {
  it('holds back a change whose transaction is still open, and then gives it, though a later sequence number was read first', async () => {
    const cursor = await feed().endOfFeed(TYPES);
    const early = await pool.connect();
    try {
      // The early transaction takes its sequence number first and stays open.
      await early.query('begin');
      const earlyId = await insertOrganisation(early, 'Early writer');
      // Another writer commits meanwhile, with a later sequence number.
      const late = await pool.connect();
      let lateId: string;
      try {
        lateId = await insertOrganisation(late, 'Late writer');
      } finally {
        late.release();
      }
      // Neither is given yet: the early transaction may still commit.
      const during = await feed().readOn(cursor, { types: TYPES });
      expect(during.changes).toEqual([]);
      await early.query('commit');
      expect(BigInt(await seqOf(earlyId))).toBeLessThan(BigInt(await seqOf(lateId)));

      const after = await feed().readUntil(during.cursor, 2, { types: TYPES });
      expect(after.changes.map((c) => c.operation)).toEqual(['CREATE', 'CREATE']);
      const ids = await pool.query<{ id: string; name: string }>(
        `select id, name from organisation where id = any($1)`,
        [[earlyId, lateId]],
      );
      expect(ids.rowCount).toBe(2);
      expect(after.changes).toHaveLength(2);
    } finally {
      early.release();
    }
  });

  it('reaches a reader polling during 8 writers’ 160 overlapping transactions with every change exactly once', async () => {
    const start = await feed().endOfFeed(TYPES);
    const writers = 8;
    const perWriter = 20;
    // 8 writers x 20 transactions, one rolled back each: 152 creations and 16 updates.
    const expectedCount = writers * (perWriter - 1) + writers * 2;
    let done = false;
    // The reader polls all the while, saving its cursor after each page, as an integrator does.
    const seen: string[] = [];
    const reader = (async () => {
      let cursor: string | null = start;
      while (!done) {
        const page = await feed().readOn(cursor, { types: TYPES });
        seen.push(...page.changes.map((c) => `${c.operation} ${c.recordId}`));
        cursor = page.cursor;
      }
      // The last changes may wait a moment for other databases' transactions on the server.
      const last = await feed().readUntil(cursor, expectedCount - seen.length, { types: TYPES });
      seen.push(...last.changes.map((c) => `${c.operation} ${c.recordId}`));
    })();
    const rolledBack: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let n = 0; n < perWriter; n++) {
            await client.query('begin');
            const id = await insertOrganisation(client, `Writer ${w} record ${n}`);
            // Hold the transaction open for a while, so that others commit across it.
            await client.query('select pg_sleep($1)', [((w * 7 + n * 3) % 10) / 1000]);
            if (n === 4) {
              await client.query('rollback');
              rolledBack.push(id);
            } else {
              await client.query('commit');
            }
            // Every tenth record changes again in a transaction of its own.
            if (n % 10 === 9) {
              await client.query(`update organisation set acronym = 'UPD' where id = $1`, [id]);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    done = true;
    await reader;

    const stored = await pool.query<{ operation: string; record_id: string }>(
      `select c.operation, c.record_id from change_log c
       join organisation o on o.id = c.record_id
       where o.name like 'Writer %'`,
    );
    const expected = stored.rows.map(
      (row) => `${row.operation.toUpperCase()} ${encode(row.record_id)}`,
    );
    expect(stored.rowCount).toBe(expectedCount);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(seen.some((change) => rolledBack.some((id) => change.endsWith(encode(id))))).toBe(false);
  }, 120_000);
});
