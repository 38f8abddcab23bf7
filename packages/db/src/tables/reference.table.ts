import type { Generated, Insertable, Selectable } from 'kysely';
import type { DateString, Id, RecordColumns } from './common.js';

export type SourceKind =
  | 'news_article'
  | 'statistical_database'
  | 'report'
  | 'official_document'
  | 'other';

export interface SourceTable extends RecordColumns {
  id: Id;
  title: string;
  publisher: string | null;
  url: string | null;
  published_on: DateString | null;
  kind: SourceKind;
  note: string | null;
}

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
}

export interface DacPurposeCodeTable {
  code: number;
  name: string;
}

export interface TopicTable extends RecordColumns {
  id: Id;
  code: string;
  name: string;
  description: string | null;
  parent_id: string | null;
}

export interface TopicDacPurposeTable {
  topic_id: string;
  dac_code: number;
}

export interface IndicatorTable {
  code: string;
  name: string;
  unit: string;
  description: string | null;
}

export interface SeedRunTable {
  name: string;
  applied_at: Generated<Date>;
}

export type Source = Selectable<SourceTable>;
export type NewSource = Insertable<SourceTable>;
export type Country = Selectable<CountryTable>;
export type NewCountry = Insertable<CountryTable>;
export type Subdivision = Selectable<SubdivisionTable>;
export type NewSubdivision = Insertable<SubdivisionTable>;
export type Topic = Selectable<TopicTable>;
export type NewTopic = Insertable<TopicTable>;
export type Indicator = Selectable<IndicatorTable>;
