import {
  datePrecision,
  optionalText,
  organisationRole,
  recordColumns,
  requiredText,
  sqlMigration,
} from './sql-migration.js';

/** Training events: seminars and teleconferences, who presented, who took part, what was taught. */
export const migration0004Training = sqlMigration([
  `create table training_event (
    id uuid primary key default gen_random_uuid(),
    ${requiredText('title', 500)},
    ${optionalText('description')},
    format text not null check (format in ('in_person', 'teleconference', 'hybrid')),
    status text not null check (status in ('planned', 'completed', 'cancelled', 'postponed')),
    start_date date,
    ${datePrecision('start_date')},
    duration_minutes integer check (duration_minutes > 0 and duration_minutes <= 525600),
    participant_count integer check (participant_count >= 0),
    ${optionalText('outcome_summary')},
    programme_id uuid references programme (id),
    host_organisation_id uuid references organisation (id),
    country_id uuid not null references country (id),
    subdivision_id uuid references subdivision (id),
    ${optionalText('locality', 200)},
    check (status <> 'completed' or start_date is not null),
    ${recordColumns}
  )`,
  // Newest first is the default order; undated (planned) events sort as the latest.
  `create index training_event_start_idx on training_event ((coalesce(start_date, 'infinity'::date)) desc, id desc)`,
  'create index training_event_programme_idx on training_event (programme_id)',
  'create index training_event_host_idx on training_event (host_organisation_id)',
  'create index training_event_country_idx on training_event (country_id)',
  'create index training_event_subdivision_idx on training_event (subdivision_id)',
  `create table training_event_topic (
    training_event_id uuid not null references training_event (id) on delete cascade,
    topic_id uuid not null references topic (id),
    primary key (training_event_id, topic_id)
  )`,
  'create index training_event_topic_topic_idx on training_event_topic (topic_id)',
  `create table training_event_presenter (
    id uuid primary key default gen_random_uuid(),
    training_event_id uuid not null references training_event (id) on delete cascade,
    position smallint not null check (position >= 0),
    person_id uuid references person (id),
    organisation_id uuid references organisation (id),
    role text not null check (role in ('expert', 'moderator', 'speaker', 'coordinator')),
    ${optionalText('profession', 200)},
    check (num_nonnulls(person_id, organisation_id) >= 1),
    unique (training_event_id, position)
  )`,
  'create index training_event_presenter_person_idx on training_event_presenter (person_id)',
  'create index training_event_presenter_organisation_idx on training_event_presenter (organisation_id)',
  `create table training_event_participation (
    id uuid primary key default gen_random_uuid(),
    training_event_id uuid not null references training_event (id) on delete cascade,
    organisation_id uuid not null references organisation (id),
    ${organisationRole},
    unique (training_event_id, organisation_id, role)
  )`,
  'create index training_event_participation_organisation_idx on training_event_participation (organisation_id)',
  `create table training_event_participant_group (
    id uuid primary key default gen_random_uuid(),
    training_event_id uuid not null references training_event (id) on delete cascade,
    position smallint not null check (position >= 0),
    category text not null check (category in ('medical_specialist', 'doctor', 'midwife', 'nurse', 'other')),
    ${requiredText('description', 500)},
    count integer not null check (count >= 0),
    organisation_id uuid references organisation (id),
    unique (training_event_id, position)
  )`,
  'create index training_event_participant_group_organisation_idx on training_event_participant_group (organisation_id)',
  `alter table agreement add column signing_event_id uuid references training_event (id)`,
  'create index agreement_signing_event_idx on agreement (signing_event_id)',
]);
