import type { Generated, Insertable, Selectable } from 'kysely';
import type { Id, RecordColumns } from './common.js';

export interface DacPurposeCodeTable {
  code: number;
  name: string;
}

export interface TopicTable extends RecordColumns {
  id: Id;
  code: string;
  name: string;
  /** The language (BCP 47) its name or title is written in. */
  original_language: Generated<string>;
  description: string | null;
  parent_id: string | null;
}

export interface TopicDacPurposeTable {
  topic_id: string;
  dac_code: number;
}

export type Topic = Selectable<TopicTable>;
export type NewTopic = Insertable<TopicTable>;
