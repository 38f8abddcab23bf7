import type { Database } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Kysely, RawBuilder } from 'kysely';
import { builder } from '../builder.js';
import { type Context, requestCache } from '../context.js';
import { reads } from '../shared/field-marks.js';
import { type Embed, shareEmbedded, withEmbedded } from './embed.js';
import type { AnySelect, Connection, Ordering, PageArgs, ParentKeyType } from './pagination.js';
import { keepPreloaded, PRELOAD, type Preload, preloaded, preloadRelatedLists } from './preload.js';
import { columnsAsked } from './projection.js';
import { paginateAllParentsAtOnce, paginateByParent } from './related-pages.js';
import { nodeSelectionOf } from './selection.js';
import { statementCacheOf } from './statement-cache.js';

/**
 * The `load` function of a related list: given the keys of every parent on the page, one
 * statement fetches a page of children for each. `loadByParent` makes it a field's resolver.
 */
export function relationLoader<Row, Args extends PageArgs = PageArgs>(relation: {
  /**
   * The children of one parent (`parentKey`); or, with `allParentsAtOnce`, of every parent
   * (`parentKey` is then an array of keys), each selecting its parent's key as `_parent`.
   */
  children: (
    db: Kysely<Database>,
    parentKey: RawBuilder<never>,
    args: Args,
    /** What the operation asks, for the columns it needs. */
    info?: GraphQLResolveInfo,
  ) => AnySelect<Row>;
  /** Each parent has a few children: read them all and number them (`paginateAllParentsAtOnce`). */
  allParentsAtOnce?: boolean;
  ordering: Ordering | ((args: Args) => Ordering);
  parentKeyType?: ParentKeyType;
  /** To-one relations of the children that the query may ask for, read in the same statement. */
  embed?: { table: string; relations: readonly Embed[] };
}) {
  return async (
    keys: readonly (string | number)[],
    ctx: Context,
    args: Args,
    info?: GraphQLResolveInfo,
  ): Promise<Connection<Row>[]> => {
    const { embed } = relation;
    const cache = info ? statementCacheOf(info, args) : undefined;
    const selection = embed && info ? nodeSelectionOf(info) : undefined;
    const paginate = relation.allParentsAtOnce ? paginateAllParentsAtOnce : paginateByParent;
    const connections = await paginate(
      ctx.db,
      keys,
      relation.parentKeyType ?? 'uuid',
      (parentKey) => {
        const children = relation.children(ctx.db, parentKey, args, info);
        return embed && selection
          ? withEmbedded(children, embed.table, embed.relations, selection, info)
          : children;
      },
      typeof relation.ordering === 'function' ? relation.ordering(args) : relation.ordering,
      args,
      cache,
    );
    const children = connections.flatMap((connection) => connection.nodes);
    if (embed && selection) shareEmbedded(children, embed.relations, ctx);
    // The lists the document reads on these children come in before the children are answered.
    if (info) await preloadRelatedLists(children, ctx, info);
    return connections;
  };
}

type ListLoad<Row, Args> = (
  keys: readonly (string | number)[],
  ctx: Context,
  args: Args,
  info?: GraphQLResolveInfo,
) => Promise<Connection<Row>[]>;

/**
 * The resolver of a related list: every parent at one place in the operation goes to one
 * loader, so one statement pages the children of all of them. A place is known by its field
 * nodes, the array the executor hands every item of a list at that place (graphql-jit fixes it
 * when it compiles the operation; graphql-js memoises it): the same nodes mean the same
 * arguments and the same selection, and finding the loader builds no path string per parent.
 */
