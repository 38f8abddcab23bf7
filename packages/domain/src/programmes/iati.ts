import type { Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { create } from 'xmlbuilder2';
import { parseCountryCode } from '../places/country.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { translationsByRecord } from '../shared/translations.js';
import { ACTIVITY_LANGUAGE, narrative, narratives } from './iati-narratives.js';

/**
 * Programmes as IATI 2.03 activities: one `iati-activity` per programme, with what the graph
 * knows of it said in IATI's terms. The README's "IATI export" section tells how each fact maps.
 */

/** Who publishes the file: IATI's `reporting-org`. */
export interface ReportingOrg {
  /** An IATI organisation identifier, such as `XM-DAC-41114`. */
  ref: string;
  name: string;
  /** An IATI OrganisationType code, such as `90` (other). */
  type: string;
}

export interface IatiSelection {
  /** Only this programme (its key). */
  programmeId?: string;
  /** Only the programmes with events or targets in this country (ISO 3166-1 alpha-2). */
  countryCode?: string;
}

/** The selection of a request (`?programme=<global ID>&country=<ISO2>`), checked. */
export function parseIatiSelection(query: {
  programme?: unknown;
  country?: unknown;
}): IatiSelection {
  const selection: IatiSelection = {};
  if (typeof query.programme === 'string') {
    selection.programmeId = parseGlobalIdOf('Programme', query.programme, 'programme');
  }
  if (typeof query.country === 'string') {
    selection.countryCode = parseCountryCode(query.country, 'country');
  }
  return selection;
}

/** The IATI organisation roles of our participation roles; host and beneficiary have none. */
const IATI_ROLES: Record<string, string> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};

/** IATI's result indicator titles for what our targets count. */
const METRIC_TITLES: Record<string, string> = {
  events_held: 'Training events held',
  participants_trained: 'People trained',
  medical_specialists_trained: 'Medical specialists trained',
  doctors_trained: 'Doctors trained',
  midwives_trained: 'Midwives trained',
  nurses_trained: 'Nurses trained',
  facilities_upgraded: 'Health facilities upgraded',
  other: 'Other',
};

/** Characters IATI forbids in identifiers. */
const FORBIDDEN = /[/&|?]/g;

/** Shares that add up to exactly 100, with two decimals. */
export function percentages(count: number): string[] {
  if (count === 0) return [];
  const share = Math.floor(10_000 / count) / 100;
  const shares = Array.from({ length: count }, () => share);
  shares[count - 1] = Math.round((100 - share * (count - 1)) * 100) / 100;
  return shares.map((value) => value.toFixed(2));
}

const isoInstant = (value: unknown) =>
  new Date(
    String(value)
      .replace(' ', 'T')
      .replace(/([+-]\d{2})$/, '$1:00'),
  ).toISOString();

