import type { Generated, Insertable, Selectable } from 'kysely';
import type { DatePrecision, DateString, Id, OrganisationRole, RecordColumns } from './common.js';

/** IATI activity status: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended. */
export type ProgrammeStatus = 1 | 2 | 3 | 4 | 5 | 6;

export interface ProgrammeTable extends RecordColumns {
  id: Id;
  title: string;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  description: string | null;
  status: ProgrammeStatus;
  start_date: DateString | null;
  start_date_precision: Generated<DatePrecision>;
  end_date: DateString | null;
  agreement_id: string | null;
  iati_identifier: string | null;
}

export interface ProgrammeSectorTable {
  programme_id: string;
  dac_code: number;
}

export interface ProgrammeParticipationTable {
  id: Id;
  programme_id: string;
  organisation_id: string;
  role: OrganisationRole;
}

export interface ProgrammeTargetSubdivisionTable {
  programme_id: string;
  subdivision_id: string;
  rationale: string | null;
}

export type TargetMetric =
  | 'events_held'
  | 'participants_trained'
  | 'medical_specialists_trained'
  | 'doctors_trained'
  | 'midwives_trained'
  | 'nurses_trained'
  | 'facilities_upgraded'
  | 'other';

export interface TargetTable extends RecordColumns {
  id: Id;
  programme_id: string;
  subdivision_id: string | null;
  metric: TargetMetric;
  description: string;
  baseline_value: number | null;
  baseline_date: DateString | null;
  target_value: number | null;
  target_date: DateString | null;
  reported_value: number | null;
  reported_on: DateString | null;
}

export type Programme = Selectable<ProgrammeTable>;
export type NewProgramme = Insertable<ProgrammeTable>;
export type Target = Selectable<TargetTable>;
export type NewTarget = Insertable<TargetTable>;
