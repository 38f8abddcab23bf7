import type { Database } from '@mch/db';
import { initContextCache } from '@pothos/core';
import type { Kysely } from 'kysely';

/** What every resolver of one request sees. */
export interface Context {
  /** The database, or the open transaction when the request writes. */
  db: Kysely<Database>;
}

export interface ContextOptions {
  db: Kysely<Database>;
}

/**
 * A fresh context for every request: loaders and their caches live on it, so no request sees
 * another's cached rows.
 */
export function createContext(options: ContextOptions): Context {
  return {
    ...initContextCache(),
    db: options.db,
  };
}
