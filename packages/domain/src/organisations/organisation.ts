import type { Database, Organisation as OrganisationRow } from '@mch/db';
import { organisationColumns } from '@mch/db';
import type { GraphQLResolveInfo } from 'graphql';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import { Country, countryEmbed } from '../places/country.js';
import { inCountries, inSubdivisions } from '../places/filters.js';
import { Subdivision, subdivisionEmbed } from '../places/subdivision.js';
import {
  addRelatedList,
  columnsAsked,
  type Embed,
  embeddedOr,
  type Ordering,
  reads,
  relatedList,
  rootList,
} from '../query/index.js';
import { matches, parseSearchText } from '../shared/full-text.js';
import { parseUuidKey } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf, qualified } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { addTranslations } from '../translations/translated-fields.js';
import { IatiOrganisationType } from './iati-organisation.js';

export const OrganisationKind = builder.enumType('OrganisationKind', {
  description: 'What kind of body an organisation is.',
  values: {
    HOSPITAL: { value: 'hospital', description: 'A hospital.' },
    RESEARCH_CENTRE: {
      value: 'research_centre',
      description: 'A research or scientific and practical centre.',
    },
    UNIVERSITY: { value: 'university', description: 'A university or medical school.' },
    MINISTRY: { value: 'ministry', description: 'A government ministry.' },
    EMBASSY: { value: 'embassy', description: 'An embassy or consulate.' },
    MEDICAL_TEAM: {
      value: 'medical_team',
      description: 'A medical team sent abroad, such as a Chinese medical team to Africa.',
    },
    NGO: { value: 'ngo', description: 'A non-governmental organisation.' },
    OTHER: { value: 'other', description: 'Any other body.' },
  } as const,
});

export const Organisation = builder.loadableNode('Organisation', {
  description:
    'A body that takes part in cooperation: a hospital, a research centre, a ministry, an embassy, a medical team.',
  interfaces: [RecordInterface],
  id: { resolve: (row: OrganisationRow) => row.id, parse: parseUuidKey('Organisation') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('organisation')
      .select(qualified('organisation', organisationColumns))
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    acronym: t.exposeString('acronym', {
      nullable: true,
      description: 'Its usual abbreviation, such as `HCM` for Maputo Central Hospital.',
    }),
    kind: t.expose('kind', { type: OrganisationKind, description: 'What kind of body it is.' }),
    iatiIdentifier: t.exposeString('iati_identifier', {
      nullable: true,
      description:
        'Its IATI organisation identifier, such as `XM-DAC-41114`, where it has one: `@ref` of its organisation elements in the IATI export.',
    }),
    iatiType: t.expose('iati_type', {
      type: IatiOrganisationType,
      description:
        'Its IATI organisation type (code list `OrganisationType`): `@type` of its organisation elements in the IATI export.',
    }),
    country: t.field({
      type: Country,
      nullable: true,
      description: 'The country it belongs to (a medical team abroad belongs to its home country).',
      resolve: embeddedOr('country', (row) => row.country_id),
      ...reads('country_id'),
    }),
    subdivision: t.field({
      type: Subdivision,
      nullable: true,
      description: 'The subdivision where it is based, when known.',
      resolve: embeddedOr('subdivision', (row) => row.subdivision_id),
      ...reads('subdivision_id'),
    }),
  }),
});

export const OrganisationConnection = builder.connectionObject(
  { type: Organisation, name: 'OrganisationConnection', description: 'A page of organisations.' },
  { name: 'OrganisationEdge', description: 'An organisation in a page of organisations.' },
);

export const organisationOrdering: Ordering = {
  name: 'organisation.name',
  keys: [
    { sql: sql`organisation.name`, type: 'text' },
    { sql: sql`organisation.id`, type: 'uuid' },
  ],
  direction: 'asc',
};

builder.objectFields(Organisation, (t) => ({
  parent: t.field({
    type: Organisation,
    nullable: true,
    description: 'The organisation it is part of, such as the university of a university hospital.',
    resolve: embeddedOr('parent', (row) => row.parent_id),
    ...reads('parent_id'),
  }),
}));

