import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countsFor, generate } from '../src/synth/generate.js';

/** The rows a generation writes, by table, with a digest of all of them. */
async function generated(events: number, seed: number) {
  const rows = new Map<string, unknown[][]>();
  const digest = createHash('sha256');
  const waves = await generate(
    { events, seed },
    async (table) =>
      ({
        write: (row: unknown[]) => {
          digest.update(`${table}${JSON.stringify(row)}`);
          const list = rows.get(table) ?? [];
          list.push(row);
          rows.set(table, list);
        },
        flush: async () => {},
        close: async () => {},
        // Only what the generator calls is needed of a writer here.
      }) as never,
  );
  return { rows, waves: waves.map((wave) => wave.length), digest: digest.digest('hex') };
}

describe('synthetic data', () => {
  it('is the same for the same seed, and another for another seed', async () => {
    const [first, again, other] = await Promise.all([
      generated(2_000, 7),
      generated(2_000, 7),
      generated(2_000, 8),
    ]);
    expect(again.digest).toBe(first.digest);
    expect(other.digest).not.toBe(first.digest);
  });

  it('makes the events asked for, loaded in seven waves, each row pointing at rows written before it', async () => {
    const { rows, waves } = await generated(2_000, 7);
    const counts = countsFor({ events: 2_000, seed: 7 });
    expect(waves).toEqual([3, 2, 2, 3, 5, 6, 2]);
    expect(rows.get('training_event')).toHaveLength(2_000);
    expect(rows.get('donation')).toHaveLength(counts.donations);
    expect(rows.get('organisation')).toHaveLength(counts.organisations);
    const events = new Set(rows.get('training_event')!.map((row) => row[0]));
    const presenters = rows.get('training_event_presenter')!;
    expect(presenters.length).toBeGreaterThanOrEqual(2_000);
    expect(presenters.filter((row) => !events.has(row[1]))).toEqual([]);
  });
});
