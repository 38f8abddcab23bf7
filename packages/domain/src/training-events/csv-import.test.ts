import { readFileSync } from 'node:fs';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Training events imported from a coordinator's spreadsheet through `importCsv`.

const EXAMPLE = readFileSync(
  new URL('../../../../apps/api/examples/csv/training-events.csv', import.meta.url),
  'utf8',
);
const HOST =
  'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health';
const PROGRAMME =
  'Training seminars with international experts in regions with high maternal and child mortality';
const HEADER =
  'externalKey,title,format,country,subdivision,locality,startDate,startDatePrecision,durationMinutes,status,participantCount,hostOrganisation,programme,topics,description';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const IMPORT = `mutation($input: ImportCsvInput!) {
  importCsv(input: $input) {
    __typename
    ... on CsvImport { kind rowCount created updated unchanged ignoredColumns }
    ... on ImportRejectedError { code message problemCount problems { row line column message } }
  }
}`;

async function importEvents(csv: string, delimiter?: string) {
  const data = await api.data<{ importCsv: Record<string, unknown> }>(
    IMPORT,
    { input: { kind: 'TRAINING_EVENTS', csv, ...(delimiter ? { delimiter } : {}) } },
    { token: api.tokens.editor },
  );
  return data.importCsv;
}

/** The imported events whose keys start with `prefix`, by key. */
async function imported(prefix: string) {
  const data = await api.data<{
    trainingEvents: { nodes: Array<Record<string, unknown> & { externalKey: string | null }> };
  }>(`{
    trainingEvents(first: 100) {
      nodes {
        externalKey title format status startDate startDatePrecision durationMinutes
        participantCount locality description version
        country { code } subdivision { code } hostOrganisation { name } programme { title }
        topics(first: 10) { nodes { code } }
      }
    }
  }`);
  return data.trainingEvents.nodes
    .filter((event) => event.externalKey?.startsWith(prefix))
    .sort((a, b) => String(a.externalKey).localeCompare(String(b.externalKey)));
}

