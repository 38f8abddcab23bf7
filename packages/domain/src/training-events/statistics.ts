import type { Database, TrainingFormat as FormatCode, TrainingStatus as StatusCode } from '@mch/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { Country } from '../places/country.js';
import { inCountries, inSubdivisions } from '../places/filters.js';
import { Subdivision } from '../places/subdivision.js';
import { Programme } from '../programmes/programme.js';
import { checkDateRange } from '../shared/date-range.js';
import { anyOf } from '../shared/sql.js';
import { checkGroupLimit, wholeYears } from '../shared/statistics.js';
import { Topic } from '../topics/topic.js';
import {
  applyTrainingEventFilter,
  TrainingEventFilter,
  type TrainingEventFilterValue,
} from './filter.js';
import { TrainingFormat, TrainingStatus } from './training-event.js';

export const TrainingDimension = builder.enumType('TrainingDimension', {
  description: 'What training statistics can be grouped by.',
  values: {
    COUNTRY: { description: 'The country where events took place.' },
    SUBDIVISION: { description: 'The subdivision where events took place (null: not known).' },
    TOPIC: { description: 'The topic; an event with two topics counts in both groups.' },
    YEAR: { description: 'The calendar year of the start date (null: undated).' },
    FORMAT: { description: 'In person, teleconference or hybrid.' },
    PROGRAMME: { description: 'The programme (series); null for events outside one.' },
    STATUS: { description: 'Planned, completed, cancelled or postponed.' },
  } as const,
});

type Dimension = 'COUNTRY' | 'SUBDIVISION' | 'TOPIC' | 'YEAR' | 'FORMAT' | 'PROGRAMME' | 'STATUS';

const dimensionSql: Record<Dimension, { column: string; sql: RawBuilder<unknown> }> = {
  COUNTRY: { column: 'country_id', sql: sql`training_event.country_id` },
  SUBDIVISION: { column: 'subdivision_id', sql: sql`training_event.subdivision_id` },
  TOPIC: { column: 'topic_id', sql: sql`event_topic.topic_id` },
  YEAR: { column: 'year', sql: sql`extract(year from training_event.start_date)::int` },
  FORMAT: { column: 'format', sql: sql`training_event.format` },
  PROGRAMME: { column: 'programme_id', sql: sql`training_event.programme_id` },
  STATUS: { column: 'status', sql: sql`training_event.status` },
};

interface Totals {
  event_count: number;
  participant_count: number;
  training_hours: number;
  participant_hours: number;
}

interface GroupRow extends Totals {
  country_id?: string | null;
  subdivision_id?: string | null;
  topic_id?: string | null;
  year?: number | null;
  format?: FormatCode | null;
  programme_id?: string | null;
  status?: StatusCode | null;
}

const aggregates = [
  sql<number>`count(*)::int`.as('event_count'),
  sql<number>`coalesce(sum(training_event.participant_count), 0)::int`.as('participant_count'),
  sql<number>`coalesce(sum(training_event.duration_minutes), 0)::float8 / 60`.as('training_hours'),
  sql<number>`coalesce(sum(training_event.participant_count::float8 * training_event.duration_minutes), 0) / 60`.as(
    'participant_hours',
  ),
];

const TrainingStatisticsGroup = builder.objectRef<GroupRow>('TrainingStatisticsGroup').implement({
  description:
    'Training totals for one group. Only the dimensions asked for in `groupBy` are set; the others are null.',
  fields: (t) => ({
    country: t.field({
      type: Country,
      nullable: true,
      description: 'The country.',
      resolve: (g) => g.country_id ?? null,
    }),
    subdivision: t.field({
      type: Subdivision,
      nullable: true,
      description: 'The subdivision.',
      resolve: (g) => g.subdivision_id ?? null,
    }),
    topic: t.field({
      type: Topic,
      nullable: true,
      description: 'The topic.',
      resolve: (g) => g.topic_id ?? null,
    }),
    year: t.int({ nullable: true, description: 'The year.', resolve: (g) => g.year ?? null }),
    format: t.field({
      type: TrainingFormat,
      nullable: true,
      description: 'The format.',
      resolve: (g) => g.format ?? null,
    }),
    programme: t.field({
      type: Programme,
      nullable: true,
      description: 'The programme.',
      resolve: (g) => g.programme_id ?? null,
    }),
    status: t.field({
      type: TrainingStatus,
      nullable: true,
      description: 'The status.',
      resolve: (g) => g.status ?? null,
    }),
    eventCount: t.exposeInt('event_count', { description: 'Events in the group.' }),
    participantCount: t.exposeInt('participant_count', {
      description: 'Participants trained: the sum of the events’ participant counts.',
    }),
    trainingHours: t.exposeFloat('training_hours', {
      description: 'Hours of training given: the sum of the events’ durations.',
    }),
    participantHours: t.exposeFloat('participant_hours', {
      description: 'Hours of training received: each event’s duration times its participants.',
    }),
  }),
});

