import { optionalText, recordColumns, requiredText, sqlMigration } from './sql-migration.js';

/** Organisations (hospitals, centres, ministries, teams) and the people who work in them. */
export const migration0002Actors = sqlMigration([
  `create table organisation (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('name', 300)},
    ${optionalText('acronym', 30)},
    kind text not null check (kind in ('hospital', 'research_centre', 'university', 'ministry', 'embassy', 'medical_team', 'ngo', 'other')),
    iati_identifier text unique check (iati_identifier ~ '^[A-Za-z0-9]+(-[A-Za-z0-9._]+)+$' and char_length(iati_identifier) <= 100),
    country_id uuid references country (id),
    subdivision_id uuid references subdivision (id),
    parent_id uuid references organisation (id),
    check (parent_id <> id),
    ${recordColumns}
  )`,
  'create index organisation_country_idx on organisation (country_id)',
  'create index organisation_subdivision_idx on organisation (subdivision_id)',
  'create index organisation_parent_idx on organisation (parent_id)',
  'create index organisation_name_idx on organisation (name, id)',
  `create table person (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('name', 300)},
    ${optionalText('profession', 200)},
    ${optionalText('title', 200)},
    organisation_id uuid references organisation (id),
    ${recordColumns}
  )`,
  'create index person_organisation_idx on person (organisation_id)',
  'create index person_name_idx on person (name, id)',
]);
