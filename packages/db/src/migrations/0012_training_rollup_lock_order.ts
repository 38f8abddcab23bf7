import { sqlMigration } from './sql-migration.js';

/**
 * An event that changes group (another year, status or place) moves its share from one total
 * row to another. Done as two separate changes, two writers moving events in opposite
 * directions could each hold the row the other needs next. The move is now one statement per
 * totals table that takes the rows in key order, so writers always lock total rows in the same
 * order; a change that moves nothing (a new title, say) touches no total at all.
 */
const share = (event: string, sign: string) => `(
  ${event}.country_id, ${event}.subdivision_id, extract(year from ${event}.start_date)::int,
  ${event}.format, ${event}.status, ${sign},
  ${sign} * coalesce(${event}.participant_count, 0)::bigint,
  ${sign} * coalesce(${event}.duration_minutes, 0)::bigint,
  ${sign} * coalesce(${event}.participant_count::float8 * ${event}.duration_minutes, 0))`;

const moveInto = (table: string, keys: string) => `
  insert into ${table} as r
    (${keys}, event_count, participant_count, duration_minutes, participant_minutes)
  select ${keys}, sum(events), sum(participants), sum(minutes), sum(participant_minutes)
  from (values ${share('before', '-1')}, ${share('after', '1')}) as shares
    (country_id, subdivision_id, year, format, status, events, participants, minutes,
     participant_minutes)
  group by ${keys}
  having sum(events) <> 0 or sum(participants) <> 0 or sum(minutes) <> 0
    or sum(participant_minutes) <> 0
  order by ${keys}
  on conflict (${keys}) do update set
    event_count = r.event_count + excluded.event_count,
    participant_count = r.participant_count + excluded.participant_count,
    duration_minutes = r.duration_minutes + excluded.duration_minutes,
    participant_minutes = r.participant_minutes + excluded.participant_minutes`;

export const migration0012TrainingRollupLockOrder = sqlMigration([
  `create function training_event_rollup_move(
    before training_event, after training_event
  ) returns void language sql as $$
    ${moveInto('training_event_rollup', 'country_id, subdivision_id, year, format, status')};
    ${moveInto('training_event_country_rollup', 'country_id, year, format, status')}
  $$`,
  `create or replace function training_event_rollup_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then perform training_event_rollup_add(new, 1);
    elsif tg_op = 'DELETE' then perform training_event_rollup_add(old, -1);
    else perform training_event_rollup_move(old, new);
    end if;
    return null;
  end
  $$`,
]);
