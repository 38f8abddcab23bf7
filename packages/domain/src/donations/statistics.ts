import type { ItemCategory as CategoryCode, Database, ItemUnit as UnitCode } from '@mch/db';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { Country } from '../places/country.js';
import { checkDateRange } from '../shared/date-range.js';
import { checkGroupLimit, wholeYears } from '../shared/statistics.js';
import { ItemCategory, ItemUnit } from './donation.js';
import {
  applyDonationFilter,
  DonationFilter,
  type DonationFilterValue,
  donationPartyConditions,
} from './queries.js';

export const DonationDimension = builder.enumType('DonationDimension', {
  description: 'What donation statistics can be grouped by. They are always grouped by unit.',
  values: {
    DONOR: { description: 'The donor: a country, an organisation, or both.' },
    RECIPIENT: { description: 'The recipient: a country, an organisation, or both.' },
    ITEM_CATEGORY: { description: 'The category of goods (masks, test kits, ...).' },
    YEAR: { description: 'The year of delivery, or of announcement when not delivered.' },
  } as const,
});

type Dimension = 'DONOR' | 'RECIPIENT' | 'ITEM_CATEGORY' | 'YEAR';

const dimensionSql: Record<Dimension, Array<{ column: string; sql: RawBuilder<unknown> }>> = {
  DONOR: [
    { column: 'donor_country_id', sql: sql`donation.donor_country_id` },
    { column: 'donor_organisation_id', sql: sql`donation.donor_organisation_id` },
  ],
  RECIPIENT: [
    { column: 'recipient_country_id', sql: sql`donation.recipient_country_id` },
    { column: 'recipient_organisation_id', sql: sql`donation.recipient_organisation_id` },
  ],
  ITEM_CATEGORY: [{ column: 'category', sql: sql`item.category` }],
  YEAR: [
    {
      column: 'year',
      sql: sql`extract(year from coalesce(donation.delivered_on, donation.announced_on))::int`,
    },
  ],
};

interface GroupRow {
  donor_country_id?: string | null;
  donor_organisation_id?: string | null;
  recipient_country_id?: string | null;
  recipient_organisation_id?: string | null;
  category?: CategoryCode | null;
  year?: number | null;
  unit: UnitCode | null;
  quantity: number | null;
  approximate: boolean;
  donation_count: number;
  item_count: number;
}

const DonationStatisticsGroup = builder.objectRef<GroupRow>('DonationStatisticsGroup').implement({
  description:
    'Donated quantities for one group and one unit. Only the dimensions asked for in `groupBy` are set; the others are null.',
  fields: (t) => ({
    donorCountry: t.field({
      type: Country,
      nullable: true,
      description: 'The donor country.',
      resolve: (g) => g.donor_country_id ?? null,
    }),
    donorOrganisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The donor organisation.',
      resolve: (g) => g.donor_organisation_id ?? null,
    }),
    recipientCountry: t.field({
      type: Country,
      nullable: true,
      description: 'The recipient country.',
      resolve: (g) => g.recipient_country_id ?? null,
    }),
    recipientOrganisation: t.field({
      type: Organisation,
      nullable: true,
      description: 'The recipient organisation.',
      resolve: (g) => g.recipient_organisation_id ?? null,
    }),
    itemCategory: t.field({
      type: ItemCategory,
      nullable: true,
      description: 'The category of goods.',
      resolve: (g) => g.category ?? null,
    }),
    year: t.int({ nullable: true, description: 'The year.', resolve: (g) => g.year ?? null }),
    unit: t.expose('unit', {
      type: ItemUnit,
      nullable: true,
      description:
        'The unit `quantity` counts; null for line items the sources gave no number for.',
    }),
    quantity: t.exposeFloat('quantity', {
      nullable: true,
      description:
        'The quantity given, in `unit`; null when no line item of the group has a number.',
    }),
    approximate: t.exposeBoolean('approximate', {
      description:
        'True when a line item summed was stated as "more than", "nearly" or "about": the sum is then approximate too.',
    }),
    donationCount: t.exposeInt('donation_count', { description: 'Donations in the group.' }),
    itemCount: t.exposeInt('item_count', { description: 'Line items in the group.' }),
  }),
});

interface StatisticsResult {
  donation_count: number;
  groups: GroupRow[];
}

const DonationStatistics = builder.objectRef<StatisticsResult>('DonationStatistics').implement({
  description: 'Donations a filter selects, and their quantities by group and unit.',
  fields: (t) => ({
    donationCount: t.exposeInt('donation_count', { description: 'Donations selected.' }),
    groups: t.field({
      type: [DonationStatisticsGroup],
      description:
        'Quantities by the dimensions of `groupBy` and by unit, most line items first. Without `groupBy`, one group per unit.',
      resolve: (result) => result.groups,
    }),
  }),
});

/**
 * Whether the maintained totals can answer a filter: all but item categories, partial years and
 * a time of change.
 */
function canUseRollup(filter: DonationFilterValue | null | undefined): boolean {
  if (!filter) return true;
  if (filter.itemCategories != null || filter.updatedSince != null) return false;
  return !filter.date || wholeYears(filter.date) !== undefined;
}

