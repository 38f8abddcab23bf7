export { schema } from './schema/index.js';
export { createContext } from './context.js';
export type { Context, ContextOptions } from './context.js';
