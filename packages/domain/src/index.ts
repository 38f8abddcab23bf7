export { authenticate, createToken, hashToken } from './access/tokens.js';
export type { Context, ContextOptions, Viewer } from './context.js';
export { createContext } from './context.js';
export { schema } from './schema/index.js';
export { ClientError, ErrorCode } from './shared/errors.js';
