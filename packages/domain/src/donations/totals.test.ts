import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Donation statistics read totals that triggers keep up to date. Whatever the writes, they must
 * answer exactly what working the numbers out from the donations themselves answers.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const dimensions = ['DONOR', 'RECIPIENT', 'ITEM_CATEGORY', 'YEAR'] as const;
/** Every combination of dimensions, none included. */
const groupings = Array.from({ length: 2 ** dimensions.length }, (_, mask) =>
  dimensions.filter((_, i) => mask & (1 << i)),
);

const GROUPS = `query($filter: DonationFilter, $groupBy: [DonationDimension!]) {
  donationStatistics(filter: $filter, groupBy: $groupBy) {
    donationCount
    groups {
      donorCountry { code } donorOrganisation { name } recipientCountry { code }
      recipientOrganisation { name } itemCategory year unit quantity approximate donationCount itemCount
    }
  }
}`;

interface Statistics {
  donationStatistics: { donationCount: number; groups: Array<Record<string, unknown>> };
}

const allCategories = [
  'MASKS',
  'TEST_KITS',
  'PROTECTIVE_CLOTHING',
  'EQUIPMENT',
  'MEDICINES',
  'OTHER',
];

/** The answer from the kept totals, and the answer worked out from the donations. */
async function bothWays(groupBy: readonly string[], filter: Record<string, unknown> = {}) {
  api.resetStatements();
  const fromTotals = await api.data<Statistics>(GROUPS, { groupBy, filter });
  const readTotals = api.statements().some((s) => /donation_(donor_)?(item|unit)_rollup/.test(s));
  // A filter on item categories cannot be read from the totals; naming every category keeps
  // every donation with items.
  const fromDonations = await api.data<Statistics>(GROUPS, {
    groupBy,
    filter: { ...filter, itemCategories: allCategories },
  });
  return { fromTotals, fromDonations, readTotals };
}

async function expectSameBothWays(filter: Record<string, unknown> = {}) {
  for (const groupBy of groupings) {
    const { fromTotals, fromDonations, readTotals } = await bothWays(groupBy, filter);
    expect(readTotals, `groupBy ${groupBy.join(', ')}`).toBe(true);
    expect(fromTotals, `groupBy ${groupBy.join(', ')}`).toEqual(fromDonations);
  }
}

const RECORD = `mutation($input: RecordDonationInput!) {
  recordDonation(input: $input) {
    __typename
    ... on RecordDonationPayload { donation { id version } }
  }
}`;

async function record(input: Record<string, unknown>) {
  const data = await api.data<{
    recordDonation: { __typename: string; donation: { id: string; version: number } };
  }>(RECORD, { input }, { token: api.tokens.editor });
  expect(data.recordDonation.__typename).toBe('RecordDonationPayload');
  return data.recordDonation.donation;
}

