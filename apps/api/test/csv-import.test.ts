import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';
import { openedLine, throwawayDatabaseEnv } from './support/throwaway-database.js';

// Spreadsheets uploaded over HTTP (`POST /import/<kind>.csv`) and imported with `pnpm mch csv
// import`, as coordinators do.

const EVENTS = fileURLToPath(new URL('../examples/csv/training-events.csv', import.meta.url));
const DONATIONS = fileURLToPath(new URL('../examples/csv/donations.csv', import.meta.url));
const MCH_CLI = fileURLToPath(new URL('../dist/cli/mch.js', import.meta.url));

let api: TestApi;
let cliEnv: NodeJS.ProcessEnv;
let cleanup = async () => {};
beforeAll(async () => {
  api = await startTestApi();
  const database = await throwawayDatabaseEnv('csv');
  cleanup = database.cleanup;
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  cliEnv = { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...database.env };
});
afterAll(async () => {
  await api.stop();
  await cleanup();
});

function upload(file: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${api.origin}/import/${file}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${api.tokens.editor}`,
      ...headers,
    },
    body,
  });
}

describe('POST /import/<kind>.csv', () => {
  it('imports an editor’s spreadsheet and answers what it stored', async () => {
    const response = await upload('trainingEvents.csv', readFileSync(EVENTS, 'utf8'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      kind: 'TRAINING_EVENTS',
      rowCount: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      ignoredColumns: [],
    });
  });

  it('answers 422 with every bad row, storing nothing', async () => {
    const csv =
      'externalKey,title,status,itemCategory,itemDescription\nx-1,Masks,PLEDGED,masks,Masks\n';
    const response = await upload('donations.csv', csv);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      code: 'IMPORT_REJECTED',
      message: 'The CSV import was not stored: 3 problems, each listed with its row.',
      problemCount: 3,
      problems: [
        {
          row: 1,
          line: 2,
          column: 'donorCountry',
          message: 'Name the donor: `donorCountry` or `donorOrganisation`.',
        },
        {
          row: 1,
          line: 2,
          column: 'recipientCountry',
          message: 'Name the recipient: `recipientCountry` or `recipientOrganisation`.',
        },
        {
          row: 1,
          line: 2,
          column: 'announcedOn',
          message: 'A donation needs `announcedOn` or `deliveredOn`.',
        },
      ],
    });
  });

  it('refuses uploads without a token, of another type, or to no kind', async () => {
    const anonymous = await upload('donations.csv', 'externalKey\n', { authorization: '' });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const json = await upload('donations.csv', '{}', { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual({
      errors: [
        {
          message: 'Send the spreadsheet as CSV in UTF-8, with `Content-Type: text/csv`.',
          extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
        },
      ],
    });

    const nowhere = await upload('spaceships.csv', 'externalKey\n');
    expect(nowhere.status).toBe(404);
    expect((await nowhere.json()).errors[0].message).toBe(
      'There is nothing to import at /import/spaceships.csv. Spreadsheets are imported at /import/donations.csv, /import/trainingEvents.csv.',
    );
  });
});

async function mch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MCH_CLI, ...args], {
      env: cliEnv,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pnpm mch csv import', () => {
  it('imports the example donations, then finds them unchanged', async () => {
    expect(await mch('csv', 'import', 'donations', DONATIONS)).toEqual({
      code: 0,
      stderr: `${openedLine(cliEnv)}\n`,
      stdout: `${DONATIONS}: 3 rows; 2 stored, 0 updated, 0 unchanged.\n`,
    });
    expect((await mch('csv', 'import', 'donations', DONATIONS)).stdout).toBe(
      `${DONATIONS}: 3 rows; 0 stored, 0 updated, 2 unchanged.\n`,
    );
  }, 60_000);

  it('reports each bad row of a file with its line and column, and exits 1', async () => {
    const file = join(tmpdir(), `events-${process.pid}.csv`);
    writeFileSync(
      file,
      'externalKey,title,format,country\nk-1,Seminar,in person,UZ\nk-2,Seminar,by pigeon,UZ\nk-3,,in person,XX\n',
    );
    expect(await mch('csv', 'import', 'trainingEvents', file)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        openedLine(cliEnv),
        `${file}: The CSV import was not stored: 3 problems, each listed with its row.`,
        '  line 3, column format: must be one of IN_PERSON, TELECONFERENCE, HYBRID (got "by pigeon").',
        '  line 4, column title: `title` is required.',
        '  line 4, column country: `country` names no country of the graph: XX.',
        '',
      ].join('\n'),
    });
  }, 60_000);
});
