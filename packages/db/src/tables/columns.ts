import type { AgreementTable } from './agreements.table.js';
import type { OrganisationTable, PersonTable } from './organisations.table.js';
import type { ProgrammeTable } from './programmes.table.js';
import type { TopicTable } from './topics.table.js';
import type { TrainingEventPresenterTable, TrainingEventTable } from './training-events.table.js';

/**
 * The columns of tables whose rows are read a few columns at a time: a query selects those of
 * the list its document needs. Reading from a list instead of `*` also keeps a search vector
 * (useful only to the search index) out of every row sent to the API. The type checks below
 * fail to compile when a list misses a column of its table.
 */
type Exhaustive<Table, List extends readonly (keyof Table)[]> =
  Exclude<keyof Table, List[number]> extends never ? List : never;

const list =
  <Table>() =>
  <const List extends readonly (keyof Table & string)[]>(columns: Exhaustive<Table, List>) =>
    columns;

export const trainingEventColumns = list<TrainingEventTable>()([
  'id',
  'title',
  'original_language',
  'description',
  'format',
  'status',
  'start_date',
  'start_date_precision',
  'duration_minutes',
  'participant_count',
  'outcome_summary',
  'programme_id',
  'host_organisation_id',
  'country_id',
  'subdivision_id',
  'locality',
  'external_key',
  'created_at',
  'updated_at',
  'version',
]);

export const organisationColumns = list<OrganisationTable>()([
  'id',
  'name',
  'original_language',
  'acronym',
  'kind',
  'iati_identifier',
  'iati_type',
  'country_id',
  'subdivision_id',
  'parent_id',
  'created_at',
  'updated_at',
  'version',
]);

export const personColumns = list<PersonTable>()([
  'id',
  'name',
  'profession',
  'title',
  'original_language',
  'organisation_id',
  'created_at',
  'updated_at',
  'version',
]);

export const programmeColumns = list<ProgrammeTable>()([
  'id',
  'title',
  'original_language',
  'description',
  'status',
  'start_date',
  'start_date_precision',
  'end_date',
  'agreement_id',
  'iati_identifier',
  'created_at',
  'updated_at',
  'version',
]);

export const agreementColumns = list<AgreementTable>()([
  'id',
  'title',
  'original_language',
  'description',
  'kind',
  'signed_on',
  'signed_on_precision',
  'declared_area_count',
  'declared_area_count_qualifier',
  'signing_event_id',
  'created_at',
  'updated_at',
  'version',
]);

export const topicColumns = list<TopicTable>()([
  'id',
  'code',
  'name',
  'original_language',
  'description',
  'parent_id',
  'created_at',
  'updated_at',
  'version',
]);

export const presenterColumns = list<TrainingEventPresenterTable>()([
  'id',
  'training_event_id',
  'position',
  'person_id',
  'organisation_id',
  'role',
  'profession',
]);
