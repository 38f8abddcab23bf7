import { sql } from 'kysely';
import { builder } from '../builder.js';
import { OrganisationRole } from '../shared/enums.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { lockForChange, updateColumns } from '../writes/crud.js';
import { type FieldError, mutationErrors } from '../writes/errors.js';
import {
  type FieldSpecs,
  inputFields,
  validate,
  validateTopicCodes,
  validateValue,
} from '../writes/fields.js';
import { trainingEventFields } from '../writes/resources.js';
import { createOnce, rejectIfInvalid, runWrite, snapshot } from '../writes/run.js';
import { ParticipantCategory, PresenterRole } from './people.js';
import { TrainingEvent } from './training-event.js';

/** The verbs of training events: schedule, record the outcome, postpone, cancel. */

/** What scheduling sets: the fields updates change, phrased for an event still to come. */
const eventFields: FieldSpecs = {
  ...trainingEventFields,
  description: { ...trainingEventFields.description!, description: 'What is to happen.' },
  subdivision: {
    ...trainingEventFields.subdivision!,
    description: 'ISO 3166-2 code of the subdivision, once known.',
  },
  startDate: { ...trainingEventFields.startDate!, description: 'When it is to start, once known.' },
};

const PresenterInput = builder.inputType('PresenterInput', {
  description: 'A presenter: a named person, or the experts of an organisation.',
  fields: (t) => ({
    person: t.id({ description: 'The person, when named.' }),
    organisation: t.id({ description: 'The organisation they come from.' }),
    role: t.field({ type: PresenterRole, required: true, description: 'The part they play.' }),
    profession: t.string({ description: 'Their profession, such as `Obstetrician`.' }),
  }),
});

const ParticipationInput = builder.inputType('ParticipationInput', {
  description: 'An organisation taking part, in one role.',
  fields: (t) => ({
    organisation: t.id({ required: true, description: 'The organisation.' }),
    role: t.field({ type: OrganisationRole, required: true, description: 'Its role.' }),
  }),
});

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

type Presenter = {
  person?: string | null;
  organisation?: string | null;
  role: string;
  profession?: string | null;
};
type Participation = { organisation: string; role: string };
type Group = { category: string; description: string; count: number; organisation?: string | null };

async function validatePresenters(
  db: Parameters<typeof validateValue>[0],
  presenters: Presenter[],
  errors: FieldError[],
) {
  const rows: Array<Record<string, unknown>> = [];
  for (const [i, presenter] of presenters.entries()) {
    const at = ['input', 'presenters', String(i)];
    const row: Record<string, unknown> = {
      position: i,
      role: presenter.role,
      person_id: null,
      organisation_id: null,
      profession: null,
    };
    for (const [name, typename, table, column] of [
      ['person', 'Person', 'person', 'person_id'],
      ['organisation', 'Organisation', 'organisation', 'organisation_id'],
    ] as const) {
      const value = presenter[name];
      if (value == null) continue;
      const checked = await validateValue(
        db,
        { kind: 'reference', typename, table, column, description: '' },
        value,
      );
      if (checked.problem)
        errors.push({ path: [...at, name], message: `\`${name}\` ${checked.problem}.` });
      else row[column] = checked.value;
    }
    if (presenter.person == null && presenter.organisation == null) {
      errors.push({ path: at, message: 'A presenter needs a `person` or an `organisation`.' });
    }
    if (presenter.profession != null) {
      const checked = await validateValue(
        db,
        { kind: 'text', max: 200, column: 'profession', description: '' },
        presenter.profession,
      );
      if (checked.problem)
        errors.push({ path: [...at, 'profession'], message: `\`profession\` ${checked.problem}.` });
      else row.profession = checked.value;
    }
    rows.push(row);
  }
  return rows;
}

async function validateParticipations(
  db: Parameters<typeof validateValue>[0],
  list: Participation[],
  errors: FieldError[],
) {
  const rows: Array<{ organisation_id: string; role: string }> = [];
  for (const [i, item] of list.entries()) {
    const checked = await validateValue(
      db,
      {
        kind: 'reference',
        typename: 'Organisation',
        table: 'organisation',
        column: 'organisation_id',
        description: '',
      },
      item.organisation,
    );
    if (checked.problem)
      errors.push({
        path: ['input', 'participatingOrganisations', String(i), 'organisation'],
        message: `\`organisation\` ${checked.problem}.`,
      });
    else if (!rows.some((row) => row.organisation_id === checked.value && row.role === item.role)) {
      rows.push({ organisation_id: checked.value as string, role: item.role });
    }
  }
  return rows;
}

