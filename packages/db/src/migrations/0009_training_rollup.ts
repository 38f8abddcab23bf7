import { sqlMigration } from './sql-migration.js';

/**
 * Training totals kept up to date by a trigger on every change to an event: by country,
 * subdivision, year, format and status, and the same without the subdivision (far fewer rows,
 * for the questions that do not ask about subdivisions). Dashboard statistics read these
 * instead of scanning every event; questions the totals cannot answer (by host, topic,
 * programme, words, or date ranges inside a year) still read the events themselves.
 */
const sums = `count(*), coalesce(sum(participant_count), 0), coalesce(sum(duration_minutes), 0),
  coalesce(sum(participant_count::float8 * duration_minutes), 0)`;

const populate = [
  `insert into training_event_rollup
    select country_id, subdivision_id, extract(year from start_date)::int, format, status, ${sums}
    from training_event group by 1, 2, 3, 4, 5`,
  `insert into training_event_country_rollup
    select country_id, extract(year from start_date)::int, format, status, ${sums}
    from training_event group by 1, 2, 3, 4`,
];

export const migration0009TrainingRollup = sqlMigration([
  `create table training_event_rollup (
    country_id uuid not null references country (id),
    subdivision_id uuid references subdivision (id),
    year integer,
    format text not null,
    status text not null,
    event_count integer not null,
    participant_count bigint not null,
    duration_minutes bigint not null,
    participant_minutes double precision not null,
    unique nulls not distinct (country_id, subdivision_id, year, format, status)
  )`,
  `create table training_event_country_rollup (
    country_id uuid not null references country (id),
    year integer,
    format text not null,
    status text not null,
    event_count integer not null,
    participant_count bigint not null,
    duration_minutes bigint not null,
    participant_minutes double precision not null,
    unique nulls not distinct (country_id, year, format, status)
  )`,
  `create function training_event_rollup_add(
    event training_event, sign integer
  ) returns void language sql as $$
    insert into training_event_rollup as r
      (country_id, subdivision_id, year, format, status, event_count, participant_count,
       duration_minutes, participant_minutes)
    values (
      event.country_id, event.subdivision_id, extract(year from event.start_date)::int,
      event.format, event.status, sign, sign * coalesce(event.participant_count, 0),
      sign * coalesce(event.duration_minutes, 0),
      sign * coalesce(event.participant_count::float8 * event.duration_minutes, 0))
    on conflict (country_id, subdivision_id, year, format, status) do update set
      event_count = r.event_count + excluded.event_count,
      participant_count = r.participant_count + excluded.participant_count,
      duration_minutes = r.duration_minutes + excluded.duration_minutes,
      participant_minutes = r.participant_minutes + excluded.participant_minutes;
    insert into training_event_country_rollup as r
      (country_id, year, format, status, event_count, participant_count, duration_minutes,
       participant_minutes)
    values (
      event.country_id, extract(year from event.start_date)::int, event.format, event.status,
      sign, sign * coalesce(event.participant_count, 0), sign * coalesce(event.duration_minutes, 0),
      sign * coalesce(event.participant_count::float8 * event.duration_minutes, 0))
    on conflict (country_id, year, format, status) do update set
      event_count = r.event_count + excluded.event_count,
      participant_count = r.participant_count + excluded.participant_count,
      duration_minutes = r.duration_minutes + excluded.duration_minutes,
      participant_minutes = r.participant_minutes + excluded.participant_minutes
  $$`,
  `create function training_event_rollup_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then perform training_event_rollup_add(old, -1); end if;
    if tg_op in ('UPDATE', 'INSERT') then perform training_event_rollup_add(new, 1); end if;
    return null;
  end
  $$`,
  `create trigger training_event_rollup after insert or update or delete on training_event
    for each row execute function training_event_rollup_trigger()`,
  ...populate,
]);

/**
 * Rebuilds the totals from the events, after loads that bypass triggers: the events are read
 * once, and the totals by country are summed from those by subdivision.
 */
export const rebuildTrainingRollup = [
  'truncate training_event_rollup, training_event_country_rollup',
  populate[0]!,
  `insert into training_event_country_rollup
    select country_id, year, format, status, sum(event_count)::int, sum(participant_count)::bigint,
      sum(duration_minutes)::bigint, sum(participant_minutes)
    from training_event_rollup group by 1, 2, 3, 4`,
];
