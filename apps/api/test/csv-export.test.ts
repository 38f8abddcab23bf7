import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '@mch/test-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// LibreOffice Calc opens the exports as a person would open them in a spreadsheet. CI installs
// it (Debian's libreoffice-calc-nogui) and the test is required there; elsewhere without it, it
// is reported as not run.
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
if (process.env.CI === 'true' && soffice === undefined) {
  throw new Error('The spreadsheet test is required in CI: install libreoffice-calc-nogui.');
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const exportOf = (path: string, token?: string) =>
  fetch(`${api.origin}/export/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const rowsOf = async (response: Response) =>
  parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>;

describe('CSV exports of the lists', () => {
  it('give the events held in UZ-QA with their values and the natural keys of their relations', async () => {
    const filter = encodeURIComponent(JSON.stringify({ subdivisions: ['UZ-QA'] }));
    const response = await exportOf(`trainingEvents.csv?filter=${filter}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // UTF-8 with a byte order mark, which fetch's text() reads past.
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.clone().text();
    expect(text.split('\n')[0]).toBe(
      // The columns the import reads, then those it leaves alone.
      'id,externalKey,title,format,country,subdivision,locality,startDate,startDatePrecision,durationMinutes,status,participantCount,outcomeSummary,hostOrganisation,programme,topics,description,durationHours,originalLanguage,createdAt,updatedAt,version',
    );
    const event = await api.data<{
      trainingEvents: { nodes: Array<Record<string, unknown>> };
    }>(
      '{ trainingEvents(filter: { subdivisions: ["UZ-QA"] }) { nodes { id createdAt updatedAt description } } }',
    );
    const [expected] = event.trainingEvents.nodes;
    expect(await rowsOf(response)).toEqual([
      {
        id: expected!.id,
        country: 'UZ',
        createdAt: expected!.createdAt,
        description: expected!.description,
        durationHours: '',
        durationMinutes: '',
        externalKey: '',
        format: 'IN_PERSON',
        hostOrganisation:
          'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
        locality: 'Karshi',
        originalLanguage: 'en',
        outcomeSummary: '',
        participantCount: '30',
        programme:
          'Training seminars with international experts in regions with high maternal and child mortality',
        startDate: '2024-02-01',
        startDatePrecision: 'MONTH',
        status: 'COMPLETED',
        subdivision: 'UZ-QA',
        title: 'Seminar in Karshi on obstetrics and reducing maternal mortality',
        topics: 'maternal-mortality-reduction;obstetrics',
        updatedAt: expected!.updatedAt,
        version: '1',
      },
    ]);
  });

  it('page through a list longer than a page: all 249 countries, in the order of their code', async () => {
    const rows = await rowsOf(await exportOf('countries.csv'));
    expect(rows).toHaveLength(249);
    const codes = rows.map((row) => row.code);
    expect(codes.slice(0, 3)).toEqual(['AD', 'AE', 'AF']);
    expect(codes.at(-1)).toBe('ZW');
    expect([...codes].sort()).toEqual(codes);
  });

  it('quote text with commas and quotes so that it reads back exactly', async () => {
    const rows = await rowsOf(await exportOf('donations.csv'));
    const donations = await api.data<{
      donations: { nodes: Array<{ id: string; title: string; description: string }> };
    }>('{ donations { nodes { id title description } } }');
    // One row per item: the donation's own columns repeated on each.
    const byId = new Map(rows.map((row) => [row.id, [row.title, row.description]]));
    expect([...byId.values()]).toEqual(
      donations.donations.nodes.map((node) => [node.title, node.description]),
    );
    expect(
      rows.some((row) => row.description!.includes('"') || row.description!.includes(',')),
    ).toBe(true);
  });

  it('answer a list that does not exist with 404, naming the lists there are', async () => {
    const response = await exportOf('spaceships.csv');
    expect(response.status).toBe(404);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0]!.message).toMatch(
      /^There is no list to export at \/export\/spaceships\.csv\. The lists are: agreements\.csv, .*trainingEvents\.csv\.$/,
    );
  });

  it('answer a filter that is not JSON with 400 BAD_REQUEST, and a wrong one as the field would', async () => {
    const notJson = await exportOf(`trainingEvents.csv?filter=${encodeURIComponent('{countries')}`);
    expect(notJson.status).toBe(400);
    expect(
      ((await notJson.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
        .extensions.code,
    ).toBe('BAD_REQUEST');
    const wrong = await exportOf(
      `trainingEvents.csv?filter=${encodeURIComponent('{"countries":["x"]}')}`,
    );
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as {
      errors: Array<{ message: string; extensions: { code: string; argument: string } }>;
    };
    expect(
      body.errors.map((error) => [error.extensions.code, error.extensions.argument, error.message]),
    ).toEqual([
      [
        'BAD_USER_INPUT',
        'filter.countries',
        '`filter.countries` must be an ISO 3166-1 alpha-2 code of two capital letters, such as "UZ"; got "x".',
      ],
    ]);
  });

  it('keep admin lists for admins: the tokens need an admin token', async () => {
    expect((await exportOf('apiTokens.csv')).status).toBe(401);
    const unknown = await exportOf('countries.csv', `mch_${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({
      errors: [
        { message: 'This API token is not known.', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    expect((await exportOf('apiTokens.csv', api.tokens.editor)).status).toBe(403);
    const rows = await rowsOf(await exportOf('apiTokens.csv', api.tokens.admin));
    expect(rows.map((row) => row.name).sort()).toEqual(
      expect.arrayContaining(['Test admin', 'Test editor']),
    );
  });
});

describe('CSV exports under the limits', () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startTestApi({ rateLimit: { points: 500, windowSeconds: 60 } });
  });
  afterAll(() => limited.stop());

  it('charge each page to the rate limit: a page that costs more than the budget is refused', async () => {
    const response = await fetch(`${limited.origin}/export/trainingEvents.csv`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ extensions: { code: string; limit: number } }>;
    };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: 500 });
  });

  it.runIf(soffice !== undefined)(
    'open in a spreadsheet program cell for cell: quotes, line breaks and every script intact',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mch-calc-'));
      try {
        for (const list of ['trainingEvents', 'subdivisions']) {
          // The bytes as served, byte order mark and all.
          const bytes = Buffer.from(await (await exportOf(`${list}.csv`)).arrayBuffer());
          const text = bytes.toString('utf8');
          const file = join(dir, `${list}.csv`);
          writeFileSync(file, bytes);
          // Opened as UTF-8 comma-separated text, as Calc's import dialog offers for a file with
          // a byte order mark, and saved again as CSV: what Calc read, cell by cell.
          await promisify(execFile)(
            soffice!,
            [
              `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
              '--headless',
              '--norestore',
              '--infilter=CSV:44,34,76,1',
              '--convert-to',
              'csv:Text - txt - csv (StarCalc):44,34,76,1',
              '--outdir',
              join(dir, 'calc'),
              file,
            ],
            { timeout: 120_000 },
          );
          const ours = parse(text, { bom: true }) as string[][];
          const calc = parse(readFileSync(join(dir, 'calc', `${list}.csv`), 'utf8'), {
            bom: true,
          }) as string[][];
          expect(calc).toEqual(ours);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
