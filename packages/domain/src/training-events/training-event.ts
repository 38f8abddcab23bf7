import type { TrainingEvent as TrainingEventRow } from '@mch/db';
import { topicColumns, trainingEventColumns } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation, organisationEmbed } from '../organisations/organisation.js';
import { Country, countryEmbed } from '../places/country.js';
import { Subdivision, subdivisionEmbed } from '../places/subdivision.js';
import { Programme, programmeEmbed } from '../programmes/programme.js';
import { addRelatedList, type Embed, embeddedOr, reads } from '../query/index.js';
import { DatePrecision } from '../shared/enums.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf, qualified } from '../shared/sql.js';
import { addSourcesField } from '../sources/citations.js';
import { TopicConnection, topicOrdering } from '../topics/topic.js';
import { addTranslations } from '../translations/translated-fields.js';

export const TrainingFormat = builder.enumType('TrainingFormat', {
  description: 'How a training event is delivered.',
  values: {
    IN_PERSON: { value: 'in_person', description: 'Trainers and participants in one room.' },
    TELECONFERENCE: {
      value: 'teleconference',
      description: 'Trainers connect from afar by video or telephone.',
    },
    HYBRID: { value: 'hybrid', description: 'Some in the room, some connected from afar.' },
  } as const,
});

export const TrainingStatus = builder.enumType('TrainingStatus', {
  description: 'Where a training event stands.',
  values: {
    PLANNED: { value: 'planned', description: 'Announced; it has not taken place yet.' },
    COMPLETED: { value: 'completed', description: 'It took place.' },
    CANCELLED: { value: 'cancelled', description: 'Called off.' },
    POSTPONED: { value: 'postponed', description: 'Moved to a later, perhaps unknown, date.' },
  } as const,
});

export const TrainingEvent = builder.loadableNode('TrainingEvent', {
  description:
    'A seminar, course or teleconference in which foreign experts train local doctors, midwives and nurses.',
  interfaces: [RecordInterface],
  id: { resolve: (row: TrainingEventRow) => row.id, parse: parseUuidKey('TrainingEvent') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('training_event')
      .select(qualified('training_event', trainingEventColumns))
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    externalKey: t.exposeString('external_key', {
      nullable: true,
      description:
        'The key the record has in the spreadsheet it was imported from (its `externalKey` column); null when it was not imported.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What happened, or is to happen.',
    }),
    format: t.expose('format', { type: TrainingFormat, description: 'How it is delivered.' }),
    status: t.expose('status', { type: TrainingStatus, description: 'Where it stands.' }),
    startDate: t.expose('start_date', {
      type: 'Date',
      nullable: true,
      description:
        'The day it started; null while a planned event has no date. See `startDatePrecision`.',
    }),
    startDatePrecision: t.expose('start_date_precision', {
      type: DatePrecision,
      description: 'Whether `startDate` is the exact day, or only its month or year.',
    }),
    durationMinutes: t.exposeInt('duration_minutes', {
      nullable: true,
      description: 'How long it lasted, in minutes, when known.',
    }),
    durationHours: t.float({
      nullable: true,
      description: 'The same duration in hours, as training statistics count it.',
      resolve: (row) => (row.duration_minutes == null ? null : row.duration_minutes / 60),
      ...reads('duration_minutes'),
    }),
    participantCount: t.exposeInt('participant_count', {
      nullable: true,
      description:
        'How many local participants were trained, when known. `participantGroups` breaks it down where the source does.',
    }),
    outcomeSummary: t.exposeString('outcome_summary', {
      nullable: true,
      description: 'What came of it, in the words of the record.',
    }),
    locality: t.exposeString('locality', {
      nullable: true,
      description: 'The city or town, such as `Karshi`.',
    }),
    country: t.field({
      type: Country,
      description:
        'The country where it took place (for a teleconference, where the trainees were).',
      resolve: embeddedOr('country', (row) => row.country_id),
      ...reads('country_id'),
    }),
    subdivision: t.field({
      type: Subdivision,
      nullable: true,
      description:
        'The subdivision where it took place; null while a planned event has no subdivision yet.',
      resolve: embeddedOr('subdivision', (row) => row.subdivision_id),
      ...reads('subdivision_id'),
    }),
    hostOrganisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The institution where it took place.',
      resolve: embeddedOr('hostOrganisation', (row) => row.host_organisation_id),
      ...reads('host_organisation_id'),
    }),
    programme: t.field({
      type: Programme,
      nullable: true,
      description: 'The programme, or series of events, it belongs to.',
      resolve: embeddedOr('programme', (row) => row.programme_id),
      ...reads('programme_id'),
    }),
  }),
});

addRelatedList(TrainingEvent, 'topics', {
  type: TopicConnection,
  description: 'What it covered, by topic code.',
  // An event has a few topics: those of every event on the page are read at once and numbered,
  // cheaper than starting a subquery over for each event.
  allParentsAtOnce: true,
  children: (db, events, columns) =>
    db
      .selectFrom('training_event_topic as et')
      .innerJoin('topic', 'topic.id', 'et.topic_id')
      .select(columns as ReturnType<typeof qualified<'topic', (typeof topicColumns)[number]>>)
      .select('et.training_event_id as _parent')
      .where(sql<boolean>`et.training_event_id = any(${events})`),
  ordering: topicOrdering,
  project: { type: 'Topic', table: 'topic', columns: topicColumns },
});

addSourcesField(TrainingEvent, 'training_event');
addTranslations(TrainingEvent, 'training_event', { description: 'Its title.' });

/** The to-one relations of an event that lists read in their own statement when asked for. */
export const trainingEventEmbeds: readonly Embed[] = [
  organisationEmbed('hostOrganisation', 'host_organisation_id'),
  countryEmbed('country', 'country_id'),
  subdivisionEmbed('subdivision', 'subdivision_id'),
  programmeEmbed('programme', 'programme_id'),
];
