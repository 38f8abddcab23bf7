import type { Agreement as AgreementRow } from '@mch/db';
import { agreementColumns } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { Country } from '../places/country.js';
import { inCountries } from '../places/filters.js';
import { addRelatedList, type Ordering, rootList } from '../query/index.js';
import { DatePrecision, QuantityQualifier } from '../shared/enums.js';
import { matches, parseSearchText } from '../shared/full-text.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf, qualified } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { Topic, TopicConnection, topicOrdering } from '../topics/topic.js';
import { addTranslations } from '../translations/translated-fields.js';

export const AgreementKind = builder.enumType('AgreementKind', {
  description: 'How many parties an agreement binds.',
  values: {
    BILATERAL: { value: 'bilateral', description: 'Between two parties.' },
    MULTILATERAL: { value: 'multilateral', description: 'Between three or more parties.' },
  } as const,
});

export const Agreement = builder.loadableNode('Agreement', {
  description:
    'A cooperation agreement between governments or institutions, with its parties and the areas of collaboration it names.',
  interfaces: [RecordInterface],
  id: { resolve: (row: AgreementRow) => row.id, parse: parseUuidKey('Agreement') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('agreement')
      .select(qualified('agreement', agreementColumns))
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    description: t.exposeString('description', {
      nullable: true,
      description: 'What it covers and how it came about.',
    }),
    kind: t.expose('kind', { type: AgreementKind, description: 'Bilateral or multilateral.' }),
    signedOn: t.expose('signed_on', {
      type: 'Date',
      nullable: true,
      description: 'When it was signed; see `signedOnPrecision` for how exactly that is known.',
    }),
    signedOnPrecision: t.expose('signed_on_precision', {
      type: DatePrecision,
      description: 'Whether `signedOn` is the exact day, or only its month or year.',
    }),
    declaredAreaCount: t.exposeInt('declared_area_count', {
      nullable: true,
      description:
        'How many areas of collaboration the parties declared, when the text gives a number without listing them all ("over 110"). The areas it does name are in `areas`.',
    }),
    declaredAreaCountQualifier: t.expose('declared_area_count_qualifier', {
      type: QuantityQualifier,
      description: 'How `declaredAreaCount` was stated: exactly, "more than", "nearly" or "about".',
    }),
  }),
});

export const AgreementConnection = builder.connectionObject(
  { type: Agreement, name: 'AgreementConnection', description: 'A page of agreements.' },
  { name: 'AgreementEdge', description: 'An agreement in a page of agreements.' },
);

export const agreementOrdering: Ordering = {
  name: 'agreement.signed_on',
  keys: [
    { sql: sql`coalesce(agreement.signed_on, 'infinity'::date)`, type: 'date' },
    { sql: sql`agreement.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

interface AgreementPartyRow {
  id: string;
  country_id: string | null;
  organisation_id: string | null;
}

export const AgreementParty = builder.objectRef<AgreementPartyRow>('AgreementParty').implement({
  description: 'A party to an agreement: a country (its government) or an organisation.',
  fields: (t) => ({
    country: t.field({
      type: Country,
      nullable: true,
      description: 'The country, when a government is the party.',
      resolve: (row) => row.country_id,
    }),
    organisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The organisation, when an institution is the party.',
      resolve: (row) => row.organisation_id,
    }),
  }),
});

const AgreementPartyConnection = builder.connectionObject(
  {
    type: AgreementParty,
    name: 'AgreementPartyConnection',
    description: 'A page of the parties to an agreement.',
  },
  { name: 'AgreementPartyEdge', description: 'A party in a page of parties.' },
);

const partyOrdering: Ordering = {
  name: 'agreement_party.id',
  keys: [{ sql: sql`agreement_party.id`, type: 'uuid' }],
  direction: 'asc',
};

addRelatedList(Agreement, 'parties', {
  type: AgreementPartyConnection,
  description: 'The countries and organisations bound by the agreement.',
  children: (db, agreement) =>
    db
      .selectFrom('agreement_party')
      .select([
        'agreement_party.id',
        'agreement_party.country_id',
        'agreement_party.organisation_id',
      ])
      .where('agreement_party.agreement_id', '=', agreement),
  ordering: partyOrdering,
});

addRelatedList(Agreement, 'areas', {
  type: TopicConnection,
  description:
    'The areas of collaboration the agreement names, as topics. `declaredAreaCount` tells how many were declared in all.',
  children: (db, agreement) =>
    db
      .selectFrom('topic')
      .innerJoin('agreement_area as area', 'area.topic_id', 'topic.id')
      .selectAll('topic')
      .where('area.agreement_id', '=', agreement),
  ordering: topicOrdering,
});

for (const [parent, column, description] of [
  [Country, 'country_id', 'Agreements this country is a party to, most recently signed first.'],
  [
    Organisation,
    'organisation_id',
    'Agreements this organisation is a party to, most recently signed first.',
  ],
] as const) {
  addRelatedList(parent, 'agreements', {
    type: AgreementConnection,
    description,
    children: (db, key) =>
      db
        .selectFrom('agreement')
        .select(qualified('agreement', agreementColumns))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('agreement_party')
              .whereRef('agreement_party.agreement_id', '=', 'agreement.id')
              .where(`agreement_party.${column}`, '=', key),
          ),
        ),
    ordering: agreementOrdering,
  });
}

addRelatedList(Topic, 'agreements', {
  type: AgreementConnection,
  description: 'Agreements that name this topic as an area of collaboration.',
  children: (db, topic) =>
    db
      .selectFrom('agreement')
      .innerJoin('agreement_area as area', 'area.agreement_id', 'agreement.id')
      .select(qualified('agreement', agreementColumns))
      .where('area.topic_id', '=', topic),
  ordering: agreementOrdering,
});

addSourcesField(Agreement, 'agreement');
addTranslations(Agreement, 'agreement', { description: 'Its title.' });

const AgreementFilter = builder.inputType('AgreementFilter', {
  description: 'Narrows a list of agreements; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Words the title or description must contain (full-text).' }),
    party: t.string({
      description: 'ISO 3166-1 alpha-2 code of a country that is a party, such as `BY`.',
    }),
    kind: t.field({ type: AgreementKind, description: 'Only agreements of this kind.' }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  agreements: t.connection(
    {
      type: Agreement,
      description: 'Agreements, most recently signed first; unsigned ones first of all.',
      args: {
        filter: t.arg({
          type: AgreementFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('agreement').select(qualified('agreement', agreementColumns));
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('agreement', filter.updatedSince));
          }
          if (filter?.search != null) {
            query = query.where(
              matches('agreement', parseSearchText(filter.search, 'filter.search')),
            );
          }
          if (filter?.party) {
            const party = inCountries('agreement_party.country_id', [filter.party], 'filter.party');
            query = query.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('agreement_party')
                  .whereRef('agreement_party.agreement_id', '=', 'agreement.id')
                  .where(party),
              ),
            );
          }
          if (filter?.kind) query = query.where('agreement.kind', '=', filter.kind);
          return query;
        },
        ordering: agreementOrdering,
      }),
    },
    AgreementConnection,
  ),
}));