const ScheduleInput = builder.inputType('ScheduleTrainingEventInput', {
  description: 'A training event to plan: its status is PLANNED until its outcome is recorded.',
  fields: (t) => ({
    ...inputFields(t, eventFields, 'create'),
    topics: t.stringList({ description: 'Topic codes, such as `obstetrics`.' }),
    presenters: t.field({ type: [PresenterInput], description: 'Who is to present, in order.' }),
    participatingOrganisations: t.field({
      type: [ParticipationInput],
      description: 'Organisations taking part.',
    }),
    idempotencyKey: t.string({
      description: 'A unique string; a retry with it creates nothing new.',
    }),
  }),
});

const TrainingEventPayload = builder
  .objectRef<{ id: string; replayed?: boolean }>('TrainingEventPayload')
  .implement({
    description: 'The training event as the mutation left it.',
    fields: (t) => ({
      trainingEvent: t.field({
        type: TrainingEvent,
        description: 'The event, as it is now.',
        resolve: (p) => p.id,
      }),
      replayed: t.boolean({
        description:
          'True when this answers a retry of an earlier request with the same idempotency key.',
        resolve: (p) => p.replayed ?? false,
      }),
    }),
  });

async function writeChildren(
  trx: Parameters<typeof validateValue>[0],
  eventId: string,
  children: {
    topics?: string[];
    presenters?: Array<Record<string, unknown>>;
    participations?: Array<{ organisation_id: string; role: string }>;
  },
) {
  if (children.topics?.length) {
    await trx
      .insertInto('training_event_topic')
      .values(children.topics.map((topic_id) => ({ training_event_id: eventId, topic_id })))
      .execute();
  }
  if (children.presenters?.length) {
    await trx
      .insertInto('training_event_presenter')
      .values(children.presenters.map((p) => ({ ...p, training_event_id: eventId })) as never)
      .execute();
  }
  if (children.participations?.length) {
    await trx
      .insertInto('training_event_participation')
      .values(children.participations.map((p) => ({ ...p, training_event_id: eventId })) as never)
      .execute();
  }
}

