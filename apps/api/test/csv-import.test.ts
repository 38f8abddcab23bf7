import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MAX_ROWS } from '@mch/domain';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function upload(file: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${api.origin}/import/${file}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${api.tokens.editor}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
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
          message:
            'Send the spreadsheet as CSV, with `Content-Type: text/csv` (and `; charset=` naming its encoding when it is not UTF-8).',
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

const latin1 = (key: string) =>
  Buffer.from(
    `externalKey,title,format,country,locality\n${key},Séminaire à Maputo,in person,MZ,Maputo\n`,
    'latin1',
  );
const LATIN1_MESSAGE =
  'holds bytes that are not UTF-8; the file looks like ISO-8859-1. Save it as "CSV UTF-8" (Excel) or with the character set "Unicode (UTF-8)" (LibreOffice), or name its encoding: `--encoding ISO-8859-1` on the command line, `Content-Type: text/csv; charset=ISO-8859-1` over HTTP.';

/** The title of the event an import stored under a key. */
async function titleOf(key: string) {
  const row = await api.database.db
    .selectFrom('training_event')
    .select(['title', 'locality'])
    .where('external_key', '=', key)
    .executeTakeFirst();
  return row?.title;
}

describe('files as spreadsheet programs save them', () => {
  it('refuses a Latin-1 file sent without its charset, naming the line and how to save it', async () => {
    const response = await upload('trainingEvents.csv', latin1('latin-refused'), {
      'content-type': 'text/csv',
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      code: 'IMPORT_REJECTED',
      message: `The CSV import was not stored: line 2: ${LATIN1_MESSAGE}`,
      problemCount: 1,
      problems: [{ row: null, line: 2, column: null, message: LATIN1_MESSAGE }],
    });
    expect(await titleOf('latin-refused')).toBeUndefined();
  });

  it('reads the Latin-1 file when its charset is named, every accent intact', async () => {
    const response = await upload('trainingEvents.csv', latin1('latin-named'), {
      'content-type': 'text/csv; charset=windows-1252',
    });
    expect(await response.json()).toMatchObject({ rowCount: 1, created: 1 });
    expect(await titleOf('latin-named')).toBe('Séminaire à Maputo');
  });

  it('reads UTF-16 with a byte order mark, tab-separated, as Excel saves "Unicode text"', async () => {
    const text =
      '\ufeffexternalKey\ttitle\tformat\tcountry\nutf16-01\tСеминар в Нукусе, акушерство\tin person\tUZ\n';
    const response = await upload('trainingEvents.csv', Buffer.from(text, 'utf16le'));
    expect(await response.json()).toMatchObject({ rowCount: 1, created: 1 });
    expect(await titleOf('utf16-01')).toBe('Семинар в Нукусе, акушерство');
  });

  it('reads a semicolon-separated file, with commas inside its cells, and one named by ?delimiter=', async () => {
    const semicolons =
      'externalKey;title;format;country;participantCount\nsemi-01;Seminário em Maputo, obstetrícia;presencial;MZ;\n';
    const wrong = await upload('trainingEvents.csv', semicolons);
    // The separator is recognised; the Portuguese format name is not one of ours.
    expect((await wrong.json()).problems).toEqual([
      {
        row: 1,
        line: 2,
        column: 'format',
        message: 'must be one of IN_PERSON, TELECONFERENCE, HYBRID (got "presencial").',
      },
    ]);
    const right = await upload(
      'trainingEvents.csv?delimiter=semicolon',
      semicolons.replace('presencial', 'in person'),
    );
    expect(await right.json()).toMatchObject({ rowCount: 1, created: 1 });
    expect(await titleOf('semi-01')).toBe('Seminário em Maputo, obstetrícia');
  });

  it('refuses a misspelt column, suggesting the column it resembles', async () => {
    const response = await upload(
      'trainingEvents.csv',
      'externalKey,title,format,country,participantcount,colour\nm-01,Seminar,in person,UZ,30,red\n',
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      code: 'IMPORT_REJECTED',
      message: 'The CSV import was not stored: 2 problems, each listed with its row.',
      problemCount: 2,
      problems: [
        {
          row: null,
          line: 1,
          column: 'participantcount',
          message: 'is not a column of this kind; did you mean `participantCount`?',
        },
        {
          row: null,
          line: 1,
          column: 'colour',
          message:
            'is not a column of this kind; the columns are id, externalKey, title, format, country, subdivision, locality, startDate, startDatePrecision, durationMinutes, status, participantCount, outcomeSummary, hostOrganisation, programme, topics, description.',
        },
      ],
    });
  });

  it('lists every problem of every row, the first 200 of 250 with the count of the rest', async () => {
    const rows = Array.from({ length: 250 }, (_, i) =>
      i === 0 ? ',No key but a bad format,webinar,UZ' : `many-${i},Seminar,in person,XX`,
    );
    const response = await upload(
      'trainingEvents.csv',
      ['externalKey,title,format,country', ...rows].join('\n'),
    );
    const body = await response.json();
    expect(body.message).toBe(
      'The CSV import was not stored: 250 problems; the first 200 are listed, with their rows.',
    );
    expect(body.problemCount).toBe(250);
    expect(body.problems).toHaveLength(200);
    expect(body.problems.slice(0, 2)).toEqual([
      {
        row: 1,
        line: 2,
        column: 'format',
        message: 'must be one of IN_PERSON, TELECONFERENCE, HYBRID (got "webinar").',
      },
      {
        row: 2,
        line: 3,
        column: 'country',
        message: '`country` names no country of the graph: XX.',
      },
    ]);
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

  it('refuses a Latin-1 file with its line, and reads it with --encoding', async () => {
    const file = join(tmpdir(), `latin1-${process.pid}.csv`);
    writeFileSync(file, latin1('cli-latin'));
    expect(await mch('csv', 'import', 'trainingEvents', file)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${openedLine(cliEnv)}\n${file}: The CSV import was not stored: line 2: ${LATIN1_MESSAGE}\n`,
    });
    expect(
      (await mch('csv', 'import', 'trainingEvents', file, '--encoding', 'windows-1252')).stdout,
    ).toBe(`${file}: 1 rows; 1 stored, 0 updated, 0 unchanged.\n`);
  }, 60_000);

  it('reads a semicolon file named with --delimiter, and says which exported columns it left', async () => {
    const file = join(tmpdir(), `semicolon-${process.pid}.csv`);
    writeFileSync(
      file,
      'externalKey;title;format;country;version\ncli-semi;Séminaire, Maputo;hybrid;MZ;4\n',
    );
    expect(await mch('csv', 'import', 'trainingEvents', file, '--delimiter', 'semicolon')).toEqual({
      code: 0,
      stderr: `${openedLine(cliEnv)}\n`,
      stdout: `${file}: 1 rows; 1 stored, 0 updated, 0 unchanged.\n  columns not read: version\n`,
    });
  }, 60_000);

  it(`refuses a file past ${MAX_ROWS} rows as soon as it reads that far`, async () => {
    const file = join(tmpdir(), `huge-${process.pid}.csv`);
    const rows = Array.from({ length: MAX_ROWS + 5 }, (_, i) => `huge-${i},Seminar,hybrid,UZ`);
    writeFileSync(file, ['externalKey,title,format,country', ...rows, ''].join('\n'));
    expect(await mch('csv', 'import', 'trainingEvents', file)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${openedLine(cliEnv)}\n${file}: The CSV import was not stored: line ${MAX_ROWS + 2}: The file has more than ${MAX_ROWS} rows; one import takes at most ${MAX_ROWS}. Split it.\n`,
    });
  }, 120_000);
});