interface StatisticsResult extends Totals {
  groups: GroupRow[];
}

const TrainingStatistics = builder.objectRef<StatisticsResult>('TrainingStatistics').implement({
  description:
    'Training totals over the events a filter selects, and the same totals by group. Events without a participant count or a duration add nothing to those sums.',
  fields: (t) => ({
    eventCount: t.exposeInt('event_count', { description: 'Events selected.' }),
    participantCount: t.exposeInt('participant_count', { description: 'Participants trained.' }),
    trainingHours: t.exposeFloat('training_hours', { description: 'Hours of training given.' }),
    participantHours: t.exposeFloat('participant_hours', {
      description: 'Hours of training received (duration times participants).',
    }),
    groups: t.field({
      type: [TrainingStatisticsGroup],
      description:
        'The totals by the dimensions of `groupBy`, largest event count first (then by group). Empty without `groupBy`.',
      resolve: (result) => result.groups,
    }),
  }),
});

/** Dimensions and filters the maintained totals (training_event_rollup) can answer. */
const rollupDimensions = new Set<Dimension>(['COUNTRY', 'SUBDIVISION', 'YEAR', 'FORMAT', 'STATUS']);

const rollupSql: Partial<Record<Dimension, RawBuilder<unknown>>> = {
  COUNTRY: sql`r.country_id`,
  SUBDIVISION: sql`r.subdivision_id`,
  YEAR: sql`r.year`,
  FORMAT: sql`r.format`,
  STATUS: sql`r.status`,
};

const rollupAggregates = [
  sql<number>`coalesce(sum(r.event_count), 0)::int`.as('event_count'),
  sql<number>`coalesce(sum(r.participant_count), 0)::int`.as('participant_count'),
  sql<number>`coalesce(sum(r.duration_minutes), 0)::float8 / 60`.as('training_hours'),
  sql<number>`coalesce(sum(r.participant_minutes), 0) / 60`.as('participant_hours'),
];

function canUseRollup(
  filter: TrainingEventFilterValue | null | undefined,
  dimensions: Dimension[],
) {
  if (!dimensions.every((dimension) => rollupDimensions.has(dimension))) return false;
  if (!filter) return true;
  const { countries, subdivisions, hasSubdivision, formats, statuses, startDate, ...others } =
    filter;
  // Stryker disable next-line ArrayDeclaration: only marks the names as used; the array is dropped.
  void [countries, subdivisions, hasSubdivision, formats, statuses];
  if (Object.values(others).some((value) => value != null)) return false;
  return !startDate || wholeYears(startDate) !== undefined;
}

