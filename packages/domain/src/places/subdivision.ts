import type { Database, Subdivision as SubdivisionRow } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import {
  addRelatedList,
  type Embed,
  embeddedOr,
  ignoresInfo,
  type Ordering,
  reads,
  rootList,
} from '../query/index.js';
import { type CodeFormat, parseCode } from '../shared/codes.js';
import type { FieldError } from '../shared/errors.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { Country, countryEmbed } from './country.js';
import { inCountries } from './filters.js';
import { placeName } from './names.js';

export const SubdivisionKind = builder.enumType('SubdivisionKind', {
  description: 'The ISO 3166-2 category of a subdivision.',
  values: {
    REGION: { value: 'region', description: 'A region (viloyat, oblast).' },
    CITY: { value: 'city', description: 'A city with the status of a subdivision.' },
    REPUBLIC: { value: 'republic', description: 'An autonomous republic.' },
    PROVINCE: { value: 'province', description: 'A province.' },
    OTHER: { value: 'other', description: 'Any other category.' },
  } as const,
});

export const Subdivision = builder.loadableNode('Subdivision', {
  description:
    'A first-level subdivision of a country (region, city, republic), identified by its ISO 3166-2 code.',
  interfaces: [RecordInterface],
  id: { resolve: (row: SubdivisionRow) => row.id, parse: parseUuidKey('Subdivision') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('subdivision').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 3166-2 code, such as `UZ-QA`.' }),
    name: t.string({
      description:
        'Its name as in ISO 3166-2, such as `Qashqadaryo`, or in the language of the request (`Accept-Language`) where iso-codes translates it.',
      resolve: ignoresInfo((row, _args, ctx) => placeName(ctx, row.code, row.name)),
      ...reads('code', 'name'),
    }),
    kind: t.expose('kind', {
      type: SubdivisionKind,
      description:
        'What kind of place it is, in the graph’s few kinds; `category` says it as ISO does.',
    }),
    category: t.exposeString('category', {
      nullable: true,
      description:
        'Its category as ISO 3166-2 names it, such as `Region`, `Autonomous republic` or `Metropolitan department`.',
    }),
    country: t.field({
      type: Country,
      description: 'The country it belongs to.',
      resolve: embeddedOr('country', (row) => row.country_id),
      ...reads('country_id'),
    }),
  }),
});

builder.objectField(Subdivision, 'parent', (t) =>
  t.field({
    type: Subdivision,
    nullable: true,
    description:
      'The subdivision it lies in, where ISO 3166-2 has two levels (a French department in its region); null otherwise.',
    resolve: (row) => row.parent_id,
    ...reads('parent_id'),
  }),
);

export const SubdivisionConnection = builder.connectionObject(
  { type: Subdivision, name: 'SubdivisionConnection', description: 'A page of subdivisions.' },
  { name: 'SubdivisionEdge', description: 'A subdivision in a page of subdivisions.' },
);

export const subdivisionOrdering: Ordering = {
  name: 'subdivision.code',
  keys: [{ sql: sql`subdivision.code`, type: 'text' }],
  direction: 'asc',
};

/** A subdivision's natural key: its ISO 3166-2 code, its country's code first. */
export const subdivisionCode: CodeFormat = {
  what: 'subdivision',
  pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/,
  hint: 'an ISO 3166-2 code such as "UZ-QA"',
  table: 'subdivision',
  column: 'code',
  key: 'id',
};

/** Checks an ISO 3166-2 argument before it reaches SQL. */
export function parseSubdivisionCode(code: string, argument = 'code'): string {
  return parseCode(subdivisionCode, code, argument);
}

/**
 * The rule that a subdivision lies in its country, for a record that names both (an
 * organisation, a training event): the subdivision must be one of that country's.
 */
export async function subdivisionOutsideCountry(
  db: Kysely<Database>,
  values: Record<string, unknown>,
  field = 'subdivision',
): Promise<FieldError[]> {
  if (!values.subdivision_id || !values.country_id) return [];
  const inside = await db
    .selectFrom('subdivision')
    .select('id')
    .where('id', '=', values.subdivision_id as string)
    .where('country_id', '=', values.country_id as string)
    .executeTakeFirst();
  return inside
    ? []
    : [{ path: ['input', field], message: `\`${field}\` must lie in the record's country.` }];
}

/** The same rule for a subdivision's own code: it starts with its country's code. */
export function codeOutsideCountry(code: string, countryCodeValue: string): FieldError[] {
  return code.startsWith(`${countryCodeValue}-`)
    ? []
    : [
        {
          path: ['input', 'code'],
          message: `\`code\` must start with its country's code, ${countryCodeValue}-.`,
        },
      ];
}

addRelatedList(Country, 'subdivisions', {
  type: SubdivisionConnection,
  description: 'Its first-level subdivisions, in order of their code.',
  children: (db, country) =>
    db.selectFrom('subdivision').selectAll().where('country_id', '=', country),
  ordering: subdivisionOrdering,
});

const SubdivisionFilter = builder.inputType('SubdivisionFilter', {
  description: 'Narrows a list of subdivisions; all given conditions must hold.',
  fields: (t) => ({
    country: t.string({ description: 'ISO 3166-1 alpha-2 code of the country, such as `UZ`.' }),
    kind: t.field({ type: SubdivisionKind, description: 'Only subdivisions of this category.' }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  subdivision: t.field({
    type: Subdivision,
    nullable: true,
    description: 'A subdivision by its ISO 3166-2 code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'Such as `UZ-QA`.' }) },
    resolve: async (_root, { code }, ctx) =>
      (await ctx.db
        .selectFrom('subdivision')
        .selectAll()
        .where('code', '=', parseSubdivisionCode(code))
        .executeTakeFirst()) ?? null,
  }),
  subdivisions: t.connection(
    {
      type: Subdivision,
      description: 'Subdivisions in order of their code.',
      args: {
        filter: t.arg({
          type: SubdivisionFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('subdivision').selectAll('subdivision');
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('subdivision', filter.updatedSince));
          }
          if (filter?.country) {
            query = query.where(
              inCountries('subdivision.country_id', [filter.country], 'filter.country'),
            );
          }
          if (filter?.kind) query = query.where('subdivision.kind', '=', filter.kind);
          return query;
        },
        ordering: subdivisionOrdering,
      }),
    },
    SubdivisionConnection,
  ),
}));

addSourcesField(Subdivision, 'subdivision');

/** Reads the subdivision of a record (and its country) along with the record. */
export const subdivisionEmbed = (field: string, foreignKey: string): Embed => ({
  field,
  foreignKey,
  table: 'subdivision',
  columns: ['id', 'code', 'country_id', 'name', 'kind', 'created_at', 'updated_at', 'version'],
  loader: Subdivision,
  nested: () => [countryEmbed('country', 'country_id')],
});
