export { authenticate, createToken, hashToken } from './access/tokens.js';
export type { Context, ContextOptions, Viewer } from './context.js';
export { createContext } from './context.js';
export {
  type IatiSelection,
  iatiActivities,
  parseIatiSelection,
  type ReportingOrg,
} from './programmes/iati.js';
export { schema } from './schema/index.js';
export { ErrorCode, errorCodes } from './shared/error-codes.js';
export { ClientError } from './shared/errors.js';
export { isStorable } from './shared/text.js';
