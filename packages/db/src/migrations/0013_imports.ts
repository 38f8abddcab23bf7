import { optionalText, sqlMigration } from './sql-migration.js';

/**
 * What imports need. Training events and donations keep the key a spreadsheet gave them, so that
 * importing the same rows again finds the records they made. Indicator values as the WHO Global Health Observatory publishes them: by sex where the
 * indicator is broken down so, with the time WHO last changed each value, and with the key of
 * the GHO fact an import came from, so that importing the same response again finds the values
 * it stored the first time. The uniqueness of a value now includes its sex.
 */
export const migration0013Imports = sqlMigration([
  `alter table indicator_observation
    add column sex text check (sex in ('female', 'male', 'both')),
    add column source_updated_at timestamptz(3),
    add column ${optionalText('external_key', 200)}`,
  `do $$
  declare
    name text;
  begin
    select conname into name from pg_constraint
    where conrelid = 'indicator_observation'::regclass and contype = 'u';
    execute format('alter table indicator_observation drop constraint %I', name);
  end $$`,
  `alter table indicator_observation add constraint indicator_observation_value_key
    unique nulls not distinct
    (indicator_code, country_id, subdivision_id, year, period, sex, source_id, estimate_round)`,
  `create unique index indicator_observation_external_key_idx
    on indicator_observation (external_key) where external_key is not null`,
  ...['training_event', 'donation'].flatMap((table) => [
    `alter table ${table} add column ${optionalText('external_key', 200)}`,
    `create unique index ${table}_external_key_idx on ${table} (external_key)
      where external_key is not null`,
  ]),
]);
