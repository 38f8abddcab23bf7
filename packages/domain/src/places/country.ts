import type { Country as CountryRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { type Embed, ignoresInfo, type Ordering, reads, rootList } from '../query/index.js';
import { type CodeFormat, parseCode } from '../shared/codes.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { placeName } from './names.js';

export const Country = builder.loadableNode('Country', {
  description: 'A country, identified by its ISO 3166-1 codes.',
  interfaces: [RecordInterface],
  id: { resolve: (row: CountryRow) => row.id, parse: parseUuidKey('Country') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('country').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code, such as `UZ`.' }),
    alpha3: t.exposeString('alpha3', { description: 'ISO 3166-1 alpha-3 code, such as `UZB`.' }),
    numericCode: t.exposeString('numeric_code', {
      description: 'ISO 3166-1 numeric code, such as `860`, with its leading zeros.',
    }),
    name: t.string({
      description:
        'Its short name in the language of the request (`Accept-Language`), such as `Uzbekistan`, `Usbequistão` or `Узбекистан`; in English where iso-codes has no translation.',
      resolve: ignoresInfo((row, _args, ctx) => placeName(ctx, row.code, row.name)),
      ...reads('code', 'name'),
    }),
    officialName: t.exposeString('official_name', {
      nullable: true,
      description: 'Official English name, such as `Republic of Uzbekistan`, where one exists.',
    }),
  }),
});

export const CountryConnection = builder.connectionObject(
  { type: Country, name: 'CountryConnection', description: 'A page of countries.' },
  { name: 'CountryEdge', description: 'A country in a page of countries.' },
);

export const countryOrdering: Ordering = {
  name: 'country.code',
  keys: [{ sql: sql`country.code`, type: 'text' }],
  direction: 'asc',
};

/** A country's natural key: its ISO 3166-1 alpha-2 code. */
export const countryCode: CodeFormat = {
  what: 'country',
  pattern: /^[A-Z]{2}$/,
  hint: 'an ISO 3166-1 alpha-2 code of two capital letters, such as "UZ"',
  table: 'country',
  column: 'code',
  key: 'id',
};

/** Checks an ISO 3166-1 alpha-2 argument before it reaches SQL. */
export function parseCountryCode(code: string, argument = 'code'): string {
  return parseCode(countryCode, code, argument);
}

const CountryFilter = builder.inputType('CountryFilter', {
  description: 'Narrows the list of countries.',
  fields: (t) => ({
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  country: t.field({
    type: Country,
    nullable: true,
    description: 'A country by its ISO 3166-1 alpha-2 code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'Such as `MZ`.' }) },
    resolve: async (_root, { code }, ctx) =>
      (await ctx.db
        .selectFrom('country')
        .selectAll()
        .where('code', '=', parseCountryCode(code))
        .executeTakeFirst()) ?? null,
  }),
  countries: t.connection(
    {
      type: Country,
      description: 'All countries, in order of their alpha-2 code.',
      args: {
        filter: t.arg({
          type: CountryFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('country').selectAll();
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('country', filter.updatedSince));
          }
          return query;
        },
        ordering: countryOrdering,
      }),
    },
    CountryConnection,
  ),
}));

addSourcesField(Country, 'country');

/** Reads the country of a record along with the record, when the query asks for it. */
export const countryEmbed = (field: string, foreignKey: string): Embed => ({
  field,
  foreignKey,
  table: 'country',
  columns: [
    'id',
    'code',
    'alpha3',
    'numeric_code',
    'name',
    'official_name',
    'created_at',
    'updated_at',
    'version',
  ],
  loader: Country,
});
