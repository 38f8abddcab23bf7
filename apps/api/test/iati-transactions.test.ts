import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesOf, checkRules, list, narrativeOf, validate } from './support/iati.js';

const RECORD_DONATION = `mutation($input: RecordDonationInput!) {
  recordDonation(input: $input) { __typename }
}`;

describe('donations, siblings and changes in the IATI export', () => {
  let own: TestApi;
  beforeAll(async () => {
    own = await startTestApi();
  });
  afterAll(() => own.stop());

  const activityOf = async (programmeId: string) => {
    const response = await fetch(
      `${own.origin}/iati/activities.xml?programme=${encodeURIComponent(programmeId)}`,
    );
    const text = await response.text();
    return { text, activity: activitiesOf(text)[0]! };
  };
  const uzbekProgramme = async () => {
    const seed = await own.data<{
      programmes: {
        nodes: Array<{ id: string; title: string; agreement: { id: string } | null }>;
      };
    }>('{ programmes { nodes { id title agreement { id } } } }');
    return seed.programmes.nodes.find((p) => p.agreement !== null)!;
  };

  it('writes a delivery as a disbursement and a pledge as a pledge, between organisations, and a sibling programme', async () => {
    const uzbek = await uzbekProgramme();
    const created = await own.data<{
      createProgramme: { programme: { id: string } };
    }>(
      `mutation($input: CreateProgrammeInput!) {
        createProgramme(input: $input) { ... on CreateProgrammePayload { programme { id } } }
      }`,
      {
        input: {
          title: 'Exchange of perinatal specialists between Minsk and Tashkent',
          status: 'PIPELINE',
          agreement: uzbek.agreement!.id,
          iatiIdentifier: 'XM-MCH-GRAPH-exchange-minsk-tashkent',
        },
      },
      { token: own.tokens.editor },
    );
    expect(created.createProgramme.programme.id).toMatch(/./);
    const delivered = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
      {
        input: {
          title: 'Neonatal ventilators for Qashqadaryo',
          status: 'DELIVERED',
          deliveredOn: '2024-03-15',
          donorCountry: 'BY',
          recipientCountry: 'UZ',
          programme: uzbek.id,
          valueAmount: '84000.00',
          valueCurrency: 'USD',
          items: [
            {
              category: 'EQUIPMENT',
              description: 'Neonatal ventilators',
              quantity: 4,
              unit: 'PIECE',
            },
          ],
        },
      },
      { token: own.tokens.editor },
    );
    expect(delivered.recordDonation.__typename).toBe('RecordDonationPayload');
    // A pledge by the Belarusian centre, known by its IATI identifier, to the ministry.
    const orgs = await own.data<{
      organisations: { nodes: Array<{ id: string; name: string; version: number }> };
    }>('{ organisations(first: 20) { nodes { id name version } } }');
    const centre = orgs.organisations.nodes.find((o) => o.name.includes('"Mother and Child"'))!;
    const ministry = orgs.organisations.nodes.find((o) => o.name.startsWith('Ministry'))!;
    await own.data(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: centre.id,
          expectedVersion: centre.version,
          iatiIdentifier: 'BY-UNP-100160311',
        },
      },
      { token: own.tokens.editor },
    );
    const pledged = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
      {
        input: {
          title: 'Training simulators for perinatal centres',
          status: 'PLEDGED',
          announcedOn: '2024-02-01',
          donorOrganisation: centre.id,
          recipientOrganisation: ministry.id,
          programme: uzbek.id,
          valueAmount: '12000.00',
          valueCurrency: 'EUR',
          items: [{ category: 'EQUIPMENT', description: 'Simulators', quantity: 2, unit: 'PIECE' }],
        },
      },
      { token: own.tokens.editor },
    );
    expect(pledged.recordDonation.__typename).toBe('RecordDonationPayload');

    const { text, activity } = await activityOf(uzbek.id);
    expect(list(activity.transaction)).toEqual([
      {
        'transaction-type': { '@code': '12' },
        'transaction-date': { '@iso-date': '2024-02-01' },
        value: { '@currency': 'EUR', '@value-date': '2024-02-01', '#': '12000.00' },
        description: { narrative: 'Training simulators for perinatal centres' },
        'provider-org': {
          '@ref': 'BY-UNP-100160311',
          '@type': '80',
          narrative: 'Republican Scientific and Practical Center "Mother and Child"',
        },
        'receiver-org': {
          '@type': '10',
          narrative: [
            'Ministry of Health of Uzbekistan',
            { '#': 'Министерство здравоохранения Республики Узбекистан', '@xml:lang': 'ru' },
            { '#': 'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi', '@xml:lang': 'uz' },
          ],
        },
      },
      {
        'transaction-type': { '@code': '3' },
        'transaction-date': { '@iso-date': '2024-03-15' },
        value: { '@currency': 'USD', '@value-date': '2024-03-15', '#': '84000.00' },
        description: { narrative: 'Neonatal ventilators for Qashqadaryo' },
        'provider-org': { '@type': '10', narrative: 'Government of Belarus' },
        'receiver-org': { '@type': '10', narrative: 'Government of Uzbekistan' },
      },
    ]);
    // The donors are the activity's funding organisations (role 1).
    expect(
      list(activity['participating-org'])
        .filter((org) => org['@role'] === '1')
        .map((org) => [org['@ref'], org['@type'], narrativeOf(org)]),
    ).toEqual([
      ['BY-UNP-100160311', '80', 'Republican Scientific and Practical Center "Mother and Child"'],
      [undefined, '10', 'Government of Belarus'],
    ]);
    expect(activity['related-activity']).toEqual({
      '@ref': 'XM-MCH-GRAPH-exchange-minsk-tashkent',
      '@type': '3',
    });
    checkRules(activity, new Date().toISOString());
    await validate(text, 'activities-with-transactions');
  });

  it('writes the region of a target as a location of its intended beneficiaries', async () => {
    const uzbek = await uzbekProgramme();
    const created = await own.data<{ createTarget: { __typename: string } }>(
      `mutation($input: CreateTargetInput!) { createTarget(input: $input) { __typename } }`,
      {
        input: {
          programme: uzbek.id,
          metric: 'EVENTS_HELD',
          description: 'A seminar in Samarqand',
          targetValue: 1,
          subdivision: 'UZ-SA',
        },
      },
      { token: own.tokens.editor },
    );
    expect(created.createTarget.__typename).toBe('CreateTargetPayload');
    const { text, activity } = await activityOf(uzbek.id);
    expect(list(activity.location).map((location) => location['@ref'])).toEqual(['UZ-QA', 'UZ-SA']);
    expect(list(activity.location)[1]).toEqual({
      '@ref': 'UZ-SA',
      'location-reach': { '@code': '2' },
      name: { narrative: 'Samarqand' },
      description: { narrative: 'ISO 3166-2 UZ-SA' },
      administrative: { '@vocabulary': 'A4', '@level': '0', '@code': 'UZ' },
      'location-class': { '@code': '1' },
      'feature-designation': { '@code': 'ADM1' },
    });
    expect(activity['recipient-country']).toEqual({ '@code': 'UZ', '@percentage': '100.00' });
    checkRules(activity, new Date().toISOString());
    await validate(text, 'activities-with-a-target-region');
  });

  it('moves last-updated-datetime when a part of the activity changes', async () => {
    const uzbek = await uzbekProgramme();
    const lastUpdated = async () =>
      String((await activityOf(uzbek.id)).activity['@last-updated-datetime']);
    const before = await lastUpdated();
    const target = await own.data<{
      createTarget: { __typename: string; target?: { id: string } };
    }>(
      `mutation($input: CreateTargetInput!) {
        createTarget(input: $input) { __typename ... on CreateTargetPayload { target { id } } }
      }`,
      {
        input: {
          programme: uzbek.id,
          metric: 'PARTICIPANTS_TRAINED',
          description: 'Train 150 specialists',
          targetValue: 150,
        },
      },
      { token: own.tokens.editor },
    );
    expect(target.createTarget.__typename).toBe('CreateTargetPayload');
    const targetId = target.createTarget.target!.id;
    const afterCreate = await lastUpdated();
    expect(afterCreate > before).toBe(true);
    // Deleting it leaves no record to date the change: the programme's date moves.
    const deleted = await own.data<{ deleteTarget: { __typename: string } }>(
      `mutation($input: DeleteTargetInput!) { deleteTarget(input: $input) { __typename } }`,
      { input: { id: targetId, expectedVersion: 1 } },
      { token: own.tokens.editor },
    );
    expect(deleted.deleteTarget.__typename).toBe('DeleteTargetPayload');
    const afterTarget = await lastUpdated();
    expect(afterTarget > afterCreate).toBe(true);
    // A donation recorded for the programme (in kind, so other tests' transactions stay theirs).
    const donated = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
      {
        input: {
          title: 'Textbooks on obstetrics',
          status: 'DELIVERED',
          deliveredOn: '2024-04-01',
          donorCountry: 'BY',
          recipientCountry: 'UZ',
          programme: uzbek.id,
          items: [{ category: 'OTHER', description: 'Textbooks', quantity: 200, unit: 'PIECE' }],
        },
      },
      { token: own.tokens.editor },
    );
    expect(donated.recordDonation.__typename).toBe('RecordDonationPayload');
    const afterDonation = await lastUpdated();
    expect(afterDonation > afterTarget).toBe(true);
    // A participating organisation's new IATI type changes what the activity says of it.
    const orgs = await own.data<{
      organisations: { nodes: Array<{ id: string; name: string; version: number }> };
    }>('{ organisations(first: 20) { nodes { id name version } } }');
    // (The centre in Tashkent: other tests of this file write the donors and the ministry.)
    const centre = orgs.organisations.nodes.find((o) =>
      o.name.startsWith('Republican Specialized'),
    )!;
    await own.data(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: centre.id,
          expectedVersion: centre.version,
          iatiType: 'OTHER_PUBLIC_SECTOR',
        },
      },
      { token: own.tokens.editor },
    );
    const afterOrganisation = await lastUpdated();
    expect(afterOrganisation > afterDonation).toBe(true);
    // A sector added to the programme is a part of it too.
    await own.database.db
      .insertInto('programme_sector')
      .values({
        programme_id: Buffer.from(uzbek.id, 'base64').toString().replace('Programme:', ''),
        dac_code: 12261,
      })
      .execute();
    expect((await lastUpdated()) > afterOrganisation).toBe(true);
  });
});
