import type { Insertable, Selectable } from 'kysely';
import type { Id, RecordColumns } from './common.js';

/** A modelled estimate (such as the UN MMEIG rounds) or a figure reported by national authorities. */
export type ObservationMethod = 'modelled_estimate' | 'national_report';

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
