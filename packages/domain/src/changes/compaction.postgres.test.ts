import { startTestApi, type TestApi } from '@mch/test-api';
import { feedReader, moveHorizonPast } from '@mch/test-api/feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../shared/global-id.js';
import { advanceHorizon, sweepBelowHorizon } from './compaction.js';

// Compaction on PostgreSQL beside concurrent writers: a reader inside the horizon still gets
// every change exactly once and in order, a client starting over still gets a whole copy, and
// exactly the superseded changes and tombstones before the horizon are removed.

let api: TestApi;
interface Queryable {
  query<Row>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}
type PoolClient = Queryable & { release(): void };
type Pool = Queryable & { connect(): Promise<PoolClient> };
let pool: Pool;
beforeAll(async () => {
  // The reader polls as fast as it can beside eight writers: no rate limit to run into.
  api = await startTestApi({ env: { RATE_LIMIT_POINTS: '0' } });
  pool = api.database.pool as unknown as Pool;
});
afterAll(() => api.stop());

const FEED = `query($after: String, $first: Int) {
  changes(after: $after, first: $first, types: [ORGANISATION]) {
    nodes { operation recordId }
    pageInfo { endCursor hasNextPage }
  }
}`;
const TYPES = ['ORGANISATION'];
const encode = (id: string) => encodeGlobalId('Organisation', id);
const UZ = `(select id from country where code = 'UZ')`;

describe('compaction beside concurrent writers', () => {
  it('keeps a reader inside the horizon exactly once and in order, and a client starting over whole, while 8 writers write', async () => {
    // Before the horizon: 3000 organisations created, each updated, 500 of them deleted, over
    // 32 transactions.
    await pool.query(
      `insert into organisation (name, kind, country_id)
       select 'Old ' || g, 'hospital', ${UZ} from generate_series(1, 3000) g`,
    );
    for (let part = 0; part < 30; part++) {
      await pool.query(
        `update organisation set acronym = 'OLD' where name like 'Old %'
         and substr(name, 5)::int % 30 = $1`,
        [part],
      );
    }
    await pool.query(
      `delete from organisation where name like 'Old %' and substr(name, 5)::int <= 500`,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = new Date(
      (
        await pool.query<{ ms: number }>(
          'select floor(extract(epoch from clock_timestamp()) * 1000)::float8 as ms',
        )
      ).rows[0]!.ms,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const start = await feedReader(api, FEED).endOfFeed(TYPES);
    await moveHorizonPast(api, before, (at) => advanceHorizon(api.database.db, at));

    let done = false;
    const feed = () => feedReader<{ operation: string; recordId: string }>(api, FEED);
    // The reader inside the horizon polls all the while, saving its cursor after each page.
    const seen: string[] = [];
    const reader = (async () => {
      let cursor = start;
      while (!done) {
        const page = await feed().readOn(cursor, { first: 1000 });
        seen.push(...page.changes.map((c) => `${c.operation} ${c.recordId}`));
        cursor = page.cursor;
      }
      return cursor;
    })();
    // A client starting over reads from no cursor in small pages, keeping a copy of the IDs.
    const copy = new Set<string>();
    const keep = (changes: Array<{ operation: string; recordId: string }>) => {
      for (const change of changes) {
        if (change.operation === 'DELETE') copy.delete(change.recordId);
        else copy.add(change.recordId);
      }
    };
    const startingOver = (async () => {
      let cursor: string | null = null;
      for (;;) {
        // Once the writers are done, one more read to the end of the feed is the last.
        const last = done;
        const read = await feed().readOn(cursor, { first: 100 });
        keep(read.changes);
        cursor = read.cursor;
        if (last) return cursor;
      }
    })();
    // The removal, in batches of 50, beside them.
    const sweeping = sweepBelowHorizon(api.database.db, { batchSize: 50 });

    const writers = 8;
    const perWriter = 20;
    const rolledBack: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let n = 0; n < perWriter; n++) {
            await client.query('begin');
            const id = (
              await client.query<{ id: string }>(
                `insert into organisation (name, kind, country_id) values ($1, 'hospital', ${UZ}) returning id`,
                [`Writer ${w} record ${n}`],
              )
            ).rows[0]!.id;
            await client.query('select pg_sleep($1)', [((w * 7 + n * 3) % 10) / 1000]);
            if (n === 4) {
              await client.query('rollback');
              rolledBack.push(id);
            } else {
              await client.query('commit');
            }
            if (n % 10 === 9) {
              await client.query(`update organisation set acronym = 'UPD' where id = $1`, [id]);
            }
            if (n === 7) await client.query('delete from organisation where id = $1', [id]);
          }
        } finally {
          client.release();
        }
      }),
    );
    const sweep = await sweeping;
    done = true;
    const readerEnd = await reader;
    const startedOverTo = await startingOver;

    // Every writer's change, in feed order; the last may wait a moment for other databases'
    // transactions on the server.
    const expected = (
      await pool.query<{ operation: string; record_id: string }>(
        `select c.operation, c.record_id from change_log c
         where c.record_type = 'organisation'
           and (c.txid, c.seq) > (select low_txid, low_seq from change_log_horizon)
         order by c.txid, c.seq`,
      )
    ).rows.map((row) => `${row.operation.toUpperCase()} ${encode(row.record_id)}`);
    const last = await feed().readUntil(readerEnd, expected.length - seen.length, { first: 1000 });
    seen.push(...last.changes.map((c) => `${c.operation} ${c.recordId}`));
    // 8 x 20 transactions, one rolled back each: 152 creations, 16 updates, 8 deletions.
    expect(expected).toHaveLength(176);
    expect(seen).toEqual(expected);
    expect(seen.some((change) => rolledBack.some((id) => change.endsWith(encode(id))))).toBe(false);

    // Before the horizon, each remaining old organisation keeps its one update; nothing else.
    expect(sweep.finished).toBe(true);
    const old = await pool.query<{ operation: string; n: number }>(
      `select c.operation, count(*)::int as n from change_log c
       where c.record_type = 'organisation'
         and (c.record_id in (select id from organisation where name like 'Old %')
           or c.record_id not in (select id from organisation))
       group by c.operation order by c.operation`,
    );
    // The deleted writers' records keep their create and delete: they are after the horizon.
    expect(old.rows).toEqual([
      { operation: 'create', n: 8 },
      { operation: 'delete', n: 8 },
      { operation: 'update', n: 2500 },
    ]);

    // The client that started over, once it has read what is now visible, holds every
    // organisation there is, no more.
    keep((await feed().readOn(startedOverTo, { first: 1000 })).changes);
    const organisations = await pool.query<{ id: string }>('select id from organisation');
    expect([...copy].sort()).toEqual(organisations.rows.map((row) => encode(row.id)).sort());
  }, 180_000);
});
