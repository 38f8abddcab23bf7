import { type RawBuilder, sql } from 'kysely';

/**
 * `updatedSince`, which every list's filter takes: the records changed at or after a time, for a
 * client that syncs by time rather than through the change feed. A change to a part of a record
 * (an event's topics, a donation's items) moves its `updatedAt` too.
 */
export const updatedSinceDescription =
  'Only the records created or changed at or after this time (their `updatedAt`).';

/** The condition on a table's `updated_at`. */
export function updatedSince(table: string, since: Date | string): RawBuilder<boolean> {
  const time = new Date(since).toISOString();
  return sql<boolean>`${sql.ref(`${table}.updated_at`)} >= ${time}::timestamptz`;
}
