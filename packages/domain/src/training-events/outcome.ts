import { builder } from '../builder.js';
import { rejectIfInvalid } from '../shared/errors.js';
import { updateColumns } from '../writes/crud.js';
import { type FieldSpecs, reference, validate } from '../writes/fields.js';
import { snapshot } from '../writes/run.js';
import { ParticipantCategory } from './people.js';
import {
  changeEvent,
  eventVersionFields,
  TrainingEventPayload,
  trainingEventFields,
} from './training-event.writes.js';

/** Recording what came of an event: it becomes COMPLETED. */

const ParticipantGroupInput = builder.inputType('ParticipantGroupInput', {
  description: 'Trainees of one profession and their number.',
  fields: (t) => ({
    category: t.field({
      type: ParticipantCategory,
      required: true,
      description: 'Their profession.',
    }),
    description: t.string({
      required: true,
      description: 'Who they were, such as `Midwives of the regional perinatal centre`.',
    }),
    count: t.int({ required: true, description: 'How many took part.' }),
    organisation: t.id({ description: 'Where they came from, when from one organisation.' }),
  }),
});

const RecordOutcomeInput = builder.inputType('RecordTrainingOutcomeInput', {
  description: 'What came of an event: it becomes COMPLETED.',
  fields: (t) => ({
    id: t.id(eventVersionFields.id),
    expectedVersion: t.int(eventVersionFields.expectedVersion),
    participantCount: t.int({ required: true, description: 'How many were trained.' }),
    participantGroups: t.field({
      type: [ParticipantGroupInput],
      description:
        'The trainees by profession; their counts may not add up to more than `participantCount`. Replaces any recorded before.',
    }),
    outcomeSummary: t.string({ description: 'What came of it: feedback, results.' }),
    startDate: t.field({ type: 'Date', description: 'When it took place, if not recorded yet.' }),
    durationMinutes: t.int({ description: 'How long it lasted, in minutes.' }),
  }),
});

/** The outcome's own fields; the date and duration are the event's, as updates set them. */
const outcomeFields: FieldSpecs = {
  participantCount: {
    kind: 'int',
    column: 'participant_count',
    min: 0,
    max: 1_000_000,
    required: true,
    description: '',
  },
  outcomeSummary: {
    kind: 'text',
    column: 'outcome_summary',
    max: 4000,
    multiline: true,
    description: '',
  },
  startDate: trainingEventFields.startDate!,
  durationMinutes: trainingEventFields.durationMinutes!,
};

const groupFields: FieldSpecs = {
  description: { kind: 'text', max: 500, column: 'description', required: true, description: '' },
  count: { kind: 'int', min: 0, max: 1_000_000, column: 'count', required: true, description: '' },
  organisation: reference('Organisation', 'organisation', 'organisation_id', ''),
};

type Group = { category: string; description: string; count: number; organisation?: string | null };

builder.mutationField('recordTrainingOutcome', (t) =>
  t.field({
    type: TrainingEventPayload,
    description:
      'Records that an event took place: participants, their breakdown, feedback. The event becomes COMPLETED.',
    authScopes: { editor: true },
    errors: {},
    args: {
      input: t.arg({
        type: RecordOutcomeInput,
        required: true,
        description: 'What to store; see its fields.',
      }),
    },
    resolve: (_root, { input }, ctx) =>
      changeEvent(ctx, input, async ({ trx, audit, id, before }) => {
        const { values, errors } = await validate(
          trx,
          outcomeFields,
          input as Record<string, unknown>,
          'create',
        );
        const groups: Array<Record<string, unknown>> = [];
        let total = 0;
        for (const [i, group] of ((input.participantGroups ?? []) as Group[]).entries()) {
          const checked = await validate(trx, groupFields, group, 'create', [
            'input',
            'participantGroups',
            String(i),
          ]);
          errors.push(...checked.errors);
          total += group.count;
          groups.push({
            training_event_id: id,
            position: i,
            category: group.category,
            description: group.description,
            count: group.count,
            organisation_id: checked.values.organisation_id ?? null,
          });
        }
        if (total > input.participantCount) {
          errors.push({
            path: ['input', 'participantGroups'],
            message: `The groups add up to ${total}, more than \`participantCount\` (${input.participantCount}).`,
          });
        }
        if (before.status === 'cancelled')
          errors.push({
            path: ['input', 'id'],
            message: 'A cancelled event has no outcome; schedule a new one.',
          });
        if (!values.start_date && !before.start_date)
          errors.push({
            path: ['input', 'startDate'],
            message: 'Give `startDate`: a completed event needs the day it took place.',
          });
        rejectIfInvalid(errors);
        await updateColumns(trx, 'training_event', id, { ...values, status: 'completed' });
        await trx
          .deleteFrom('training_event_participant_group')
          .where('training_event_id', '=', id)
          .execute();
        if (groups.length)
          await trx
            .insertInto('training_event_participant_group')
            .values(groups as never)
            .execute();
        await audit({
          action: 'recordTrainingOutcome',
          recordType: 'training_event',
          recordId: id,
          before,
          after: { ...(await snapshot(trx, 'training_event', id)), participantGroups: groups },
        });
      }),
  }),
);
