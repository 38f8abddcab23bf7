import type { Generated, Insertable, Selectable } from 'kysely';
import type { DatePrecision, DateString, Id, OrganisationRole, RecordColumns } from './common.js';

export type TrainingFormat = 'in_person' | 'teleconference' | 'hybrid';
export type TrainingStatus = 'planned' | 'completed' | 'cancelled' | 'postponed';

export interface TrainingEventTable extends RecordColumns {
  id: Id;
  title: string;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  description: string | null;
  format: TrainingFormat;
  status: TrainingStatus;
  start_date: DateString | null;
  start_date_precision: Generated<DatePrecision>;
  duration_minutes: number | null;
  participant_count: number | null;
  outcome_summary: string | null;
  programme_id: string | null;
  host_organisation_id: string | null;
  country_id: string;
  subdivision_id: string | null;
  locality: string | null;
  /** The key the record has in the spreadsheet or system it was imported from. */
  external_key: string | null;
}

export interface TrainingEventTopicTable {
  training_event_id: string;
  topic_id: string;
}

export type PresenterRole = 'expert' | 'moderator' | 'speaker' | 'coordinator';

export interface TrainingEventPresenterTable {
  id: Id;
  training_event_id: string;
  position: number;
  person_id: string | null;
  organisation_id: string | null;
  role: PresenterRole;
  profession: string | null;
}

export interface TrainingEventParticipationTable {
  id: Id;
  training_event_id: string;
  organisation_id: string;
  role: OrganisationRole;
}

export type ParticipantCategory = 'medical_specialist' | 'doctor' | 'midwife' | 'nurse' | 'other';

export interface TrainingEventParticipantGroupTable {
  id: Id;
  training_event_id: string;
  position: number;
  category: ParticipantCategory;
  description: string;
  count: number;
  organisation_id: string | null;
}

export type TrainingEvent = Selectable<TrainingEventTable>;
export type NewTrainingEvent = Insertable<TrainingEventTable>;
export type TrainingEventPresenter = Selectable<TrainingEventPresenterTable>;
export type TrainingEventParticipation = Selectable<TrainingEventParticipationTable>;
export type TrainingEventParticipantGroup = Selectable<TrainingEventParticipantGroupTable>;

/** Training totals by country, subdivision, year, format and status (kept by a trigger). */
export interface TrainingEventRollupTable {
  country_id: string;
  subdivision_id: string | null;
  year: number | null;
  format: TrainingFormat;
  status: TrainingStatus;
  event_count: number;
  participant_count: number;
  duration_minutes: number;
  participant_minutes: number;
}

/** The same totals by country only (no subdivision). */
export type TrainingEventCountryRollupTable = Omit<TrainingEventRollupTable, 'subdivision_id'>;
