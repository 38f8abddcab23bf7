import type { Generated, Insertable, Selectable } from 'kysely';
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
