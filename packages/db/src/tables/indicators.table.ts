import type { Generated, Insertable, Selectable } from 'kysely';
import type { Id, RecordColumns } from './common.js';

/** A modelled estimate (such as the UN MMEIG rounds) or a figure reported by national authorities. */
export type ObservationMethod = 'modelled_estimate' | 'national_report';

/** Whom a value is about, where an indicator is broken down by sex. */
export type ObservationSex = 'female' | 'male' | 'both';

export interface IndicatorObservationTable extends RecordColumns {
  id: Id;
  indicator_code: string;
  country_id: string | null;
  subdivision_id: string | null;
  year: number;
  period: string | null;
  value: number;
  lower_bound: number | null;
  upper_bound: number | null;
  method: ObservationMethod;
  estimate_round: string | null;
  source_id: string;
  note: string | null;
  /** Whom the value is about, where the indicator is broken down by sex. */
  sex: ObservationSex | null;
  /** When the source last changed the value (WHO's `Date` of a GHO fact). */
  source_updated_at: string | null;
  /** The fact an import took the value from, such as `GHO/MDG_0000000026/MOZ/2023/-`. */
  external_key: string | null;
  /**
   * Whether the value is WHO's: its source is published by the World Health Organization. Set
   * by the database from the source; WHO values are one per observation.
   */
  from_who: Generated<boolean>;
}

export interface IndicatorTable {
  code: string;
  name: string;
  unit: string;
  description: string | null;
}

export type Indicator = Selectable<IndicatorTable>;
export type IndicatorObservation = Selectable<IndicatorObservationTable>;
export type NewIndicatorObservation = Insertable<IndicatorObservationTable>;
