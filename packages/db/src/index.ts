export type { DbHandle, DbOptions, EmbeddedDatabase, QueryEvent } from './create-db.js';
export { createDb, isPostgresUrl } from './create-db.js';
export type { Database } from './database.js';
export type { BackupManifest, RestoreReport, Snapshot } from './embedded/backup.js';
export {
  BackupError,
  restoreBackup,
  snapshotDataDir,
  writeBackupFile,
} from './embedded/backup.js';
export type { OwnerInfo } from './embedded/owner.js';
export { DataDirInUseError, describeHolder, findOwner } from './embedded/owner.js';
export type { Route } from './embedded/reach.js';
export { reachEmbedded, socketUrl } from './embedded/reach.js';
export type { ServedDatabase } from './embedded/serve.js';
export { requestSnapshot, serveEmbedded } from './embedded/serve.js';
export { isDatabaseUnavailable } from './errors.js';
export { migrateToLatest } from './migrate.js';
export type { CitedTable } from './migrations/0007_citations.js';
export { citedTables } from './migrations/0007_citations.js';
export { searchableTables } from './migrations/0008_search.js';
export { iatiCodeLists } from './migrations/0014_code_lists.js';
export { feedTables } from './migrations/0015_change_feed.js';
export type { TranslatedTable } from './migrations/0016_translations.js';
export { translatedColumns, translatedTables } from './migrations/0016_translations.js';
export type { IatiOrganisationTypeCode } from './migrations/0018_iati_organisations.js';
export { iatiOrganisationTypeCodes, iatiTypeOfKind } from './migrations/0018_iati_organisations.js';
export { WHO_PUBLISHER } from './migrations/0019_one_value_per_observation.js';
export {
  agreementIds,
  organisationIds,
  personIds,
  programmeIds,
  trainingEventIds,
} from './seed/facts.js';
export { iatiCodes } from './seed/iati-codes.js';
export { seedId } from './seed/ids.js';
export {
  CODE_LISTS_NAME,
  countryId,
  loadSeed,
  SEED_NAME,
  subdivisionId,
  TRANSLATIONS_NAME,
  topicId,
} from './seed/load-seed.js';
export { organisationTranslations, translationSources } from './seed/translations.js';
export type * from './tables/access.table.js';
export type * from './tables/agreements.table.js';
export type * from './tables/changes.table.js';
export type * from './tables/code-lists.table.js';
export {
  agreementColumns,
  organisationColumns,
  personColumns,
  presenterColumns,
  programmeColumns,
  topicColumns,
  trainingEventColumns,
} from './tables/columns.js';
export type * from './tables/common.js';
export type * from './tables/donations.table.js';
export type * from './tables/indicators.table.js';
export type * from './tables/organisations.table.js';
export { iatiOrganisationIdentifier } from './tables/organisations.table.js';
export type * from './tables/places.table.js';
export type * from './tables/programmes.table.js';
export type * from './tables/seed.table.js';
export type * from './tables/sources.table.js';
export type * from './tables/topics.table.js';
export type * from './tables/training-events.table.js';
export type * from './tables/writes.table.js';
