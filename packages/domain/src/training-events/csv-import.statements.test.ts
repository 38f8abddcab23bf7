import { startTestApi, type TestApi } from '@mch/test-api';
import { csvRoundTrip } from '@mch/test-api/csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What an import of exported training events costs the database: the rows that did not change
// are compared with what is stored, read a chunk at a time, so the statements an import sends
// do not grow with its rows.

const HOST =
  'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health';
const PROGRAMME =
  'Training seminars with international experts in regions with high maternal and child mortality';
const HEADER =
  'externalKey,title,format,country,subdivision,locality,startDate,startDatePrecision,durationMinutes,status,participantCount,hostOrganisation,programme,topics,description';

let api: TestApi;
let csv: ReturnType<typeof csvRoundTrip>;
beforeAll(async () => {
  api = await startTestApi();
  csv = csvRoundTrip(api, 'trainingEvents');
});
afterAll(() => api.stop());

describe('the statements of an import of unchanged rows', () => {
  it('are as many for 100 exported events as for 10: none per row', async () => {
    // 100 events naming every kind of reference a row can: country, subdivision, host,
    // programme and two topics.
    const rows = Array.from(
      { length: 100 },
      (_, i) =>
        `statements-${String(i).padStart(3, '0')},Seminar ${i} on obstetric care,in person,UZ,UZ-SA,Samarkand,2027-05-${String((i % 28) + 1).padStart(2, '0')},,240,COMPLETED,${i},"${HOST}","${PROGRAMME}",obstetrics;midwifery,`,
    );
    expect((await csv.upload([HEADER, ...rows].join('\n'))).body).toMatchObject({
      created: 100,
      updated: 0,
      unchanged: 0,
    });

    // The events made above hold no line break, so each is one line of the export.
    const { header, lines: exported } = await csv.exportedLines(/^[^,]*,statements-/);
    expect(exported.length).toBe(100);

    const ten = await csv.counted([header, ...exported.slice(0, 10)].join('\r\n'));
    const hundred = await csv.counted([header, ...exported].join('\r\n'));
    expect(ten.answer).toEqual({
      status: 200,
      body: expect.objectContaining({ rowCount: 10, created: 0, updated: 0, unchanged: 10 }),
    });
    expect(hundred.answer).toEqual({
      status: 200,
      body: expect.objectContaining({ rowCount: 100, created: 0, updated: 0, unchanged: 100 }),
    });
    expect(hundred.statements.length).toBe(ten.statements.length);
    // No update, no topic written, no audit entry: unchanged rows write nothing.
    expect(hundred.statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s))).toEqual([]);
  });
});
