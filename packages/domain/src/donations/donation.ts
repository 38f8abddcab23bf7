import type { DonationItem as DonationItemRow, Donation as DonationRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { Country } from '../places/country.js';
import { Programme } from '../programmes/programme.js';
import { addRelatedList, type Ordering } from '../query/index.js';
import { DatePrecision, QuantityQualifier } from '../shared/enums.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { addSourcesField } from '../sources/citations.js';

export const DonationStatus = builder.enumType('DonationStatus', {
  description: 'Whether a donation was only promised or has been handed over.',
  values: {
    PLEDGED: { value: 'pledged', description: 'Promised, not yet handed over.' },
    DELIVERED: { value: 'delivered', description: 'Handed over to the recipient.' },
  } as const,
});

export const ItemCategory = builder.enumType('ItemCategory', {
  description: 'What kind of goods a donation line item is.',
  values: {
    MASKS: { value: 'masks', description: 'Medical or protective masks.' },
    TEST_KITS: { value: 'test_kits', description: 'Diagnostic test kits.' },
    PROTECTIVE_CLOTHING: {
      value: 'protective_clothing',
      description: 'Protective clothing: gowns, coveralls, gloves.',
    },
    EQUIPMENT: { value: 'equipment', description: 'Medical equipment.' },
    MEDICINES: { value: 'medicines', description: 'Medicines and vaccines.' },
    OTHER: { value: 'other', description: 'Other goods; the description says what.' },
  } as const,
});

export const ItemUnit = builder.enumType('ItemUnit', {
  description: 'The unit a line item is counted in.',
  values: {
    PIECE: { value: 'piece', description: 'Single pieces, such as masks.' },
    SET: {
      value: 'set',
      description: 'Sets, such as sets of testing kits or of protective clothing.',
    },
    KIT: { value: 'kit', description: 'Kits.' },
    BOX: { value: 'box', description: 'Boxes.' },
    PACK: { value: 'pack', description: 'Packs.' },
    DOSE: { value: 'dose', description: 'Doses.' },
    UNIT: { value: 'unit', description: 'Units of equipment.' },
  } as const,
});

interface MoneyRow {
  amount: string;
  currency: string;
}

const Money = builder.objectRef<MoneyRow>('Money').implement({
  description: 'An amount of money in a currency.',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Decimal', description: 'The amount, exact to the cent.' }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, such as `USD`.',
    }),
  }),
});

export const Donation = builder.loadableNode('Donation', {
  description:
    'An in-kind donation from a donor to a recipient (masks, test kits, equipment), with its line items.',
  interfaces: [RecordInterface],
  id: { resolve: (row: DonationRow) => row.id, parse: parseUuidKey('Donation') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('donation').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    title: t.exposeString('title', { description: 'What was given, in brief.' }),
    externalKey: t.exposeString('external_key', {
      nullable: true,
      description:
        'The key the record has in the spreadsheet it was imported from (its `externalKey` column); null when it was not imported.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'The donation as the source reports it.',
    }),
    status: t.expose('status', { type: DonationStatus, description: 'Pledged or delivered.' }),
    announcedOn: t.expose('announced_on', {
      type: 'Date',
      nullable: true,
      description: 'When it was announced or reported.',
    }),
    announcedOnPrecision: t.expose('announced_on_precision', {
      type: DatePrecision,
      description: 'Whether `announcedOn` is the exact day, or only its month or year.',
    }),
    deliveredOn: t.expose('delivered_on', {
      type: 'Date',
      nullable: true,
      description: 'When it was handed over, when known.',
    }),
    deliveredOnPrecision: t.expose('delivered_on_precision', {
      type: DatePrecision,
      description: 'Whether `deliveredOn` is the exact day, or only its month or year.',
    }),
    donorOrganisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The donating organisation, when one is named.',
      resolve: (row) => row.donor_organisation_id,
    }),
    donorCountry: t.field({
      type: Country,
      nullable: true,
      description: 'The donating country, when its government gives.',
      resolve: (row) => row.donor_country_id,
    }),
    recipientOrganisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The receiving organisation, when one is named.',
      resolve: (row) => row.recipient_organisation_id,
    }),
    recipientCountry: t.field({
      type: Country,
      nullable: true,
      description: 'The receiving country.',
      resolve: (row) => row.recipient_country_id,
    }),
    programme: t.field({
      type: Programme,
      nullable: true,
      description: 'The programme it is part of.',
      resolve: (row) => row.programme_id,
    }),
    value: t.field({
      type: Money,
      nullable: true,
      description: 'Its declared monetary value, when given.',
      resolve: (row) =>
        row.value_amount != null && row.value_currency != null
          ? { amount: row.value_amount, currency: row.value_currency }
          : null,
    }),
  }),
});

export const DonationItem = builder.loadableNode('DonationItem', {
  description: 'One line of a donation: a kind of goods and how many.',
  id: { resolve: (row: DonationItemRow) => row.id, parse: parseUuidKey('DonationItem') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('donation_item').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    category: t.expose('category', { type: ItemCategory, description: 'What kind of goods.' }),
    description: t.exposeString('description', {
      description: 'The goods as the source names them, such as `Medical masks`.',
    }),
    quantity: t.exposeInt('quantity', {
      nullable: true,
      description: 'How many, in `unit`; null when the source gives no number.',
    }),
    quantityQualifier: t.expose('quantity_qualifier', {
      type: QuantityQualifier,
      description: 'How the quantity was stated: exactly, "more than", "nearly" or "about".',
    }),
    unit: t.expose('unit', {
      type: ItemUnit,
      nullable: true,
      description: 'The unit of `quantity`.',
    }),
    donation: t.field({
      type: Donation,
      description: 'The donation this line belongs to.',
      resolve: (row) => row.donation_id,
    }),
  }),
});

const DonationItemConnection = builder.connectionObject(
  {
    type: DonationItem,
    name: 'DonationItemConnection',
    description: 'A page of donation line items.',
  },
  { name: 'DonationItemEdge', description: 'A line item in a page of them.' },
);

addRelatedList(Donation, 'items', {
  type: DonationItemConnection,
  description: 'Its line items, in the order the source lists them.',
  children: (db, donation) =>
    db.selectFrom('donation_item').selectAll().where('donation_id', '=', donation),
  ordering: {
    name: 'donation_item.position',
    keys: [{ sql: sql`donation_item.position`, type: 'integer' }],
    direction: 'asc',
  },
});

addSourcesField(Donation, 'donation');

export const DonationConnection = builder.connectionObject(
  { type: Donation, name: 'DonationConnection', description: 'A page of donations.' },
  { name: 'DonationEdge', description: 'A donation in a page of them.' },
);

export const donationOrdering: Ordering = {
  name: 'donation.date.desc',
  keys: [
    { sql: sql`coalesce(donation.delivered_on, donation.announced_on)`, type: 'date' },
    { sql: sql`donation.id`, type: 'uuid' },
  ],
  direction: 'desc',
};
