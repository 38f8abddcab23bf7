import type { Database } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Kysely, RawBuilder } from 'kysely';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import {
  type AnySelect,
  type Connection,
  type Ordering,
  type PageArgs,
  type ParentKeyType,
  paginateByParent,
} from './pagination.js';
import { plansOf } from './plans.js';
import { type Prefetch, primeLoaders, withPrefetch } from './prefetch.js';
import { neededColumns, reads } from './projection.js';
import { nodeSelectionOf } from './selection.js';

/**
 * The `load` function of a related list: given the keys of every parent on the page, one
 * statement fetches a page of children for each. Used with `t.loadable({ byPath: true })`, so
 * all parents at one place in the query share the loader and its arguments.
 */
export function relationLoader<Row, Args extends PageArgs = PageArgs>(relation: {
  children: (
    db: Kysely<Database>,
    parentKey: RawBuilder<never>,
    args: Args,
    /** What the operation asks, for the columns it needs. */
    info?: GraphQLResolveInfo,
  ) => AnySelect<Row>;
  ordering: Ordering | ((args: Args) => Ordering);
  parentKeyType?: ParentKeyType;
  /** To-one relations of the children that the query may ask for, read in the same statement. */
  prefetch?: { table: string; relations: readonly Prefetch[] };
}) {
  return async (
    keys: readonly (string | number)[],
    ctx: Context,
    args: Args,
    info?: GraphQLResolveInfo,
  ): Promise<Connection<Row>[]> => {
    const { prefetch } = relation;
    const planned = info ? plansOf(info, args) : undefined;
    const selection = prefetch && info ? nodeSelectionOf(info) : undefined;
    const connections = await paginateByParent(
      ctx.db,
      keys,
      relation.parentKeyType ?? 'uuid',
      (parentKey) => {
        const children = relation.children(ctx.db, parentKey, args, info);
        return prefetch && selection
          ? withPrefetch(children, prefetch.table, prefetch.relations, selection, info)
          : children;
      },
      typeof relation.ordering === 'function' ? relation.ordering(args) : relation.ordering,
      args,
      planned,
    );
    if (prefetch && selection) {
      primeLoaders(
        connections.flatMap((connection) => connection.edges.map((edge) => edge.node)),
        prefetch.relations,
        ctx,
      );
    }
    return connections;
  };
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
    /**
     * The children of one parent. Given `columns` (with `project`), it selects those: the
     * columns of the child table the operation needs, each as `table.column`.
     */
    children: (
      db: Kysely<Database>,
      parentKey: RawBuilder<never>,
      columns: readonly string[],
    ) => AnySelect<Row>;
    ordering: Ordering;
    prefetch?: { table: string; relations: readonly Prefetch[] };
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
    const needed = neededColumns(info, project.type, project.columns);
    let columns = qualifiedOf.get(needed);
    if (!columns) {
      columns = needed.map((column) => `${project.table}.${column}`);
      qualifiedOf.set(needed, columns);
    }
    return columns;
  };
  builder.objectField(parent, field, (t) =>
    t.loadable({
      type: options.type,
      description: options.description,
      byPath: true,
      args: t.arg.connectionArgs(),
      load: relationLoader({
        children: (db, parentKey, _args, info) => options.children(db, parentKey, columnsFor(info)),
        ordering: options.ordering,
        ...(options.prefetch ? { prefetch: options.prefetch } : {}),
      }),
      resolve: (row) => row.id,
      ...reads(),
    }),
  );
}