builder.mutationField('scheduleTrainingEvent', (t) =>
  t.field({
    type: TrainingEventPayload,
    description:
      'Plans a training event with its topics, presenters and organisations, in one transaction.',
    authScopes: { editor: true },
    errors: {
      types: mutationErrors,
      directResult: true,
      union: { name: 'ScheduleTrainingEventResult' },
    },
    args: { input: t.arg({ type: ScheduleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await createOnce(
        ctx,
        'scheduleTrainingEvent',
        input as never,
        async ({ trx, audit }) => {
          const {
            topics,
            presenters,
            participatingOrganisations,
            idempotencyKey: _key,
            ...fields
          } = input;
          const { values, errors } = await validate(
            trx,
            eventFields,
            fields as Record<string, unknown>,
            'create',
          );
          const topicIds = await validateTopicCodes(trx, topics ?? [], errors, 'topics', 'topic');
          const presenterRows = await validatePresenters(
            trx,
            (presenters ?? []) as Presenter[],
            errors,
          );
          const participationRows = await validateParticipations(
            trx,
            (participatingOrganisations ?? []) as Participation[],
            errors,
          );
          if (values.subdivision_id && values.country_id) {
            const inside = await trx
              .selectFrom('subdivision')
              .select('id')
              .where('id', '=', values.subdivision_id as string)
              .where('country_id', '=', values.country_id as string)
              .executeTakeFirst();
            if (!inside)
              errors.push({
                path: ['input', 'subdivision'],
                message: '`subdivision` must lie in `country`.',
              });
          }
          rejectIfInvalid(errors);
          const inserted = await sql<{ id: string }>`
          insert into training_event (${sql.join(Object.keys(values).map((c) => sql.ref(c)))}, status)
          values (${sql.join(Object.values(values))}, 'planned') returning id`.execute(trx);
          const id = inserted.rows[0]!.id;
          await writeChildren(trx, id, {
            topics: topicIds,
            presenters: presenterRows,
            participations: participationRows,
          });
          await audit({
            action: 'scheduleTrainingEvent',
            recordType: 'training_event',
            recordId: id,
            before: null,
            after: {
              ...(await snapshot(trx, 'training_event', id)),
              topics: topicIds,
              presenters: presenterRows,
              participations: participationRows,
            },
          });
          return id;
        },
      );
      TrainingEvent.getDataloader(ctx).clear(result.id);
      return result;
    },
  }),
);

const RecordOutcomeInput = builder.inputType('RecordTrainingOutcomeInput', {
  description: 'What came of an event: it becomes COMPLETED.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The event.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
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

builder.mutationField('recordTrainingOutcome', (t) =>
  t.field({
    type: TrainingEventPayload,
    description:
      'Records that an event took place: participants, their breakdown, feedback. The event becomes COMPLETED.',
    authScopes: { editor: true },
    errors: {
      types: mutationErrors,
      directResult: true,
      union: { name: 'RecordTrainingOutcomeResult' },
    },
    args: { input: t.arg({ type: RecordOutcomeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = parseGlobalIdOf('TrainingEvent', input.id, 'input.id');
      await runWrite(ctx, async ({ trx, audit }) => {
        const before = await lockForChange(
          trx,
          { name: 'TrainingEvent', table: 'training_event' },
          id,
          input.expectedVersion,
        );
        const { values, errors } = await validate(
          trx,
          {
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
            startDate: { kind: 'date', column: 'start_date', description: '' },
            durationMinutes: {
              kind: 'int',
              column: 'duration_minutes',
              min: 1,
              max: 525600,
              description: '',
            },
          },
          input as Record<string, unknown>,
          'create',
        );
        const groups: Array<Record<string, unknown>> = [];
        let total = 0;
        for (const [i, group] of ((input.participantGroups ?? []) as Group[]).entries()) {
          const at = ['input', 'participantGroups', String(i)];
          const description = await validateValue(
            trx,
            { kind: 'text', max: 500, column: 'description', description: '' },
            group.description,
          );
          if (description.problem)
            errors.push({
              path: [...at, 'description'],
              message: `\`description\` ${description.problem}.`,
            });
          if (group.count < 0 || group.count > 1_000_000)
            errors.push({
              path: [...at, 'count'],
              message: '`count` must be between 0 and 1000000.',
            });
          let organisation: unknown = null;
          if (group.organisation != null) {
            const checked = await validateValue(
              trx,
              {
                kind: 'reference',
                typename: 'Organisation',
                table: 'organisation',
                column: 'organisation_id',
                description: '',
              },
              group.organisation,
            );
            if (checked.problem)
              errors.push({
                path: [...at, 'organisation'],
                message: `\`organisation\` ${checked.problem}.`,
              });
            organisation = checked.value ?? null;
          }
          total += group.count;
          groups.push({
            training_event_id: id,
            position: i,
            category: group.category,
            description: group.description,
            count: group.count,
            organisation_id: organisation,
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
      });
      TrainingEvent.getDataloader(ctx).clear(id);
      return { id };
    },
  }),
);

for (const [verb, status, description] of [
  ['postponeTrainingEvent', 'postponed', 'Postpones an event, to a new date when known.'],
  ['cancelTrainingEvent', 'cancelled', 'Cancels an event that has not taken place.'],
] as const) {
  const Input = builder.inputType(`${verb[0]!.toUpperCase()}${verb.slice(1)}Input`, {
    description: `${description}`,
    fields: (t) => ({
      id: t.id({ required: true, description: 'The event.' }),
      expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
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
      errors: {
        types: mutationErrors,
        directResult: true,
        union: { name: `${verb[0]!.toUpperCase()}${verb.slice(1)}Result` },
      },
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const fields = input as {
          id: string;
          expectedVersion: number;
          reason?: string | null;
          newStartDate?: string | null;
        };
        const id = parseGlobalIdOf('TrainingEvent', fields.id, 'input.id');
        await runWrite(ctx, async ({ trx, audit }) => {
          const before = await lockForChange(
            trx,
            { name: 'TrainingEvent', table: 'training_event' },
            id,
            fields.expectedVersion,
          );
          const { errors } = await validate(
            trx,
            {
              reason: {
                kind: 'text',
                column: 'reason',
                max: 1000,
                multiline: true,
                description: '',
              },
            },
            fields,
            'create',
          );
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
        TrainingEvent.getDataloader(ctx).clear(id);
        return { id };
      },
    }),
  );
}
