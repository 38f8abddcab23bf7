import { sqlMigration } from './sql-migration.js';

/** The codes of IATI's OrganisationType code list (2.03). */
export const iatiOrganisationTypeCodes = [
  '10',
  '11',
  '15',
  '21',
  '22',
  '23',
  '24',
  '30',
  '40',
  '60',
  '70',
  '71',
  '72',
  '73',
  '80',
  '90',
] as const;

export type IatiOrganisationTypeCode = (typeof iatiOrganisationTypeCodes)[number];

/**
 * The IATI OrganisationType an organisation of a kind gets when none is given: a ministry, an
 * embassy and a medical team sent abroad act for a government (10); a hospital is taken as public
 * (15); universities and research centres are academic (80). An NGO is taken as national (22):
 * one working across borders is set to 21 by hand.
 */
export const iatiTypeOfKind: Record<string, IatiOrganisationTypeCode> = {
  ministry: '10',
  embassy: '10',
  medical_team: '10',
  hospital: '15',
  university: '80',
  research_centre: '80',
  ngo: '22',
  other: '90',
};

const kindCase = (kind: string) =>
  `case ${kind} ${Object.entries(iatiTypeOfKind)
    .map(([k, code]) => `when '${k}' then '${code}'`)
    .join(' ')} else '90' end`;

/**
 * What the IATI export needs. Organisations carry the IATI OrganisationType that the IATI export writes as `@type` of every
 * organisation element. Existing organisations get the type of their kind; a new one without a
 * type gets it the same way, in the database, so every way of inserting (mutations, imports,
 * seed) stores one.
 */
export const migration0018IatiOrganisations = sqlMigration([
  `alter table organisation add column iati_type text
    check (iati_type in (${iatiOrganisationTypeCodes.map((code) => `'${code}'`).join(', ')}))`,
  `update organisation set iati_type = ${kindCase('kind')}`,
  'alter table organisation alter column iati_type set not null',
  `create function organisation_iati_type_default() returns trigger language plpgsql as $$
  begin
    if new.iati_type is null then
      new.iati_type := ${kindCase('new.kind')};
    end if;
    return new;
  end $$`,
  `create trigger organisation_iati_type_default before insert on organisation
    for each row execute function organisation_iati_type_default()`,
  // A programme's targets, events and donations are records of their own: a change to one moves
  // its updated_at. Deleting one leaves nothing to date it, so it moves the programme's instead
  // (and enters the change feed as a change of the programme).
  ...['target', 'training_event', 'donation'].map(
    (table) => `create trigger ${table}_programme_delete after delete on ${table}
      referencing old table as old_rows for each statement
      execute function change_log_part('delete', 'programme', 'programme_id')`,
  ),
]);
