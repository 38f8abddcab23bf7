import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const CREATED = ['Ministry of Health of Mozambique', 'Mothers Across Borders'];

const editor = () => ({ token: api.tokens.editor });

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on CreateOrganisationPayload { organisation { id version iatiType iatiIdentifier } }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

const UPDATE = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    __typename
    ... on UpdateOrganisationPayload { organisation { iatiType iatiIdentifier version } }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

type Created = {
  createOrganisation: {
    __typename: string;
    organisation?: { id: string; version: number; iatiType: string; iatiIdentifier: string };
    fieldErrors?: Array<{ path: string[]; message: string }>;
  };
};

const count = async () =>
  Number(
    (
      await api.database.db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the IATI type and identifier of organisations', () => {
  it('the seed organisations have the IATI type of what they are', async () => {
    const data = await api.data<{
      organisations: { nodes: Array<{ name: string; iatiType: string }> };
    }>('{ organisations(first: 20) { nodes { name iatiType } } }');
    // Other tests of this file add organisations; the seed's are the others.
    const seeded = data.organisations.nodes.filter((node) => !CREATED.includes(node.name));
    expect(seeded.map((node) => [node.name, node.iatiType])).toEqual([
      ['22nd Chinese medical team to Mozambique', 'GOVERNMENT'],
      ['Chinese Embassy in Mozambique', 'GOVERNMENT'],
      ['Maputo Central Hospital', 'OTHER_PUBLIC_SECTOR'],
      ['Ministry of Health of Uzbekistan', 'GOVERNMENT'],
      [
        'Republican Scientific and Practical Center "Mother and Child"',
        'ACADEMIC_TRAINING_AND_RESEARCH',
      ],
      [
        'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
        'ACADEMIC_TRAINING_AND_RESEARCH',
      ],
      ['Sichuan University', 'ACADEMIC_TRAINING_AND_RESEARCH'],
      ['West China Hospital of Sichuan University', 'ACADEMIC_TRAINING_AND_RESEARCH'],
      [
        "West China Women's and Children's Hospital of Sichuan University",
        'ACADEMIC_TRAINING_AND_RESEARCH',
      ],
    ]);
  });

  it('a new organisation takes the type of its kind unless given one; both are changed by updates', async () => {
    const ministry = await api.data<Created>(
      CREATE,
      { input: { name: 'Ministry of Health of Mozambique', kind: 'MINISTRY', country: 'MZ' } },
      editor(),
    );
    expect(ministry.createOrganisation.organisation).toMatchObject({
      iatiType: 'GOVERNMENT',
      iatiIdentifier: null,
    });
    const charity = await api.data<Created>(
      CREATE,
      {
        input: {
          name: 'Mothers Across Borders',
          kind: 'NGO',
          iatiType: 'INTERNATIONAL_NGO',
          iatiIdentifier: 'GB-CHC-1234567',
        },
      },
      editor(),
    );
    const created = charity.createOrganisation.organisation!;
    expect(created).toMatchObject({
      iatiType: 'INTERNATIONAL_NGO',
      iatiIdentifier: 'GB-CHC-1234567',
    });
    const updated = await api.data(
      UPDATE,
      {
        input: {
          id: created.id,
          expectedVersion: created.version,
          iatiType: 'FOUNDATION',
          iatiIdentifier: 'XM-DAC-41114',
        },
      },
      editor(),
    );
    const cleared = await api.data(
      UPDATE,
      { input: { id: created.id, expectedVersion: 2, iatiType: null } },
      editor(),
    );
    expect(cleared).toEqual({
      updateOrganisation: {
        __typename: 'ValidationError',
        fieldErrors: [
          {
            path: ['input', 'iatiType'],
            message:
              '`iatiType` cannot be cleared: give an IATI organisation type, or leave it out (a new organisation then takes the type of its kind).',
          },
        ],
      },
    });
    expect(updated).toEqual({
      updateOrganisation: {
        __typename: 'UpdateOrganisationPayload',
        organisation: { iatiType: 'FOUNDATION', iatiIdentifier: 'XM-DAC-41114', version: 2 },
      },
    });
    const stored = await api.data(
      `query($id: ID!) { node(id: $id) { ... on Organisation { iatiType version } } }`,
      { id: created.id },
    );
    expect(stored).toEqual({ node: { iatiType: 'FOUNDATION', version: 2 } });
  });

  it('refuses an identifier that is not an org-id, and stores nothing', async () => {
    const before = await count();
    for (const identifier of ['XM DAC 41114', 'XM-DAC-41114/2', '41114', 'xm-dac-41114']) {
      const result = await api.data<Created>(
        CREATE,
        { input: { name: 'Somebody', kind: 'OTHER', iatiIdentifier: identifier } },
        editor(),
      );
      expect(result.createOrganisation).toEqual({
        __typename: 'ValidationError',
        fieldErrors: [
          {
            path: ['input', 'iatiIdentifier'],
            message:
              '`iatiIdentifier` must be an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?.',
          },
        ],
      });
    }
    expect(await count()).toBe(before);
  });

  it('the database refuses a type outside the IATI code list', async () => {
    await expect(
      api.database.db
        .updateTable('organisation')
        .set({ iati_type: '99' as never })
        .where('name', '=', 'Sichuan University')
        .execute(),
    ).rejects.toThrow(/organisation_iati_type_check/);
  });
});
