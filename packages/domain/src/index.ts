export type { Context, ContextOptions } from './context.js';
export { createContext } from './context.js';
export { schema } from './schema/index.js';
