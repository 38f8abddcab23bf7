import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openedLine, throwawayDatabaseEnv } from './support/throwaway-database.js';

// `pnpm mch gho import` as a user runs it: the built command, on a database of its own, reading
// the saved answer the integrators' guide shows (docs/guides/integrators.md).

const MCH_CLI = fileURLToPath(new URL('../dist/cli/mch.js', import.meta.url));
const SAVED = fileURLToPath(new URL('../examples/gho/MDG_0000000026.json', import.meta.url));

let env: NodeJS.ProcessEnv;
let cleanup = async () => {};

beforeAll(async () => {
  const database = await throwawayDatabaseEnv('gho');
  cleanup = database.cleanup;
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  env = { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...database.env };
});
afterAll(() => cleanup());

async function mch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MCH_CLI, ...args], {
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pnpm mch gho import', () => {
  it('updates the values the seed holds from WHO rather than storing them twice, reports what it left out, and changes nothing the second time', async () => {
    const first = await mch('gho', 'import', 'MDG_0000000026', '--file', SAVED);
    expect(first).toEqual({
      code: 0,
      stderr: `${openedLine(env)}\n`,
      stdout: [
        'MDG_0000000026: 5 rows; 0 stored, 4 updated, 0 unchanged.',
        '  source: https://ghoapi.azureedge.net/api/MDG_0000000026 (from a saved answer)',
        '  not stored: 1 not a country (GLOBAL GLOBAL)',
        '',
      ].join('\n'),
    });
    const second = await mch('gho', 'import', 'MDG_0000000026', '--file', SAVED);
    expect(second.stdout.split('\n')[0]).toBe(
      'MDG_0000000026: 5 rows; 0 stored, 0 updated, 4 unchanged.',
    );
  }, 60_000);

  it('stores nothing from a malformed answer and names each bad row', async () => {
    const file = join(tmpdir(), `gho-malformed-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        value: [
          { IndicatorCode: 'MDG_0000000007', SpatialDimType: 'COUNTRY', SpatialDim: 'MOZ' },
          {
            IndicatorCode: 'MDG_0000000007',
            SpatialDimType: 'COUNTRY',
            SpatialDim: 'MOZ',
            TimeDimType: 'YEAR',
            TimeDim: 2023,
            NumericValue: -4,
          },
        ],
      }),
    );
    const result = await mch('gho', 'import', 'MDG_0000000007', '--file', file);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        openedLine(env),
        'The GHO import was not stored: 2 problems, each listed with its row.',
        '  row 1, column TimeDimType: is missing; every row of a GHO answer has one',
        '  row 2, column NumericValue: must be a number from 0 to 1000000000 or null (got -4)',
        '',
      ].join('\n'),
    });
  }, 60_000);

  it('says how to call it when an argument is missing', async () => {
    const result = await mch('gho', 'import', '--countries', 'MZ');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('Name at least one GHO indicator code.');
  });
});