async function fromRollup(
  db: Kysely<Database>,
  filter: TrainingEventFilterValue | null | undefined,
  dimensions: Dimension[],
  limit: number,
): Promise<StatisticsResult> {
  // The totals by country alone have far fewer rows; subdivisions need the finer ones.
  const bySubdivision =
    dimensions.includes('SUBDIVISION') ||
    filter?.subdivisions != null ||
    filter?.hasSubdivision != null;
  let rows = bySubdivision
    ? db.selectFrom('training_event_rollup as r')
    : (db.selectFrom('training_event_country_rollup as r') as unknown as ReturnType<
        typeof db.selectFrom<'training_event_rollup as r'>
      >);
  if (filter?.countries) {
    rows = rows.where(inCountries('r.country_id', filter.countries, 'filter.countries'));
  }
  if (filter?.subdivisions) {
    rows = rows.where(
      inSubdivisions('r.subdivision_id', filter.subdivisions, 'filter.subdivisions'),
    );
  }
  if (filter?.hasSubdivision != null) {
    rows = rows.where('r.subdivision_id', filter.hasSubdivision ? 'is not' : 'is', null);
  }
  if (filter?.formats) rows = rows.where(anyOf('r.format', filter.formats, 'text'));
  if (filter?.statuses) rows = rows.where(anyOf('r.status', filter.statuses, 'text'));
  if (filter?.startDate) {
    const years = wholeYears(checkDateRange(filter.startDate, 'filter.startDate'))!;
    if (years.from !== undefined) rows = rows.where('r.year', '>=', years.from);
    if (years.to !== undefined) rows = rows.where('r.year', '<=', years.to);
  }
  const totals = rows.select(rollupAggregates).executeTakeFirstOrThrow();
  let groups: Promise<GroupRow[]> = Promise.resolve([]);
  if (dimensions.length > 0) {
    const keys = dimensions.map((dimension) => ({
      column: dimensionSql[dimension].column,
      sql: rollupSql[dimension]!,
    }));
    let query = rows.select([...rollupAggregates, ...keys.map((key) => key.sql.as(key.column))]);
    for (const key of keys) query = query.groupBy(key.sql);
    query = query
      .having(sql<boolean>`sum(r.event_count) > 0`)
      .orderBy(sql`sum(r.event_count) desc`);
    for (const key of keys) query = query.orderBy(sql`${key.sql} asc nulls last`);
    groups = query.limit(limit).execute() as unknown as Promise<GroupRow[]>;
  }
  const [sums, found] = await Promise.all([totals, groups]);
  return { ...sums, groups: found } as StatisticsResult;
}

builder.queryField('trainingStatistics', (t) =>
  t.field({
    type: TrainingStatistics,
    description:
      'Events, participants and hours of training over the events a filter selects, optionally grouped. Computed by the database in one pass per answer.',
    args: {
      filter: t.arg({
        type: TrainingEventFilter,
        description: 'Only the records that match; all of them when left out.',
      }),
      groupBy: t.arg({
        type: [TrainingDimension],
        defaultValue: [],
        description: 'The dimensions to group by, such as `[COUNTRY, YEAR]`.',
      }),
      limit: t.arg.int({
        defaultValue: 100,
        description: 'The most groups returned (at most 1000).',
      }),
    },
    resolve: async (_root, { filter, groupBy, limit }, ctx) => {
      const dimensions = [...new Set(groupBy ?? [])] as Dimension[];
      const maxGroups = checkGroupLimit(limit ?? 100);
      if (canUseRollup(filter, dimensions)) {
        return fromRollup(ctx.db, filter, dimensions, maxGroups);
      }
      const events = applyTrainingEventFilter(ctx.db.selectFrom('training_event'), filter);
      const totals = events.select(aggregates).executeTakeFirstOrThrow();
      let groups: Promise<GroupRow[]> = Promise.resolve([]);
      if (dimensions.length > 0) {
        let grouped = events;
        if (dimensions.includes('TOPIC')) {
          grouped = grouped.innerJoin(
            'training_event_topic as event_topic',
            'event_topic.training_event_id',
            'training_event.id',
          );
        }
        const keys = dimensions.map((dimension) => dimensionSql[dimension]);
        let query = grouped.select([...aggregates, ...keys.map((key) => key.sql.as(key.column))]);
        for (const key of keys) query = query.groupBy(key.sql);
        query = query.orderBy(sql`count(*) desc`);
        for (const key of keys) query = query.orderBy(sql`${key.sql} asc nulls last`);
        groups = query.limit(maxGroups).execute() as unknown as Promise<GroupRow[]>;
      }
      const [sums, rows] = await Promise.all([totals, groups]);
      return { ...sums, groups: rows } as StatisticsResult;
    },
  }),
);
