import type { Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { recordedValues } from './target.js';

/** What the IATI export reads of the graph: the programmes selected, and all of one programme. */

export interface IatiSelection {
  /** Only this programme (its key). */
  programmeId?: string;
  /** Only the programmes with events, target subdivisions or targets in this country (ISO 3166-1 alpha-2). */
  countryCode?: string;
}

export async function programmesOf(db: Kysely<Database>, selection: IatiSelection) {
  let query = db
    .selectFrom('programme')
    .select([
      'programme.id',
      'programme.title',
      'programme.original_language',
      'programme.description',
      'programme.status',
      'programme.start_date',
      'programme.end_date',
      'programme.iati_identifier',
    ])
    .orderBy('programme.start_date')
    .orderBy('programme.id');
  if (selection.programmeId) query = query.where('programme.id', '=', selection.programmeId);
  if (selection.countryCode) {
    const code = selection.countryCode;
    query = query.where(
      sql<boolean>`exists (
        select 1 from training_event e join country c on c.id = e.country_id
        where e.programme_id = programme.id and c.code = ${code}
        union all
        select 1 from programme_target_subdivision t
          join subdivision s on s.id = t.subdivision_id join country c on c.id = s.country_id
        where t.programme_id = programme.id and c.code = ${code}
        union all
        select 1 from target t
          join subdivision s on s.id = t.subdivision_id join country c on c.id = s.country_id
        where t.programme_id = programme.id and c.code = ${code})`,
    );
  }
  return query.execute();
}

/** An organisation as IATI names it: the graph's organisation, or a country's government. */
export interface IatiOrganisation {
  /** The organisation's key; null for a country's government. */
  id: string | null;
  name: string;
  language: string;
  ref: string | null;
  type: string;
}

/** A donor or recipient: its organisation where the donation names one, else its country. */
const party = (prefix: 'donor' | 'recipient') => `
  ${prefix}_org.id as ${prefix}_id, ${prefix}_org.name as ${prefix}_name,
  ${prefix}_org.original_language as ${prefix}_language,
  ${prefix}_org.iati_identifier as ${prefix}_ref, ${prefix}_org.iati_type as ${prefix}_type,
  ${prefix}_country.name as ${prefix}_country`;

type PartyRow<P extends string> = {
  [K in `${P}_id` | `${P}_name` | `${P}_language` | `${P}_ref` | `${P}_type` | `${P}_country`]:
    | string
    | null;
};

/** The organisation element of a donor or recipient; its country's government (10) without one. */
function partyOf<P extends 'donor' | 'recipient'>(
  row: PartyRow<P>,
  prefix: P,
): IatiOrganisation | null {
  const get = (column: string) =>
    (row as Record<string, string | null>)[`${prefix}_${column}`] ?? null;
  if (get('id')) {
    return {
      id: get('id'),
      name: get('name')!,
      language: get('language')!,
      ref: get('ref'),
      type: get('type')!,
    };
  }
  const country = get('country');
  return country
    ? { id: null, name: `Government of ${country}`, language: 'en', ref: null, type: '10' }
    : null;
}

/** Everything an activity says of one programme, read in a handful of statements. */
export async function detailsOf(db: Kysely<Database>, programmeId: string) {
  const [organisations, places, sectors, targets, sources, events, donations, siblings, change] =
    await Promise.all([
      db
        .selectFrom('programme_participation as p')
        .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
        .select([
          'p.role',
          'o.id',
          'o.name',
          'o.original_language',
          'o.iati_identifier',
          'o.iati_type',
        ])
        .where('p.programme_id', '=', programmeId)
        .orderBy('p.role')
        .orderBy('o.name')
        .execute(),
      // Where it happens (its events) and whom it is for (its target subdivisions, its targets').
      sql<{
        country: string;
        subdivision: string | null;
        name: string | null;
        second_level: boolean;
        held_there: boolean;
      }>`
      select c.code as country, s.code as subdivision, s.name,
             coalesce(s.parent_id is not null, false) as second_level,
             bool_or(place.held_there) as held_there
      from (
        select e.country_id, e.subdivision_id, true as held_there
          from training_event e where e.programme_id = ${programmeId}
        union
        select s.country_id, s.id, false from programme_target_subdivision t
          join subdivision s on s.id = t.subdivision_id where t.programme_id = ${programmeId}
        union
        select s.country_id, s.id, false from target t
          join subdivision s on s.id = t.subdivision_id where t.programme_id = ${programmeId}
      ) place
      join country c on c.id = place.country_id
      left join subdivision s on s.id = place.subdivision_id
      group by c.code, s.code, s.name, s.parent_id
      order by c.code, s.code`.execute(db),
      db
        .selectFrom('programme_sector')
        .select('dac_code')
        .where('programme_id', '=', programmeId)
        .orderBy('dac_code')
        .execute(),
      db
        .selectFrom('target')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .orderBy('metric')
        .orderBy('id')
        .execute(),
      // The sources cited by the programme, and by its events.
      sql<{ title: string; url: string; published_on: string | null }>`
      select distinct s.title, s.url, s.published_on::text as published_on from source s
      where s.url is not null and (
        s.id in (select source_id from programme_citation where subject_id = ${programmeId})
        or s.id in (select c.source_id from training_event_citation c
          join training_event e on e.id = c.subject_id where e.programme_id = ${programmeId}))
      order by s.title`.execute(db),
      sql<{ completed: number; planned: number; participants: number; first_day: string | null }>`
      select count(*) filter (where status = 'completed')::int as completed,
             count(*) filter (where status in ('planned', 'postponed'))::int as planned,
             coalesce(sum(participant_count) filter (where status = 'completed'), 0)::int as participants,
             min(start_date)::text as first_day
      from training_event where programme_id = ${programmeId}`.execute(db),
      sql<
        {
          title: string;
          status: 'pledged' | 'delivered';
          day: string | null;
          value_amount: string | null;
          value_currency: string | null;
        } & PartyRow<'donor'> &
          PartyRow<'recipient'>
      >`
      select d.title, d.status, coalesce(d.delivered_on, d.announced_on)::text as day,
             d.value_amount::text as value_amount, d.value_currency,
             ${sql.raw(party('donor'))}, ${sql.raw(party('recipient'))}
      from donation d
      left join organisation donor_org on donor_org.id = d.donor_organisation_id
      left join country donor_country on donor_country.id = d.donor_country_id
      left join organisation recipient_org on recipient_org.id = d.recipient_organisation_id
      left join country recipient_country on recipient_country.id = d.recipient_country_id
      where d.programme_id = ${programmeId}
      order by day nulls last, d.id`.execute(db),
      // Programmes under the same agreement: IATI siblings.
      sql<{ id: string; iati_identifier: string | null }>`
      select other.id, other.iati_identifier from programme p
      join programme other on other.agreement_id = p.agreement_id and other.id <> p.id
      where p.id = ${programmeId}
      order by other.id`.execute(db),
      lastChangeOf(db, programmeId),
    ]);
  const actuals = await recordedValues(
    db,
    targets.map((target) => target.id),
  );
  return {
    organisations,
    places: places.rows,
    sectors,
    targets: targets.map((target, i) => ({
      ...target,
      // What the graph derives from recorded events; else what the programme reported.
      actual: actuals[i] ?? target.reported_value,
    })),
    sources: sources.rows,
    events: events.rows[0]!,
    donations: donations.rows.map((donation) => ({
      ...donation,
      provider: partyOf(donation, 'donor'),
      receiver: partyOf(donation, 'recipient'),
    })),
    siblings: siblings.rows,
    lastChange: change,
  };
}

/**
 * When anything the activity says last changed: the programme, its targets, events and
 * donations, and the organisations it names. Their parts (participations, sectors, target
 * subdivisions, citations, translated names) move their record's updated_at, and deleting a target,
 * an event or a donation moves the programme's (migrations 0015 and 0018).
 */
async function lastChangeOf(db: Kysely<Database>, programmeId: string): Promise<string | null> {
  const { rows } = await sql<{ at: string | null }>`
    select to_char(max(at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from (
      select updated_at as at from programme where id = ${programmeId}
      union all select updated_at from target where programme_id = ${programmeId}
      union all select updated_at from training_event where programme_id = ${programmeId}
      union all select updated_at from donation where programme_id = ${programmeId}
      union all select o.updated_at from programme_participation p
        join organisation o on o.id = p.organisation_id where p.programme_id = ${programmeId}
      union all select o.updated_at from donation d
        join organisation o on o.id in (d.donor_organisation_id, d.recipient_organisation_id)
        where d.programme_id = ${programmeId}
    ) changes`.execute(db);
  return rows[0]?.at ?? null;
}
