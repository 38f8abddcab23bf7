import { startTestApi, type TestApi } from '@mch/test-api';
import { feedReader, moveHorizonPast } from '@mch/test-api/feed';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../shared/global-id.js';
import { advanceHorizon, compactChangeLog, sweepBelowHorizon } from './compaction.js';

/** Moves the horizon to `before` (see `moveHorizonPast`), then removes what it hides. */
async function compact(api: TestApi, before: Date, batchSize?: number) {
  const moves: Array<Awaited<ReturnType<typeof advanceHorizon>>> = [];
  await moveHorizonPast(api, before, async (at) =>
    moves.push(await advanceHorizon(api.database.db, at)),
  );
  const sweep = await sweepBelowHorizon(api.database.db, batchSize ? { batchSize } : {});
  return {
    ...sweep,
    moved: moves.some((move) => move.moved),
    generation: moves.at(-1)!.generation,
  };
}

// The change log's horizon as a sync client meets it: what compaction keeps, the cursor it
// refuses, and the cursors that read on. Each test has a database of its own, since compaction
// changes what every later read sees.

let api: TestApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});
const start = async () => {
  api = await startTestApi();
  return api;
};

const FEED = `query($after: String, $first: Int) {
  changes(after: $after, first: $first, types: [ORGANISATION]) {
    nodes { operation recordId }
    pageInfo { endCursor hasNextPage }
  }
}`;
type FeedChange = { operation: string; recordId: string };

const global = (id: string) => encodeGlobalId('Organisation', id);

/** Organisation writes in SQL, each its own transaction, as the API's writes are. */
function writer(api: TestApi) {
  const db = api.database.db;
  return {
    async create(name: string) {
      const result = await sql<{ id: string }>`
        insert into organisation (name, kind, country_id)
        values (${name}, 'hospital', (select id from country where code = 'UZ')) returning id`.execute(
        db,
      );
      return result.rows[0]!.id;
    },
    update: (id: string) =>
      sql`update organisation set acronym = 'UPD', version = version + 1 where id = ${id}`.execute(
        db,
      ),
    remove: (id: string) => sql`delete from organisation where id = ${id}`.execute(db),
  };
}

