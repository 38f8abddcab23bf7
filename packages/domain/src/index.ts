export { authenticate, createToken, hashToken } from './access/tokens.js';
export { MAX_PAGE as MAX_CHANGES_PAGE } from './changes/change-feed.js';
export {
  advanceHorizon,
  type CompactionReport,
  compactChangeLog,
  DEFAULT_BATCH_SIZE,
  type SweepOptions,
  sweepBelowHorizon,
} from './changes/compaction.js';
export type { Context, ContextOptions, Viewer } from './context.js';
export { createContext, GHO_PUBLIC_URL, releaseContext } from './context.js';
export {
  type CsvImportReport,
  type CsvKind,
  csvHeaders,
  csvKind,
  csvKinds,
  importCsv,
  KEY_COLUMN,
  MAX_ROWS,
} from './imports/csv.js';
export { decodeCsv, knownEncoding } from './imports/decode.js';
export { separatorNamed } from './imports/read.js';
export { alpha3Of } from './indicators/gho/gho.writes.js';
export {
  fetchGho,
  type GhoIndicatorReport,
  type GhoResponse,
  ghoRequestUrl,
  importGho,
  parseJson,
} from './indicators/gho/import.js';
export { loadPlaceNames, ORIGINAL_LANGUAGE, placeNameLanguages } from './places/names.js';
export {
  type IatiSelection,
  iatiActivities,
  parseIatiSelection,
  type ReportingOrg,
} from './programmes/iati.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query/index.js';
export { schema } from './schema/index.js';
export { ErrorCode, errorCodes } from './shared/error-codes.js';
export { ClientError } from './shared/errors.js';
export {
  describeProblem,
  ImportRejectedError,
  PROBLEMS_LISTED,
  UpstreamError,
} from './shared/import-errors.js';
export { isStorable } from './shared/text.js';
export { baseLanguage, canonicalLanguage } from './translations/languages.js';
