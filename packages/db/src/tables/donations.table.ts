import type { Generated, Insertable, Selectable } from 'kysely';
import type { DatePrecision, DateString, Id, QuantityQualifier, RecordColumns } from './common.js';

export type DonationStatus = 'pledged' | 'delivered';

export interface DonationTable extends RecordColumns {
  id: Id;
  title: string;
  description: string | null;
  status: DonationStatus;
  announced_on: DateString | null;
  announced_on_precision: Generated<DatePrecision>;
  delivered_on: DateString | null;
  delivered_on_precision: Generated<DatePrecision>;
  donor_organisation_id: string | null;
  donor_country_id: string | null;
  recipient_organisation_id: string | null;
  recipient_country_id: string | null;
  programme_id: string | null;
  /** numeric(18,2), read as a decimal string so no cent is lost. */
  value_amount: string | null;
  value_currency: string | null;
  /** The key the record has in the spreadsheet or system it was imported from. */
  external_key: string | null;
}

export type ItemCategory =
  | 'masks'
  | 'test_kits'
  | 'protective_clothing'
  | 'equipment'
  | 'medicines'
  | 'other';

export type ItemUnit = 'piece' | 'set' | 'kit' | 'box' | 'pack' | 'dose' | 'unit';

export interface DonationItemTable {
  id: Id;
  donation_id: string;
  position: number;
  category: ItemCategory;
  description: string;
  quantity: number | null;
  quantity_qualifier: Generated<QuantityQualifier>;
  unit: ItemUnit | null;
}

/**
 * Donated quantities by donor, recipient, status, year, item category and unit, kept by
 * triggers. Counts are bigint, read as strings; queries cast their sums.
 */
export interface DonationItemRollupTable {
  donor_country_id: string | null;
  donor_organisation_id: string | null;
  recipient_country_id: string | null;
  recipient_organisation_id: string | null;
  status: DonationStatus;
  year: number | null;
  category: ItemCategory;
  unit: ItemUnit | null;
  quantity: string;
  inexact_items: string;
  item_count: string;
  donation_count: string;
}

/** The same totals without the category. */
export type DonationUnitRollupTable = Omit<DonationItemRollupTable, 'category'>;

/** The totals without the recipient, with and without the category. */
export type DonationDonorItemRollupTable = Omit<
  DonationItemRollupTable,
  'recipient_country_id' | 'recipient_organisation_id'
>;
export type DonationDonorUnitRollupTable = Omit<DonationDonorItemRollupTable, 'category'>;

/** Each donation's share of the totals, by category and unit. */
export interface DonationContributionTable
  extends Omit<DonationItemRollupTable, 'donation_count' | 'inexact_items' | 'item_count'> {
  donation_id: string;
  inexact_items: number;
  item_count: number;
}

export type Donation = Selectable<DonationTable>;
export type NewDonation = Insertable<DonationTable>;
export type DonationItem = Selectable<DonationItemTable>;
export type NewDonationItem = Insertable<DonationItemTable>;
