import type { Database } from '@mch/db';
import type { Kysely } from 'kysely';
import { create } from 'xmlbuilder2';
import { parseCountryCode } from '../places/country.js';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { translationsByRecord } from '../translations/translated-fields.js';
import { ACTIVITY_LANGUAGE, narrative, narratives } from './iati-narratives.js';
import {
  isSecondaryReporter,
  organisationElement,
  participantsOf,
  type ReportingOrg,
} from './iati-organisations.js';
import { percentages, writeLocations, writeRecipientCountries } from './iati-places.js';
import { detailsOf, type IatiSelection, programmesOf } from './iati-read.js';
import { isMeasured, writeResult } from './iati-results.js';

/**
 * Programmes as IATI 2.03 activities: one `iati-activity` per programme, with what the graph
 * knows of it said in IATI's terms. The integrators' guide (docs/guides/integrators.md, "Publishing to
 * IATI") tells how each fact maps.
 */

export type { IatiSelection, ReportingOrg };

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

/** Characters IATI forbids in identifiers. */
const FORBIDDEN = /[/&|?]/g;

/**
 * The IATI 2.03 activities file of the programmes selected, as XML text. A selection without
 * any programme is refused (NOT_FOUND, HTTP 404): IATI has no file of no activity.
 */
export async function iatiActivities(
  db: Kysely<Database>,
  reportingOrg: ReportingOrg,
  selection: IatiSelection = {},
  now = new Date(),
): Promise<string> {
  const programmes = await programmesOf(db, selection);
  if (programmes.length === 0) {
    const asked = [
      selection.programmeId ? 'that programme' : '',
      selection.countryCode ? `events or targets in ${selection.countryCode}` : '',
    ].filter(Boolean);
    throw new ClientError(
      ErrorCode.NOT_FOUND,
      `No programme has ${asked.join(' and ') || 'been recorded'}: there is no IATI activity to publish.`,
      {},
      404,
    );
  }
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', {
    version: '2.03',
    'generated-datetime': now.toISOString(),
  });
  const today = now.toISOString().slice(0, 10);
  for (const programme of programmes) {
    const details = await detailsOf(db, programme.id);
    const participants = participantsOf(
      details.organisations,
      details.donations.map((donation) => donation.provider),
      reportingOrg,
    );
    const titles = await translationsByRecord(db, 'programme', [programme.id]);
    const names = await translationsByRecord(
      db,
      'organisation',
      [
        ...participants,
        ...details.donations.flatMap((donation) => [donation.provider, donation.receiver]),
      ].flatMap((organisation) => (organisation?.id ? [organisation.id] : [])),
    );
    const lastChange = details.lastChange ?? now.toISOString();
    const activity = root.ele('iati-activity', {
      // Never in the future: a clock behind the database's would say so.
      'last-updated-datetime': [lastChange, now.toISOString()].sort()[0]!,
      'xml:lang': ACTIVITY_LANGUAGE,
    });
    const identifierOf = (row: { id: string; iati_identifier: string | null }) =>
      row.iati_identifier?.replace(FORBIDDEN, '-') ??
      `${reportingOrg.ref}-${row.id}`.replace(FORBIDDEN, '-');
    activity.ele('iati-identifier').txt(identifierOf(programme));
    narrative(
      activity.ele('reporting-org', {
        ref: reportingOrg.ref,
        type: reportingOrg.type,
        ...(isSecondaryReporter(participants, reportingOrg) ? { 'secondary-reporter': '1' } : {}),
      }),
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
    // Targets without any figure are the programme's objectives (description type 2).
    const objectives = details.targets.filter((target) => !isMeasured(target));
    if (objectives.length > 0) {
      narrative(
        activity.ele('description', { type: '2' }),
        `${objectives.map((target) => target.description).join('. ')}.`,
      );
    }
    const { completed, planned, participants: trained } = details.events;
    const inKind = details.donations.filter((donation) => donation.value_amount === null);
    const other = [
      completed + planned > 0
        ? `Training events: ${completed} held, training ${trained} people; ${planned} planned.`
        : '',
      inKind.length > 0
        ? `Donations in kind without a declared value: ${inKind.filter((d) => d.status === 'delivered').length} delivered, ${inKind.filter((d) => d.status === 'pledged').length} pledged.`
        : '',
    ].filter(Boolean);
    if (other.length > 0) narrative(activity.ele('description', { type: '4' }), other.join(' '));
    for (const participant of participants) {
      organisationElement(
        activity,
        'participating-org',
        participant,
        { role: participant.role },
        participant.id ? names.get(participant.id) : [],
      );
    }
    activity.ele('activity-status', { code: String(programme.status) });
    const started = programme.status >= 2;
    const start = programme.start_date ?? details.events.first_day;
    activity.ele('activity-date', {
      type: started ? '2' : '1',
      'iso-date': start ?? lastChange.slice(0, 10),
    });
    if (programme.end_date) {
      activity.ele('activity-date', {
        type: programme.status === 4 ? '4' : '3',
        'iso-date': programme.end_date,
      });
    }
    writeRecipientCountries(activity, details.places);
    writeLocations(activity, details.places);
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
      // TransactionType 12, an outgoing pledge (not yet a commitment); 3, a disbursement.
      transaction.ele('transaction-type', { code: donation.status === 'pledged' ? '12' : '3' });
      transaction.ele('transaction-date', { 'iso-date': donation.day });
      transaction
        .ele('value', { currency: donation.value_currency, 'value-date': donation.day })
        .txt(donation.value_amount);
      narrative(transaction.ele('description'), donation.title);
      for (const [element, party] of [
        ['provider-org', donation.provider],
        ['receiver-org', donation.receiver],
      ] as const) {
        if (party) {
          organisationElement(transaction, element, party, {}, party.id ? names.get(party.id) : []);
        }
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
    for (const target of details.targets.filter(isMeasured)) {
      writeResult(activity, target, { start, end: programme.end_date }, today);
    }
  }
  return root.end({ prettyPrint: true });
}
