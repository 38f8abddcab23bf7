import {
  datePrecision,
  optionalText,
  organisationRole,
  recordColumns,
  requiredText,
  sqlMigration,
} from './sql-migration.js';

/** Agreements between governments, the programmes under them and what those programmes aim at. */
export const migration0003Cooperation = sqlMigration([
  `create table agreement (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('title', 500)},
    ${optionalText('description')},
    kind text not null check (kind in ('bilateral', 'multilateral')),
    signed_on date,
    ${datePrecision('signed_on')},
    declared_area_count integer check (declared_area_count >= 0),
    declared_area_count_qualifier text not null default 'exact'
      check (declared_area_count_qualifier in ('exact', 'more_than', 'nearly', 'about')),
    ${recordColumns}
  )`,
  `create table agreement_party (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid not null references agreement (id) on delete cascade,
    country_id uuid references country (id),
    organisation_id uuid references organisation (id),
    check (num_nonnulls(country_id, organisation_id) = 1),
    unique nulls not distinct (agreement_id, country_id, organisation_id)
  )`,
  'create index agreement_party_country_idx on agreement_party (country_id)',
  'create index agreement_party_organisation_idx on agreement_party (organisation_id)',
  `create table agreement_area (
    agreement_id uuid not null references agreement (id) on delete cascade,
    topic_id uuid not null references topic (id),
    primary key (agreement_id, topic_id)
  )`,
  'create index agreement_area_topic_idx on agreement_area (topic_id)',
  `create table programme (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('title', 500)},
    ${optionalText('description')},
    status smallint not null check (status between 1 and 6),
    start_date date,
    ${datePrecision('start_date')},
    end_date date,
    check (end_date >= start_date),
    agreement_id uuid references agreement (id),
    iati_identifier text unique check (char_length(iati_identifier) between 3 and 150),
    ${recordColumns}
  )`,
  'create index programme_agreement_idx on programme (agreement_id)',
  `create table programme_sector (
    programme_id uuid not null references programme (id) on delete cascade,
    dac_code integer not null references dac_purpose_code (code),
    primary key (programme_id, dac_code)
  )`,
  'create index programme_sector_code_idx on programme_sector (dac_code)',
  `create table programme_participation (
    id uuid primary key default gen_random_uuid(),
    programme_id uuid not null references programme (id) on delete cascade,
    organisation_id uuid not null references organisation (id),
    ${organisationRole},
    unique (programme_id, organisation_id, role)
  )`,
  'create index programme_participation_organisation_idx on programme_participation (organisation_id)',
  `create table programme_target_subdivision (
    programme_id uuid not null references programme (id) on delete cascade,
    subdivision_id uuid not null references subdivision (id),
    ${optionalText('rationale', 1000)},
    primary key (programme_id, subdivision_id)
  )`,
  'create index programme_target_subdivision_idx on programme_target_subdivision (subdivision_id)',
  `create table target (
    id uuid primary key default gen_random_uuid(),
    programme_id uuid not null references programme (id) on delete cascade,
    subdivision_id uuid references subdivision (id),
    metric text not null check (metric in ('events_held', 'participants_trained', 'medical_specialists_trained',
      'doctors_trained', 'midwives_trained', 'nurses_trained', 'facilities_upgraded', 'other')),
    ${requiredText('description', 1000)},
    baseline_value double precision check (baseline_value >= 0),
    baseline_date date,
    target_value double precision check (target_value >= 0),
    target_date date,
    reported_value double precision check (reported_value >= 0),
    reported_on date,
    ${recordColumns}
  )`,
  'create index target_programme_idx on target (programme_id)',
  'create index target_subdivision_idx on target (subdivision_id)',
]);
