import type { Database } from '@mch/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  type AnySelect,
  applyBounds,
  applyWindow,
  type Connection,
  type Ordering,
  once,
  type PageArgs,
  type ParentKeyType,
  pageWindow,
  scanDirection,
  toConnection,
  type Window,
} from './pagination.js';
import { type KeysParameter, runCached, type StatementCache } from './statement-cache.js';

/**
 * Pages of a related list for many parents at once: one statement for all of them, whatever
 * their number. Two ways, chosen by the list: a subquery per parent, or all children numbered.
 */

// biome-ignore lint/suspicious/noExplicitAny: the parents are an unnested array, not a table
type Untyped = Kysely<any>;

/**
 * The parents' keys as the server gets them: uuids and integers as one array literal, written
 * at once (`{k1,k2}`; such keys need no quotes), where `pg` would quote and escape each element
 * of an array on every statement. Text keys go as an array.
 */
function keysParameter(keys: readonly (string | number)[], type: ParentKeyType): KeysParameter {
  return { array: keys, sent: type === 'text' ? keys : `{${keys.join(',')}}` };
}

/**
 * One page of a related list for each of many parents, in one statement: a LATERAL subquery
 * per parent walks the index on the relation and stops after a page. The same number of SQL
 * statements answers 5 parents or 500. Each row names its parent by its place in the keys
 * (`_parent`, from 1), a small number where a key would be sent again with every row.
 */
export async function paginateByParent<Row>(
  db: Kysely<Database>,
  parentKeys: readonly (string | number)[],
  parentKeyType: ParentKeyType,
  children: (parentKey: RawBuilder<never>) => AnySelect<Row>,
  ordering: Ordering,
  args: PageArgs,
  /** Statements planned before: a known key skips building the statement. */
  planned?: StatementCache,
): Promise<Connection<Row>[]> {
  const window = pageWindow(args, ordering);
  const parents =
    sql`unnest(cast(${parentKeys} as ${sql.raw(parentKeyType)}[])) with ordinality`.as('parent');
  const parentKey = sql.ref<never>('parent.parent');

  const build = () =>
    (db as unknown as Untyped)
      .selectFrom(parents)
      .innerJoinLateral(
        () =>
          applyWindow(children(parentKey), ordering, window, planned?.cursors ?? true).as('child'),
        (join) => join.onTrue(),
      )
      .selectAll('child')
      .select(sql<number>`parent.ordinality::int`.as('_parent'));
  return pagesFor(db, planned, parentKeys, ordering, window, {
    build,
    keyType: parentKeyType,
    byPosition: true,
    check: () => children(parentKey),
    counts: () =>
      (db as unknown as Untyped)
        .selectFrom(parents)
        .select(parentKey.as('key'))
        .select(() =>
          children(parentKey)
            .clearSelect()
            .select(sql<number>`count(*)::int`.as('count'))
            .as('count'),
        )
        .execute(),
  });
}

/**
 * One page of a related list for each of many parents, in one statement that reads every child
 * of all of them and numbers each parent's children in the list's order. Where each parent has
 * a few children (an event's topics), this costs the server less than a subquery per parent,
 * which starts over for every parent; where a parent may have thousands, page by parent.
 * `children` selects the children of all parents in `parentKeys` (an array), each with its
 * parent's key as `_parent`.
 */