/** Groups read from the smallest of the totals the triggers keep that can answer. */
function fromRollup(
  db: Kysely<Database>,
  filter: DonationFilterValue | null | undefined,
  dimensions: Dimension[],
  limit: number,
): Promise<GroupRow[]> {
  // Without the category, the totals by unit count each donation once per unit; without the
  // recipient, the donor's totals have far fewer rows.
  const byRecipient =
    dimensions.includes('RECIPIENT') ||
    filter?.recipientCountries != null ||
    filter?.recipientOrganisations != null;
  const table = `donation_${byRecipient ? '' : 'donor_'}${
    dimensions.includes('ITEM_CATEGORY') ? 'item' : 'unit'
  }_rollup` as const;
  let rows = db.selectFrom(`${table} as r`) as unknown as ReturnType<
    typeof db.selectFrom<'donation_item_rollup as r'>
  >;
  for (const condition of donationPartyConditions(filter, 'r')) rows = rows.where(condition);
  if (filter?.date) {
    const years = wholeYears(checkDateRange(filter.date, 'filter.date'))!;
    if (years.from !== undefined) rows = rows.where('r.year', '>=', years.from);
    if (years.to !== undefined) rows = rows.where('r.year', '<=', years.to);
  }
  const keys = [
    ...dimensions.flatMap((dimension) => dimensionSql[dimension].map((key) => key.column)),
    'unit',
  ].map((column) => ({ column, sql: sql.ref(`r.${column}`) }));
  let query = rows.select([
    ...keys.map((key) => key.sql.as(key.column)),
    sql<number | null>`case when r.unit is null then null else sum(r.quantity)::float8 end`.as(
      'quantity',
    ),
    sql<boolean>`coalesce(sum(r.inexact_items) > 0, false)`.as('approximate'),
    sql<number>`sum(r.donation_count)::int`.as('donation_count'),
    sql<number>`sum(r.item_count)::int`.as('item_count'),
  ]);
  for (const key of keys) query = query.groupBy(key.sql);
  query = query.having(sql<boolean>`sum(r.item_count) > 0`).orderBy(sql`sum(r.item_count) desc`);
  for (const key of keys) query = query.orderBy(sql`${key.sql} asc nulls last`);
  return query.limit(limit).execute() as unknown as Promise<GroupRow[]>;
}

/** Groups worked out from the donations and their items, for filters the totals cannot answer. */
function fromDonations<O>(
  db: Kysely<Database>,
  donations: SelectQueryBuilder<Database, 'donation', O>,
  dimensions: Dimension[],
  maxGroups: number,
): Promise<GroupRow[]> {
  const keys = dimensions.flatMap((dimension) => dimensionSql[dimension]);
  // First per donation, then per group: counting donations is then a plain count, not a
  // count of distinct ids over every line item.
  const unit = sql`item.unit`;
  let perDonation = donations
    .innerJoin('donation_item as item', 'item.donation_id', 'donation.id')
    .select([
      ...keys.map((key) => key.sql.as(key.column)),
      unit.as('unit'),
      sql<number | null>`sum(item.quantity)::float8`.as('quantity'),
      sql<boolean>`bool_or(item.quantity_qualifier <> 'exact')`.as('approximate'),
      sql<number>`count(*)::int`.as('item_count'),
    ])
    .groupBy(sql`donation.id`);
  for (const key of [...keys, { sql: unit }]) perDonation = perDonation.groupBy(key.sql);
  const outerKeys = [...keys.map((key) => key.column), 'unit'].map((column) =>
    sql.ref(`d.${column}`),
  );
  let query = db
    .selectFrom(perDonation.as('d'))
    .select([
      ...outerKeys.map((key, i) => key.as([...keys.map((k) => k.column), 'unit'][i]!)),
      sql<number | null>`sum(d.quantity)::float8`.as('quantity'),
      sql<boolean>`coalesce(bool_or(d.approximate), false)`.as('approximate'),
      sql<number>`count(*)::int`.as('donation_count'),
      sql<number>`sum(d.item_count)::int`.as('item_count'),
    ]);
  for (const key of outerKeys) query = query.groupBy(key);
  query = query.orderBy(sql`sum(d.item_count) desc`);
  for (const key of outerKeys) query = query.orderBy(sql`${key} asc nulls last`);
  return query.limit(maxGroups).execute() as unknown as Promise<GroupRow[]>;
}

builder.queryField('donationStatistics', (t) =>
  t.field({
    type: DonationStatistics,
    description:
      'Donated quantities over the donations a filter selects, per unit and optionally grouped by donor, recipient, category and year. Computed by the database.',
    args: {
      filter: t.arg({
        type: DonationFilter,
        description: 'Only the records that match; all of them when left out.',
      }),
      groupBy: t.arg({
        type: [DonationDimension],
        defaultValue: [],
        description: 'The dimensions to group by, such as `[DONOR, ITEM_CATEGORY]`.',
      }),
      limit: t.arg.int({
        defaultValue: 100,
        description: 'The most groups returned (at most 1000).',
      }),
    },
    resolve: async (_root, { filter, groupBy, limit }, ctx) => {
      const maxGroups = checkGroupLimit(limit ?? 100);
      const dimensions = [...new Set(groupBy ?? [])] as Dimension[];
      const donations = applyDonationFilter(ctx.db.selectFrom('donation'), filter);
      const count = donations
        .select(sql<number>`count(*)::int`.as('donation_count'))
        .executeTakeFirstOrThrow();
      const groups = canUseRollup(filter)
        ? fromRollup(ctx.db, filter, dimensions, maxGroups)
        : fromDonations(ctx.db, donations, dimensions, maxGroups);
      const [totals, rows] = await Promise.all([count, groups]);
      return { donation_count: totals.donation_count, groups: rows };
    },
  }),
);
