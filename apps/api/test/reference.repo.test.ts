import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_PAGE_SIZE,
  errorCodes,
  MAX_CHANGES_PAGE,
  MAX_PAGE_SIZE,
  MAX_ROWS,
  PROBLEMS_LISTED,
} from '@mch/domain';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const source = fileURLToPath(new URL('../src/', import.meta.url));

/** The rows of the first Markdown table of a reference page, as their cells. */
function tableRows(page: string): string[][] {
  const text = readFileSync(join(root, 'docs/reference', page), 'utf8');
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  // The header and the line under it.
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      // An escaped pipe inside a cell is text, not a border.
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

/** The names written as code in a cell: `PORT`, `BAD_USER_INPUT`. */
const codeNames = (cell: string) =>
  [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!);

/** Every TypeScript source of the API, tests aside. */
function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The environment variables the API's code reads: `env.NAME`, `env['NAME']`, `(env, 'NAME'`. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(source)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [
      /\benv\.([A-Z][A-Z0-9_]+)/g,
      /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
      /\(env, '([A-Z][A-Z0-9_]+)'/g,
    ]) {
      for (const match of text.matchAll(pattern)) names.add(match[1]!);
    }
  }
  return names;
}

describe('docs/reference/configuration.md', () => {
  const rows = tableRows('configuration.md');
  const documented = rows.map((cells) => codeNames(cells[0]!)[0]!);

  it('lists every variable the API reads, once, and none it does not read', () => {
    const read = variablesRead();
    // The scan finds what the code reads; a scan that found nothing would prove nothing.
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((name) => !documented.includes(name)).sort()).toEqual([]);
    expect(documented.filter((name) => !read.has(name))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each default as the API has it: set to that value, the configuration is the same', () => {
    // As on a developer's terminal, where the defaults the table states first apply.
    const unset = loadConfig({}, true);
    for (const [name, defaultCell] of rows.map((cells) => [codeNames(cells[0]!)[0]!, cells[1]!])) {
      const literal = /^`([^`]+)`/.exec(defaultCell!)?.[1];
      if (literal === undefined) {
        // No value in code font: the variable has no default and is said to be unset.
        expect({ name, defaultCell }).toEqual({
          name,
          defaultCell: expect.stringMatching(/^\(unset/),
        });
        continue;
      }
      expect({ name, config: loadConfig({ [name!]: literal }, true) }).toEqual({
        name,
        config: unset,
      });
    }
  });
});

describe('docs/reference/errors.md', () => {
  const rows = tableRows('errors.md');

  it('lists every code the API sends, and none other', () => {
    const listed = rows.flatMap((cells) => codeNames(cells[0]!));
    expect(Object.keys(errorCodes).filter((code) => !listed.includes(code))).toEqual([]);
    expect(listed.filter((code) => !(code in errorCodes))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('gives each code the HTTP status its description in the code names', () => {
    const statusOf = new Map(
      rows.flatMap((cells) => codeNames(cells[0]!).map((code) => [code, cells[1]!] as const)),
    );
    const named = Object.entries(errorCodes).flatMap(([code, meaning]) => {
      const status = /\(HTTP (\d{3})\)/.exec(meaning)?.[1];
      return status ? [{ code, status }] : [];
    });
    expect(named.length).toBeGreaterThan(3);
    for (const { code, status } of named) {
      expect({ code, http: statusOf.get(code) }).toEqual({
        code,
        http: expect.stringContaining(status),
      });
    }
  });
});

describe('docs/reference/limits.md', () => {
  const config = loadConfig({}, true);
  /** Each limit by the name the table gives it: a variable of the configuration, or a constant. */
  const limits: Record<string, number> = {
    MAX_BODY_BYTES: config.maxBodyBytes,
    MAX_DOCUMENT_CHARS: config.limits.documentChars,
    MAX_DEPTH: config.limits.depth,
    MAX_ALIASES: config.limits.aliases,
    MAX_DIRECTIVES: config.limits.directives,
    MAX_COST: config.limits.cost,
    MAX_BATCH: config.limits.batch,
    RATE_LIMIT_POINTS: config.rateLimit.points,
    RATE_LIMIT_WINDOW_SECONDS: config.rateLimit.windowSeconds,
    MAX_PAGE_SIZE,
    DEFAULT_PAGE_SIZE,
    MAX_CHANGES_PAGE,
    MAX_ROWS,
    PROBLEMS_LISTED,
  };

  it('gives every limit the value the code has, and leaves none out', () => {
    const rows = tableRows('limits.md').map((cells) => ({
      name: codeNames(cells[2]!)[0]!,
      value: Number(cells[1]!.replace(/[ ,]/g, '')),
    }));
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(limits).sort());
    for (const row of rows) {
      expect(row).toEqual({ name: row.name, value: limits[row.name] });
    }
  });
});