async function programmesOf(db: Kysely<Database>, selection: IatiSelection) {
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
      'programme.updated_at',
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
        where t.programme_id = programme.id and c.code = ${code})`,
    );
  }
  return query.execute();
}

/** Everything an activity says of one programme, read in a handful of statements. */
async function detailsOf(db: Kysely<Database>, programmeId: string) {
  const [organisations, places, sectors, targets, sources, events, donations, siblings] =
    await Promise.all([
      db
        .selectFrom('programme_participation as p')
        .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
        .select(['p.role', 'o.id', 'o.name', 'o.original_language', 'o.iati_identifier'])
        .where('p.programme_id', '=', programmeId)
        .orderBy('p.role')
        .orderBy('o.name')
        .execute(),
      sql<{ country: string; subdivision: string | null; name: string | null }>`
      select distinct c.code as country, s.code as subdivision, s.name
      from (
        select e.country_id, e.subdivision_id from training_event e where e.programme_id = ${programmeId}
        union
        select s.country_id, s.id from programme_target_subdivision t
          join subdivision s on s.id = t.subdivision_id where t.programme_id = ${programmeId}
      ) place
      join country c on c.id = place.country_id
      left join subdivision s on s.id = place.subdivision_id
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
      sql<{
        completed: number;
        planned: number;
        participants: number;
        first_day: string | null;
        last_change: string | null;
      }>`
      select count(*) filter (where status = 'completed')::int as completed,
             count(*) filter (where status in ('planned', 'postponed'))::int as planned,
             coalesce(sum(participant_count) filter (where status = 'completed'), 0)::int as participants,
             min(start_date)::text as first_day,
             max(updated_at)::text as last_change
      from training_event where programme_id = ${programmeId}`.execute(db),
      // Its donations: as transactions when they carry a value, else counted in a description.
      sql<{
        title: string;
        status: 'pledged' | 'delivered';
        day: string | null;
        value_amount: string | null;
        value_currency: string | null;
        provider: string | null;
        provider_ref: string | null;
        receiver: string | null;
        receiver_ref: string | null;
      }>`
      select d.title, d.status, coalesce(d.delivered_on, d.announced_on)::text as day,
             d.value_amount::text as value_amount, d.value_currency,
             coalesce(donor_org.name, donor_country.name) as provider,
             donor_org.iati_identifier as provider_ref,
             coalesce(recipient_org.name, recipient_country.name) as receiver,
             recipient_org.iati_identifier as receiver_ref
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
    ]);
  return {
    organisations,
    places: places.rows,
    sectors,
    targets,
    sources: sources.rows,
    events: events.rows[0]!,
    donations: donations.rows,
    siblings: siblings.rows,
  };
}

/** The IATI 2.03 activities file of the programmes selected, as XML text. */
export async function iatiActivities(
  db: Kysely<Database>,
  reportingOrg: ReportingOrg,
  selection: IatiSelection = {},
  now = new Date(),
): Promise<string> {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', {
    version: '2.03',
    'generated-datetime': now.toISOString(),
  });
  for (const programme of await programmesOf(db, selection)) {
    const details = await detailsOf(db, programme.id);
    const titles = await translationsByRecord(db, 'programme', [programme.id]);
    const names = await translationsByRecord(
      db,
      'organisation',
      details.organisations.map((organisation) => organisation.id),
    );
    const changes = [programme.updated_at, details.events.last_change]
      .filter((value): value is string => value != null)
      .map(isoInstant)
      .filter((value) => value <= now.toISOString())
      .sort();
    const activity = root.ele('iati-activity', {
      'last-updated-datetime': changes.at(-1) ?? now.toISOString(),
      'xml:lang': ACTIVITY_LANGUAGE,
    });
    const identifierOf = (row: { id: string; iati_identifier: string | null }) =>
      row.iati_identifier?.replace(FORBIDDEN, '-') ??
      `${reportingOrg.ref}-${row.id}`.replace(FORBIDDEN, '-');
    activity.ele('iati-identifier').txt(identifierOf(programme));
    narrative(
      activity.ele('reporting-org', { ref: reportingOrg.ref, type: reportingOrg.type }),
      reportingOrg.name,
    );
    narratives(
      activity.ele('title'),
      { language: programme.original_language, text: programme.title },
      titles.get(programme.id),
    );
    narratives(activity.ele('description', { type: '1' }), {
      language: programme.original_language,
      text: programme.description ?? programme.title,
    });
    const { completed, planned, participants } = details.events;
    const inKind = details.donations.filter((donation) => donation.value_amount === null);
    const other = [
      completed + planned > 0
        ? `Training events: ${completed} held, training ${participants} people; ${planned} planned.`
        : '',
      inKind.length > 0
        ? `Donations in kind without a declared value: ${inKind.filter((d) => d.status === 'delivered').length} delivered, ${inKind.filter((d) => d.status === 'pledged').length} pledged.`
        : '',
    ].filter(Boolean);
    if (other.length > 0) narrative(activity.ele('description', { type: '4' }), other.join(' '));
    for (const organisation of details.organisations) {
      const role = IATI_ROLES[organisation.role];
      if (!role) continue;
      const attributes: Record<string, string> = { role };
      if (organisation.iati_identifier) attributes.ref = organisation.iati_identifier;
      narratives(
        activity.ele('participating-org', attributes),
        { language: organisation.original_language, text: organisation.name },
        names.get(organisation.id),
      );
    }
    if (!details.organisations.some((organisation) => IATI_ROLES[organisation.role])) {
      // IATI needs at least one participating organisation: the publisher reports it.
      narrative(
        activity.ele('participating-org', { ref: reportingOrg.ref, role: '2' }),
        reportingOrg.name,
      );
    }
    activity.ele('activity-status', { code: String(programme.status) });
    const started = programme.status >= 2;
    const start = programme.start_date ?? details.events.first_day;
    activity.ele('activity-date', {
      type: started ? '2' : '1',
      'iso-date': start ?? isoInstant(programme.updated_at).slice(0, 10),
    });
    if (programme.end_date) {
      activity.ele('activity-date', {
        type: programme.status === 4 ? '4' : '3',
        'iso-date': programme.end_date,
      });
    }
    const countries = [...new Set(details.places.map((place) => place.country))];
    const countryShares = percentages(countries.length);
    countries.forEach((code, i) => {
      activity.ele('recipient-country', { code, percentage: countryShares[i]! });
    });
    for (const place of details.places) {
      if (!place.subdivision) continue;
      const location = activity.ele('location', { ref: place.subdivision });
      narrative(location.ele('name'), place.name ?? place.subdivision);
      narrative(location.ele('description'), `ISO 3166-2 ${place.subdivision}`);
    }
    const sectorShares = percentages(details.sectors.length);
    details.sectors.forEach((sector, i) => {
      activity.ele('sector', {
        vocabulary: '1',
        code: String(sector.dac_code),
        percentage: sectorShares[i]!,
      });
    });
    for (const donation of details.donations) {
      if (donation.value_amount === null || donation.value_currency === null || !donation.day) {
        continue;
      }
      const transaction = activity.ele('transaction');
      // A pledge is an outgoing commitment (2); a delivery, a disbursement in kind (3).
      transaction.ele('transaction-type', { code: donation.status === 'pledged' ? '2' : '3' });
      transaction.ele('transaction-date', { 'iso-date': donation.day });
      transaction
        .ele('value', { currency: donation.value_currency, 'value-date': donation.day })
        .txt(donation.value_amount);
      narrative(transaction.ele('description'), donation.title);
      if (donation.provider) {
        narrative(
          transaction.ele(
            'provider-org',
            donation.provider_ref ? { ref: donation.provider_ref } : {},
          ),
          donation.provider,
        );
      }
      if (donation.receiver) {
        narrative(
          transaction.ele(
            'receiver-org',
            donation.receiver_ref ? { ref: donation.receiver_ref } : {},
          ),
          donation.receiver,
        );
      }
    }
    for (const source of details.sources) {
      const link = activity.ele('document-link', { format: 'text/html', url: source.url });
      narrative(link.ele('title'), source.title);
      link.ele('category', { code: 'A01' });
      if (source.published_on) link.ele('document-date', { 'iso-date': source.published_on });
    }
    for (const sibling of details.siblings) {
      // Programmes under the same agreement are siblings (IATI RelatedActivityType 3).
      activity.ele('related-activity', { ref: identifierOf(sibling), type: '3' });
    }
    for (const target of details.targets) {
      const result = activity.ele('result', { type: '1', 'aggregation-status': '0' });
      narrative(result.ele('title'), target.description);
      const indicator = result.ele('indicator', { measure: '1', ascending: '1' });
      narrative(indicator.ele('title'), METRIC_TITLES[target.metric] ?? target.metric);
      if (target.baseline_value != null) {
        const year = (target.baseline_date ?? start ?? '').slice(0, 4);
        if (/^\d{4}$/.test(year)) {
          indicator.ele('baseline', {
            year,
            ...(target.baseline_date ? { 'iso-date': target.baseline_date } : {}),
            value: String(target.baseline_value),
          });
        }
      }
      const from = target.baseline_date ?? start;
      if (
        from &&
        target.target_date &&
        (target.target_value != null || target.reported_value != null)
      ) {
        const period = indicator.ele('period');
        period.ele('period-start', { 'iso-date': from });
        period.ele('period-end', { 'iso-date': target.target_date });
        if (target.target_value != null)
          period.ele('target', { value: String(target.target_value) });
        if (target.reported_value != null)
          period.ele('actual', { value: String(target.reported_value) });
      }
    }
  }
  return root.end({ prettyPrint: true });
}
