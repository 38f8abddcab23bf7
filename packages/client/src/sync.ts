import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { Client } from './client.js';

/** What a query of the change feed answers: a page of changes and where it ends. */
export interface ChangeFeedPage<Change> {
  changes: { nodes: Change[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

export interface SyncOptions<Change> {
  /** The cursor saved after the last sync; null to start from the beginning of the feed. */
  cursor: string | null;
  /** Changes asked for per request (at most 1000). */
  pageSize?: number;
  /**
   * Applies a page of changes to the local copy and saves the cursor with it. A page is
   * applied whole before the next is asked for; if the process stops in between, the next sync
   * starts from the cursor last saved and applies that page again, so `apply` should give the
   * same result when run twice (set and delete by ID do).
   */
  apply: (changes: Change[], cursor: string) => Promise<void> | void;
}

/**
 * Reads the change feed from a saved cursor until the local copy is up to date, page by page,
 * with any query of the feed (`document`, which takes `$after` and `$first`). Returns the cursor
 * to save and how many changes were applied.
 */
export async function sync<Change>(
  client: Client,
  document: DocumentTypeDecoration<
    ChangeFeedPage<Change>,
    { after?: string | null; first?: number | null }
  > & { toString(): string },
  options: SyncOptions<Change>,
): Promise<{ cursor: string | null; changes: number }> {
  let cursor = options.cursor;
  let applied = 0;
  for (;;) {
    const page = await client.request(document, { after: cursor, first: options.pageSize ?? 500 });
    const { nodes, pageInfo } = page.changes;
    await options.apply(nodes, pageInfo.endCursor);
    applied += nodes.length;
    cursor = pageInfo.endCursor;
    if (!pageInfo.hasNextPage) return { cursor, changes: applied };
  }
}
