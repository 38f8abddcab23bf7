import { sql } from 'kysely';
import type { TestApi } from './test-api.js';

/**
 * Reading the change feed in tests. The feed shows a change once every older transaction of the
 * database server has ended, and the test databases share one server with the other test files:
 * a change may appear a moment after its write. The reader polls until it has what it waits for.
 */

interface FeedAnswer<Change> {
  changes: { nodes: Change[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

export function feedReader<Change>(api: TestApi, document: string) {
  /** Every change visible now after a cursor, and the cursor to save. */
  async function readOn(after: string | null, variables: Record<string, unknown> = {}) {
    const changes: Change[] = [];
    let cursor = after;
    for (;;) {
      const page = await api.data<FeedAnswer<Change>>(document, { ...variables, after: cursor });
      changes.push(...page.changes.nodes);
      cursor = page.changes.pageInfo.endCursor;
      if (!page.changes.pageInfo.hasNextPage) return { changes, cursor: cursor! };
    }
  }

  /** Reads on until `count` changes have appeared (or 20 s have passed). */
  async function readUntil(
    after: string | null,
    count: number,
    variables: Record<string, unknown> = {},
  ) {
    const deadline = Date.now() + 20_000;
    const changes: Change[] = [];
    let cursor = after;
    for (;;) {
      const page = await readOn(cursor, variables);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (changes.length >= count || Date.now() > deadline) return { changes, cursor: cursor! };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A cursor after every change stored so far (of `types`, when given). */
  async function endOfFeed(types?: string[]) {
    const stored = await sql<{ n: number }>`
      select count(*)::int as n from change_log
      ${types ? sql`where record_type = any(${types.map((t) => t.toLowerCase())}::text[])` : sql``}`.execute(
      api.database.db,
    );
    return (await readUntil(null, stored.rows[0]!.n, types ? { types } : {})).cursor;
  }

  return { readOn, readUntil, endOfFeed };
}

/**
 * Moves the change log's horizon with `advance` until it covers every change made before
 * `before`: the horizon stops at the oldest transaction still running on the server, which may
 * be another test database's for a moment.
 */
export async function moveHorizonPast(
  api: TestApi,
  before: Date,
  advance: (before: Date) => Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await advance(before);
    const behind = await sql<{ n: number }>`
      select count(*)::int as n from change_log c, change_log_horizon h
      where c.changed_at < ${before.toISOString()}::timestamptz
        and (c.txid, c.seq) > (h.low_txid, h.low_seq)`.execute(api.database.db);
    if (behind.rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error('The horizon did not pass the changes before it.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
