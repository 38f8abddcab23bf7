import { startTestApi, type TestApi } from '@mch/test-api';
import { csvRoundTrip } from '@mch/test-api/csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What an import of exported donations costs the database: unchanged donations and their items
// are compared with what is stored, read a chunk at a time, so the statements an import sends
// do not grow with its rows.

const HEADER =
  'externalKey,title,status,announcedOn,deliveredOn,donorCountry,donorOrganisation,recipientCountry,recipientOrganisation,programme,valueAmount,valueCurrency,description,itemCategory,itemDescription,quantity,unit,quantityQualifier';

let api: TestApi;
let csv: ReturnType<typeof csvRoundTrip>;
beforeAll(async () => {
  api = await startTestApi();
  csv = csvRoundTrip(api, 'donations');
});
afterAll(() => api.stop());

describe('the statements of an import of unchanged donations', () => {
  it('are as many for 100 exported donations of two items as for 10', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => {
      const key = `statements-don-${String(i).padStart(3, '0')}`;
      const donation = `${key},Delivery kits ${i},DELIVERED,,2026-10-05,CN,,MZ,Maputo Central Hospital,,${1000 + i}.50,USD,`;
      return [
        `${donation},equipment,Clean delivery kits,${i + 1},kit,`,
        `${donation},medicines,Oxytocin 10 IU,2000,dose,ABOUT`,
      ];
    }).flat();
    expect((await csv.upload([HEADER, ...rows].join('\n'))).body).toMatchObject({
      created: 100,
      updated: 0,
      unchanged: 0,
    });

    // The donations made above hold no line break, so each item is one line of the export.
    const { header, lines: exported } = await csv.exportedLines(/^[^,]*,statements-don-/);
    expect(exported.length).toBe(200);

    const ten = await csv.counted([header, ...exported.slice(0, 20)].join('\r\n'));
    const hundred = await csv.counted([header, ...exported].join('\r\n'));
    expect(ten.answer).toEqual({
      status: 200,
      body: expect.objectContaining({ rowCount: 20, created: 0, updated: 0, unchanged: 10 }),
    });
    expect(hundred.answer).toEqual({
      status: 200,
      body: expect.objectContaining({ rowCount: 200, created: 0, updated: 0, unchanged: 100 }),
    });
    expect(hundred.statements.length).toBe(ten.statements.length);
    // No update, no item written, no audit entry: unchanged donations write nothing.
    expect(hundred.statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s))).toEqual([]);
  });
});
