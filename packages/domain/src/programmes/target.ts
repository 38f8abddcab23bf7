import type { Target as TargetRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { Subdivision } from '../places/subdivision.js';
import { parseUuidKey } from '../shared/global-id.js';
import { anyOf, type Ordering, paginate } from '../shared/pagination.js';
import { RecordInterface } from '../shared/record.js';
import { addRelatedList } from '../shared/relation.js';
import { addSourcesField } from '../sources/citations.js';
import { Programme } from './programme.js';

export const TargetMetric = builder.enumType('TargetMetric', {
  description: 'What a target counts.',
  values: {
    EVENTS_HELD: { value: 'events_held', description: 'Training events held.' },
    PARTICIPANTS_TRAINED: {
      value: 'participants_trained',
      description: 'People trained, of any profession.',
    },
    MEDICAL_SPECIALISTS_TRAINED: {
      value: 'medical_specialists_trained',
      description: 'Medical specialists trained.',
    },
    DOCTORS_TRAINED: { value: 'doctors_trained', description: 'Doctors trained.' },
    MIDWIVES_TRAINED: { value: 'midwives_trained', description: 'Midwives trained.' },
    NURSES_TRAINED: { value: 'nurses_trained', description: 'Nurses trained.' },
    FACILITIES_UPGRADED: {
      value: 'facilities_upgraded',
      description: 'Health facilities (such as maternity wards) upgraded.',
    },
    OTHER: { value: 'other', description: 'Anything else; the description says what.' },
  } as const,
});

export const Target = builder.loadableNode('Target', {
  description:
    'What a programme aims to achieve, measured against a baseline, optionally for one subdivision.',
  interfaces: [RecordInterface],
  id: { resolve: (row: TargetRow) => row.id, parse: parseUuidKey('Target') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('target').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    metric: t.expose('metric', { type: TargetMetric, description: 'What is counted.' }),
    description: t.exposeString('description', { description: 'The target in words.' }),
    baselineValue: t.exposeFloat('baseline_value', {
      nullable: true,
      description: 'The value at the start, when known.',
    }),
    baselineDate: t.expose('baseline_date', {
      type: 'Date',
      nullable: true,
      description: 'When the baseline was measured.',
    }),
    targetValue: t.exposeFloat('target_value', {
      nullable: true,
      description: 'The value to reach; null when the goal was stated without a number.',
    }),
    targetDate: t.expose('target_date', {
      type: 'Date',
      nullable: true,
      description: 'When it is to be reached.',
    }),
    reportedValue: t.exposeFloat('reported_value', {
      nullable: true,
      description: 'The latest progress reported by the programme itself.',
    }),
    reportedOn: t.expose('reported_on', {
      type: 'Date',
      nullable: true,
      description: 'When `reportedValue` was reported.',
    }),
    programme: t.field({
      type: Programme,
      description: 'The programme that set the target.',
      resolve: (row) => row.programme_id,
    }),
    subdivision: t.field({
      type: Subdivision,
      nullable: true,
      description: 'The subdivision the target is for; null when it covers the whole programme.',
      resolve: (row) => row.subdivision_id,
    }),
  }),
});

export const TargetConnection = builder.connectionObject(
  { type: Target, name: 'TargetConnection', description: 'A page of targets.' },
  { name: 'TargetEdge', description: 'A target in a page of targets.' },
);

/** Targets read in the order of the metric list: events, people trained, facilities, other. */
export const targetOrdering: Ordering = {
  name: 'target.metric',
  keys: [
    {
      sql: sql`array_position(array['events_held', 'participants_trained', 'medical_specialists_trained', 'doctors_trained', 'midwives_trained', 'nurses_trained', 'facilities_upgraded', 'other'], target.metric)`,
      type: 'integer',
    },
    { sql: sql`target.id`, type: 'uuid' },
  ],
  direction: 'asc',
};

addRelatedList(Programme, 'targets', {
  type: TargetConnection,
  description: 'The targets the programme set, in the order of their metrics.',
  children: (db, programme) =>
    db.selectFrom('target').selectAll().where('programme_id', '=', programme),
  ordering: targetOrdering,
});

addRelatedList(Subdivision, 'targets', {
  type: TargetConnection,
  description: 'Targets set for this subdivision.',
  children: (db, subdivision) =>
    db.selectFrom('target').selectAll().where('subdivision_id', '=', subdivision),
  ordering: targetOrdering,
});

addSourcesField(Target, 'target');

builder.queryFields((t) => ({
  targets: t.connection(
    {
      type: Target,
      description: 'All targets, in the order of their metrics.',
      args: {
        metric: t.arg({ type: TargetMetric, description: 'Only targets of this metric.' }),
      },
      resolve: (_root, { metric, ...args }, ctx) => {
        let query = ctx.db.selectFrom('target').selectAll('target');
        if (metric) query = query.where('target.metric', '=', metric);
        return paginate(query, targetOrdering, args);
      },
    },
    TargetConnection,
  ),
}));