addRelatedList(Organisation, 'units', {
  type: OrganisationConnection,
  description: 'The organisations that are part of it, by name.',
  children: (db, parent) =>
    db
      .selectFrom('organisation')
      .select(qualified('organisation', organisationColumns))
      .where('parent_id', '=', parent),
  ordering: organisationOrdering,
});

for (const [type, field, column, description] of [
  [Country, 'organisations', 'country_id', 'Organisations that belong to this country, by name.'],
  [
    Subdivision,
    'organisations',
    'subdivision_id',
    'Organisations based in this subdivision, by name.',
  ],
] as const) {
  builder.objectField(type as typeof Country, field, (t) =>
    t.field({
      type: OrganisationConnection,
      description,
      args: t.arg.connectionArgs(),
      resolve: relatedList({
        children: (db, key) =>
          db
            .selectFrom('organisation')
            .select(qualified('organisation', organisationColumns))
            .where(column, '=', key),
        ordering: organisationOrdering,
        parentKey: (row) => row.id,
      }),
      ...reads(),
    }),
  );
}

addSourcesField(Organisation, 'organisation');
addTranslations(Organisation, 'organisation', { description: 'Its full name.' });

const OrganisationFilter = builder.inputType('OrganisationFilter', {
  description: 'Narrows a list of organisations; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Words the name or acronym must contain (full-text).' }),
    country: t.string({ description: 'ISO 3166-1 alpha-2 code of the country it belongs to.' }),
    subdivision: t.string({ description: 'ISO 3166-2 code of the subdivision it is based in.' }),
    kinds: t.field({
      type: [OrganisationKind],
      description: listFilter('Only organisations of these kinds.'),
    }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});
type OrganisationFilterValue = typeof OrganisationFilter.$inferInput;

builder.queryFields((t) => ({
  organisations: t.connection(
    {
      type: Organisation,
      description: 'Organisations in order of their name.',
      args: {
        filter: t.arg({
          type: OrganisationFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }, info) => selectOrganisations(db, filter, info),
        ordering: organisationOrdering,
        // The country, subdivision and parent the query asks for come in the same statement.
        embed: { table: 'organisation', relations: organisationRelations },
      }),
    },
    OrganisationConnection,
  ),
}));

/** The organisations a filter lets through, with what the operation asks of them. */
function selectOrganisations(
  db: Kysely<Database>,
  filter: OrganisationFilterValue | null | undefined,
  info: GraphQLResolveInfo,
) {
  let query = db
    .selectFrom('organisation')
    .select(
      qualified(
        'organisation',
        columnsAsked(info, 'Organisation', organisationColumns) as typeof organisationColumns,
      ),
    );
  if (filter?.updatedSince != null) {
    query = query.where(updatedSince('organisation', filter.updatedSince));
  }
  if (filter?.search != null) {
    query = query.where(matches('organisation', parseSearchText(filter.search, 'filter.search')));
  }
  if (filter?.country) {
    query = query.where(inCountries('organisation.country_id', [filter.country], 'filter.country'));
  }
  if (filter?.subdivision) {
    query = query.where(
      inSubdivisions('organisation.subdivision_id', [filter.subdivision], 'filter.subdivision'),
    );
  }
  if (filter?.kinds) query = query.where(anyOf('organisation.kind', filter.kinds, 'text'));
  return query;
}

/** Reads an organisation (and its country, subdivision, parent) along with a record. */
export const organisationEmbed = (field: string, foreignKey: string): Embed => ({
  field,
  foreignKey,
  table: 'organisation',
  columns: organisationColumns,
  loader: Organisation,
  nested: organisationRelations,
});

/** The to-one relations of an organisation that can be read in the same statement. */
function organisationRelations(): readonly Embed[] {
  return [
    countryEmbed('country', 'country_id'),
    subdivisionEmbed('subdivision', 'subdivision_id'),
    organisationEmbed('parent', 'parent_id'),
  ];
}
