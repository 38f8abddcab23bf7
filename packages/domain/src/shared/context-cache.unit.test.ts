import { createContextCache, initContextCache } from '@pothos/core';
import { describe, expect, it } from 'vitest';

/**
 * Pothos keeps each request's loaders in context caches; `releaseContext` (context.ts) relies on
 * what these check: one entry per request, the same within it, and a fresh one after `delete`.
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
