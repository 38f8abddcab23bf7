import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
async function count(table: string) {
  const rows = await api.database.db
    .selectFrom(table as 'organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}
describe('the domain verbs', () => {
  it('records a donation with its items, or nothing of it when an item is wrong', async () => {
    const mutation = `mutation($input: RecordDonationInput!) {
      recordDonation(input: $input) {
        __typename
        ... on RecordDonationPayload { donation { title status items { nodes { category quantity unit } } } }
        ... on ValidationError { fieldErrors { path message } }
      }
    }`;
    const base = {
      title: 'Neonatal incubators from Belarus',
      status: 'DELIVERED',
      deliveredOn: '2026-10-01',
      donorCountry: 'BY',
      recipientCountry: 'UZ',
    };
    const donationsBefore = await count('donation');
    const itemsBefore = await count('donation_item');
    const wrong = await api.data<{ recordDonation: unknown }>(
      mutation,
      {
        input: {
          ...base,
          items: [
            { category: 'EQUIPMENT', description: 'Incubators', quantity: 12, unit: 'UNIT' },
            { category: 'MASKS', description: 'Masks', quantity: 0, unit: 'PIECE' },
          ],
        },
      },
      as('editor'),
    );
    expect(wrong.recordDonation).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        {
          path: ['input', 'items', '1', 'quantity'],
          message: '`quantity` must be between 1 and 2000000000 (got 0).',
        },
      ],
    });
    expect([await count('donation'), await count('donation_item')]).toEqual([
      donationsBefore,
      itemsBefore,
    ]);
    const right = await api.data<{ recordDonation: unknown }>(
      mutation,
      {
        input: {
          ...base,
          items: [{ category: 'EQUIPMENT', description: 'Incubators', quantity: 12, unit: 'UNIT' }],
        },
      },
      as('editor'),
    );
    expect(right.recordDonation).toEqual({
      __typename: 'RecordDonationPayload',
      donation: {
        title: 'Neonatal incubators from Belarus',
        status: 'DELIVERED',
        items: { nodes: [{ category: 'EQUIPMENT', quantity: 12, unit: 'UNIT' }] },
      },
    });
  });
});
