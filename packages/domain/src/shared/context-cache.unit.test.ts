import { contextCacheSymbol, createContextCache, initContextCache } from '@pothos/core';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';

/**
 * Pothos keeps each request's loaders in context caches. The patch in
 * `patches/@pothos__core@*.patch` keeps an entry on the request's own cache object instead of
 * in a long-lived WeakMap keyed by it (which made V8 keep every request's loaders and rows
 * through its young-generation collections). The cache must still answer as before.
 */
/** A cache whose entries are numbered in the order they are made, and how many it made. */
function numberedCache() {
  let made = 0;
  const cache = createContextCache(() => {
    made += 1;
    return { loader: made };
  });
  return Object.assign(cache, { made: () => made });
}

describe('context caches', () => {
  it('give each request its own entry, and the same entry every time within it', () => {
    const loaders = numberedCache();
    const first = initContextCache();
    const second = initContextCache();
    expect(loaders(first)).toEqual({ loader: 1 });
    expect(loaders(first)).toBe(loaders(first));
    expect(loaders(second)).toEqual({ loader: 2 });
    expect(loaders.made()).toBe(2);
  });

  it('keep the entry on the request, where it goes with the request', () => {
    const loaders = createContextCache(() => new Map<string, unknown>());
    const context = createContext({ db: undefined as never });
    const entry = loaders(context);
    // The entry is an own property of the request's cache object, under a symbol of its own.
    const cacheObject = (context as unknown as Record<symbol, object>)[contextCacheSymbol]!;
    const held = Object.getOwnPropertySymbols(cacheObject).map(
      (symbol) => (cacheObject as Record<symbol, unknown>)[symbol],
    );
    expect(held).toEqual([entry]);
  });

  it('forget an entry when asked, and make a fresh one after', () => {
    const loaders = numberedCache();
    const context = initContextCache();
    expect(loaders(context)).toEqual({ loader: 1 });
    loaders.delete(context);
    expect(loaders(context)).toEqual({ loader: 2 });
    expect(loaders(context)).toEqual({ loader: 2 });
  });

  it('still work for a frozen context, which cannot take a property', () => {
    const loaders = numberedCache();
    const frozen = Object.freeze({});
    expect(loaders(frozen)).toEqual({ loader: 1 });
    expect(loaders(frozen)).toBe(loaders(frozen));
    loaders.delete(frozen);
    expect(loaders(frozen)).toEqual({ loader: 2 });
  });
});
