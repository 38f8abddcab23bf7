import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from './support/processes.js';
import { openedLine, throwawayDatabaseEnv } from './support/throwaway-database.js';

// `pnpm mch iati export` as a publisher runs it: the built command, on a database of its own.

const MCH_CLI = fileURLToPath(new URL('../dist/cli/mch.js', import.meta.url));

let env: NodeJS.ProcessEnv;
let dir: string;
let cleanup = async () => {};

beforeAll(async () => {
  const database = await throwawayDatabaseEnv('iati');
  cleanup = database.cleanup;
  dir = mkdtempSync(join(tmpdir(), 'mch-iati-cli-'));
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  env = { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...database.env };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

async function mch(
  extra: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MCH_CLI, ...args], {
      env: { ...env, ...extra },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const publisher = {
  IATI_REPORTING_ORG_REF: 'XM-DAC-41114',
  IATI_REPORTING_ORG_NAME: 'A publisher',
  IATI_REPORTING_ORG_TYPE: '40',
};

describe('pnpm mch iati export', () => {
  it('writes the file of the configured publisher', async () => {
    const out = join(dir, 'activities.xml');
    const result = await mch(publisher, 'iati', 'export', '--out', out);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `${openedLine(env)}\nWrote ${out}.\n` });
    const xml = readFileSync(out, 'utf8');
    expect(xml.match(/<reporting-org [^>]*>/g)).toEqual([
      '<reporting-org ref="XM-DAC-41114" type="40" secondary-reporter="1">',
      '<reporting-org ref="XM-DAC-41114" type="40" secondary-reporter="1">',
    ]);
  }, 120_000);

  it('fails on a selection of no programme, saying so', async () => {
    const result = await mch(publisher, 'iati', 'export', '--country', 'BY');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `${openedLine(env)}\nNo programme has events or targets in BY: there is no IATI activity to publish.\n`,
    });
  }, 120_000);

  it('refuses the placeholder publisher in production, naming the setting', async () => {
    const result = await mch({}, 'iati', 'export');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${openedLine(env)}\nThe IATI export is refused: IATI_REPORTING_ORG_REF is not set, and XM-MCH-GRAPH is a placeholder no publisher owns. Set IATI_REPORTING_ORG_REF to the publisher's IATI organisation identifier (such as XM-DAC-41114), with IATI_REPORTING_ORG_NAME and IATI_REPORTING_ORG_TYPE.\n`,
    );
  }, 120_000);

  it('the server started in production without a publisher warns, and refuses the export', async () => {
    const server = await startApi({
      ...env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    });
    try {
      const warnings = server.logs
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.msg.includes('IATI'));
      expect(warnings.map((line) => line.msg)).toEqual([
        'IATI_REPORTING_ORG_REF is not set: the IATI export is refused until it names the publisher.',
      ]);
      const response = await fetch(`${server.origin}/iati/activities.xml`);
      expect(response.status).toBe(503);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
