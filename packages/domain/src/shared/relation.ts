import type { Database } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
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

/**
 * The `load` function of a related list: given the keys of every parent on the page, one
 * statement fetches a page of children for each. Used with `t.loadable({ byPath: true })`, so
 * all parents at one place in the query share the loader and its arguments.
 */
export function relationLoader<Row, Args extends PageArgs = PageArgs>(relation: {
  children: (db: Kysely<Database>, parentKey: RawBuilder<never>, args: Args) => AnySelect<Row>;
  ordering: Ordering | ((args: Args) => Ordering);
  parentKeyType?: ParentKeyType;
}) {
  return (
    keys: readonly (string | number)[],
    ctx: Context,
    args: Args,
  ): Promise<Connection<Row>[]> =>
    paginateByParent(
      ctx.db,
      keys,
      relation.parentKeyType ?? 'uuid',
      (parentKey) => relation.children(ctx.db, parentKey, args),
      typeof relation.ordering === 'function' ? relation.ordering(args) : relation.ordering,
      args,
    );
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
    children: (db: Kysely<Database>, parentKey: RawBuilder<never>) => AnySelect<Row>;
    ordering: Ordering;
  },
): void {
  builder.objectField(parent, field, (t) =>
    t.loadable({
      type: options.type,
      description: options.description,
      byPath: true,
      args: t.arg.connectionArgs(),
      load: relationLoader({ children: options.children, ordering: options.ordering }),
      resolve: (row) => row.id,
    }),
  );
}
