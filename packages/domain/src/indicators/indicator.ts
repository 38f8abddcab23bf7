import type {
  Database,
  Indicator as IndicatorRow,
  IndicatorObservation as ObservationRow,
} from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { Country } from '../places/country.js';
import { inCountries, inSubdivisions } from '../places/filters.js';
import { Subdivision } from '../places/subdivision.js';
import { type Ordering, type PageArgs, reads, relatedList, rootList } from '../query/index.js';
import { type CodeFormat, parseCode } from '../shared/codes.js';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';
import { parseUuidKey } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { Source } from '../sources/source.js';

/** An indicator's natural key: its code in the WHO Global Health Observatory. */
export const indicatorCode: CodeFormat = {
  what: 'indicator',
  pattern: /^[A-Z0-9_]{2,60}$/,
  hint: 'a WHO Global Health Observatory indicator code such as "MDG_0000000026"',
  table: 'indicator',
  column: 'code',
  key: 'code',
};

export function parseIndicatorCode(code: string, argument = 'code'): string {
  return parseCode(indicatorCode, code, argument);
}

export const Indicator = builder.loadableNode('Indicator', {
  description:
    'A health indicator of the WHO Global Health Observatory, such as the maternal mortality ratio.',
  id: {
    resolve: (row: IndicatorRow) => row.code,
    parse: (key) => {
      if (!indicatorCode.pattern.test(key)) {
        throw new ClientError(ErrorCode.INVALID_ID, 'The global ID does not name an Indicator.');
      }
      return key;
    },
  },
  load: (codes: string[], ctx) =>
    ctx.db
      .selectFrom('indicator')
      .selectAll()
      .where(anyOf('code', codes, 'text'))
      .execute(),
  sort: (row) => row.code,
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Its GHO code, such as `MDG_0000000026` for the maternal mortality ratio.',
    }),
    name: t.exposeString('name', { description: 'Its name.' }),
    unit: t.exposeString('unit', {
      description: 'The unit of its values, such as `per 100 000 live births` or `%`.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What it measures.',
    }),
  }),
});

const IndicatorConnection = builder.connectionObject(
  { type: Indicator, name: 'IndicatorConnection', description: 'A page of indicators.' },
  { name: 'IndicatorEdge', description: 'An indicator in a page of them.' },
);

export const ObservationMethod = builder.enumType('ObservationMethod', {
  description: 'How an indicator value was produced.',
  values: {
    MODELLED_ESTIMATE: {
      value: 'modelled_estimate',
      description: 'A modelled estimate, such as those of the UN inter-agency groups.',
    },
    NATIONAL_REPORT: {
      value: 'national_report',
      description: 'Reported by national authorities, from surveys or administrative records.',
    },
  } as const,
});

export const ObservationSex = builder.enumType('ObservationSex', {
  description: 'Whom a value is about, where an indicator is broken down by sex.',
  values: {
    FEMALE: { value: 'female', description: 'Girls and women.' },
    MALE: { value: 'male', description: 'Boys and men.' },
    BOTH: { value: 'both', description: 'Both sexes together.' },
  } as const,
});

