import { sqlMigration } from './sql-migration.js';

/**
 * Donated quantities kept up to date by triggers, for dashboard statistics: by donor, recipient,
 * status, year, item category and unit (`donation_item_rollup`); the same without the category
 * (`donation_unit_rollup`), whose donation counts cannot be summed from the finer rows since one
 * donation can give two categories in the same unit; and both again without the recipient
 * (`donation_donor_item_rollup`, `donation_donor_unit_rollup`), far fewer rows for the questions
 * that do not ask about recipients.
 *
 * Each donation's share of the totals is kept in `donation_contribution`. A change to a donation
 * or its items takes that share out, works it out again from the tables, and adds it back: the
 * totals stay right whatever the order of the changes, cascades included.
 */
const donationKeys =
  'donor_country_id, donor_organisation_id, recipient_country_id, recipient_organisation_id, status, year';
const donorKeys = 'donor_country_id, donor_organisation_id, status, year';

/** The totals tables: their name, their keys, and whether they keep the category. */
const totals = [
  { table: 'donation_item_rollup', keys: `${donationKeys}, category, unit` },
  { table: 'donation_unit_rollup', keys: `${donationKeys}, unit` },
  { table: 'donation_donor_item_rollup', keys: `${donorKeys}, category, unit` },
  { table: 'donation_donor_unit_rollup', keys: `${donorKeys}, unit` },
];

/** A donation's share, worked out from the tables, for the donations `where` selects. */
const contributions = (where: string) => `
  select d.id, d.donor_country_id, d.donor_organisation_id, d.recipient_country_id,
    d.recipient_organisation_id, d.status,
    extract(year from coalesce(d.delivered_on, d.announced_on))::int, i.category, i.unit,
    coalesce(sum(i.quantity), 0), count(*) filter (where i.quantity_qualifier <> 'exact'), count(*)
  from donation d join donation_item i on i.donation_id = d.id
  ${where}
  group by d.id, i.category, i.unit`;

/**
 * One statement per totals table that adds the shares in `source` to it, each times its
 * `sign` column (-1 to take a share out). Tables are changed in a fixed order and rows in key
 * order, so concurrent writers lock total rows in the same order and never wait on each other
 * in a cycle; groups whose totals do not change are not touched at all.
 */
const addTo = (source: string) =>
  totals.map(({ table, keys }) => {
    const donations = (sign: string) => `count(distinct donation_id) filter (where sign ${sign} 0)`;
    return upsert(
      table,
      keys,
      `select ${keys}, sum(sign * quantity), sum(sign * inexact_items), sum(sign * item_count),
        ${donations('>')} - ${donations('<')}
      from ${source} as changes
      group by ${keys}
      having sum(sign * quantity) <> 0 or sum(sign * inexact_items) <> 0
        or sum(sign * item_count) <> 0 or ${donations('>')} <> ${donations('<')}
      order by ${keys}`,
    );
  });

/** Fills the empty totals tables from every share: only additions, so simpler sums. */
const sums = 'sum(quantity), sum(inexact_items), sum(item_count)';
const fill = () => [
  // A share is one donation's items of one category and unit: by category, each share is a
  // donation of its own.
  upsert(
    'donation_item_rollup',
    totals[0]!.keys,
    `select ${totals[0]!.keys}, ${sums}, count(*) from donation_contribution
      group by ${totals[0]!.keys}`,
  ),
  // By unit alone, a donation's shares are first put together.
  upsert(
    'donation_unit_rollup',
    totals[1]!.keys,
    `select ${totals[1]!.keys}, ${sums}, count(*) from (
        select donation_id, ${totals[1]!.keys}, ${sums.replace(/sum\((\w+)\)/g, 'sum($1) as $1')}
        from donation_contribution group by donation_id, ${totals[1]!.keys}
      ) as per_donation
      group by ${totals[1]!.keys}`,
  ),
  // A donation has one recipient, so the donor's totals add up the recipients' exactly.
  ...[
    ['donation_donor_item_rollup', 'donation_item_rollup', totals[2]!.keys],
    ['donation_donor_unit_rollup', 'donation_unit_rollup', totals[3]!.keys],
  ].map(([table, from, keys]) =>
    upsert(
      table!,
      keys!,
      `select ${keys}, ${sums}, sum(donation_count) from ${from} group by ${keys}`,
    ),
  ),
];

