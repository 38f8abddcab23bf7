import {
  type ParticipantCategory as ParticipantCategoryCode,
  presenterColumns,
  type TrainingEventParticipantGroup,
  type TrainingEventPresenter,
} from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation, organisationEmbed } from '../organisations/organisation.js';
import { addParticipationList } from '../organisations/participation.js';
import { Person, personEmbed } from '../organisations/person.js';
import { addRelatedList, type Embed, embeddedOr, type Ordering, reads } from '../query/index.js';
import { TrainingEvent } from './training-event.js';

/** Who trained, who spoke, who took part, and in what numbers. */

export const PresenterRole = builder.enumType('PresenterRole', {
  description: 'The part a presenter plays at an event.',
  values: {
    EXPERT: { value: 'expert', description: 'Trains or lectures: the expert the event is for.' },
    MODERATOR: { value: 'moderator', description: 'Chairs the session.' },
    SPEAKER: { value: 'speaker', description: 'Gives remarks, such as a director or a diplomat.' },
    COORDINATOR: { value: 'coordinator', description: 'Organises the exchange.' },
  } as const,
});

export const Presenter = builder.objectRef<TrainingEventPresenter>('Presenter').implement({
  description:
    'Someone who presented at a training event: a named person, or the experts of an organisation when the record names no one.',
  fields: (t) => ({
    role: t.expose('role', { type: PresenterRole, description: 'The part they played.' }),
    profession: t.exposeString('profession', {
      nullable: true,
      description: 'Their profession, such as `Obstetrician`, when the record gives it.',
    }),
    person: t.field({
      type: Person,
      nullable: true,
      description: 'The person, when named.',
      resolve: embeddedOr('person', (row) => row.person_id),
      ...reads('person_id'),
    }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The organisation they came from.',
      resolve: embeddedOr('organisation', (row) => row.organisation_id),
      ...reads('organisation_id'),
    }),
    trainingEvent: t.field({
      type: TrainingEvent,
      description: 'The event they presented at.',
      resolve: (row) => row.training_event_id,
      ...reads('training_event_id'),
    }),
  }),
});

export const PresenterConnection = builder.connectionObject(
  { type: Presenter, name: 'PresenterConnection', description: 'A page of presenters.' },
  { name: 'PresenterEdge', description: 'A presenter in a page of presenters.' },
);

const presenterOrdering: Ordering = {
  name: 'presenter.position',
  keys: [
    { sql: sql`training_event_presenter.training_event_id`, type: 'uuid' },
    { sql: sql`training_event_presenter.position`, type: 'integer' },
  ],
  direction: 'asc',
};

export const ParticipantCategory = builder.enumType('ParticipantCategory', {
  description: 'The profession of a group of trainees.',
  values: {
    MEDICAL_SPECIALIST: {
      value: 'medical_specialist',
      description: 'Medical specialists, not broken down further.',
    },
    DOCTOR: { value: 'doctor', description: 'Doctors.' },
    MIDWIFE: { value: 'midwife', description: 'Midwives.' },
    NURSE: { value: 'nurse', description: 'Nurses.' },
    OTHER: { value: 'other', description: 'Anyone else; the description says who.' },
  } as const,
});

export const ParticipantGroup = builder
  .objectRef<TrainingEventParticipantGroup>('ParticipantGroup')
  .implement({
    description: 'A group of trainees of one profession at an event, with their number.',
    fields: (t) => ({
      category: t.expose('category', {
        type: ParticipantCategory,
        description: 'Their profession.',
      }),
      description: t.exposeString('description', {
        description: 'Who they were, as the record says, such as `Local medical specialists`.',
      }),
      count: t.exposeInt('count', { description: 'How many took part.' }),
      organisation: t.field({
        type: Organisation,
        nullable: true,
        description: 'The organisation they came from, when they all came from one.',
        resolve: (row) => row.organisation_id,
      }),
    }),
  });

const ParticipantGroupConnection = builder.connectionObject(
  {
    type: ParticipantGroup,
    name: 'ParticipantGroupConnection',
    description: 'A page of participant groups.',
  },
  { name: 'ParticipantGroupEdge', description: 'A participant group in a page of them.' },
);

const participantGroupOrdering: Ordering = {
  name: 'participant_group.position',
  keys: [{ sql: sql`training_event_participant_group.position`, type: 'integer' }],
  direction: 'asc',
};

export type { ParticipantCategoryCode };

/** The people and organisations of presenters, read with them when the query asks. */
const presenterPrefetches: readonly Embed[] = [
  personEmbed('person', 'person_id'),
  organisationEmbed('organisation', 'organisation_id'),
];

addRelatedList(TrainingEvent, 'presenters', {
  type: PresenterConnection,
  description: 'Who presented, in the order the record lists them.',
  children: (db, event, columns) =>
    db
      .selectFrom('training_event_presenter')
      .select(columns as Array<`training_event_presenter.${(typeof presenterColumns)[number]}`>)
      .where('training_event_presenter.training_event_id', '=', event),
  ordering: presenterOrdering,
  embed: { table: 'training_event_presenter', relations: presenterPrefetches },
  project: { type: 'Presenter', table: 'training_event_presenter', columns: presenterColumns },
});

addParticipationList(TrainingEvent, 'participatingOrganisations', {
  description: 'The organisations taking part, with their roles (host, implementing, ...).',
  table: 'training_event_participation',
  parentColumn: 'training_event_id',
});

addRelatedList(TrainingEvent, 'participantGroups', {
  type: ParticipantGroupConnection,
  description: 'The trainees by profession, where the record breaks them down.',
  children: (db, event) =>
    db
      .selectFrom('training_event_participant_group')
      .selectAll()
      .where('training_event_id', '=', event),
  ordering: participantGroupOrdering,
});

addRelatedList(Person, 'presentations', {
  type: PresenterConnection,
  description: 'The events this person presented at.',
  children: (db, person) =>
    db.selectFrom('training_event_presenter').selectAll().where('person_id', '=', person),
  ordering: presenterOrdering,
});

addRelatedList(Organisation, 'presentations', {
  type: PresenterConnection,
  description: 'Presentations given by this organisation’s experts, named or not.',
  children: (db, organisation) =>
    db
      .selectFrom('training_event_presenter')
      .selectAll()
      .where('organisation_id', '=', organisation),
  ordering: presenterOrdering,
});
