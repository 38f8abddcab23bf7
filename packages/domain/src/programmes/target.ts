import type { Database, Target as TargetRow } from '@mch/db';
import DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import { type Context, requestCache } from '../context.js';
import { Subdivision } from '../places/subdivision.js';
import { addRelatedList, type Ordering, rootList } from '../query/index.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
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

/**
 * What the records show of each target's progress, for all targets of a page in one statement:
 * completed events of the target's programme (in its subdivision, after its baseline date and up
 * to its target date, when those are set), counted or summed as the metric asks.
 */
export async function recordedValues(db: Kysely<Database>, ids: readonly string[]) {
  const scope = sql`e.programme_id = t.programme_id and e.status = 'completed'
    and (t.subdivision_id is null or e.subdivision_id = t.subdivision_id)
    and (t.baseline_date is null or e.start_date > t.baseline_date)
    and (t.target_date is null or e.start_date <= t.target_date)`;
  const rows = await sql<{ id: string; value: number | null }>`
    select t.id, case
      when t.metric = 'events_held' then
        (select count(*)::float8 from training_event e where ${scope})
      when t.metric = 'participants_trained' then
        (select coalesce(sum(e.participant_count), 0)::float8 from training_event e where ${scope})
      when t.metric in ('medical_specialists_trained', 'doctors_trained', 'midwives_trained', 'nurses_trained') then
        (select coalesce(sum(g.count), 0)::float8
           from training_event e join training_event_participant_group g on g.training_event_id = e.id
          where ${scope} and g.category = case t.metric
            when 'medical_specialists_trained' then 'medical_specialist'
            when 'doctors_trained' then 'doctor'
            when 'midwives_trained' then 'midwife'
            else 'nurse' end)
      end as value
    from target t
    where t.id = any(cast(${[...ids]} as uuid[]))`.execute(db);
  const byId = new Map(rows.rows.map((row) => [row.id, row.value]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One loader per request, shared by `recordedValue` and `progressRatio`. */
const recordedValueLoader = requestCache(
  (ctx: Context) => new DataLoader((ids: readonly string[]) => recordedValues(ctx.db, ids)),
);

builder.objectFields(Target, (t) => ({
  recordedValue: t.float({
    nullable: true,
    description:
      'Progress as the recorded events show it: completed events of the programme (in the target’s subdivision, after the baseline date and up to the target date when set), counted for EVENTS_HELD, their participants summed for PARTICIPANTS_TRAINED, their participant groups of the profession summed for the other *_TRAINED metrics. Null for metrics events cannot measure.',
    resolve: (row, _args, ctx) => recordedValueLoader(ctx).load(row.id),
  }),
  progressRatio: t.float({
    nullable: true,
    description:
      'The share of the planned increase achieved: `recordedValue` over (`targetValue` minus `baselineValue`). Null without a target value above the baseline or without a recorded value.',
    resolve: async (row, _args, ctx) => {
      const recorded = await recordedValueLoader(ctx).load(row.id);
      const planned =
        row.target_value == null ? null : row.target_value - (row.baseline_value ?? 0);
      return recorded == null || planned == null || planned <= 0 ? null : recorded / planned;
    },
  }),
}));

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
      resolve: rootList({
        rows: (db, { metric }) => {
          let query = db.selectFrom('target').selectAll('target');
          if (metric) query = query.where('target.metric', '=', metric);
          return query;
        },
        ordering: targetOrdering,
      }),
    },
    TargetConnection,
  ),
}));
