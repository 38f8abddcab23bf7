import type { Person as PersonRow } from '@mch/db';
import { personColumns } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import {
  addRelatedList,
  type Embed,
  embeddedOr,
  type Ordering,
  reads,
  rootList,
} from '../query/index.js';
import { matches, parseSearchText } from '../shared/full-text.js';
import { parseGlobalIdOf, parseUuidKey } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf, qualified } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { addTranslations } from '../translations/translated-fields.js';
import { Organisation, organisationEmbed } from './organisation.js';

export const Person = builder.loadableNode('Person', {
  description:
    'A person named in the record: an expert who trains, a director or a diplomat who speaks.',
  interfaces: [RecordInterface],
  id: { resolve: (row: PersonRow) => row.id, parse: parseUuidKey('Person') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('person')
      .select(qualified('person', personColumns))
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    profession: t.exposeString('profession', {
      nullable: true,
      description: 'Profession or specialty, such as `Obstetrician`.',
    }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The organisation the person works for.',
      resolve: embeddedOr('organisation', (row) => row.organisation_id),
      ...reads('organisation_id'),
    }),
  }),
});

export const PersonConnection = builder.connectionObject(
  { type: Person, name: 'PersonConnection', description: 'A page of people.' },
  { name: 'PersonEdge', description: 'A person in a page of people.' },
);

export const personOrdering: Ordering = {
  name: 'person.name',
  keys: [
    { sql: sql`person.name`, type: 'text' },
    { sql: sql`person.id`, type: 'uuid' },
  ],
  direction: 'asc',
};

addRelatedList(Organisation, 'people', {
  type: PersonConnection,
  description: 'People who work for this organisation, by name.',
  children: (db, organisation, columns) =>
    db
      .selectFrom('person')
      .select(columns as ReturnType<typeof qualified<'person', (typeof personColumns)[number]>>)
      .where('organisation_id', '=', organisation),
  ordering: personOrdering,
  project: { type: 'Person', table: 'person', columns: personColumns },
});

addSourcesField(Person, 'person');
addTranslations(Person, 'person', {
  description: 'Position or title, such as `Director` or `Counsellor`.',
  nullable: true,
});

const PersonFilter = builder.inputType('PersonFilter', {
  description: 'Narrows a list of people; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Words the name, title or profession must contain.' }),
    organisations: t.idList({ description: listFilter('IDs of the organisations they work for.') }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  people: t.connection(
    {
      type: Person,
      description: 'People in order of their name.',
      args: {
        filter: t.arg({
          type: PersonFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('person').select(qualified('person', personColumns));
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('person', filter.updatedSince));
          }
          if (filter?.search != null) {
            query = query.where(matches('person', parseSearchText(filter.search, 'filter.search')));
          }
          if (filter?.organisations) {
            const ids = filter.organisations.map((id) =>
              parseGlobalIdOf('Organisation', id, 'filter.organisations'),
            );
            query = query.where(anyOf('person.organisation_id', ids));
          }
          return query;
        },
        ordering: personOrdering,
      }),
    },
    PersonConnection,
  ),
}));

/** Reads a person (and their organisation) along with a record. */
export const personEmbed = (field: string, foreignKey: string): Embed => ({
  field,
  foreignKey,
  table: 'person',
  columns: personColumns,
  loader: Person,
  nested: () => [organisationEmbed('organisation', 'organisation_id')],
});
