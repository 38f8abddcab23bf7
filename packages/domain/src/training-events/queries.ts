import type { Database } from '@mch/db';
import { trainingEventColumns } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Kysely, RawBuilder } from 'kysely';
import { Agreement } from '../agreements/agreement.js';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { Country } from '../places/country.js';
import { Subdivision } from '../places/subdivision.js';
import { Programme } from '../programmes/programme.js';
import { columnsAsked, type PageArgs, reads, relatedList, rootList } from '../query/index.js';
import { qualified } from '../shared/sql.js';
import { Topic } from '../topics/topic.js';
import {
  applyTrainingEventFilter,
  TrainingEventFilter,
  type TrainingEventFilterValue,
} from './filter.js';
import { TrainingEventOrder, trainingEventOrdering } from './ordering.js';
import { TrainingEvent, trainingEventEmbeds } from './training-event.js';

export const TrainingEventConnection = builder.connectionObject(
  {
    type: TrainingEvent,
    name: 'TrainingEventConnection',
    description: 'A page of training events.',
  },
  { name: 'TrainingEventEdge', description: 'A training event in a page of them.' },
);

/** Events with the columns the operation needs of them (all of them without `info`). */
const selectEvents = (db: Kysely<Database>, info?: GraphQLResolveInfo) =>
  db
    .selectFrom('training_event')
    .select(
      qualified(
        'training_event',
        (info
          ? columnsAsked(info, 'TrainingEvent', trainingEventColumns)
          : trainingEventColumns) as typeof trainingEventColumns,
      ),
    );

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

interface EventListArgs extends PageArgs {
  filter?: TrainingEventFilterValue | null;
  orderBy?: Parameters<typeof trainingEventOrdering>[0];
}

/** Adds a list of training events related to a type, filtered and ordered like the top list. */
function addEventList(
  // biome-ignore lint/suspicious/noExplicitAny: any type whose rows have an `id`
  parent: ObjectRef<any, unknown, { id: string }>,
  field: string,
  description: string,
  events: (
    db: Kysely<Database>,
    key: RawBuilder<never>,
    info?: GraphQLResolveInfo,
  ) => ReturnType<typeof selectEvents>,
): void {
  builder.objectField(parent, field, (t) =>
    t.field({
      type: TrainingEventConnection,
      description,
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({
          type: TrainingEventFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
        orderBy: t.arg({
          type: TrainingEventOrder,
          description: 'The order of the list; its default is said in the field description.',
        }),
      },
      resolve: relatedList<EventRow, EventListArgs>({
        children: (db, key, args, info) =>
          applyTrainingEventFilter(events(db, key, info), args.filter),
        ordering: (args) => trainingEventOrdering(args.orderBy),
        embed: { table: 'training_event', relations: trainingEventEmbeds },
        parentKey: (row) => row.id,
      }),
      ...reads(),
    }),
  );
}

addEventList(
  Programme,
  'trainingEvents',
  'The events of this programme (series), newest first.',
  (db, programme, info) =>
    selectEvents(db, info).where('training_event.programme_id', '=', programme),
);

addEventList(
  Country,
  'trainingEvents',
  'Events held in this country, newest first.',
  (db, country, info) => selectEvents(db, info).where('training_event.country_id', '=', country),
);

addEventList(
  Subdivision,
  'trainingEvents',
  'Events held in this subdivision, newest first.',
  (db, subdivision, info) =>
    selectEvents(db, info).where('training_event.subdivision_id', '=', subdivision),
);

addEventList(
  Organisation,
  'hostedTrainingEvents',
  'Events this organisation hosted, newest first.',
  (db, organisation, info) =>
    selectEvents(db, info).where('training_event.host_organisation_id', '=', organisation),
);

addEventList(
  Organisation,
  'trainingEvents',
  'Events this organisation took part in, in any role (host included), newest first.',
  (db, organisation, info) =>
    selectEvents(db, info).where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_event_participation as p')
          .whereRef('p.training_event_id', '=', 'training_event.id')
          .where('p.organisation_id', '=', organisation),
      ),
    ),
);

addEventList(
  Topic,
  'trainingEvents',
  'Events that covered this topic, newest first.',
  (db, topic, info) =>
    selectEvents(db, info).where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_event_topic as et')
          .whereRef('et.training_event_id', '=', 'training_event.id')
          .where('et.topic_id', '=', topic),
      ),
    ),
);

builder.objectField(Agreement, 'signingEvent', (t) =>
  t.field({
    type: TrainingEvent,
    nullable: true,
    description: 'The event at which the agreement was signed, if it was signed at one.',
    resolve: (row) => row.signing_event_id,
    ...reads('signing_event_id'),
  }),
);

builder.queryFields((t) => ({
  trainingEvents: t.connection(
    {
      type: TrainingEvent,
      description: 'Training events, newest first unless `orderBy` says otherwise.',
      args: {
        filter: t.arg({
          type: TrainingEventFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
        orderBy: t.arg({
          type: TrainingEventOrder,
          description: 'The order of the list; its default is said in the field description.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }, info) => applyTrainingEventFilter(selectEvents(db, info), filter),
        ordering: ({ orderBy }) => trainingEventOrdering(orderBy),
        embed: { table: 'training_event', relations: trainingEventEmbeds },
      }),
    },
    TrainingEventConnection,
  ),
}));
