import type { CitedTable } from './migrations/0007_citations.js';
import type { TranslatedTable } from './migrations/0016_translations.js';
import type { ApiTokenTable } from './tables/access.table.js';
import type {
  AgreementAreaTable,
  AgreementPartyTable,
  AgreementTable,
} from './tables/agreements.table.js';
import type { ChangeLogHorizonTable, ChangeLogTable } from './tables/changes.table.js';
import type { IatiCodeTable } from './tables/code-lists.table.js';
import type {
  DonationContributionTable,
  DonationDonorItemRollupTable,
  DonationDonorUnitRollupTable,
  DonationItemRollupTable,
  DonationItemTable,
  DonationTable,
  DonationUnitRollupTable,
} from './tables/donations.table.js';
import type { IndicatorObservationTable, IndicatorTable } from './tables/indicators.table.js';
import type { OrganisationTable, PersonTable } from './tables/organisations.table.js';
import type { CountryTable, SubdivisionTable } from './tables/places.table.js';
import type {
  ProgrammeParticipationTable,
  ProgrammeSectorTable,
  ProgrammeTable,
  ProgrammeTargetSubdivisionTable,
  TargetTable,
} from './tables/programmes.table.js';
import type { SeedRunTable } from './tables/seed.table.js';
import type { CitationTable, SourceTable, TranslationTable } from './tables/sources.table.js';
import type {
  DacPurposeCodeTable,
  TopicDacPurposeTable,
  TopicTable,
} from './tables/topics.table.js';
import type {
  TrainingEventCountryRollupTable,
  TrainingEventParticipantGroupTable,
  TrainingEventParticipationTable,
  TrainingEventPresenterTable,
  TrainingEventRollupTable,
  TrainingEventTable,
  TrainingEventTopicTable,
} from './tables/training-events.table.js';
import type { AuditEventTable, IdempotencyKeyTable } from './tables/writes.table.js';

type CitationTables = { [T in CitedTable as `${T}_citation`]: CitationTable };
type TranslationTables = { [T in TranslatedTable as `${T}_translation`]: TranslationTable };

/** Every table of the graph, as Kysely sees it. */
export interface Database extends CitationTables, TranslationTables {
  source: SourceTable;
  country: CountryTable;
  subdivision: SubdivisionTable;
  dac_purpose_code: DacPurposeCodeTable;
  iati_code: IatiCodeTable;
  change_log: ChangeLogTable;
  change_log_horizon: ChangeLogHorizonTable;
  topic: TopicTable;
  topic_dac_purpose: TopicDacPurposeTable;
  indicator: IndicatorTable;
  seed_run: SeedRunTable;
  organisation: OrganisationTable;
  person: PersonTable;
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  agreement_area: AgreementAreaTable;
  programme: ProgrammeTable;
  programme_sector: ProgrammeSectorTable;
  programme_participation: ProgrammeParticipationTable;
  programme_target_subdivision: ProgrammeTargetSubdivisionTable;
  target: TargetTable;
  training_event: TrainingEventTable;
  training_event_topic: TrainingEventTopicTable;
  training_event_presenter: TrainingEventPresenterTable;
  training_event_participation: TrainingEventParticipationTable;
  training_event_participant_group: TrainingEventParticipantGroupTable;
  training_event_rollup: TrainingEventRollupTable;
  training_event_country_rollup: TrainingEventCountryRollupTable;
  donation: DonationTable;
  donation_item: DonationItemTable;
  donation_contribution: DonationContributionTable;
  donation_item_rollup: DonationItemRollupTable;
  donation_unit_rollup: DonationUnitRollupTable;
  donation_donor_item_rollup: DonationDonorItemRollupTable;
  donation_donor_unit_rollup: DonationDonorUnitRollupTable;
  indicator_observation: IndicatorObservationTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  idempotency_key: IdempotencyKeyTable;
}
