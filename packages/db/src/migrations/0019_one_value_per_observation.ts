import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Database } from '../database.js';

/**
 * One value per WHO observation. A value is from WHO when the source it cites is published by
 * the World Health Organization (the seed's GHO sources and every GHO import's); the database
 * keeps that mark itself, from the source, whoever writes the row. A WHO observation is named
 * by its indicator, place, year, part of the year, sex and method: a unique index on these
 * refuses a second value, so that two imports running at once cannot both add one.
 *
 * Earlier imports matched values by the GHO fact's key only, so a value the seed held without
 * that key was stored a second time. The duplicates are merged here: one row per observation
 * stays (the one with an estimation round, else the earliest), with WHO's newest value, bounds,
 * source and round (the kept row's round when the newest names none) and any information the
 * others held that it lacks; each row removed and the one kept leaves an audit entry.
 */

export const WHO_PUBLISHER = 'World Health Organization';

/** What names a WHO observation: one value each. */
const identity = [
  'indicator_code',
  'country_id',
  'subdivision_id',
  'year',
  'period',
  'sex',
  'method',
];

const ACTOR = 'migration 0019_one_value_per_observation';
const ACTION = 'mergeDuplicateObservations';

type Row = Record<string, unknown> & {
  id: string;
  value: number;
  lower_bound: number | null;
  upper_bound: number | null;
  estimate_round: string | null;
  source_updated_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

/** Newest first: WHO's latest change, then the latest write. */
function newestFirst(a: Row, b: Row): number {
  const [ta, tb] = [time(a.source_updated_at), time(b.source_updated_at)];
  if (ta !== tb) return ta === null ? 1 : tb === null ? -1 : tb - ta;
  return time(b.updated_at)! - time(a.updated_at)! || a.id.localeCompare(b.id);
}

/** The row that stays: the one with an estimation round, else the earliest stored. */
function keptFirst(a: Row, b: Row): number {
  if ((a.estimate_round === null) !== (b.estimate_round === null)) {
    return a.estimate_round === null ? 1 : -1;
  }
  return time(a.created_at)! - time(b.created_at)! || a.id.localeCompare(b.id);
}

/** The columns the kept row takes: WHO's newest word, and what only the others knew. */
function merged(kept: Row, rows: Row[]): Record<string, unknown> {
  const newest = [...rows].sort(newestFirst);
  const latest = newest[0]!;
  const first = (column: string) => newest.find((row) => row[column] !== null)?.[column] ?? null;
  // Bounds belong to the value they surround: taken from the newest row giving them for it.
  const bounded = newest.find(
    (row) => row.value === latest.value && (row.lower_bound !== null || row.upper_bound !== null),
  );
  return {
    value: latest.value,
    lower_bound: bounded?.lower_bound ?? null,
    upper_bound: bounded?.upper_bound ?? null,
    source_id: latest.source_id,
    source_updated_at: first('source_updated_at'),
    external_key: first('external_key'),
    note: first('note'),
    // The newest value's round where it names one; else the round the kept row held.
    estimate_round: latest.estimate_round ?? kept.estimate_round ?? first('estimate_round'),
  };
}

async function mergeDuplicates(db: Kysely<Database>): Promise<void> {
  const groups = await sql<{ ids: string[] }>`
    select array_agg(id) as ids from indicator_observation where from_who
    group by ${sql.join(identity.map((c) => sql.ref(c)))}
    having count(*) > 1`.execute(db);
  for (const { ids } of groups.rows) {
    const rows = (await db
      .selectFrom('indicator_observation')
      .selectAll()
      .where('id', 'in', ids)
      .forUpdate()
      .execute()) as Row[];
    const [kept, ...removed] = [...rows].sort(keptFirst);
    const columns = merged(kept!, rows);
    const entries: Array<{ id: string; before: Row; after: unknown }> = [];
    // The others go first, so that the kept row can take their source without a collision.
    for (const row of removed) {
      await db.deleteFrom('indicator_observation').where('id', '=', row.id).execute();
      entries.push({ id: row.id, before: row, after: null });
    }
    const after = (await db
      .updateTable('indicator_observation')
      .set({ ...columns, version: kept!.version + 1, updated_at: sql`now()` })
      .where('id', '=', kept!.id)
      .returningAll()
      .executeTakeFirstOrThrow()) as Row;
    entries.push({ id: kept!.id, before: kept!, after });
    await db
      .insertInto('audit_event')
      .values(
        entries.map((entry) => ({
          actor_name: ACTOR,
          action: ACTION,
          record_type: 'indicator_observation',
          record_id: entry.id,
          before: JSON.stringify(entry.before),
          after: entry.after === null ? null : JSON.stringify(entry.after),
        })),
      )
      .execute();
  }
}

export const migration0019OneValuePerObservation: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    await sql`alter table indicator_observation add column from_who boolean not null default false`.execute(
      db,
    );
    await sql
      .raw(
        `create function indicator_observation_from_who() returns trigger language plpgsql as $$
        begin
          new.from_who := exists (
            select 1 from source where id = new.source_id and publisher = '${WHO_PUBLISHER}');
          return new;
        end $$`,
      )
      .execute(db);
    await sql`create trigger indicator_observation_from_who before insert or update
      on indicator_observation for each row execute function indicator_observation_from_who()`.execute(
      db,
    );
    // A source whose publisher changes marks its values anew (and may be refused a second).
    await sql`create function source_publisher_marks_observations() returns trigger
      language plpgsql as $$
      begin
        update indicator_observation set source_id = source_id where source_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger source_publisher_marks_observations after update of publisher on source
      for each row when (old.publisher is distinct from new.publisher)
      execute function source_publisher_marks_observations()`.execute(db);
    // Marking the existing rows changes no value a reader sees: it stays out of the change feed.
    const feed = await sql<{ setting: string | null }>`
      select current_setting('mch.change_feed', true) as setting`.execute(db);
    await sql`select set_config('mch.change_feed', 'off', true)`.execute(db);
    await sql`update indicator_observation o set from_who = true
      from source s where s.id = o.source_id and s.publisher = ${WHO_PUBLISHER}`.execute(db);
    await sql`select set_config('mch.change_feed', ${feed.rows[0]?.setting ?? ''}, true)`.execute(
      db,
    );
    await mergeDuplicates(db);
    // The observation's identity replaces the fact's key: the same GHO fact may be stored once
    // as a modelled estimate and once as a national report, two observations.
    await sql`drop index indicator_observation_external_key_idx`.execute(db);
    // A source may give a year's modelled estimate and its national report: two observations.
    await sql`alter table indicator_observation drop constraint indicator_observation_value_key`.execute(
      db,
    );
    await sql`alter table indicator_observation add constraint indicator_observation_value_key
      unique nulls not distinct
      (indicator_code, country_id, subdivision_id, year, period, sex, method, source_id, estimate_round)`.execute(
      db,
    );
    await sql
      .raw(
        `create unique index indicator_observation_who_identity_idx on indicator_observation
        (${identity.join(', ')}) nulls not distinct where from_who`,
      )
      .execute(db);
  },
};