describe('donation totals kept by the database', () => {
  it('answer like the donations themselves on the seed, for every grouping', async () => {
    await expectSameBothWays();
    await expectSameBothWays({ recipientCountries: ['MZ'], statuses: ['DELIVERED'] });
  });

  it('read the smallest totals that can answer', async () => {
    const tableRead = async (groupBy: string[], filter: Record<string, unknown> = {}) => {
      api.resetStatements();
      await api.data(GROUPS, { groupBy, filter });
      return api
        .statements()
        .map((s) => s.match(/from "(donation_\w+_rollup)"/)?.[1])
        .find(Boolean);
    };
    expect(await tableRead(['DONOR', 'ITEM_CATEGORY'])).toBe('donation_donor_item_rollup');
    expect(await tableRead(['DONOR', 'YEAR'])).toBe('donation_donor_unit_rollup');
    expect(await tableRead(['RECIPIENT', 'ITEM_CATEGORY'])).toBe('donation_item_rollup');
    expect(await tableRead(['YEAR'], { recipientCountries: ['MZ'] })).toBe('donation_unit_rollup');
  });

  it('follow new donations, changed dates and statuses, and deletions', async () => {
    // Two categories in the same unit: the donation counts once per unit, once per category.
    const first = await record({
      title: 'Equipment and medicines for Karshi maternity wards',
      status: 'PLEDGED',
      announcedOn: '2024-03-01',
      donorCountry: 'BY',
      recipientCountry: 'UZ',
      items: [
        { category: 'EQUIPMENT', description: 'Incubators', quantity: 4, unit: 'PIECE' },
        {
          category: 'MEDICINES',
          description: 'Oxytocin',
          quantity: 500,
          quantityQualifier: 'ABOUT',
          unit: 'PIECE',
        },
        { category: 'EQUIPMENT', description: 'Ultrasound probes', quantity: 2, unit: 'PIECE' },
        { category: 'OTHER', description: 'Training manuals' },
      ],
    });
    const second = await record({
      title: 'Masks for Maputo Central Hospital',
      status: 'DELIVERED',
      deliveredOn: '2021-06-15',
      donorCountry: 'CN',
      recipientCountry: 'MZ',
      items: [{ category: 'MASKS', description: 'Surgical masks', quantity: 10000, unit: 'PIECE' }],
    });
    const third = await record({
      title: 'Test kits for Qashqadaryo',
      status: 'DELIVERED',
      deliveredOn: '2024-05-10',
      donorCountry: 'BY',
      recipientCountry: 'UZ',
      items: [{ category: 'TEST_KITS', description: 'Rapid tests', quantity: 300, unit: 'KIT' }],
    });

    const byDonorAndUnit = await api.data<Statistics>(GROUPS, {
      groupBy: ['DONOR', 'YEAR'],
      filter: { donorCountries: ['BY'], date: { from: '2024-01-01', to: '2024-12-31' } },
    });
    const group = { donorOrganisation: null, recipientCountry: null, recipientOrganisation: null };
    expect(byDonorAndUnit.donationStatistics).toEqual({
      donationCount: 2,
      groups: [
        {
          ...group,
          donorCountry: { code: 'BY' },
          itemCategory: null,
          year: 2024,
          unit: 'PIECE',
          quantity: 506,
          approximate: true,
          donationCount: 1,
          itemCount: 3,
        },
        {
          ...group,
          donorCountry: { code: 'BY' },
          itemCategory: null,
          year: 2024,
          unit: 'KIT',
          quantity: 300,
          approximate: false,
          donationCount: 1,
          itemCount: 1,
        },
        {
          ...group,
          donorCountry: { code: 'BY' },
          itemCategory: null,
          year: 2024,
          unit: null,
          quantity: null,
          approximate: false,
          donationCount: 1,
          itemCount: 1,
        },
      ],
    });
    await expectSameBothWays();

    // Delivered a year later: the totals move from 2024 to 2025 and from pledged to delivered.
    const updated = await api.data<{ updateDonation: { __typename: string } }>(
      `mutation($input: UpdateDonationInput!) { updateDonation(input: $input) { __typename } }`,
      {
        input: {
          id: first.id,
          expectedVersion: first.version,
          status: 'DELIVERED',
          deliveredOn: '2025-01-20',
        },
      },
      { token: api.tokens.editor },
    );
    expect(updated.updateDonation.__typename).toBe('UpdateDonationPayload');
    const pledged = await api.data<Statistics>(GROUPS, {
      groupBy: [],
      filter: { statuses: ['PLEDGED'], donorCountries: ['BY'] },
    });
    expect(pledged.donationStatistics).toEqual({ donationCount: 0, groups: [] });
    await expectSameBothWays();
    await expectSameBothWays({ statuses: ['DELIVERED'], date: { from: '2025-01-01' } });

    for (const { id, version } of [second, third]) {
      const deleted = await api.data<{ deleteDonation: { __typename: string } }>(
        `mutation($input: DeleteDonationInput!) { deleteDonation(input: $input) { __typename } }`,
        { input: { id, expectedVersion: version } },
        { token: api.tokens.editor },
      );
      expect(deleted.deleteDonation.__typename).toBe('DeleteDonationPayload');
    }
    const kits = await api.data<Statistics>(GROUPS, {
      groupBy: ['ITEM_CATEGORY'],
      filter: { donorCountries: ['BY'] },
    });
    expect(kits.donationStatistics.groups.map((g) => [g.itemCategory, g.unit, g.quantity])).toEqual(
      [
        ['EQUIPMENT', 'PIECE', 6],
        ['MEDICINES', 'PIECE', 500],
        ['OTHER', null, null],
      ],
    );
    await expectSameBothWays();
  });

  it('stay right under concurrent writes that move donations between the same groups', async () => {
    const donations: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 12; i++) {
      donations.push(
        await record({
          title: `Delivery ${i + 1} to Mozambique`,
          status: 'DELIVERED',
          deliveredOn: i % 2 ? '2022-03-01' : '2023-03-01',
          donorCountry: 'CN',
          recipientCountry: 'MZ',
          items: [
            { category: 'MASKS', description: 'Masks', quantity: 100 * (i + 1), unit: 'PIECE' },
            { category: 'TEST_KITS', description: 'Test kits', quantity: i + 1, unit: 'KIT' },
          ],
        }),
      );
    }
    // Each round moves every donation to the other year at once: writers take and give back
    // the same total rows in opposite directions.
    for (let round = 0; round < 4; round++) {
      const results = await Promise.all(
        donations.map((donation, i) =>
          api.data<{ updateDonation: { __typename: string; donation?: { version: number } } }>(
            `mutation($input: UpdateDonationInput!) { updateDonation(input: $input) { __typename ... on UpdateDonationPayload { donation { version } } } }`,
            {
              input: {
                id: donation.id,
                expectedVersion: donation.version,
                deliveredOn: (i + round) % 2 ? '2023-03-01' : '2022-03-01',
              },
            },
            { token: api.tokens.editor },
          ),
        ),
      );
      expect(results.map((result) => result.updateDonation.__typename)).toEqual(
        donations.map(() => 'UpdateDonationPayload'),
      );
      results.forEach((result, i) => {
        donations[i]!.version = result.updateDonation.donation!.version;
      });
    }
    const byYear = await api.data<Statistics>(GROUPS, {
      groupBy: ['YEAR'],
      filter: { donorCountries: ['CN'], date: { from: '2022-01-01', to: '2023-12-31' } },
    });
    expect(
      byYear.donationStatistics.groups.map((g) => [g.year, g.unit, g.quantity, g.donationCount]),
    ).toEqual([
      // Odd-numbered deliveries (2, 4, ... 12 kits) ended in 2022, the others in 2023.
      [2022, 'KIT', 42, 6],
      [2022, 'PIECE', 4200, 6],
      [2023, 'KIT', 36, 6],
      [2023, 'PIECE', 3600, 6],
    ]);
    await expectSameBothWays();
  });
});
