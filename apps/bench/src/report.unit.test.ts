import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withRecordedRun } from './report.js';

const pagePath = fileURLToPath(new URL('../../../docs/performance.md', import.meta.url));
const page = readFileSync(pagePath, 'utf8');
const table = '| operation | req/s |\n|---|---:|\n| nested-50 | 1.0 |';

/** The page's text outside the markers of one recorded run, and inside them. */
function split(text: string, marker: string): { outside: string; inside: string } {
  const start = text.indexOf(`<!-- ${marker}:start -->`);
  const end = text.indexOf(`<!-- ${marker}:end -->`);
  return { outside: text.slice(0, start) + text.slice(end), inside: text.slice(start, end) };
}

describe('pnpm bench --record, on a copy of docs/performance.md', () => {
  it('replaces the run of 100 000 events between its markers, and nothing else', () => {
    const updated = withRecordedRun(page, table, 100_000);
    expect(split(updated, 'bench').outside).toBe(split(page, 'bench').outside);
    expect(split(updated, 'bench').inside).toBe(
      `<!-- bench:start -->\nLatest full run (\`pnpm bench\`):\n\n${table}\n`,
    );
  });

  it('replaces the run of 1 000 000 events between its own markers, and nothing else', () => {
    const updated = withRecordedRun(page, table, 1_000_000);
    expect(split(updated, 'bench-1000000').outside).toBe(split(page, 'bench-1000000').outside);
    expect(split(updated, 'bench-1000000').inside).toBe(
      `<!-- bench-1000000:start -->\nLatest full run (\`pnpm bench --events 1000000\`):\n\n${table}\n`,
    );
    expect(split(updated, 'bench').inside).toBe(split(page, 'bench').inside);
  });

  it('is refused on a page without the markers, which it leaves as it was', () => {
    expect(() => withRecordedRun('# Performance\n', table, 100_000)).toThrow(
      'docs/performance.md has no <!-- bench:start --> ... <!-- bench:end --> section.',
    );
  });
});
