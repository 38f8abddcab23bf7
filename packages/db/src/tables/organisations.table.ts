import type { Generated, Insertable, Selectable } from 'kysely';
import type { IatiOrganisationTypeCode } from '../migrations/0018_iati_organisations.js';
import type { Id, RecordColumns } from './common.js';

export type OrganisationKind =
  | 'hospital'
  | 'research_centre'
  | 'university'
  | 'ministry'
  | 'embassy'
  | 'medical_team'
  | 'ngo'
  | 'other';

export interface OrganisationTable extends RecordColumns {
  id: Id;
  name: string;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  acronym: string | null;
  kind: OrganisationKind;
  iati_identifier: string | null;
  /** IATI OrganisationType; given the type of its kind when inserted without one. */
  iati_type: Generated<IatiOrganisationTypeCode>;
  country_id: string | null;
  subdivision_id: string | null;
  parent_id: string | null;
}

export interface PersonTable extends RecordColumns {
  id: Id;
  name: string;
  profession: string | null;
  title: string | null;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  organisation_id: string | null;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;

/**
 * An IATI organisation identifier: an org-id prefix (the registration agency: a two-letter country
 * or `XM`/`XI`, a dash, the agency's code) and the identifier the agency gives, as in
 * `XM-DAC-41114` or `GB-COH-123`. IATI identifiers never hold spaces or `/ & | ?`.
 */
export const iatiOrganisationIdentifier = {
  pattern: /^[A-Z]{2}-[A-Z0-9]{2,}-[A-Za-z0-9._-]+$/,
  hint: 'an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?',
};
