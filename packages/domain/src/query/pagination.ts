import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';
import { hasControlCharacters } from '../shared/text.js';

/**
 * Keyset pagination, the one way every list of the API pages. A list is a filtered SELECT and an
 * ordering whose last key is unique, so every record has exactly one place and pages never skip
 * or repeat a record when rows are added between requests.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  after?: string | null | undefined;
  before?: string | null | undefined;
}

/** A PostgreSQL type a sort key is compared as, so cursor values are cast back exactly. */
type KeyType = 'date' | 'text' | 'integer' | 'bigint' | 'uuid' | 'double precision' | 'timestamptz';

export interface SortKey {
  /** The key as SQL over the list's rows, such as sql`coalesce(start_date, 'infinity'::date)`. */
  sql: RawBuilder<unknown>;
  type: KeyType;
}

export interface Ordering {
  /** Names the ordering inside cursors, so a cursor of one order is refused by another. */
  name: string;
  /** Sort keys, most significant first; the last one is unique (the primary key). */
  keys: readonly SortKey[];
  direction: 'asc' | 'desc';
}

export interface Edge<Row> {
  cursor: string;
  node: Row;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<Row> {
  /** The page's records, in the list's order. */
  nodes: readonly Row[];
  edges: Edge<Row>[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface Window {
  size: number;
  forward: boolean;
  after: unknown[] | undefined;
  before: unknown[] | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: a list may select from any join of tables
export type AnySelect<Row> = SelectQueryBuilder<any, any, Row>;

export function pageWindow(args: PageArgs, ordering: Ordering): Window {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new ClientError(ErrorCode.BAD_USER_INPUT, 'Pass either `first` or `last`, not both.');
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new ClientError(
        ErrorCode.BAD_USER_INPUT,
        `\`${name}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}. Page through longer lists with cursors.`,
        { argument: name, max: MAX_PAGE_SIZE },
      );
    }
  }
  return {
    size: first ?? last ?? DEFAULT_PAGE_SIZE,
    forward: last == null,
    after: args.after != null ? decodeCursor(args.after, ordering, 'after') : undefined,
    before: args.before != null ? decodeCursor(args.before, ordering, 'before') : undefined,
  };
}

export function encodeCursor(ordering: Ordering, values: readonly unknown[]): string {
  const plain = values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return Buffer.from(JSON.stringify([ordering.name, ...plain]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, ordering: Ordering, argument: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === ordering.keys.length + 1 &&
    parsed[0] === ordering.name &&
    parsed
      .slice(1)
      .every(
        (value) =>
          (typeof value === 'string' && value.length <= 1000 && !hasControlCharacters(value)) ||
          (typeof value === 'number' && Number.isFinite(value)),
      );
  if (!valid) {
    throw new ClientError(
      ErrorCode.INVALID_CURSOR,
      `\`${argument}\` is not a cursor of this list in this order. Use a cursor returned by the same field with the same \`orderBy\`.`,
      { argument },
    );
  }
  return (parsed as unknown[]).slice(1);
}

const keyTuple = (ordering: Ordering) => sql.join(ordering.keys.map((key) => key.sql));

const valueTuple = (ordering: Ordering, values: readonly unknown[]) =>
  sql.join(ordering.keys.map((key, i) => sql`cast(${values[i]} as ${sql.raw(key.type)})`));

/** Keeps the rows after `after` and before `before`, in the list's order. */
export function applyBounds<Row>(query: AnySelect<Row>, ordering: Ordering, window: Window) {
  const ascending = ordering.direction === 'asc';
  let q = query;
  if (window.after) {
    q = q.where(
      sql<boolean>`(${keyTuple(ordering)}) ${sql.raw(ascending ? '>' : '<')} (${valueTuple(ordering, window.after)})`,
    );
  }
  if (window.before) {
    q = q.where(
      sql<boolean>`(${keyTuple(ordering)}) ${sql.raw(ascending ? '<' : '>')} (${valueTuple(ordering, window.before)})`,
    );
  }
  return q;
}

/** The direction rows are read in: the list's own, or its reverse when paging backwards. */
export const scanDirection = (ordering: Ordering, window: Window) =>
  window.forward === (ordering.direction === 'asc') ? 'asc' : 'desc';

/**
 * Applies the cursor bounds, the order and the limit (one extra row tells if more follow); with
 * `cursors`, selects the sort keys the page's cursors are made of.
 */
export function applyWindow<Row>(
  query: AnySelect<Row>,
  ordering: Ordering,
  window: Window,
  cursors: boolean,
) {
  const direction = sql.raw(scanDirection(ordering, window));
  let q = applyBounds(query, ordering, window);
  ordering.keys.forEach((key, i) => {
    if (cursors) q = q.select(key.sql.as(`_k${i}`)) as AnySelect<Row>;
    q = q.orderBy(sql`${key.sql} ${direction}`);
  });
  // The limit is written into the text (it is a checked integer, and a plan is kept per page
  // size anyway): as a parameter, PostgreSQL costs a generic plan as if a tenth of the rows were
  // asked for, finds it dearer, and so plans the statement again on every run.
  return q.limit(sql.lit(window.size + 1));
}

/** The cursor of a row read with its sort keys (`_k0`, `_k1`, ...). */
function cursorOfRow(ordering: Ordering, row: unknown): string {
  const record = row as Record<string, unknown>;
  return encodeCursor(
    ordering,
    ordering.keys.map((_, i) => record[`_k${i}`]),
  );
}

/** An edge whose cursor is encoded only when a client asks for it: most pages are read without. */
class LazyEdge<Row> implements Edge<Row> {
  constructor(
    private readonly ordering: Ordering,
    readonly node: Row,
  ) {}
  get cursor(): string {
    return cursorOfRow(this.ordering, this.node);
  }
}

/**
 * A page as the API answers it. Its edges, page info and cursors are made only when a client
 * reads them; a related list makes one page for every parent, so a page costs one object until
 * then.
 */
class Page<Row> implements Connection<Row> {
  #edges: Edge<Row>[] | undefined;
  constructor(
    readonly nodes: Row[],
    readonly ordering: Ordering,
    readonly window: Window,
    /** True when the statement found a row beyond the page. */
    readonly more: boolean,
    private readonly count: (key: unknown) => Promise<number>,
    private readonly key: unknown,
  ) {}
  get edges(): Edge<Row>[] {
    this.#edges ??= this.nodes.map((node) => new LazyEdge(this.ordering, node));
    return this.#edges;
  }
  get pageInfo(): PageInfo {
    return new PageInfoOf(this);
  }
  totalCount(): Promise<number> {
    return this.count(this.key);
  }
}

class PageInfoOf<Row> implements PageInfo {
  constructor(private readonly page: Page<Row>) {}
  get hasNextPage(): boolean {
    const { window, more } = this.page;
    return window.forward ? more : window.before !== undefined;
  }
  get hasPreviousPage(): boolean {
    const { window, more } = this.page;
    return window.forward ? window.after !== undefined : more;
  }
  get startCursor(): string | null {
    const first = this.page.nodes[0];
    return first === undefined ? null : cursorOfRow(this.page.ordering, first);
  }
  get endCursor(): string | null {
    const last = this.page.nodes.at(-1);
    return last === undefined ? null : cursorOfRow(this.page.ordering, last);
  }
}

export function toConnection<Row>(
  rows: Row[],
  ordering: Ordering,
  window: Window,
  count: (key: unknown) => Promise<number>,
  key?: unknown,
): Page<Row> {
  const more = rows.length > window.size;
  const page = more ? rows.slice(0, window.size) : rows;
  if (!window.forward) page.reverse();
  return new Page(page, ordering, window, more, count, key);
}

/** Counts a list's rows once, however often `totalCount` is read. */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= compute();
    return result;
  };
}

export type ParentKeyType = 'uuid' | 'text' | 'integer';
