import type { Database } from '@mch/db';
import type { Kysely } from 'kysely';
import { builder } from '../builder.js';
import { subdivisionOutsideCountry } from '../places/subdivision.js';
import { OrganisationRole } from '../shared/enums.js';
import { type FieldError, rejectIfInvalid } from '../shared/errors.js';
import { topicCode } from '../topics/topic.js';
import {
  languagesOfNewRecord,
  type TranslationsInput,
  translationInputFields,
} from '../translations/translations.writes.js';
import { addCreateVerb } from '../writes/create-verb.js';
import { idempotencyKeyDescription } from '../writes/crud.js';
import {
  type FieldSpecs,
  inputFields,
  reference,
  validate,
  validateCodes,
  validateValue,
} from '../writes/fields.js';
import { insertRow } from '../writes/run.js';
import { PresenterRole } from './people.js';
import { TrainingEvent } from './training-event.js';
import { TrainingEventPayload, trainingEventFields } from './training-event.writes.js';

/** Scheduling an event with its topics, presenters and organisations, in one transaction. */

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

type Presenter = {
  person?: string | null;
  organisation?: string | null;
  role: string;
  profession?: string | null;
};
type Participation = { organisation: string; role: string };

const presenterFields = {
  person: reference('Person', 'person', 'person_id', ''),
  organisation: reference('Organisation', 'organisation', 'organisation_id', ''),
  profession: { kind: 'text', max: 200, column: 'profession', description: '' },
} satisfies FieldSpecs;

async function validatePresenters(
  db: Kysely<Database>,
  presenters: Presenter[],
  errors: FieldError[],
) {
  const rows: Array<Record<string, unknown>> = [];
  for (const [i, presenter] of presenters.entries()) {
    const at = ['input', 'presenters', String(i)];
    const checked = await validate(db, presenterFields, presenter, 'create', at);
    errors.push(...checked.errors);
    if (presenter.person == null && presenter.organisation == null) {
      errors.push({ path: at, message: 'A presenter needs a `person` or an `organisation`.' });
    }
    rows.push({
      position: i,
      role: presenter.role,
      person_id: null,
      organisation_id: null,
      profession: null,
      ...checked.values,
    });
  }
  return rows;
}

async function validateParticipations(
  db: Kysely<Database>,
  list: Participation[],
  errors: FieldError[],
) {
  const rows: Array<{ organisation_id: string; role: string }> = [];
  for (const [i, item] of list.entries()) {
    const checked = await validateValue(db, presenterFields.organisation, item.organisation);
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
    ...translationInputFields(t, 'title', 'create'),
    topics: t.stringList({ description: 'Topic codes, such as `obstetrics`.' }),
    presenters: t.field({ type: [PresenterInput], description: 'Who is to present, in order.' }),
    participatingOrganisations: t.field({
      type: [ParticipationInput],
      description: 'Organisations taking part.',
    }),
    idempotencyKey: t.string({ description: idempotencyKeyDescription }),
  }),
});

async function writeChildren(
  trx: Kysely<Database>,
  eventId: string,
  children: {
    topics: string[];
    presenters: Array<Record<string, unknown>>;
    participations: Array<{ organisation_id: string; role: string }>;
  },
) {
  if (children.topics.length) {
    await trx
      .insertInto('training_event_topic')
      .values(children.topics.map((topic_id) => ({ training_event_id: eventId, topic_id })))
      .execute();
  }
  if (children.presenters.length) {
    await trx
      .insertInto('training_event_presenter')
      .values(children.presenters.map((p) => ({ ...p, training_event_id: eventId })) as never)
      .execute();
  }
  if (children.participations.length) {
    await trx
      .insertInto('training_event_participation')
      .values(children.participations.map((p) => ({ ...p, training_event_id: eventId })) as never)
      .execute();
  }
}

addCreateVerb({
  name: 'scheduleTrainingEvent',
  description:
    'Plans a training event with its topics, presenters and organisations, in one transaction.',
  input: ScheduleInput,
  payload: TrainingEventPayload,
  ref: TrainingEvent,
  table: 'training_event',
  create: async (trx, input) => {
    const {
      topics,
      presenters,
      participatingOrganisations,
      originalLanguage,
      translations,
      ...fields
    } = input;
    const { values, errors } = await validate(
      trx,
      eventFields,
      fields as Record<string, unknown>,
      'create',
    );
    const topicIds = await validateCodes(trx, topicCode, topics ?? [], errors, 'topics', 'topic');
    const presenterRows = await validatePresenters(trx, (presenters ?? []) as Presenter[], errors);
    const participationRows = await validateParticipations(
      trx,
      (participatingOrganisations ?? []) as Participation[],
      errors,
    );
    const storeTranslations = await languagesOfNewRecord(
      trx,
      'training_event',
      { originalLanguage, translations } as TranslationsInput,
      values,
      errors,
    );
    errors.push(...(await subdivisionOutsideCountry(trx, values)));
    rejectIfInvalid(errors);
    const id = await insertRow(trx, 'training_event', { ...values, status: 'planned' });
    await storeTranslations(id);
    await writeChildren(trx, id, {
      topics: topicIds,
      presenters: presenterRows,
      participations: participationRows,
    });
    return {
      id,
      parts: { topics: topicIds, presenters: presenterRows, participations: participationRows },
    };
  },
});
