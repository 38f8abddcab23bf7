import { readFileSync } from 'node:fs';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Donations imported from a spreadsheet of line items through `importCsv`.

const EXAMPLE = readFileSync(
  new URL('../../../../apps/api/examples/csv/donations.csv', import.meta.url),
  'utf8',
);
const HEADER = EXAMPLE.split('\n')[0]!;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const IMPORT = `mutation($input: ImportCsvInput!) {
  importCsv(input: $input) {
    __typename
    ... on CsvImport { rowCount created updated unchanged }
    ... on ImportRejectedError { problemCount problems { row line column message } }
  }
}`;

async function importDonations(csv: string) {
  const data = await api.data<{ importCsv: Record<string, unknown> }>(
    IMPORT,
    { input: { kind: 'DONATIONS', csv } },
    { token: api.tokens.editor },
  );
  return data.importCsv;
}

async function imported(prefix: string) {
  const data = await api.data<{
    donations: { nodes: Array<Record<string, unknown> & { externalKey: string | null }> };
  }>(`{
    donations(first: 100) {
      nodes {
        externalKey title status announcedOn deliveredOn value { amount currency } version
        donorCountry { code } recipientCountry { code } recipientOrganisation { name }
        items(first: 10) { nodes { category description quantity unit quantityQualifier } }
      }
    }
  }`);
  return data.donations.nodes
    .filter((donation) => donation.externalKey?.startsWith(prefix))
    .sort((a, b) => String(a.externalKey).localeCompare(String(b.externalKey)));
}

describe('importing donations from CSV', () => {
  it('makes one donation of the rows that share a key, each row one item, and changes nothing the second time', async () => {
    expect(await importDonations(EXAMPLE)).toEqual({
      __typename: 'CsvImport',
      rowCount: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await imported('example-')).toEqual([
      {
        externalKey: 'example-don-01',
        title: 'Delivery kits and oxytocin for maternity wards in Karakalpakstan',
        status: 'PLEDGED',
        announcedOn: '2027-02-01',
        deliveredOn: null,
        value: null,
        version: 1,
        donorCountry: { code: 'CN' },
        recipientCountry: { code: 'UZ' },
        recipientOrganisation: null,
        items: {
          nodes: [
            {
              category: 'EQUIPMENT',
              description: 'Clean delivery kits',
              quantity: 500,
              unit: 'KIT',
              quantityQualifier: 'EXACT',
            },
            {
              category: 'MEDICINES',
              description: 'Oxytocin 10 IU',
              quantity: 2000,
              unit: 'DOSE',
              quantityQualifier: 'ABOUT',
            },
          ],
        },
      },
      {
        externalKey: 'example-don-02',
        title: 'Neonatal resuscitation equipment for Maputo Central Hospital',
        status: 'DELIVERED',
        announcedOn: null,
        deliveredOn: '2026-10-05',
        value: { amount: '12500.00', currency: 'USD' },
        version: 1,
        donorCountry: { code: 'CN' },
        recipientCountry: { code: 'MZ' },
        recipientOrganisation: { name: 'Maputo Central Hospital' },
        items: {
          nodes: [
            {
              category: 'EQUIPMENT',
              description: 'Neonatal resuscitation sets',
              quantity: 10,
              unit: 'SET',
              quantityQualifier: 'EXACT',
            },
          ],
        },
      },
    ]);
    expect(await importDonations(EXAMPLE)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('updates a donation whose items changed, and counts the change in the donation statistics', async () => {
    const file = (quantity: number) =>
      [
        HEADER,
        `stats-01,Masks for Minsk,DELIVERED,,2026-09-01,CN,,BY,,,,,,masks,Medical masks,${quantity},piece,`,
      ].join('\n');
    const masks = async () => {
      const data = await api.data<{
        donationStatistics: {
          groups: Array<{ itemCategory: string; unit: string; quantity: number }>;
        };
      }>(
        `{ donationStatistics(groupBy: [ITEM_CATEGORY], filter: { recipientCountries: ["BY"] }) {
            groups { itemCategory unit quantity } } }`,
      );
      return (
        data.donationStatistics.groups.find((g) => g.itemCategory === 'MASKS' && g.unit === 'PIECE')
          ?.quantity ?? 0
      );
    };
    const before = await masks();
    await importDonations(file(1000));
    expect(await masks()).toBe(before + 1000);
    expect(await importDonations(file(1500))).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await masks()).toBe(before + 1500);
    expect((await imported('stats-'))[0]).toMatchObject({ version: 2 });
  });

  it('lists the rows of a donation that disagree, and an item without its unit', async () => {
    const csv = [
      HEADER,
      'bad-01,Gloves,DELIVERED,,2026-09-01,CN,,MZ,,,,,,protective_clothing,Gloves,100,box,',
      'bad-01,Gloves and gowns,DELIVERED,,2026-09-01,CN,,MZ,,,,,,protective_clothing,Gowns,100,,',
      'bad-02,Oxygen,GIVEN,,,CN,,,,,100,,,equipment,Oxygen concentrators,2,piece,',
    ].join('\n');
    expect(await importDonations(csv)).toEqual({
      __typename: 'ImportRejectedError',
      problemCount: 6,
      problems: [
        {
          row: 2,
          line: 3,
          column: 'title',
          message:
            "differs from row 1, which is of the same donation; a donation's own columns are the same on each of its rows.",
        },
        {
          row: 2,
          line: 3,
          column: 'unit',
          message: '`quantity` and `unit` go together: give both or neither.',
        },
        {
          row: 3,
          line: 4,
          column: 'status',
          message: 'must be one of PLEDGED, DELIVERED (got "GIVEN").',
        },
        {
          row: 3,
          line: 4,
          column: 'recipientCountry',
          message: 'Name the recipient: `recipientCountry` or `recipientOrganisation`.',
        },
        {
          row: 3,
          line: 4,
          column: 'valueCurrency',
          message: '`valueAmount` and `valueCurrency` go together: give both or neither.',
        },
        {
          row: 3,
          line: 4,
          column: 'announcedOn',
          message: 'A donation needs `announcedOn` or `deliveredOn`.',
        },
      ],
    });
    expect(await imported('bad-')).toEqual([]);
  });
});