async function eventCount(): Promise<number> {
  const row = await api.database.db
    .selectFrom('training_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('importing training events from CSV', () => {
  it('stores the example spreadsheet as it reads, and changes nothing when it is imported again', async () => {
    const before = await eventCount();
    expect(await importEvents(EXAMPLE)).toEqual({
      __typename: 'CsvImport',
      kind: 'TRAINING_EVENTS',
      rowCount: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      ignoredColumns: [],
    });
    expect(await eventCount()).toBe(before + 3);
    const events = await imported('example-');
    expect(events.map((event) => event.externalKey)).toEqual([
      'example-mz-01',
      'example-uz-01',
      'example-uz-02',
    ]);
    expect(events[1]).toEqual({
      externalKey: 'example-uz-01',
      title: 'Seminar in Nukus on obstetric haemorrhage',
      format: 'IN_PERSON',
      status: 'PLANNED',
      startDate: '2027-03-01',
      startDatePrecision: 'MONTH',
      durationMinutes: 480,
      participantCount: null,
      locality: 'Nukus',
      description: 'An example row: a seminar planned for March, day not yet fixed.',
      version: 1,
      country: { code: 'UZ' },
      subdivision: { code: 'UZ-QR' },
      hostOrganisation: { name: HOST },
      programme: { title: PROGRAMME },
      topics: { nodes: [{ code: 'maternal-mortality-reduction' }, { code: 'obstetrics' }] },
    });
    expect(events[0]).toMatchObject({
      format: 'HYBRID',
      status: 'COMPLETED',
      participantCount: 40,
      hostOrganisation: { name: 'Maputo Central Hospital' },
      programme: null,
    });

    expect(await importEvents(EXAMPLE)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await eventCount()).toBe(before + 3);
  });

  it('updates an event whose row changed, with a new version, and leaves the others alone', async () => {
    const file = (title: string, topics: string) =>
      [
        HEADER,
        `edit-01,${title},in person,UZ,UZ-SA,Samarkand,2027-05-10,,240,,,,,${topics},`,
        'edit-02,Seminar in Jizzakh on antenatal care,in person,UZ,UZ-JI,Jizzakh,2027-06-01,MONTH,,,,,,,',
      ].join('\n');
    await importEvents(file('Seminar in Samarkand on preeclampsia', 'obstetrics'));
    const audit = await api.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(
      await importEvents(file('Seminar in Samarkand on pre-eclampsia', 'obstetrics;midwifery')),
    ).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const events = await imported('edit-');
    expect(events.map((e) => [e.title, e.version, e.topics])).toEqual([
      [
        'Seminar in Samarkand on pre-eclampsia',
        2,
        { nodes: [{ code: 'midwifery' }, { code: 'obstetrics' }] },
      ],
      ['Seminar in Jizzakh on antenatal care', 1, { nodes: [] }],
    ]);
    const after = await api.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audit.n) + 1);
  });

  it('stores nothing from a file with bad rows, and lists every one with its line, column and what to fix', async () => {
    const before = await eventCount();
    const csv = [
      HEADER,
      'bad-01,Good row,teleconference,UZ,,,2027-01-10,,60,,,,,,',
      'bad-02,Wrong format,webinar,UZ,,,,,,,,,,,',
      'bad-03,Wrong place,in person,UZ,MZ-MPM,,,,,,,,,,',
      'bad-04,Unknown host,in person,ZZ,,,2027-13-01,,an hour,,,Hospital of Nowhere,,obstetrics;knitting,',
      ',No key,in person,UZ,,,,,,,,,,,',
      'bad-06,,in person,UZ,,,,,,COMPLETED,,,,,',
      '"bad-07,Unfinished,in person,UZ',
    ].join('\n');
    const result = await importEvents(csv);
    expect(result).toMatchObject({
      __typename: 'ImportRejectedError',
      code: 'IMPORT_REJECTED',
      problemCount: 1,
    });
    // A file that is not CSV throughout is refused before any row is checked.
    expect(result.problems).toEqual([
      {
        row: null,
        line: 8,
        column: null,
        message: expect.stringMatching(/^The file is not valid CSV: .*quote/i),
      },
    ]);

    // Every problem of every row in one answer: a row without a key is a new event, and hides
    // nothing.
    const rows = csv.split('\n').slice(0, -1).join('\n');
    expect(await importEvents(rows)).toEqual({
      __typename: 'ImportRejectedError',
      code: 'IMPORT_REJECTED',
      message: 'The CSV import was not stored: 9 problems, each listed with its row.',
      problemCount: 9,
      problems: [
        {
          row: 2,
          line: 3,
          column: 'format',
          message: 'must be one of IN_PERSON, TELECONFERENCE, HYBRID (got "webinar").',
        },
        {
          row: 3,
          line: 4,
          column: 'subdivision',
          message: "`subdivision` must lie in the record's country.",
        },
        {
          row: 4,
          line: 5,
          column: 'durationMinutes',
          message: 'must be a whole number (got "an hour").',
        },
        {
          row: 4,
          line: 5,
          column: 'hostOrganisation',
          message:
            'names no organisation of the graph: "Hospital of Nowhere". Give its name as the graph has it.',
        },
        {
          row: 4,
          line: 5,
          column: 'startDate',
          message: '`startDate` must be a calendar date, YYYY-MM-DD.',
        },
        {
          row: 4,
          line: 5,
          column: 'country',
          message: '`country` names no country of the graph: ZZ.',
        },
        {
          row: 4,
          line: 5,
          column: 'topics',
          message: 'The topic names no topic of the graph: knitting.',
        },
        { row: 6, line: 7, column: 'title', message: '`title` is required.' },
        { row: 6, line: 7, column: 'startDate', message: 'A COMPLETED event needs its startDate.' },
      ],
    });
    expect(await eventCount()).toBe(before);
  });

  it('reads a file with the columns only an export has, and lists them as not read', async () => {
    const csv = [
      'externalKey,country,createdAt,format,title,version',
      'export-01,BY,2026-01-01T00:00:00.000Z,HYBRID,Exchange with Minsk perinatal centre,3',
    ].join('\n');
    expect(await importEvents(csv)).toEqual({
      __typename: 'CsvImport',
      kind: 'TRAINING_EVENTS',
      rowCount: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      ignoredColumns: ['createdAt', 'version'],
    });
  });

  it('recognises a semicolon file, and reads the delimiter it is told', async () => {
    const semicolons = 'externalKey;title;format;country\nsemi-01;Seminar, Nukus;hybrid;UZ';
    expect(await importEvents(semicolons)).toMatchObject({ __typename: 'CsvImport', created: 1 });
    // Told it is a comma file, the header is one unknown column.
    expect(await importEvents(semicolons.replace('semi-01', 'semi-02'), ',')).toMatchObject({
      __typename: 'ImportRejectedError',
      problems: [
        {
          row: null,
          line: 1,
          column: 'externalKey;title;format;country',
          message:
            'is not a column of this kind; the columns are id, externalKey, title, format, country, subdivision, locality, startDate, startDatePrecision, durationMinutes, status, participantCount, outcomeSummary, hostOrganisation, programme, topics, description.',
        },
        expect.objectContaining({ message: expect.stringMatching(/^The header row lacks/) }),
      ],
    });
    expect(
      await importEvents('externalKey\ttitle\tformat\tcountry\ntab-01\tSeminar\thybrid\tUZ', 'tab'),
    ).toMatchObject({ __typename: 'CsvImport', created: 1 });
    expect(await importEvents(semicolons, 'pipe')).toMatchObject({
      __typename: 'ImportRejectedError',
      message:
        'The CSV import was not stored: "pipe" is not a delimiter this import reads; name comma, semicolon or tab.',
    });
  });

  it('refuses anonymous uploads', async () => {
    const response = await api.query(IMPORT, { input: { kind: 'TRAINING_EVENTS', csv: EXAMPLE } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
