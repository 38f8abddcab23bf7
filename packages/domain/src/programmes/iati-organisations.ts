import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { TranslationRow } from '../translations/translated-fields.js';
import { narratives } from './iati-narratives.js';
import type { IatiOrganisation } from './iati-read.js';

/** Who publishes the file: IATI's `reporting-org`. */
export interface ReportingOrg {
  /** An IATI organisation identifier, such as `XM-DAC-41114`. */
  ref: string;
  name: string;
  /** An IATI OrganisationType code, such as `10` (government). */
  type: string;
}

/** The IATI organisation roles of our participation roles; host and beneficiary have none. */
export const IATI_ROLES: Record<string, string> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};

/** The roles in which an organisation owns an activity: funding, accountable, extending. */
const OWNING_ROLES = new Set(['1', '2', '3']);

/** One organisation in one IATI role. */
export interface Participant extends IatiOrganisation {
  role: string;
}

/**
 * The activity's participating organisations: those recorded in an IATI role, then the donors of
 * its donations as funding organisations (role 1), unless already recorded as funders. Without
 * any, the publisher stands as the accountable organisation, as IATI needs one.
 */
export function participantsOf(
  recorded: ReadonlyArray<{
    role: string;
    id: string;
    name: string;
    original_language: string;
    iati_identifier: string | null;
    iati_type: string;
  }>,
  donors: ReadonlyArray<IatiOrganisation | null>,
  publisher: ReportingOrg,
): Participant[] {
  const participants: Participant[] = recorded.flatMap((row) => {
    const role = IATI_ROLES[row.role];
    return role
      ? [
          {
            role,
            id: row.id,
            name: row.name,
            language: row.original_language,
            ref: row.iati_identifier,
            type: row.iati_type,
          },
        ]
      : [];
  });
  const funders = new Set(
    participants.filter((p) => p.role === '1').map((p) => p.id ?? `government:${p.name}`),
  );
  for (const donor of donors) {
    const key = donor && (donor.id ?? `government:${donor.name}`);
    if (!donor || !key || funders.has(key)) continue;
    funders.add(key);
    participants.push({ ...donor, role: '1' });
  }
  participants.sort((a, b) => a.role.localeCompare(b.role));
  if (participants.length === 0) {
    participants.push({
      role: '2',
      id: null,
      name: publisher.name,
      language: 'en',
      ref: publisher.ref,
      type: publisher.type,
    });
  }
  return participants;
}

/**
 * Whether the publisher reports the activity of someone else (IATI's `secondary-reporter`): it
 * is the activity's own only when it funds, answers for or extends it, known by its identifier.
 */
export const isSecondaryReporter = (
  participants: readonly Participant[],
  publisher: ReportingOrg,
) => !participants.some((p) => OWNING_ROLES.has(p.role) && p.ref === publisher.ref);

/**
 * An organisation element (`participating-org`, `provider-org`, `receiver-org`): its identifier
 * as `@ref` where known, its OrganisationType as `@type`, its name in each language.
 */
export function organisationElement(
  parent: XMLBuilder,
  element: string,
  organisation: IatiOrganisation,
  extra: Record<string, string> = {},
  translations: readonly TranslationRow[] = [],
): XMLBuilder {
  const node = parent.ele(element, {
    ...(organisation.ref ? { ref: organisation.ref } : {}),
    type: organisation.type,
    ...extra,
  });
  narratives(node, { language: organisation.language, text: organisation.name }, translations);
  return node;
}
