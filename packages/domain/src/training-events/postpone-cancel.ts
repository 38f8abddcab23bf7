import { builder } from '../builder.js';
import { rejectIfInvalid } from '../shared/errors.js';
import { updateColumns } from '../writes/crud.js';
import { type FieldSpecs, validate } from '../writes/fields.js';
import { snapshot } from '../writes/run.js';
import { changeEvent, eventVersionFields, TrainingEventPayload } from './training-event.writes.js';

/** Postponing and cancelling an event that has not taken place. */

const reasonFields: FieldSpecs = {
  reason: { kind: 'text', column: 'reason', max: 1000, multiline: true, description: '' },
};

for (const [verb, status, description] of [
  ['postponeTrainingEvent', 'postponed', 'Postpones an event, to a new date when known.'],
  ['cancelTrainingEvent', 'cancelled', 'Cancels an event that has not taken place.'],
] as const) {
  const Verb = `${verb[0]!.toUpperCase()}${verb.slice(1)}`;
  const Input = builder.inputType(`${Verb}Input`, {
    description,
    fields: (t) => ({
      id: t.id(eventVersionFields.id),
      expectedVersion: t.int(eventVersionFields.expectedVersion),
      reason: t.string({ description: 'Why, for the record (kept in the audit trail).' }),
      ...(status === 'postponed'
        ? { newStartDate: t.field({ type: 'Date', description: 'The new date, if known.' }) }
        : {}),
    }),
  });
  builder.mutationField(verb, (t) =>
    t.field({
      type: TrainingEventPayload,
      description,
      authScopes: { editor: true },
      errors: {},
      args: {
        input: t.arg({
          type: Input,
          required: true,
          description: 'What to store; see its fields.',
        }),
      },
      resolve: (_root, { input }, ctx) => {
        const fields = input as {
          id: string;
          expectedVersion: number;
          reason?: string | null;
          newStartDate?: string | null;
        };
        return changeEvent(ctx, fields, async ({ trx, audit, id, before }) => {
          const { errors } = await validate(trx, reasonFields, fields, 'create');
          if (before.status === 'completed')
            errors.push({
              path: ['input', 'id'],
              message: `A completed event cannot be ${status}.`,
            });
          rejectIfInvalid(errors);
          await updateColumns(trx, 'training_event', id, {
            status,
            ...(fields.newStartDate ? { start_date: fields.newStartDate } : {}),
          });
          await audit({
            action: verb,
            recordType: 'training_event',
            recordId: id,
            before,
            after: {
              ...(await snapshot(trx, 'training_event', id)),
              reason: fields.reason ?? null,
            },
          });
        });
      },
    }),
  );
}