/** The database's clock, a few milliseconds after every change made so far. */
async function horizonNow(api: TestApi): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const result = await sql<{ ms: number }>`
    select floor(extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(
    api.database.db,
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return new Date(result.rows[0]!.ms);
}

/** Every change the log holds, in feed order, as `operation record`. */
async function stored(api: TestApi, ids: string[]) {
  const result = await sql<{ entry: string }>`
    select operation || ' ' || record_id as entry from change_log
    where record_id = any(${ids}::uuid[]) order by txid, seq`.execute(api.database.db);
  return result.rows.map((row) => row.entry);
}

/** Every change of the feed for `ids` from no cursor: what a client starting over copies. */
async function fromStart(api: TestApi, ids: string[]) {
  const { changes } = await feedReader<FeedChange>(api, FEED).readOn(null, { first: 1000 });
  const wanted = new Set(ids.map(global));
  return changes.filter((c) => wanted.has(c.recordId)).map((c) => `${c.operation} ${c.recordId}`);
}

describe('the change log horizon', () => {
  it('removes exactly the changes made before the horizon that a copy made now does not need', async () => {
    const api = await start();
    const write = writer(api);
    const kept = await write.create('Fergana Perinatal Centre');
    const changed = await write.create('Andijan Maternity Home');
    await write.update(changed);
    const gone = await write.create('Entered twice');
    await write.remove(gone);
    const renamedLater = await write.create('Namangan Children’s Hospital');
    const before = await horizonNow(api);
    await write.update(renamedLater);
    const ids = [kept, changed, gone, renamedLater];
    const total = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from change_log`.execute(api.database.db))
        .rows[0]!.n;
    // What compaction may remove, counted independently: before the horizon, every tombstone
    // and every change its record changed again after.
    const expectedRemoved = (
      await sql<{ n: number }>`
        select count(*)::int as n from (
          select operation, row_number() over (partition by record_id order by txid desc, seq desc) as nth
          from change_log where changed_at < ${before.toISOString()}::timestamptz
        ) c where c.operation = 'delete' or c.nth > 1`.execute(api.database.db)
    ).rows[0]!.n;
    const totalBefore = await total();

    const report = await compact(api, before, 7);

    expect(report).toMatchObject({ moved: true, finished: true });
    expect(report.removed).toBe(expectedRemoved + 1); // and the create superseded after the horizon
    expect(await total()).toBe(totalBefore - report.removed);
    expect(await stored(api, ids)).toEqual([
      `create ${kept}`,
      `update ${changed}`,
      `update ${renamedLater}`,
    ]);
    // Starting over gives each existing record once: the copy is whole.
    expect(await fromStart(api, ids)).toEqual([
      `CREATE ${global(kept)}`,
      `UPDATE ${global(changed)}`,
      `UPDATE ${global(renamedLater)}`,
    ]);
    // A second run finds nothing more to do.
    expect(await compactChangeLog(api.database.db, before)).toMatchObject({
      moved: false,
      removed: 0,
    });
  });

  it('refuses a cursor older than the horizon with CURSOR_EXPIRED, saying how to start over', async () => {
    const api = await start();
    const write = writer(api);
    const reader = feedReader<FeedChange>(api, FEED);
    const early = await write.create('Khorezm Regional Hospital');
    const stale = await reader.endOfFeed(['ORGANISATION']);
    await write.remove(early);
    const before = await horizonNow(api);
    await write.create('Bukhara Maternity Centre');
    await compact(api, before);

    const answer = await api.query(FEED, { after: stale });
    expect(answer).toEqual({
      data: null,
      errors: [
        {
          message: `This cursor is older than the change log's horizon: changes made before ${before.toISOString()} have been compacted away, and some after the cursor may be among them. Start over: read \`changes\` without \`after\`, and replace your local copy with what it gives.`,
          path: ['changes'],
          locations: [{ line: 2, column: 3 }],
          extensions: { code: 'CURSOR_EXPIRED', argument: 'after', horizon: before.toISOString() },
        },
      ],
    });
  });

  it('reads on exactly once, in order, from a cursor inside the horizon, and from a cursor of before the horizon existed', async () => {
    const api = await start();
    const write = writer(api);
    const reader = feedReader<FeedChange>(api, FEED);
    const old = await write.create('Samarkand Perinatal Centre');
    await write.update(old);
    const before = await horizonNow(api);
    const inside = await reader.endOfFeed(['ORGANISATION']);
    // The same position as cursors were written before the log had a horizon: no generation.
    const [, txid, seq] = JSON.parse(Buffer.from(inside, 'base64url').toString()) as string[];
    const legacy = Buffer.from(JSON.stringify(['changes', txid, seq])).toString('base64url');
    const created = await write.create('Jizzakh Children’s Hospital');
    await write.update(old);
    await write.remove(created);

    expect(await compact(api, before)).toMatchObject({ moved: true });
    const expected = [
      `CREATE ${global(created)}`,
      `UPDATE ${global(old)}`,
      `DELETE ${global(created)}`,
    ];
    for (const cursor of [inside, legacy]) {
      const next = await reader.readUntil(cursor, 3, { first: 1 });
      expect(next.changes.map((c) => `${c.operation} ${c.recordId}`)).toEqual(expected);
    }
  });

  it('shows a client starting over the compacted log while the removal is under way, and expires its cursor only when the horizon moves again', async () => {
    const api = await start();
    const write = writer(api);
    const reader = feedReader<FeedChange>(api, FEED);
    const ids: string[] = [];
    for (const name of ['Nukus', 'Termez', 'Navoi', 'Gulistan']) {
      const id = await write.create(`${name} Perinatal Centre`);
      await write.update(id);
      ids.push(id);
    }
    await write.remove(ids[3]!);
    const before = await horizonNow(api);
    // The horizon moves; nothing is removed yet, but the feed already shows what will remain.
    await moveHorizonPast(api, before, (at) => advanceHorizon(api.database.db, at));
    const everything = await reader.readOn(null, { first: 1000 });
    // One page that ends inside the compacted part, after the first of the three kept.
    const firstPage = await api.data<{
      changes: { nodes: FeedChange[]; pageInfo: { endCursor: string } };
    }>(FEED, { first: everything.changes.length - 2 });
    await sweepBelowHorizon(api.database.db, { batchSize: 100 });
    const cursor = firstPage.changes.pageInfo.endCursor;
    const rest = await reader.readOn(cursor, { first: 1 });
    const mine = new Set(ids.map(global));
    const shown = (changes: FeedChange[]) =>
      changes.filter((c) => mine.has(c.recordId)).map((c) => `${c.operation} ${c.recordId}`);
    expect(shown(firstPage.changes.nodes)).toEqual([`UPDATE ${global(ids[0]!)}`]);
    expect(shown(rest.changes)).toEqual([`UPDATE ${global(ids[1]!)}`, `UPDATE ${global(ids[2]!)}`]);
    expect(shown(everything.changes)).toEqual(ids.slice(0, 3).map((id) => `UPDATE ${global(id)}`));

    // The same cursor, after the horizon moved past it once more: a tombstone may be gone.
    const second = await write.create('Karshi Maternity Home');
    await write.remove(second);
    await write.create('Urgench Maternity Home');
    const later = await horizonNow(api);
    await compact(api, later);
    const expired = await api.query(FEED, { after: cursor });
    expect(expired.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
  });
});
