import type { Database } from '@mch/db';
import { type ContextCache, createContextCache, initContextCache } from '@pothos/core';
import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import type { Kysely } from 'kysely';

/** The public OData API of the WHO Global Health Observatory. */
export const GHO_PUBLIC_URL = 'https://ghoapi.azureedge.net';

/** Who is asking: anonymous, or the holder of an API token and its role. */
export interface Viewer {
  role: 'anonymous' | 'editor' | 'admin';
  tokenId?: string;
  tokenName?: string;
}

/** What every resolver of one request sees. */
export interface Context {
  db: Kysely<Database>;
  viewer: Viewer;
  /** Identifies the request in logs and in the audit trail. */
  requestId: string | undefined;
  /** The caller's network address, for the rate limit of calls without a token. */
  clientAddress: string | undefined;
  /** Where the WHO Global Health Observatory's OData API answers, for imports. */
  ghoBaseUrl: string;
  /**
   * The language names are answered in (a BCP 47 tag), negotiated from the request's
   * `Accept-Language` or named by the operation's `@language` directive; `en` by default.
   */
  language: string;
}

export interface ContextOptions {
  db: Kysely<Database>;
  viewer?: Viewer;
  requestId?: string;
  clientAddress?: string;
  ghoBaseUrl?: string;
  language?: string;
}

/**
 * A fresh context for every request: loaders and their caches live on it, so no request sees
 * another's cached rows.
 */
export function createContext(options: ContextOptions): Context {
  const context: Context = {
    db: options.db,
    viewer: options.viewer ?? { role: 'anonymous' },
    requestId: options.requestId,
    clientAddress: options.clientAddress,
    ghoBaseUrl: options.ghoBaseUrl ?? GHO_PUBLIC_URL,
    language: options.language ?? 'en',
  };
  // The cache's key is a symbol: copied by `Object.assign` it costs nothing, where spreading
  // it into the literal takes V8's slow path (about 4 µs a request).
  return Object.assign(context, initContextCache());
}

/**
 * Pothos keeps per-request state (the dataloader plugin's loaders, and ours below) in
 * long-lived WeakMaps keyed by the request. V8's young-generation collection keeps every value
 * of such a map alive while the map is, whatever became of its key: each request's loaders
 * and the rows they hold survived, were promoted, and waited for a full collection. A request
 * that has ended lets go of them here, through Pothos's own means: its loaders are emptied,
 * and our caches forget it.
 */
const requestCaches: Array<ContextCache<unknown, Context, []>> = [];

/** A per-request cache (Pothos's), which `releaseContext` empties when the request ends. */
export function requestCache<T>(create: (context: Context) => T): ContextCache<T, Context, []> {
  const cache = createContextCache(create);
  requestCaches.push(cache);
  return cache;
}

/** Lets go of what a request's loaders and caches hold, once nothing of it runs any more. */
export function releaseContext(context: Context): void {
  clearAllDataLoaders(context);
  for (const cache of requestCaches) cache.delete(context);
}
