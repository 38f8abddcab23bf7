import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('the IATI code lists', () => {
  it('name the organisation roles and activity statuses the export writes', async () => {
    const data = await api.data(`{
      roles: iatiCodes(list: ORGANISATION_ROLE) { code name }
      statuses: iatiCodes(list: ACTIVITY_STATUS) { code name }
      dates: iatiCodes(list: ACTIVITY_DATE_TYPE) { code name }
    }`);
    expect(data).toEqual({
      roles: [
        { code: '1', name: 'Funding' },
        { code: '2', name: 'Accountable' },
        { code: '3', name: 'Extending' },
        { code: '4', name: 'Implementing' },
      ],
      statuses: [
        { code: '1', name: 'Pipeline/identification' },
        { code: '2', name: 'Implementation' },
        { code: '3', name: 'Finalisation' },
        { code: '4', name: 'Closed' },
        { code: '5', name: 'Cancelled' },
        { code: '6', name: 'Suspended' },
      ],
      dates: [
        { code: '1', name: 'Planned start' },
        { code: '2', name: 'Actual start' },
        { code: '3', name: 'Planned End' },
        { code: '4', name: 'Actual end' },
      ],
    });
  });

  it('hold every list the export uses, and the reporting organisation’s type among the types', async () => {
    const data = await api.data<Record<string, Array<{ code: string }>>>(`{
      types: iatiCodes(list: ORGANISATION_TYPE) { code }
      vocabularies: iatiCodes(list: SECTOR_VOCABULARY) { code }
      results: iatiCodes(list: RESULT_TYPE) { code }
      measures: iatiCodes(list: INDICATOR_MEASURE) { code }
    }`);
    expect(
      Object.fromEntries(Object.entries(data).map(([list, codes]) => [list, codes.length])),
    ).toEqual({
      types: 16,
      vocabularies: 14,
      results: 4,
      measures: 5,
    });
    expect(data.types!.map((t) => t.code)).toContain('90');
  });
});