export const IndicatorObservation = builder.loadableNode('IndicatorObservation', {
  description:
    'One value of an indicator for a country or a subdivision in a year, with its uncertainty bounds and its source.',
  interfaces: [RecordInterface],
  id: { resolve: (row: ObservationRow) => row.id, parse: parseUuidKey('IndicatorObservation') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('indicator_observation').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    indicator: t.field({
      type: Indicator,
      description: 'What was measured.',
      resolve: (row) => row.indicator_code,
    }),
    country: t.field({
      type: Country,
      nullable: true,
      description: 'The country, when the value is national.',
      resolve: (row) => row.country_id,
    }),
    subdivision: t.field({
      type: Subdivision,
      nullable: true,
      description: 'The subdivision, when the value is for one subdivision.',
      resolve: (row) => row.subdivision_id,
    }),
    year: t.exposeInt('year', { description: 'The year the value is for.' }),
    period: t.exposeString('period', {
      nullable: true,
      description: 'The part of the year covered, when not the whole, such as `January–September`.',
    }),
    value: t.exposeFloat('value', { description: 'The value, in the indicator’s unit.' }),
    lowerBound: t.exposeFloat('lower_bound', {
      nullable: true,
      description: 'Lower bound of the uncertainty interval, when the source gives one.',
    }),
    upperBound: t.exposeFloat('upper_bound', {
      nullable: true,
      description: 'Upper bound of the uncertainty interval, when the source gives one.',
    }),
    method: t.expose('method', {
      type: ObservationMethod,
      description: 'Modelled estimate or national report.',
    }),
    sex: t.expose('sex', {
      type: ObservationSex,
      nullable: true,
      description:
        'Whom the value is about, when the indicator is broken down by sex; null when it is not.',
    }),
    sourceUpdatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the source last changed the value, when it says (the WHO Global Health Observatory does for each value).',
      resolve: (row) => row.source_updated_at,
    }),
    estimateRound: t.exposeString('estimate_round', {
      nullable: true,
      description:
        'The estimation round a modelled value belongs to, such as `UN MMEIG, April 2025`.',
    }),
    source: t.field({
      type: Source,
      description: 'Where the value comes from.',
      resolve: (row) => row.source_id,
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'What a reader should know when comparing this value with others.',
    }),
  }),
});

const IndicatorObservationConnection = builder.connectionObject(
  {
    type: IndicatorObservation,
    name: 'IndicatorObservationConnection',
    description: 'A page of indicator values.',
  },
  { name: 'IndicatorObservationEdge', description: 'An indicator value in a page of them.' },
);

/** A series reads in time order: by indicator, then year; modelled estimates before national figures. */
const observationOrdering: Ordering = {
  name: 'indicator_observation.year',
  keys: [
    { sql: sql`indicator_observation.indicator_code`, type: 'text' },
    { sql: sql`indicator_observation.year`, type: 'integer' },
    { sql: sql`indicator_observation.method`, type: 'text' },
    { sql: sql`indicator_observation.id`, type: 'uuid' },
  ],
  direction: 'asc',
};

