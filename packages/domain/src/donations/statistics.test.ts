import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('donation statistics', () => {
  it('sum what China gave Mozambique by category, per unit, marking approximate sums', async () => {
    const data = await api.data(`{
      donationStatistics(filter: { recipientCountries: ["MZ"] }, groupBy: [DONOR, ITEM_CATEGORY, YEAR]) {
        donationCount
        groups { donorCountry { code } donorOrganisation { name } itemCategory year unit quantity approximate donationCount itemCount }
      }
    }`);
    const group = (
      itemCategory: string,
      unit: string | null,
      quantity: number | null,
      approximate: boolean,
    ) => ({
      donorCountry: { code: 'CN' },
      donorOrganisation: null,
      itemCategory,
      year: 2020,
      unit,
      quantity,
      approximate,
      donationCount: 1,
      itemCount: 1,
    });
    expect(data).toEqual({
      donationStatistics: {
        donationCount: 1,
        groups: [
          group('MASKS', 'PIECE', 1300000, true),
          group('OTHER', null, null, false),
          group('PROTECTIVE_CLOTHING', 'SET', 20000, false),
          group('TEST_KITS', 'SET', 40000, true),
        ],
      },
    });
  });

  it('without groupBy, total per unit: sets of test kits and clothing add up', async () => {
    const data = await api.data(
      '{ donationStatistics { groups { unit quantity approximate itemCount } } }',
    );
    expect(data).toEqual({
      donationStatistics: {
        groups: [
          { unit: 'SET', quantity: 60000, approximate: true, itemCount: 2 },
          { unit: 'PIECE', quantity: 1300000, approximate: true, itemCount: 1 },
          { unit: null, quantity: null, approximate: false, itemCount: 1 },
        ],
      },
    });
  });
});
