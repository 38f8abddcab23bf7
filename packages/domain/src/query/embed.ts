import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { type RawBuilder, sql } from 'kysely';
import type { Context } from '../context.js';
import { ignoresInfo } from '../shared/field-marks.js';
import type { AnySelect } from './pagination.js';
import { columnsAsked } from './projection.js';
import type { Selection } from './selection.js';

/**
 * A to-one relation that can be read in its parent's own statement when the query asks for it:
 * the related row comes back as JSON beside its parent and is put in the request's loader, so
 * the field resolves from memory instead of a statement of its own. Relations of the related
 * row can be read the same way, to any depth the query asks for.
 */
export interface Embed {
  /** The GraphQL field on the parent that returns the related record. */
  field: string;
  /** The parent's column holding the related record's key. */
  foreignKey: string;
  table: string;
  columns: readonly string[];
  /** The type of the related records, and the loader they are put in. */
  loader: { name: string; getDataloader(context: Context): DataLoader<string, unknown> };
  /** Relations of the related record that can be read along with it. */
  nested?: () => readonly Embed[];
}

const PREFIX = '_e_';

/**
 * `(select to_json(j) from (select <columns>, <nested> from <table> where id = <key>) j)`, with
 * only the columns the operation needs of the related type when `info` tells what it asks.
 */
function subselect(
  embed: Embed,
  parentAlias: string,
  depth: number,
  selection: Selection,
  info: GraphQLResolveInfo | undefined,
): RawBuilder<unknown> {
  const alias = `_p${depth}`;
  const wanted = info ? columnsAsked(info, embed.loader.name, embed.columns) : embed.columns;
  const columns = wanted.map((column) => sql.ref(`${alias}.${column}`));
  const nested = (embed.nested?.() ?? [])
    .filter((inner) => selection.has(inner.field))
    .map(
      (inner) =>
        sql`${subselect(inner, alias, depth + 1, selection.get(inner.field)!, info)} as ${sql.ref(`${PREFIX}${inner.field}`)}`,
    );
  return sql`(select to_json(j) from (select ${sql.join([...columns, ...nested])}
    from ${sql.table(embed.table)} as ${sql.ref(alias)}
    where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${parentAlias}.${embed.foreignKey}`)}) as j)`;
}

/** Adds the related rows the selection asks for to a query whose rows come from `table`. */
export function withEmbedded<Row>(
  query: AnySelect<Row>,
  table: string,
  embeds: readonly Embed[],
  selection: Selection,
  info?: GraphQLResolveInfo,
): AnySelect<Row> {
  let q = query;
  for (const embed of embeds) {
    const below = selection.get(embed.field);
    if (!below) continue;
    q = q.select(
      subselect(embed, table, 1, below, info).as(`${PREFIX}${embed.field}`),
    ) as AnySelect<Row>;
  }
  return q;
}

/**
 * Puts the related rows read along with `rows` into the request's loaders, for the fields that
 * reach the same records by key.
 */
export function shareEmbedded(
  rows: readonly unknown[],
  embeds: readonly Embed[],
  context: Context,
): void {
  for (const embed of embeds) {
    const key = `${PREFIX}${embed.field}`;
    const related = rows
      .map(
        (row) =>
          (row as Record<string, unknown>)[key] as Record<string, unknown> | null | undefined,
      )
      .filter((value): value is Record<string, unknown> => value != null);
    if (related.length === 0) continue;
    shareEmbedded(related, embed.nested?.() ?? [], context);
    const loader = embed.loader.getDataloader(context);
    for (const row of related) loader.prime(row.id as string, row);
  }
}

/**
 * The resolver of a to-one relation that can be embedded: the related row itself when it was
 * read along with its parent, answered at once without a loader or a promise; else the key,
 * for the loader. A related row stays on its parent, and its own embedded rows on it.
 */
export function embeddedOr<Row, Key>(field: string, key: (row: Row) => Key): (row: Row) => Key {
  const name = `${PREFIX}${field}`;
  return ignoresInfo(
    (row: Row) => ((row as Record<string, unknown>)[name] as Key | undefined) ?? key(row),
  );
}
