import { optionalText, recordColumns, sqlMigration } from './sql-migration.js';

/** Health indicator observations for a country or a subdivision, each with its source. */
export const migration0006Indicators = sqlMigration([
  `create table indicator_observation (
    id uuid primary key default gen_random_uuid(),
    indicator_code text not null references indicator (code),
    country_id uuid references country (id),
    subdivision_id uuid references subdivision (id),
    check (num_nonnulls(country_id, subdivision_id) = 1),
    year smallint not null check (year between 1900 and 2100),
    ${optionalText('period', 100)},
    value double precision not null check (value >= 0),
    lower_bound double precision check (lower_bound >= 0 and lower_bound <= value),
    upper_bound double precision check (upper_bound >= value),
    method text not null check (method in ('modelled_estimate', 'national_report')),
    ${optionalText('estimate_round', 200)},
    source_id uuid not null references source (id),
    ${optionalText('note')},
    unique nulls not distinct (indicator_code, country_id, subdivision_id, year, period, source_id, estimate_round),
    ${recordColumns}
  )`,
  'create index indicator_observation_country_idx on indicator_observation (country_id, indicator_code, year)',
  'create index indicator_observation_subdivision_idx on indicator_observation (subdivision_id, indicator_code, year)',
  'create index indicator_observation_source_idx on indicator_observation (source_id)',
  'create index indicator_observation_indicator_idx on indicator_observation (indicator_code, year)',
]);
