import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countsFor, generate } from '../src/synth/generate.js';

/** The rows a generation writes, by table, the tables of each loading wave, and a digest of all. */
async function generated(events: number, seed: number) {
  const rows = new Map<string, unknown[][]>();
  const columns = new Map<string, string[]>();
  const digest = createHash('sha256');
  const waves = await generate({ events, seed }, async (table, names) => {
    columns.set(table, names);
    return {
      table,
      write: (row: unknown[]) => {
        digest.update(`${table}${JSON.stringify(row)}`);
        const list = rows.get(table) ?? [];
        list.push(row);
        rows.set(table, list);
      },
      flush: async () => {},
      close: async () => {},
      // Only what the generator calls is needed of a writer here.
    } as never;
  });
  return {
    rows,
    columns,
    waves: waves.map((wave) => wave.map((writer) => writer.table)),
    digest: digest.digest('hex'),
  };
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

  it('makes the events asked for, loaded in waves where each row points only at rows of earlier waves', async () => {
    const { rows, columns, waves } = await generated(2_000, 7);
    const counts = countsFor({ events: 2_000, seed: 7 });
    expect(rows.get('training_event')).toHaveLength(2_000);
    expect(rows.get('donation')).toHaveLength(counts.donations);
    expect(rows.get('organisation')).toHaveLength(counts.organisations);
    expect(rows.get('agreement')).toHaveLength(counts.agreements);
    expect(rows.get('programme')).toHaveLength(counts.programmes);
    // Every table written is loaded, once.
    expect(waves.flat().sort()).toEqual([...rows.keys()].sort());

    // Which table each id belongs to (synthetic ids differ by kind, so no two tables share one).
    const tableOf = new Map<string, string>();
    for (const [table, list] of rows) {
      if (columns.get(table)?.[0] !== 'id') continue;
      for (const row of list) tableOf.set(row[0] as string, table);
    }
    // A wave is loaded all at once, after the waves before it: a row may point at its own table
    // or at earlier waves, never at a table loaded with it or after it.
    const waveOf = new Map(waves.flatMap((wave, i) => wave.map((table) => [table, i] as const)));
    const late: string[] = [];
    let references = 0;
    for (const [table, list] of rows) {
      for (const row of list) {
        row.forEach((value, i) => {
          const target = typeof value === 'string' ? tableOf.get(value) : undefined;
          if (!target || (i === 0 && target === table)) return;
          references++;
          if (target !== table && waveOf.get(target)! >= waveOf.get(table)!) {
            late.push(`${table}.${columns.get(table)![i]} -> ${target}`);
          }
        });
      }
    }
    expect([...new Set(late)]).toEqual([]);
    expect(references).toBeGreaterThan(2_000);

    const events = new Set(rows.get('training_event')!.map((row) => row[0]));
    const presenters = rows.get('training_event_presenter')!;
    expect(presenters.length).toBeGreaterThanOrEqual(2_000);
    expect(presenters.filter((row) => !events.has(row[1]))).toEqual([]);
  });
});
