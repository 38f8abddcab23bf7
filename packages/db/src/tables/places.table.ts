import type { Insertable, Selectable } from 'kysely';
import type { Id, RecordColumns } from './common.js';

export interface CountryTable extends RecordColumns {
  id: Id;
  code: string;
  alpha3: string;
  numeric_code: string;
  name: string;
  official_name: string | null;
}

export type SubdivisionKind = 'region' | 'city' | 'republic' | 'province' | 'other';

export interface SubdivisionTable extends RecordColumns {
  id: Id;
  code: string;
  country_id: string;
  name: string;
  kind: SubdivisionKind;
  /** The category ISO 3166-2 gives it, such as `Autonomous republic` or `Metropolitan department`. */
  category: string | null;
  /** The subdivision it lies in, where ISO 3166-2 has two levels. */
  parent_id: string | null;
}

export type Country = Selectable<CountryTable>;
export type NewCountry = Insertable<CountryTable>;
export type Subdivision = Selectable<SubdivisionTable>;
export type NewSubdivision = Insertable<SubdivisionTable>;