export function loadByParent<Row, Args, Parent>(
  load: ListLoad<Row, Args>,
  keyOf: (parent: Parent) => string | number,
) {
  // The field's loaders in a request, one for each place in the operation it is read at.
  const loadersByPlace = requestCache(
    () => new Map<readonly FieldNode[], DataLoader<string | number, Connection<Row>>>(),
  );
  const resolve = (
    parent: Parent,
    args: Args,
    ctx: Context,
    info: GraphQLResolveInfo,
    // biome-ignore lint/suspicious/noExplicitAny: pothos types a connection's shape its own way; this is a `Connection<Row>`
  ): any => {
    const key = keyOf(parent);
    const page = preloaded(ctx, info, key);
    if (page) return page;
    const loaders = loadersByPlace(ctx);
    let loader = loaders.get(info.fieldNodes);
    if (!loader) {
      loader = new DataLoader((keys) => load(keys, ctx, args, info));
      loaders.set(info.fieldNodes, loader);
    }
    return loader.load(key);
  };
  const preload: Preload = async (parents, ctx, args, info) => {
    const keys = [...new Set(parents.map((parent) => keyOf(parent as Parent)))];
    const pages = await load(keys, ctx, args as Args, info);
    keepPreloaded(ctx, info.fieldNodes[0]!, keys, pages as Connection<unknown>[]);
  };
  (resolve as unknown as { [PRELOAD]: Preload })[PRELOAD] = preload;
  return resolve;
}

/**
 * The resolver of a related list: `children` reads the children of every parent on a page in one
 * statement, and each parent's field answers its own page of them.
 */
export function relatedList<Row, Args extends PageArgs = PageArgs, Parent = { id: string }>(
  list: Parameters<typeof relationLoader<Row, Args>>[0] & {
    /** The key of a parent, as the children's statement compares it. */
    parentKey: (parent: Parent) => string | number;
  },
) {
  return loadByParent<Row, Args, Parent>(relationLoader<Row, Args>(list), list.parentKey);
}

// biome-ignore lint/suspicious/noExplicitAny: any object type whose rows have an `id`
type ParentRef = ObjectRef<any, unknown, { id: string }>;
// biome-ignore lint/suspicious/noExplicitAny: a connection object of any node type
type ConnectionRef = ObjectRef<any, any>;

/**
 * Adds a paged list of related records to a type: `field(first, after, last, before)`, loaded
 * for all parents at once by `children` and ordered by `ordering`.
 */
export function addRelatedList<Row>(
  parent: ParentRef,
  field: string,
  options: {
    type: ConnectionRef;
    description: string;
    /** Set on an old name kept for clients written against it. */
    deprecationReason?: string;
    /**
     * The children of one parent. Given `columns` (with `project`), it selects those: the
     * columns of the child table the operation needs, each as `table.column`.
     */
    children: (
      db: Kysely<Database>,
      parentKey: RawBuilder<never>,
      columns: readonly string[],
    ) => AnySelect<Row>;
    /**
     * Each parent has a few children: `children` is given an array of parents' keys and selects
     * the children of all of them, each with its parent's key as `_parent`.
     */
    allParentsAtOnce?: boolean;
    ordering: Ordering;
    embed?: { table: string; relations: readonly Embed[] };
    /** The child's GraphQL type, table and columns, to read only the columns asked for. */
    project?: { type: string; table: string; columns: readonly string[] };
  },
): void {
  const { project } = options;
  const allColumns = project ? project.columns.map((column) => `${project.table}.${column}`) : [];
  // The qualified column lists of each projection, made once per operation and type.
  const qualifiedOf = new WeakMap<readonly string[], readonly string[]>();
  const columnsFor = (info: GraphQLResolveInfo | undefined): readonly string[] => {
    if (!project || !info) return allColumns;
    const needed = columnsAsked(info, project.type, project.columns);
    let columns = qualifiedOf.get(needed);
    if (!columns) {
      columns = needed.map((column) => `${project.table}.${column}`);
      qualifiedOf.set(needed, columns);
    }
    return columns;
  };
  builder.objectField(parent, field, (t) =>
    t.field({
      type: options.type,
      description: options.description,
      deprecationReason: options.deprecationReason,
      args: t.arg.connectionArgs(),
      resolve: loadByParent(
        relationLoader({
          children: (db, parentKey, _args, info) =>
            options.children(db, parentKey, columnsFor(info)),
          ordering: options.ordering,
          ...(options.allParentsAtOnce ? { allParentsAtOnce: true } : {}),
          ...(options.embed ? { embed: options.embed } : {}),
        }),
        (row: { id: string }) => row.id,
      ),
      ...reads(),
    }),
  );
}