const ObservationFilter = builder.inputType('IndicatorObservationFilter', {
  description:
    'Narrows a list of indicator values. All given conditions must hold; a list matches any of its values.',
  fields: (t) => ({
    indicators: t.stringList({
      description: listFilter('Indicator codes, such as `MDG_0000000026`.'),
    }),
    countries: t.stringList({
      description: listFilter('ISO 3166-1 alpha-2 codes (national values).'),
    }),
    subdivisions: t.stringList({
      description: listFilter('ISO 3166-2 codes (values for a subdivision).'),
    }),
    yearFrom: t.int({ description: 'The first year included.' }),
    yearTo: t.int({ description: 'The last year included.' }),
    methods: t.field({
      type: [ObservationMethod],
      description: listFilter('How values were produced.'),
    }),
    sexes: t.field({
      type: [ObservationSex],
      description: listFilter(
        'Whom the values are about; values not broken down by sex never match.',
      ),
    }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

interface ObservationFilterValue {
  indicators?: string[] | null;
  countries?: string[] | null;
  subdivisions?: string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  methods?: Array<'modelled_estimate' | 'national_report'> | null;
  sexes?: Array<'female' | 'male' | 'both'> | null;
  updatedSince?: Date | string | null;
}

type ObservationQuery = SelectQueryBuilder<Database, 'indicator_observation', ObservationRow>;

function applyObservationFilter(
  query: ObservationQuery,
  filter: ObservationFilterValue | null | undefined,
  argument = 'filter',
): ObservationQuery {
  if (!filter) return query;
  let q = query;
  if (filter.indicators) {
    const codes = filter.indicators.map((c) => parseIndicatorCode(c, `${argument}.indicators`));
    q = q.where(anyOf('indicator_observation.indicator_code', codes, 'text'));
  }
  if (filter.countries) {
    q = q.where(
      inCountries('indicator_observation.country_id', filter.countries, `${argument}.countries`),
    );
  }
  if (filter.subdivisions) {
    q = q.where(
      inSubdivisions(
        'indicator_observation.subdivision_id',
        filter.subdivisions,
        `${argument}.subdivisions`,
      ),
    );
  }
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw new ClientError(
      ErrorCode.BAD_USER_INPUT,
      `\`${argument}.yearTo\` (${filter.yearTo}) is before \`${argument}.yearFrom\` (${filter.yearFrom}).`,
      { argument: `${argument}.yearTo` },
    );
  }
  if (filter.yearFrom != null) q = q.where('indicator_observation.year', '>=', filter.yearFrom);
  if (filter.yearTo != null) q = q.where('indicator_observation.year', '<=', filter.yearTo);
  if (filter.methods) q = q.where(anyOf('indicator_observation.method', filter.methods, 'text'));
  if (filter.sexes) q = q.where(anyOf('indicator_observation.sex', filter.sexes, 'text'));
  if (filter.updatedSince != null) {
    q = q.where(updatedSince('indicator_observation', filter.updatedSince));
  }
  return q;
}

const selectObservations = (db: Kysely<Database>) =>
  db.selectFrom('indicator_observation').selectAll('indicator_observation');

interface ObservationListArgs extends PageArgs {
  filter?: ObservationFilterValue | null;
}

for (const [parent, field, column, key, keyType, description] of [
  [
    Country,
    'indicatorObservations',
    'country_id',
    'id',
    'uuid',
    'National values of indicators, as series in time order.',
  ],
  [
    Subdivision,
    'indicatorObservations',
    'subdivision_id',
    'id',
    'uuid',
    'Values of indicators for the subdivision, as series in time order.',
  ],
  [
    Source,
    'indicatorObservations',
    'source_id',
    'id',
    'uuid',
    'Indicator values taken from this source.',
  ],
  [
    Indicator,
    'observations',
    'indicator_code',
    'code',
    'text',
    'Values of this indicator, in time order.',
  ],
] as const) {
  // biome-ignore lint/suspicious/noExplicitAny: the parent row shapes differ; each has `key`
  builder.objectField(parent as ObjectRef<any, unknown, Record<string, string>>, field, (t) =>
    t.field({
      type: IndicatorObservationConnection,
      description,
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({
          type: ObservationFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: relatedList<ObservationRow, ObservationListArgs, Record<string, string>>({
        children: (db, parentKey, args) =>
          applyObservationFilter(
            selectObservations(db).where(`indicator_observation.${column}`, '=', parentKey),
            args.filter,
          ),
        ordering: observationOrdering,
        parentKeyType: keyType,
        parentKey: (row) => row[key]!,
      }),
      ...reads(key),
    }),
  );
}

builder.queryFields((t) => ({
  indicator: t.field({
    type: Indicator,
    nullable: true,
    description: 'An indicator by its GHO code; null when the graph does not follow it.',
    args: { code: t.arg.string({ required: true, description: 'Such as `MDG_0000000026`.' }) },
    resolve: async (_root, { code }, ctx) =>
      (await ctx.db
        .selectFrom('indicator')
        .selectAll()
        .where('code', '=', parseIndicatorCode(code))
        .executeTakeFirst()) ?? null,
  }),
  indicators: t.connection(
    {
      type: Indicator,
      description: 'The indicators the graph follows, by code.',
      resolve: rootList({
        rows: (db) => db.selectFrom('indicator').selectAll(),
        ordering: {
          name: 'indicator.code',
          keys: [{ sql: sql`indicator.code`, type: 'text' }],
          direction: 'asc',
        },
      }),
    },
    IndicatorConnection,
  ),
  indicatorObservations: t.connection(
    {
      type: IndicatorObservation,
      description: 'Indicator values, as series: by indicator, then year.',
      args: {
        filter: t.arg({
          type: ObservationFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => applyObservationFilter(selectObservations(db), filter),
        ordering: observationOrdering,
      }),
    },
    IndicatorObservationConnection,
  ),
}));
