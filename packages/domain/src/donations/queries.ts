import type {
  Database,
  DonationStatus as DonationStatusCode,
  ItemCategory as ItemCategoryCode,
} from '@mch/db';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { Country } from '../places/country.js';
import { inCountries } from '../places/filters.js';
import { Programme } from '../programmes/programme.js';
import { addRelatedList, rootList } from '../query/index.js';
import { checkDateRange, DateRange, type DateRangeValue } from '../shared/date-range.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import {
  Donation,
  DonationConnection,
  DonationStatus,
  donationOrdering,
  ItemCategory,
} from './donation.js';

const selectDonations = (db: Kysely<Database>) => db.selectFrom('donation').selectAll('donation');

for (const [parent, field, column, description] of [
  [Country, 'donationsGiven', 'donor_country_id', 'Donations this country gave, newest first.'],
  [
    Country,
    'donationsReceived',
    'recipient_country_id',
    'Donations this country received, newest first.',
  ],
  [
    Organisation,
    'donationsGiven',
    'donor_organisation_id',
    'Donations this organisation gave, newest first.',
  ],
  [
    Organisation,
    'donationsReceived',
    'recipient_organisation_id',
    'Donations this organisation received, newest first.',
  ],
  [
    Programme,
    'donations',
    'programme_id',
    'Donations made as part of this programme, newest first.',
  ],
] as const) {
  addRelatedList(parent, field, {
    type: DonationConnection,
    description,
    children: (db, key) => selectDonations(db).where(`donation.${column}`, '=', key),
    ordering: donationOrdering,
  });
}

export const DonationFilter = builder.inputType('DonationFilter', {
  description:
    'Narrows a list of donations. All given conditions must hold; a list matches any of its values.',
  fields: (t) => ({
    donorCountries: t.stringList({
      description: listFilter('ISO 3166-1 alpha-2 codes of donor countries.'),
    }),
    recipientCountries: t.stringList({
      description: listFilter('ISO 3166-1 alpha-2 codes of recipient countries.'),
    }),
    donorOrganisations: t.idList({ description: listFilter('IDs of donor organisations.') }),
    recipientOrganisations: t.idList({
      description: listFilter('IDs of recipient organisations.'),
    }),
    statuses: t.field({ type: [DonationStatus], description: listFilter('Statuses.') }),
    itemCategories: t.field({
      type: [ItemCategory],
      description: listFilter('Only donations with a line item of one of these categories.'),
    }),
    date: t.field({
      type: DateRange,
      description: 'The range the delivery date (or, without one, the announcement date) falls in.',
    }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

export interface DonationFilterValue {
  donorCountries?: string[] | null;
  recipientCountries?: string[] | null;
  donorOrganisations?: string[] | null;
  recipientOrganisations?: string[] | null;
  statuses?: DonationStatusCode[] | null;
  itemCategories?: ItemCategoryCode[] | null;
  date?: DateRangeValue | null;
  updatedSince?: Date | string | null;
}

type DonationQuery<O> = SelectQueryBuilder<Database, 'donation', O>;

/**
 * The conditions on a donation's own parties and status, for rows of `alias` that carry the
 * donation's columns (the donations themselves, or totals kept by them).
 */
export function donationPartyConditions(
  filter: DonationFilterValue | null | undefined,
  alias: string,
  argument = 'filter',
): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (!filter) return conditions;
  for (const [key, column] of [
    ['donorCountries', 'donor_country_id'],
    ['recipientCountries', 'recipient_country_id'],
  ] as const) {
    const values = filter[key];
    if (!values) continue;
    conditions.push(inCountries(`${alias}.${column}`, values, `${argument}.${key}`));
  }
  for (const [key, column] of [
    ['donorOrganisations', 'donor_organisation_id'],
    ['recipientOrganisations', 'recipient_organisation_id'],
  ] as const) {
    const values = filter[key];
    if (!values) continue;
    const ids = values.map((id) => parseGlobalIdOf('Organisation', id, `${argument}.${key}`));
    conditions.push(anyOf(`${alias}.${column}`, ids));
  }
  if (filter.statuses) conditions.push(anyOf(`${alias}.status`, filter.statuses, 'text'));
  return conditions;
}

export function applyDonationFilter<O>(
  query: DonationQuery<O>,
  filter: DonationFilterValue | null | undefined,
  argument = 'filter',
): DonationQuery<O> {
  if (!filter) return query;
  let q = query;
  for (const condition of donationPartyConditions(filter, 'donation', argument)) {
    q = q.where(condition);
  }
  if (filter.itemCategories) {
    const categories = filter.itemCategories;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('donation_item as item')
          .whereRef('item.donation_id', '=', 'donation.id')
          .where(anyOf('item.category', categories, 'text')),
      ),
    );
  }
  if (filter.updatedSince != null) q = q.where(updatedSince('donation', filter.updatedSince));
  if (filter.date) {
    const { from, to } = checkDateRange(filter.date, `${argument}.date`);
    const date = sql<string>`coalesce(donation.delivered_on, donation.announced_on)`;
    if (from) q = q.where(date, '>=', from);
    if (to) q = q.where(date, '<=', to);
  }
  return q;
}

builder.queryFields((t) => ({
  donations: t.connection(
    {
      type: Donation,
      description: 'Donations, most recent first (by delivery date, or else announcement date).',
      args: {
        filter: t.arg({
          type: DonationFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => applyDonationFilter(selectDonations(db), filter),
        ordering: donationOrdering,
      }),
    },
    DonationConnection,
  ),
}));
