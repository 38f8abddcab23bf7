import type { Generated, Insertable, Selectable } from 'kysely';
import type { DatePrecision, DateString, Id, QuantityQualifier, RecordColumns } from './common.js';

export type AgreementKind = 'bilateral' | 'multilateral';

export interface AgreementTable extends RecordColumns {
  id: Id;
  title: string;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  description: string | null;
  kind: AgreementKind;
  signed_on: DateString | null;
  signed_on_precision: Generated<DatePrecision>;
  declared_area_count: number | null;
  declared_area_count_qualifier: Generated<QuantityQualifier>;
  signing_event_id: string | null;
}

export interface AgreementPartyTable {
  id: Id;
  agreement_id: string;
  country_id: string | null;
  organisation_id: string | null;
}

export interface AgreementAreaTable {
  agreement_id: string;
  topic_id: string;
}

export type Agreement = Selectable<AgreementTable>;
export type NewAgreement = Insertable<AgreementTable>;
