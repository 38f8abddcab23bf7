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

  it('answer filters the kept totals cannot see from the donations: categories, part of a year, a time of change', async () => {
    // The totals are kept per year and unit, without the item category or the time of change:
    // answered from them, each of these would count the seed's one donation of May 2020.
    const statistics = 'donationCount groups { unit quantity approximate donationCount itemCount }';
    const data = await api.data(`{
      medicines: donationStatistics(filter: { itemCategories: [MEDICINES] }) { ${statistics} }
      masks: donationStatistics(filter: { itemCategories: [MASKS] }) { ${statistics} }
      secondHalf2020: donationStatistics(filter: { date: { from: "2020-06-01", to: "2020-12-31" } }) { ${statistics} }
      may2020: donationStatistics(filter: { date: { from: "2020-05-01", to: "2020-05-31" } }) { ${statistics} }
      beforeMay21: donationStatistics(filter: { date: { from: "2020-01-01", to: "2020-05-20" } }) { ${statistics} }
      changedLater: donationStatistics(filter: { updatedSince: "2999-01-01T00:00:00Z" }) { ${statistics} }
    }`);
    const none = { donationCount: 0, groups: [] };
    // A donation with a mask among its items counts with all its items.
    const seedDonation = {
      donationCount: 1,
      groups: [
        { unit: 'SET', quantity: 60000, approximate: true, donationCount: 1, itemCount: 2 },
        { unit: 'PIECE', quantity: 1300000, approximate: true, donationCount: 1, itemCount: 1 },
        { unit: null, quantity: null, approximate: false, donationCount: 1, itemCount: 1 },
      ],
    };
    expect(data).toEqual({
      medicines: none,
      masks: seedDonation,
      secondHalf2020: none,
      may2020: seedDonation,
      beforeMay21: none,
      changedLater: none,
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
