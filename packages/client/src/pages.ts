import type { Client, RequestOptions, TypedDocument } from './client.js';

/** The part of a connection the pager reads: its records and where the page ends. */
export interface ConnectionPage<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
}

export interface PagesOptions extends RequestOptions {
  /** Records asked for per request (the API gives at most 100; 20 when unset). */
  pageSize?: number;
  /** Stops after this many pages, whatever is left: a guard for lists that may be huge. */
  maxPages?: number;
  /** Starts after this cursor (one saved from an earlier page) instead of at the beginning. */
  after?: string | null;
}

/**
 * Pages forward through a connection of any query that takes `$first` and `$after`: yields each
 * page's connection, as `select` finds it in the data, until the last. Cancel with `signal`, or
 * stop early by leaving the `for await` loop.
 *
 * ```ts
 * for await (const page of pages(client, EventsDocument, { filter }, (data) => data.trainingEvents)) {
 *   rows.push(...page.nodes);
 * }
 * ```
 */
export async function* pages<
  Result,
  Variables extends { first?: number | null; after?: string | null },
  Node,
>(
  client: Client,
  document: TypedDocument<Result, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  select: (data: Result) => ConnectionPage<Node>,
  options: PagesOptions = {},
): AsyncGenerator<ConnectionPage<Node>, void, undefined> {
  const {
    pageSize,
    maxPages = Number.POSITIVE_INFINITY,
    after: start,
    ...requestOptions
  } = options;
  // The variables are the document's own, less the two the pager sets.
  const request = client.request as (
    document: TypedDocument<Result, Variables>,
    variables: Variables,
    options: RequestOptions,
  ) => Promise<Result>;
  let after = start ?? null;
  for (let page = 0; page < maxPages; page += 1) {
    const data = await request(
      document,
      { ...variables, ...(pageSize ? { first: pageSize } : {}), after } as Variables,
      requestOptions,
    );
    const connection = select(data);
    yield connection;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}

/** Every record of a connection, read page by page with `pages`. */
export async function allNodes<
  Result,
  Variables extends { first?: number | null; after?: string | null },
  Node,
>(
  client: Client,
  document: TypedDocument<Result, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  select: (data: Result) => ConnectionPage<Node>,
  options: PagesOptions = {},
): Promise<Node[]> {
  const nodes: Node[] = [];
  for await (const page of pages(client, document, variables, select, options)) {
    nodes.push(...page.nodes);
  }
  return nodes;
}
