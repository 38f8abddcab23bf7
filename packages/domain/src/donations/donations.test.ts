import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe("China's donations to Mozambique", () => {
  it('list 1.3 million masks, 40 000 test kits and 20 000 sets of protective clothing, with their source', async () => {
    const data = await api.data(`{
      donations(filter: { donorCountries: ["CN"], recipientCountries: ["MZ"] }) {
        totalCount
        nodes {
          title status announcedOn deliveredOn value { amount currency }
          donorCountry { code } recipientCountry { code } donorOrganisation { name } programme { title }
          items {
            totalCount
            nodes { category description quantity quantityQualifier unit donation { title } }
          }
          sources { nodes { publisher publishedOn } }
        }
      }
    }`);
    const title =
      "China's medical donations to Mozambique for the COVID-19 response, as of 21 May 2020";
    expect(data).toEqual({
      donations: {
        totalCount: 1,
        nodes: [
          {
            title,
            status: 'DELIVERED',
            announcedOn: '2020-05-21',
            deliveredOn: null,
            value: null,
            donorCountry: { code: 'CN' },
            recipientCountry: { code: 'MZ' },
            donorOrganisation: null,
            programme: null,
            items: {
              totalCount: 4,
              nodes: [
                {
                  category: 'MASKS',
                  description: 'Medical masks',
                  quantity: 1300000,
                  quantityQualifier: 'MORE_THAN',
                  unit: 'PIECE',
                  donation: { title },
                },
                {
                  category: 'TEST_KITS',
                  description: 'Testing kits',
                  quantity: 40000,
                  quantityQualifier: 'NEARLY',
                  unit: 'SET',
                  donation: { title },
                },
                {
                  category: 'PROTECTIVE_CLOTHING',
                  description: 'Protective clothing',
                  quantity: 20000,
                  quantityQualifier: 'EXACT',
                  unit: 'SET',
                  donation: { title },
                },
                {
                  category: 'OTHER',
                  description: 'Other medical supplies',
                  quantity: null,
                  quantityQualifier: 'EXACT',
                  unit: null,
                  donation: { title },
                },
              ],
            },
            sources: { nodes: [{ publisher: 'Xinhua', publishedOn: '2020-05-22' }] },
          },
        ],
      },
    });
  });

  it('are found from both countries and by item category and year', async () => {
    const data = await api.data(`{
      china: country(code: "CN") { donationsGiven { totalCount } donationsReceived { totalCount } }
      mozambique: country(code: "MZ") { donationsReceived { nodes { donorCountry { name } } } }
      masks2020: donations(filter: { itemCategories: [MASKS], date: { from: "2020-01-01", to: "2020-12-31" } }) { totalCount }
      masks2021: donations(filter: { itemCategories: [MASKS], date: { from: "2021-01-01", to: "2021-12-31" } }) { totalCount }
      medicines: donations(filter: { itemCategories: [MEDICINES] }) { totalCount }
      pledged: donations(filter: { statuses: [PLEDGED] }) { totalCount }
    }`);
    expect(data).toEqual({
      china: { donationsGiven: { totalCount: 1 }, donationsReceived: { totalCount: 0 } },
      mozambique: { donationsReceived: { nodes: [{ donorCountry: { name: 'China' } }] } },
      masks2020: { totalCount: 1 },
      masks2021: { totalCount: 0 },
      medicines: { totalCount: 0 },
      pledged: { totalCount: 0 },
    });
  });

  it('are narrowed by each condition of the filter, to the day', async () => {
    const organisations = await api.data<{ organisations: { nodes: Array<{ id: string }> } }>(
      '{ organisations(first: 1) { nodes { id } } }',
    );
    const someOrganisation = organisations.organisations.nodes[0]!.id;
    const count = async (filter: Record<string, unknown>) => {
      const data = await api.data<{
        donations: { totalCount: number };
        donationStatistics: { donationCount: number };
      }>(
        `query($filter: DonationFilter) {
          donations(filter: $filter) { totalCount }
          donationStatistics(filter: $filter) { donationCount }
        }`,
        { filter },
      );
      // The list and its statistics read the same filter the same way.
      expect(data.donationStatistics.donationCount, JSON.stringify(filter)).toBe(
        data.donations.totalCount,
      );
      return data.donations.totalCount;
    };
    // The seed's one donation: from China to Mozambique, announced on 21 May 2020, delivered.
    expect(await count({})).toBe(1);
    expect(await count({ donorCountries: ['CN'], recipientCountries: ['MZ'] })).toBe(1);
    expect(await count({ donorCountries: ['MZ'] })).toBe(0);
    expect(await count({ recipientCountries: ['CN'] })).toBe(0);
    expect(await count({ donorOrganisations: [someOrganisation] })).toBe(0);
    expect(await count({ recipientOrganisations: [someOrganisation] })).toBe(0);
    expect(await count({ statuses: ['DELIVERED'] })).toBe(1);
    expect(await count({ date: { from: '2020-05-21', to: '2020-05-21' } })).toBe(1);
    expect(await count({ date: { from: '2020-05-22' } })).toBe(0);
    expect(await count({ date: { to: '2020-05-20' } })).toBe(0);
    expect(await count({ updatedSince: '2000-01-01T00:00:00Z' })).toBe(1);
    expect(await count({ updatedSince: '2999-01-01T00:00:00Z' })).toBe(0);
  });

  it('name the filter field a bad value was given in', async () => {
    const programmes = await api.data<{ programmes: { nodes: Array<{ id: string }> } }>(
      '{ programmes(first: 1) { nodes { id } } }',
    );
    const programme = programmes.programmes.nodes[0]!.id;
    const bad: Record<string, unknown> = {
      donorCountries: ['China'],
      recipientCountries: ['Mozambique'],
      donorOrganisations: [programme],
      recipientOrganisations: [programme],
      date: { from: '2021-01-01', to: '2020-01-01' },
    };
    for (const [field, value] of Object.entries(bad)) {
      const result = await api.query(
        'query($filter: DonationFilter) { donations(filter: $filter) { totalCount } }',
        { filter: { [field]: value } },
      );
      expect(result.errors?.[0]?.extensions?.argument, field).toBe(`filter.${field}`);
    }
  });
});
