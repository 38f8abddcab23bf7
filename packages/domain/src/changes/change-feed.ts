import { type ChangeLogRow, feedTables } from '@mch/db';
import { builder } from '../builder.js';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';
import { encodeGlobalId } from '../shared/global-id.js';
import { typenameOfTable } from '../writes/crud.js';
import { readPage } from './feed-page.js';

/**
 * `changes`: every create, update and delete of the records, for integrators who keep their
 * own copy in step. The feed is read in the order of (writing transaction, sequence), and only
 * as far as the oldest transaction still running: a transaction that began before another but
 * commits after it is never skipped by a reader who already read the other's changes. A saved
 * cursor resumes without missing or repeating a change, as long as it is inside the change
 * log's horizon (`compaction.ts`); an older one is refused with CURSOR_EXPIRED.
 */

/** The most changes one page holds. */
export const MAX_PAGE = 1000;

const ChangeOperation = builder.enumType('ChangeOperation', {
  description: 'What happened to the record.',
  values: {
    CREATE: { value: 'create', description: 'It was created.' },
    UPDATE: {
      value: 'update',
      description: 'It, or a part of it (a topic of an event, an item of a donation), changed.',
    },
    DELETE: { value: 'delete', description: 'It was deleted; `record` is null.' },
  } as const,
});

const ChangeRecordType = builder.enumType('ChangeRecordType', {
  description: 'The types of record the change feed follows.',
  values: Object.fromEntries(
    feedTables.map((table) => [
      table.toUpperCase(),
      { value: table, description: `Changes of records of type \`${typenameOfTable(table)}\`.` },
    ]),
  ),
});

/** A change as the feed gives it: with the horizon's generation it was read under. */
interface FeedEntry extends ChangeLogRow {
  generation: number;
}

/** Where a reader is: a position in the feed, and the horizon's generation it was read under. */
interface Cursor {
  txid: string;
  seq: string;
  generation: number;
}

/** The position of a change in the feed, as an opaque cursor. */
const cursorOf = (at: Cursor) =>
  Buffer.from(JSON.stringify(['changes', at.txid, at.seq, at.generation])).toString('base64url');

/** The largest value a cursor's positions may have: PostgreSQL's bigint. */
const MAX_POSITION = 2n ** 63n - 1n;
const inRange = (value: unknown) =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION;
const isGeneration = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1;

function parseCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // Cursors issued before the log had a horizon have no generation: the first one's, 0.
    if (
      Array.isArray(value) &&
      (value.length === 3 || (value.length === 4 && isGeneration(value[3]))) &&
      value[0] === 'changes' &&
      inRange(value[1]) &&
      inRange(value[2])
    ) {
      return { txid: String(value[1]), seq: String(value[2]), generation: value[3] ?? 0 };
    }
  } catch {
    // Said below.
  }
  throw new ClientError(
    ErrorCode.INVALID_CURSOR,
    '`after` is not a cursor of the change feed; pass an `endCursor` the feed gave you, or leave it out to start from the beginning.',
    { argument: 'after' },
  );
}

/** The start of the feed, before every change: never expired, as nothing was read before it. */
const START: Cursor = { txid: '0', seq: '0', generation: 0 };

const Change = builder.objectRef<FeedEntry>('Change').implement({
  description: 'One create, update or delete of a record.',
  fields: (t) => ({
    operation: t.expose('operation', { type: ChangeOperation, description: 'What happened.' }),
    recordType: t.string({
      description: 'The type of the record, such as `TrainingEvent`.',
      resolve: (row) => typenameOfTable(row.record_type),
    }),
    recordId: t.id({
      description: 'The global ID of the record (it may since have been deleted).',
      resolve: (row) => encodeGlobalId(typenameOfTable(row.record_type), row.record_id),
    }),
    changedAt: t.field({
      type: 'DateTime',
      description: 'When the change was made.',
      resolve: (row) => row.changed_at,
    }),
    record: t.node({
      description:
        'The record as it is now, whatever the change; null once it has been deleted (a tombstone).',
      id: (row) => ({ id: row.record_id, type: typenameOfTable(row.record_type) }),
    }),
  }),
});

const ChangeEdge = builder.objectRef<FeedEntry>('ChangeEdge').implement({
  description: 'A change with its position in the feed.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Resume after this change.',
      resolve: (row) => cursorOf(row),
    }),
    node: t.field({ type: Change, description: 'The change.', resolve: (row) => row }),
  }),
});

interface ChangePage {
  rows: FeedEntry[];
  endCursor: string;
  hasNextPage: boolean;
}

const ChangePageInfo = builder.objectRef<ChangePage>('ChangePageInfo').implement({
  description: 'Where a page of the change feed ends.',
  fields: (t) => ({
    endCursor: t.exposeString('endCursor', {
      description:
        'Save it and pass it as `after` to read on: never null, so an empty page keeps your place.',
    }),
    hasNextPage: t.exposeBoolean('hasNextPage', {
      description: 'True when more changes can be read now; false when you are up to date.',
    }),
  }),
});

const ChangeConnection = builder.objectRef<ChangePage>('ChangeConnection').implement({
  description: 'A page of the change feed, in feed order.',
  fields: (t) => ({
    edges: t.field({
      type: [ChangeEdge],
      description: 'The changes with their cursors.',
      resolve: (page) => page.rows,
    }),
    nodes: t.field({
      type: [Change],
      description: 'The changes of this page, without their cursors.',
      resolve: (page) => page.rows,
    }),
    pageInfo: t.field({
      type: ChangePageInfo,
      description: 'Where the page ends.',
      resolve: (page) => page,
    }),
  }),
});

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeConnection,
    description:
      'Every create, update and delete of the records since a cursor, oldest first, for keeping a copy in step. Changes appear once their transaction and every older one have ended.',
    args: {
      after: t.arg.string({
        description: 'The `endCursor` of the page read last; from the beginning when left out.',
      }),
      first: t.arg.int({
        defaultValue: 100,
        description: `How many changes, at most ${MAX_PAGE}.`,
      }),
      types: t.arg({
        type: [ChangeRecordType],
        description: 'Only changes of these types of record; all when left out.',
      }),
    },
    resolve: async (_root, { after, first, types }, ctx) => {
      const size = first ?? 100;
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
        throw new ClientError(
          ErrorCode.BAD_USER_INPUT,
          `\`first\` must be from 1 to ${MAX_PAGE} (got ${size}).`,
          { argument: 'first' },
        );
      }
      const from = after ? parseCursor(after) : START;
      const page = await readPage(ctx.db, from, size, types ?? null);
      const rows = page.rows.slice(0, size);
      const last = rows.at(-1);
      return {
        rows,
        endCursor: cursorOf({ ...(last ?? from), generation: page.generation }),
        hasNextPage: page.rows.length > size,
      };
    },
  }),
);
