import { builder } from '../builder.js';
import { reads } from './field-marks.js';

/** The bookkeeping columns every stored record carries. */
export interface RecordRow {
  /** As PostgreSQL writes it; the DateTime scalar turns it into ISO 8601. */
  created_at: string;
  updated_at: string;
  version: number;
}

/** The interface of every stored record: when it was made and changed, and its version. */
export const RecordInterface = builder.interfaceRef<RecordRow>('Record').implement({
  description: 'A stored record of the graph, with its history in brief.',
  fields: (t) => ({
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the record was first stored.',
      resolve: (row) => row.created_at,
      ...reads('created_at'),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the record was last changed.',
      resolve: (row) => row.updated_at,
      ...reads('updated_at'),
    }),
    version: t.int({
      description:
        'Grows by one with every change. Send it back with an update, so that a change made meanwhile by someone else is never overwritten unseen.',
      resolve: (row) => row.version,
      ...reads('version'),
    }),
  }),
});
