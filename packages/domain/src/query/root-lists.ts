import type { Database } from '@mch/db';
import type { GraphQLResolveInfo } from 'graphql';
import { type Kysely, sql } from 'kysely';
import type { Context } from '../context.js';
import { type Embed, shareEmbedded, withEmbedded } from './embed.js';
import {
  type AnySelect,
  applyWindow,
  type Connection,
  type Ordering,
  once,
  type PageArgs,
  pageWindow,
  toConnection,
} from './pagination.js';
import { nodeSelectionOf } from './selection.js';
import { runCached, type StatementCache, statementCacheOf } from './statement-cache.js';

/** A top-level list of the graph: its rows, their order, and the relations read along with them. */
export interface RootList<Row, Args extends PageArgs> {
  /** The rows the list's arguments let through, as a SELECT (built once per document and arguments). */
  rows: (db: Kysely<Database>, args: Args, info: GraphQLResolveInfo) => AnySelect<Row>;
  ordering: Ordering | ((args: Args) => Ordering);
  /**
   * To-one relations of the rows that the query may ask for, read in the list's own statement
   * (as a function when they are declared after the list).
   */
  embed?: { table: string; relations: readonly Embed[] | (() => readonly Embed[]) };
  /**
   * The arguments that tell one statement from another, when they are not the arguments as
   * given (a search text once parsed, say); the statement cache keeps a statement per value.
   */
  cacheKey?: (args: Args) => object;
}

/**
 * One page of a top-level list. The statement is built the first time a document asks with these
 * arguments; later requests run it from the statement cache.
 */
export async function listPage<Row, Args extends PageArgs>(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: Args,
  list: RootList<Row, Args>,
): Promise<Connection<Row>> {
  const { embed } = list;
  const relations = typeof embed?.relations === 'function' ? embed.relations() : embed?.relations;
  const query = () => {
    const rows = list.rows(ctx.db, args, info);
    return embed && relations
      ? withEmbedded(rows, embed.table, relations, nodeSelectionOf(info), info)
      : rows;
  };
  const ordering = typeof list.ordering === 'function' ? list.ordering(args) : list.ordering;
  const cache = statementCacheOf(info, list.cacheKey ? list.cacheKey(args) : args);
  const page = await paginate(ctx.db, query, ordering, args, cache);
  if (relations) shareEmbedded(page.nodes, relations, ctx);
  return page;
}

/**
 * A list's resolver. Its arguments are the list's own or, for a list without arguments of its
 * own, the open record of page arguments the builder hands it.
 */
type ListResolver<Row, Args> = (
  _root: unknown,
  args: Args | PageArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
) => Promise<Connection<Row>>;

/** The resolver of a top-level list (`t.connection`'s `resolve`). */
export function rootList<Row, Args extends PageArgs>(
  list: RootList<Row, Args>,
): ListResolver<Row, Args> {
  return (_root, args, ctx, info) => listPage(ctx, info, args as Args, list);
}

/**
 * One page of rows: the statement is built (by calling `query`) only when the cache has none for
 * this place and these arguments.
 */
export async function paginate<Row>(
  db: Kysely<Database>,
  query: () => AnySelect<Row>,
  ordering: Ordering,
  args: PageArgs,
  cache: StatementCache | undefined,
): Promise<Connection<Row>> {
  const window = pageWindow(args, ordering);
  let built: AnySelect<Row> | undefined;
  const build = () => {
    built ??= query();
    return built;
  };
  let rows: unknown[] = [];
  if (window.size > 0 || window.after || window.before) {
    rows = await runCached(db, cache, () =>
      applyWindow(build(), ordering, window, cache?.cursors ?? true),
    );
  } else {
    // A page of none reads nothing, but building its query still refuses a bad filter.
    build();
  }
  const totalCount = once(async () => {
    const counted = await build()
      .clearSelect()
      .clearOrderBy()
      .select(sql<number>`count(*)::int`.as('count'))
      .executeTakeFirstOrThrow();
    return (counted as unknown as { count: number }).count;
  });
  return toConnection(rows as Row[], ordering, window, totalCount);
}
