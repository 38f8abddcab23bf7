import type { Database } from '@mch/db';
import type { InputObjectRef, ObjectRef } from '@pothos/core';
import { builder } from '../builder.js';
import { isTranslatedTable } from '../shared/sql.js';
import { translationLoader } from '../translations/translated-fields.js';
import type { LoadableRef } from './crud.js';
import { createOnce } from './idempotency.js';
import { snapshot, type WriteScope } from './run.js';

type BuilderTypes = typeof builder.$inferSchemaTypes;

/**
 * Adds a mutation that creates one record (`recordDonation`, `createTopic`): editors only;
 * retried safely with the input's `idempotencyKey`; one transaction holding the record, its parts
 * and its audit entry; the record's loaders cleared so the answer shows it as stored.
 */
export function addCreateVerb<Input extends { idempotencyKey?: string | null }>(verb: {
  /** The mutation's name, which is also the audit entry's action. */
  name: string;
  description: string;
  input: InputObjectRef<BuilderTypes, Input>;
  /** Made with `recordPayload(…, { replayed: true })`. */
  payload: ObjectRef<BuilderTypes, { id: string; replayed?: boolean }>;
  ref: LoadableRef;
  table: keyof Database & string;
  /**
   * Checks the input and stores the record in the write's transaction. Returns its key and the
   * parts the audit entry shows beside the record's own columns (items, parties, topics).
   */
  create: (
    trx: WriteScope['trx'],
    input: Omit<Input, 'idempotencyKey'>,
  ) => Promise<{ id: string; parts?: Record<string, unknown> }>;
}): void {
  const { table, ref } = verb;
  builder.mutationField(verb.name, (t) =>
    t.field({
      type: verb.payload,
      description: verb.description,
      authScopes: { editor: true },
      errors: {},
      args: {
        input: t.arg({
          type: verb.input,
          required: true,
          description: 'What to store; see its fields.',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const { input } = args as { input: Input };
        const result = await createOnce(ctx, verb.name, input as never, async ({ trx, audit }) => {
          const { idempotencyKey: _key, ...fields } = input as Input;
          const { id, parts } = await verb.create(trx, fields);
          await audit({
            action: verb.name,
            recordType: table,
            recordId: id,
            before: null,
            after: { ...(await snapshot(trx, table, id)), ...parts },
          });
          return id;
        });
        ref.getDataloader(ctx).clear(result.id);
        if (isTranslatedTable(table)) translationLoader(ctx, table).clear(result.id);
        return result;
      },
    }),
  );
}
