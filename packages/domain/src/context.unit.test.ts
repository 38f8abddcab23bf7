import { describe, expect, it } from 'vitest';
import { createContext, releaseContext, requestCache } from './context.js';
import { Country } from './places/country.js';

/**
 * A request that has ended lets go of what its loaders and caches hold (`releaseContext`), so
 * that its rows die in V8's young generation instead of waiting in Pothos's long-lived WeakMaps
 * for a full collection.
 */
const newContext = () => createContext({ db: undefined as never });

describe('a request that has ended', () => {
  it("lets go of its own caches' entries, and only its own", () => {
    let made = 0;
    const pages = requestCache(() => ({ page: ++made }));
    const ended = newContext();
    const running = newContext();
    expect(pages(ended)).toEqual({ page: 1 });
    expect(pages(running)).toEqual({ page: 2 });
    releaseContext(ended);
    expect(pages(running)).toEqual({ page: 2 });
    expect(pages(ended)).toEqual({ page: 3 });
  });

  it("empties the rows its loaders hold, and no other request's", async () => {
    const ended = newContext();
    const running = newContext();
    const uganda = { id: 'UG', name: 'Uganda' };
    const kept = { id: 'UG', name: 'Uganda (kept)' };
    Country.getDataloader(ended).prime('UG', uganda as never);
    Country.getDataloader(running).prime('UG', kept as never);
    releaseContext(ended);
    // A loader primes only a key it does not hold: the ended request's takes the new row.
    const fresh = { id: 'UG', name: 'Uganda (fresh)' };
    Country.getDataloader(ended).prime('UG', fresh as never);
    Country.getDataloader(running).prime('UG', fresh as never);
    expect(await Country.getDataloader(ended).load('UG')).toBe(fresh);
    expect(await Country.getDataloader(running).load('UG')).toBe(kept);
  });
});