const upsert = (table: string, keys: string, select: string) => `
  insert into ${table} as r (${keys}, quantity, inexact_items, item_count, donation_count)
  ${select}
  on conflict (${keys}) do update set
    quantity = r.quantity + excluded.quantity,
    inexact_items = r.inexact_items + excluded.inexact_items,
    item_count = r.item_count + excluded.item_count,
    donation_count = r.donation_count + excluded.donation_count`;

const totalsColumns = `
    quantity bigint not null,
    inexact_items bigint not null,
    item_count bigint not null,
    donation_count bigint not null`;

const columnTypes: Record<string, string> = {
  donor_country_id: 'uuid',
  donor_organisation_id: 'uuid',
  recipient_country_id: 'uuid',
  recipient_organisation_id: 'uuid',
  status: 'text not null',
  year: 'integer',
  category: 'text not null',
  unit: 'text',
};
const keyColumns = (keys: string) =>
  keys
    .split(', ')
    .map((key) => `\n    ${key} ${columnTypes[key]},`)
    .join('');

const populate = [
  `insert into donation_contribution ${contributions('')}`,
  ...fill(),
  `analyze ${totals.map(({ table }) => table).join(', ')}`,
];

export const migration0011DonationRollup = sqlMigration([
  `create table donation_contribution (
    donation_id uuid not null,${keyColumns(`${donationKeys}, category, unit`)}
    quantity bigint not null,
    inexact_items integer not null,
    item_count integer not null,
    unique nulls not distinct (donation_id, category, unit)
  )`,
  // The key's unit and category come first: grouping by the donor, the recipient or the
  // year then finds no presorted prefix, and the planner hashes the few groups there are
  // instead of walking the whole index in order.
  ...totals.map(
    ({ table, keys }) => `create table ${table} (${keyColumns(keys)}${totalsColumns},
      unique nulls not distinct (${keys.split(', ').reverse().join(', ')})
    )`,
  ),
  // The shares taken out and put back are kept in arrays: the new shares can only be inserted
  // once the old ones are deleted, and the totals change by both at once.
  `create function donation_rollup_refresh(ids uuid[]) returns void language plpgsql as $$
  declare
    gone donation_contribution[];
    came donation_contribution[];
  begin
    if cardinality(ids) = 0 then return; end if;
    with removed as (delete from donation_contribution where donation_id = any(ids) returning *)
      select coalesce(array_agg(row(removed.*)::donation_contribution), '{}') into gone
      from removed;
    with added as (
      insert into donation_contribution ${contributions('where d.id = any(ids)')}
      returning *
    )
      select coalesce(array_agg(row(added.*)::donation_contribution), '{}') into came from added;
    ${addTo(
      '(select *, -1 as sign from unnest(gone) union all select *, 1 as sign from unnest(came))',
    ).join(';\n')};
  end
  $$`,
  `create function donation_item_rollup_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      perform donation_rollup_refresh(array(select distinct donation_id from new_rows));
    elsif tg_op = 'UPDATE' then
      perform donation_rollup_refresh(array(
        select donation_id from old_rows union select donation_id from new_rows));
    else
      perform donation_rollup_refresh(array(select distinct donation_id from old_rows));
    end if;
    return null;
  end
  $$`,
  `create function donation_rollup_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      perform donation_rollup_refresh(array(select id from old_rows union select id from new_rows));
    else
      perform donation_rollup_refresh(array(select id from old_rows));
    end if;
    return null;
  end
  $$`,
  `create trigger donation_item_rollup_insert after insert on donation_item
    referencing new table as new_rows
    for each statement execute function donation_item_rollup_trigger()`,
  `create trigger donation_item_rollup_update after update on donation_item
    referencing old table as old_rows new table as new_rows
    for each statement execute function donation_item_rollup_trigger()`,
  `create trigger donation_item_rollup_delete after delete on donation_item
    referencing old table as old_rows
    for each statement execute function donation_item_rollup_trigger()`,
  // A new donation has no items yet; its items bring it into the totals.
  `create trigger donation_rollup_update after update on donation
    referencing old table as old_rows new table as new_rows
    for each statement execute function donation_rollup_trigger()`,
  `create trigger donation_rollup_delete after delete on donation
    referencing old table as old_rows
    for each statement execute function donation_rollup_trigger()`,
  ...populate,
]);

/** Rebuilds the totals from the donations, after loads that bypass triggers. */
export const rebuildDonationRollup = [
  `truncate donation_contribution, ${totals.map(({ table }) => table).join(', ')}`,
  ...populate,
];