export async function paginateAllParentsAtOnce<Row>(
  db: Kysely<Database>,
  parentKeys: readonly (string | number)[],
  parentKeyType: ParentKeyType,
  children: (parentKeys: RawBuilder<never>) => AnySelect<Row>,
  ordering: Ordering,
  args: PageArgs,
  planned?: StatementCache,
): Promise<Connection<Row>[]> {
  const window = pageWindow(args, ordering);
  const keyArray = sql<never>`cast(${parentKeys} as ${sql.raw(parentKeyType)}[])`;
  const direction = sql.raw(scanDirection(ordering, window));

  const build = () => {
    let all = applyBounds(children(keyArray), ordering, window);
    // The sort keys, which number the rows, come back as the cursors' values.
    ordering.keys.forEach((key, i) => {
      all = all.select(key.sql.as(`_k${i}`)) as AnySelect<Row>;
    });
    const order = sql.join(ordering.keys.map((_, i) => sql`${sql.ref(`c._k${i}`)} ${direction}`));
    const numbered = (db as unknown as Untyped)
      .selectFrom(all.as('c'))
      .selectAll('c')
      .select(sql<number>`row_number() over (partition by c._parent order by ${order})`.as('_n'));
    // Each parent's rows in order, and one more than a page tells that more follow (the page
    // size written into the text, as `applyWindow` does, so that one plan serves every run).
    return (db as unknown as Untyped)
      .selectFrom(numbered.as('n'))
      .selectAll('n')
      .where('n._n', '<=', sql.lit(window.size + 1))
      .orderBy('n._n');
  };
  return pagesFor(db, planned, parentKeys, ordering, window, {
    build,
    keyType: parentKeyType,
    byPosition: false,
    check: () => children(keyArray),
    counts: () =>
      (db as unknown as Untyped)
        .selectFrom(children(keyArray).as('c'))
        .select('c._parent as key')
        .select(sql<number>`count(*)::int`.as('count'))
        .groupBy('c._parent')
        .execute(),
  });
}

/**
 * Runs a page statement for all parents and answers each parent's page. A page of none reads
 * nothing, but building its children's query still refuses a bad filter. The children are
 * counted (one statement, `key` and `count` per parent) only when a client asks for a count.
 */
async function pagesFor<Row>(
  db: Kysely<Database>,
  planned: StatementCache | undefined,
  parentKeys: readonly (string | number)[],
  ordering: Ordering,
  window: Window,
  statement: {
    /** Builds the statement, with `parentKeys` itself as the parameter of the parents' keys. */
    build: () => AnySelect<unknown>;
    keyType: ParentKeyType;
    /** Rows name their parent by its place in the keys (from 1), else by its key. */
    byPosition: boolean;
    check: () => unknown;
    counts: () => Promise<unknown[]>;
  },
): Promise<Connection<Row>[]> {
  let rows: unknown[] = [];
  if (window.size > 0) {
    const keys = keysParameter(parentKeys, statement.keyType);
    rows = await runCached(db, planned, statement.build, keys);
  } else statement.check();
  const counts = once(
    async () =>
      new Map(
        ((await statement.counts()) as Array<{ key: unknown; count: number }>).map((row) => [
          row.key,
          row.count,
        ]),
      ),
  );
  return pagesOf(parentKeys, rows, statement.byPosition, ordering, window, counts);
}

/**
 * Each parent's page, from rows that name their parent in `_parent` (by its place in the keys,
 * from 1, or by its key), in order per parent.
 */
function pagesOf<Row>(
  parentKeys: readonly (string | number)[],
  rows: unknown[],
  byPosition: boolean,
  ordering: Ordering,
  window: Window,
  counts: () => Promise<Map<unknown, number>>,
): Connection<Row>[] {
  const countOf = async (key: unknown) => (await counts()).get(key) ?? 0;
  const page = (list: Row[] | undefined, key: string | number) =>
    toConnection(list ?? [], ordering, window, countOf, key);
  if (byPosition) {
    const lists: Row[][] = parentKeys.map(() => []);
    for (const row of rows as Array<Row & { _parent: number }>) lists[row._parent - 1]!.push(row);
    return parentKeys.map((key, i) => page(lists[i], key));
  }
  const byParent = new Map<unknown, Row[]>();
  for (const row of rows as Array<Row & { _parent: unknown }>) {
    const list = byParent.get(row._parent);
    if (list) list.push(row);
    else byParent.set(row._parent, [row]);
  }
  return parentKeys.map((key) => page(byParent.get(key), key));
}
