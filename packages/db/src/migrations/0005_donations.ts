import {
  datePrecision,
  optionalText,
  recordColumns,
  requiredText,
  sqlMigration,
} from './sql-migration.js';

/** In-kind donations and their line items. */
export const migration0005Donations = sqlMigration([
  `create table donation (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('title', 500)},
    ${optionalText('description')},
    status text not null check (status in ('pledged', 'delivered')),
    announced_on date,
    ${datePrecision('announced_on')},
    delivered_on date,
    ${datePrecision('delivered_on')},
    donor_organisation_id uuid references organisation (id),
    donor_country_id uuid references country (id),
    recipient_organisation_id uuid references organisation (id),
    recipient_country_id uuid references country (id),
    programme_id uuid references programme (id),
    value_amount numeric(18, 2) check (value_amount >= 0),
    value_currency char(3) check (value_currency ~ '^[A-Z]{3}$'),
    check (num_nonnulls(donor_organisation_id, donor_country_id) >= 1),
    check (num_nonnulls(recipient_organisation_id, recipient_country_id) >= 1),
    check ((value_amount is null) = (value_currency is null)),
    check (num_nonnulls(announced_on, delivered_on) >= 1),
    ${recordColumns}
  )`,
  `create index donation_date_idx on donation ((coalesce(delivered_on, announced_on)) desc, id desc)`,
  'create index donation_donor_organisation_idx on donation (donor_organisation_id)',
  'create index donation_donor_country_idx on donation (donor_country_id)',
  'create index donation_recipient_organisation_idx on donation (recipient_organisation_id)',
  'create index donation_recipient_country_idx on donation (recipient_country_id)',
  'create index donation_programme_idx on donation (programme_id)',
  `create table donation_item (
    id uuid primary key default gen_random_uuid(),
    donation_id uuid not null references donation (id) on delete cascade,
    position smallint not null check (position >= 0),
    category text not null check (category in ('masks', 'test_kits', 'protective_clothing', 'equipment', 'medicines', 'other')),
    ${requiredText('description', 500)},
    quantity integer check (quantity > 0),
    quantity_qualifier text not null default 'exact' check (quantity_qualifier in ('exact', 'more_than', 'nearly', 'about')),
    unit text check (unit in ('piece', 'set', 'kit', 'box', 'pack', 'dose', 'unit')),
    check ((quantity is null) = (unit is null)),
    unique (donation_id, position)
  )`,
]);
