import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on CreateOrganisationPayload { replayed organisation { id name version country { code } subdivision { code } } }
    ... on ValidationError { code message fieldErrors { path message } }
    ... on ConflictError { code message currentVersion }
  }
}`;

const UPDATE_ORGANISATION = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    __typename
    ... on UpdateOrganisationPayload { organisation { id name acronym version } }
    ... on ConflictError { code message currentVersion }
    ... on NotFoundError { code message typename }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

interface OrgResult {
  createOrganisation: {
    __typename: string;
    organisation?: { id: string; name: string; version: number };
    replayed?: boolean;
    fieldErrors?: Array<{ path: string[]; message: string }>;
    code?: string;
    message?: string;
  };
}

async function count(table: string) {
  const rows = await api.database.db
    .selectFrom(table as 'organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

describe('creating, changing and deleting records', () => {
  it('creates an organisation, changes it with its version, and refuses a stale version', async () => {
    const created = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      {
        input: {
          name: 'Regional Perinatal Centre of Karshi',
          kind: 'HOSPITAL',
          country: 'UZ',
          subdivision: 'UZ-QA',
        },
      },
      as('editor'),
    );
    expect(created.createOrganisation).toMatchObject({
      __typename: 'CreateOrganisationPayload',
      replayed: false,
      organisation: {
        name: 'Regional Perinatal Centre of Karshi',
        version: 1,
        country: { code: 'UZ' },
        subdivision: { code: 'UZ-QA' },
      },
    });
    const id = created.createOrganisation.organisation!.id;
    const updated = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 1, acronym: 'RPC' } },
      as('editor'),
    );
    expect(updated).toEqual({
      updateOrganisation: {
        __typename: 'UpdateOrganisationPayload',
        organisation: {
          id,
          name: 'Regional Perinatal Centre of Karshi',
          acronym: 'RPC',
          version: 2,
        },
      },
    });
    const stale = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 1, acronym: 'X' } },
      as('editor'),
    );
    expect(stale).toEqual({
      updateOrganisation: {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        currentVersion: 2,
        message:
          'This Organisation changed since version 1 (it is at version 2); read it again and reapply your change.',
      },
    });
    const cleared = await api.data(
      UPDATE_ORGANISATION,
      { input: { id, expectedVersion: 2, acronym: null } },
      as('editor'),
    );
    expect(cleared).toMatchObject({
      updateOrganisation: { organisation: { acronym: null, version: 3 } },
    });

    const deleted = await api.data(
      `mutation($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) { __typename ... on DeleteOrganisationPayload { deletedId } } }`,
      { input: { id, expectedVersion: 3 } },
      as('editor'),
    );
    expect(deleted).toEqual({
      deleteOrganisation: { __typename: 'DeleteOrganisationPayload', deletedId: id },
    });
    expect(await api.data('query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({
      node: null,
    });
  });

  it('lists every field to fix at once, and stores nothing', async () => {
    const before = await count('organisation');
    const result = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      {
        input: {
          name: '   ',
          kind: 'HOSPITAL',
          country: 'XX',
          subdivision: 'uz-qa',
          parent: 'bm90LWFuLWlk',
          acronym: 'A'.repeat(31),
        },
      },
      as('editor'),
    );
    expect(result.createOrganisation).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: 'Invalid input in 5 places; see fieldErrors.',
      fieldErrors: [
        { path: ['input', 'name'], message: '`name` must not be blank.' },
        {
          path: ['input', 'acronym'],
          message: '`acronym` must be at most 30 characters long (got 31).',
        },
        { path: ['input', 'country'], message: '`country` names no country of the graph: XX.' },
        {
          path: ['input', 'subdivision'],
          message: '`subdivision` must be an ISO 3166-2 code such as "UZ-QA"; got "uz-qa".',
        },
        {
          path: ['input', 'parent'],
          message:
            '`parent` is not a global ID of this API; use the `id` of an Organisation, as returned by a query.',
        },
      ],
    });
    expect(await count('organisation')).toBe(before);
  });

  it('refuses a record that other records still point at', async () => {
    const hospital = await api.data<{
      organisations: { nodes: Array<{ id: string; version: number }> };
    }>('{ organisations(filter: { country: "MZ" }) { nodes { id version } } }');
    const { id, version } = hospital.organisations.nodes[0]!;
    const result = await api.data<{ deleteOrganisation: { __typename: string; code: string } }>(
      `mutation($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) { __typename ... on Error { code message } } }`,
      { input: { id, expectedVersion: version } },
      as('editor'),
    );
    expect(result.deleteOrganisation).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
    });
    expect(await api.data('query($id: ID!) { node(id: $id) { id } }', { id })).toEqual({
      node: { id },
    });
  });

  it('answers NotFoundError for a record that is not there', async () => {
    const missing = Buffer.from('Organisation:00000000-0000-4000-8000-000000000000').toString(
      'base64',
    );
    const result = await api.data(
      UPDATE_ORGANISATION,
      { input: { id: missing, expectedVersion: 1, name: 'x' } },
      as('editor'),
    );
    expect(result).toEqual({
      updateOrganisation: {
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        typename: 'Organisation',
        message: 'No Organisation has this ID; it may have been deleted.',
      },
    });
  });
});

describe('idempotent creation', () => {
  it('creates one record for a retried request, and refuses the key for another input', async () => {
    const input = {
      name: 'Idempotent clinic',
      kind: 'HOSPITAL',
      country: 'MZ',
      idempotencyKey: 'clinic-2026-11-23',
    };
    const first = await api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor'));
    const again = await api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor'));
    expect(again.createOrganisation.replayed).toBe(true);
    expect(again.createOrganisation.organisation!.id).toBe(
      first.createOrganisation.organisation!.id,
    );
    const named = await api.data<{ organisations: { totalCount: number } }>(
      '{ organisations(filter: { search: "Idempotent clinic" }) { totalCount } }',
    );
    expect(named.organisations.totalCount).toBe(1);
    const other = await api.data<OrgResult>(
      CREATE_ORGANISATION,
      { input: { ...input, name: 'Another clinic' } },
      as('editor'),
    );
    expect(other.createOrganisation).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: null,
      message:
        'This idempotency key was used before for a different request; use a new key for a new record.',
    });
  });

  it('creates one record when the same request arrives ten times at once', async () => {
    const input = {
      name: 'Concurrent clinic',
      kind: 'HOSPITAL',
      country: 'MZ',
      idempotencyKey: 'concurrent-clinic',
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.data<OrgResult>(CREATE_ORGANISATION, { input }, as('editor')),
      ),
    );
    const ids = new Set(results.map((r) => r.createOrganisation.organisation?.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.createOrganisation.replayed === false)).toHaveLength(1);
  });
});

describe('the domain verbs', () => {
  it('schedules a seminar, records its outcome, and counts it in statistics and target progress', async () => {
    const programmes = await api.data<{ programmes: { nodes: Array<{ id: string }> } }>(
      '{ programmes(filter: { targetSubdivision: "UZ-QA" }) { nodes { id } } }',
    );
    const organisations = await api.data<{ organisations: { nodes: Array<{ id: string }> } }>(
      '{ organisations(filter: { country: "BY" }) { nodes { id } } }',
    );
    const scheduled = await api.data<{
      scheduleTrainingEvent: {
        trainingEvent: {
          id: string;
          status: string;
          version: number;
          topics: unknown;
          presenters: unknown;
        };
      };
    }>(
      `mutation($input: ScheduleTrainingEventInput!) {
        scheduleTrainingEvent(input: $input) {
          ... on TrainingEventPayload { trainingEvent { id status version startDate subdivision { code } topics { nodes { code } } presenters { nodes { role organisation { name } } } } }
          ... on ValidationError { fieldErrors { path message } }
        }
      }`,
      {
        input: {
          title: 'Seminar in Termez on obstetric emergencies',
          format: 'IN_PERSON',
          country: 'UZ',
          subdivision: 'UZ-SU',
          startDate: '2026-12-10',
          programme: programmes.programmes.nodes[0]!.id,
          topics: ['obstetrics', 'maternal-mortality-reduction'],
          presenters: [
            {
              organisation: organisations.organisations.nodes[0]!.id,
              role: 'EXPERT',
              profession: 'Obstetrician',
            },
          ],
        },
      },
      as('editor'),
    );
    expect(scheduled.scheduleTrainingEvent.trainingEvent).toMatchObject({
      status: 'PLANNED',
      version: 1,
      startDate: '2026-12-10',
      subdivision: { code: 'UZ-SU' },
      topics: { nodes: [{ code: 'maternal-mortality-reduction' }, { code: 'obstetrics' }] },
      presenters: {
        nodes: [
          {
            role: 'EXPERT',
            organisation: { name: 'Republican Scientific and Practical Center "Mother and Child"' },
          },
        ],
      },
    });
    const id = scheduled.scheduleTrainingEvent.trainingEvent.id;

    const tooMany = await api.data<{ recordTrainingOutcome: unknown }>(
      `mutation($input: RecordTrainingOutcomeInput!) { recordTrainingOutcome(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }`,
      {
        input: {
          id,
          expectedVersion: 1,
          participantCount: 10,
          participantGroups: [{ category: 'MIDWIFE', description: 'Midwives', count: 12 }],
        },
      },
      as('editor'),
    );
    expect(tooMany.recordTrainingOutcome).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        {
          path: ['input', 'participantGroups'],
          message: 'The groups add up to 12, more than `participantCount` (10).',
        },
      ],
    });

    const outcome = await api.data<{ recordTrainingOutcome: { trainingEvent: unknown } }>(
      `mutation($input: RecordTrainingOutcomeInput!) {
        recordTrainingOutcome(input: $input) { ... on TrainingEventPayload { trainingEvent { status version participantCount outcomeSummary participantGroups { nodes { category count } } } } }
      }`,
      {
        input: {
          id,
          expectedVersion: 1,
          participantCount: 42,
          participantGroups: [
            { category: 'MIDWIFE', description: 'Midwives of Surxondaryo', count: 25 },
          ],
          outcomeSummary: 'Participants practised the management of postpartum haemorrhage.',
        },
      },
      as('editor'),
    );
    expect(outcome.recordTrainingOutcome.trainingEvent).toEqual({
      status: 'COMPLETED',
      version: 2,
      participantCount: 42,
      outcomeSummary: 'Participants practised the management of postpartum haemorrhage.',
      participantGroups: { nodes: [{ category: 'MIDWIFE', count: 25 }] },
    });

    const progress = await api.data<{
      targets: {
        nodes: Array<{
          metric: string;
          recordedValue: number | null;
          progressRatio: number | null;
        }>;
      };
    }>('{ targets { nodes { metric recordedValue progressRatio } } }');
    expect(progress.targets.nodes.slice(0, 2)).toEqual([
      { metric: 'EVENTS_HELD', recordedValue: 2, progressRatio: 0.4 },
      { metric: 'MIDWIVES_TRAINED', recordedValue: 25, progressRatio: null },
    ]);
    const statistics = await api.data(
      '{ trainingStatistics(filter: { subdivisions: ["UZ-SU"] }) { eventCount participantCount } }',
    );
    expect(statistics).toEqual({ trainingStatistics: { eventCount: 1, participantCount: 42 } });

    const cancelled = await api.data<{ cancelTrainingEvent: unknown }>(
      `mutation($input: CancelTrainingEventInput!) { cancelTrainingEvent(input: $input) { __typename ... on ValidationError { fieldErrors { message } } } }`,
      { input: { id, expectedVersion: 2, reason: 'Too late' } },
      as('editor'),
    );
    expect(cancelled.cancelTrainingEvent).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ message: 'A completed event cannot be cancelled.' }],
    });
  });

  it('postpones and cancels a planned event, keeping the reason in the audit trail', async () => {
    const planned = await api.data<{
      trainingEvents: { nodes: Array<{ id: string; version: number }> };
    }>(
      '{ trainingEvents(filter: { statuses: [PLANNED], hasSubdivision: false }, first: 1, orderBy: { field: TITLE, direction: ASC }) { nodes { id version } } }',
    );
    const { id, version } = planned.trainingEvents.nodes[0]!;
    const postponed = await api.data<{
      postponeTrainingEvent: { trainingEvent: { status: string; startDate: string } };
    }>(
      `mutation($input: PostponeTrainingEventInput!) { postponeTrainingEvent(input: $input) { ... on TrainingEventPayload { trainingEvent { status startDate version } } } }`,
      {
        input: {
          id,
          expectedVersion: version,
          newStartDate: '2027-03-01',
          reason: 'Experts unavailable in February',
        },
      },
      as('editor'),
    );
    expect(postponed.postponeTrainingEvent.trainingEvent).toEqual({
      status: 'POSTPONED',
      startDate: '2027-03-01',
      version: version + 1,
    });
    const trail = await api.data<{
      auditEvents: {
        nodes: Array<{
          action: string;
          actorName: string;
          after: { reason: string; status: string };
          before: { status: string };
        }>;
      };
    }>(
      'query($id: ID!) { auditEvents(filter: { record: $id }) { nodes { action actorName before after } } }',
      { id },
      as('admin'),
    );
    expect(trail.auditEvents.nodes).toHaveLength(1);
    expect(trail.auditEvents.nodes[0]).toMatchObject({
      action: 'postponeTrainingEvent',
      actorName: 'Test editor',
      before: { status: 'planned' },
      after: { status: 'postponed', reason: 'Experts unavailable in February' },
    });
  });

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

  it('signs an agreement with its parties and areas, and records an indicator value', async () => {
    const signed = await api.data<{ signAgreement: unknown }>(
      `mutation($input: SignAgreementInput!) {
        signAgreement(input: $input) { ... on SignAgreementPayload { agreement { title kind parties { nodes { country { code } } } areas { nodes { code } } } } ... on ValidationError { fieldErrors { path message } } }
      }`,
      {
        input: {
          title: 'Memorandum on neonatal care between China and Mozambique',
          kind: 'BILATERAL',
          signedOn: '2026-06-01',
          parties: [{ country: 'CN' }, { country: 'MZ' }],
          areas: ['child-health'],
        },
      },
      as('editor'),
    );
    expect(signed.signAgreement).toEqual({
      agreement: {
        title: 'Memorandum on neonatal care between China and Mozambique',
        kind: 'BILATERAL',
        parties: {
          nodes: expect.arrayContaining([{ country: { code: 'CN' } }, { country: { code: 'MZ' } }]),
        },
        areas: { nodes: [{ code: 'child-health' }] },
      },
    });
    const sources = await api.data<{
      sources: { nodes: Array<{ id: string; url: string | null }> };
    }>('{ sources { nodes { id url } } }');
    const who = sources.sources.nodes.find((s) => s.url?.endsWith('MDG_0000000026'))!;
    const recorded = await api.data<{ recordIndicatorObservation: unknown }>(
      `mutation($input: RecordIndicatorObservationInput!) {
        recordIndicatorObservation(input: $input) { __typename ... on RecordIndicatorObservationPayload { indicatorObservation { year value lowerBound upperBound country { code } source { publisher } } } ... on ValidationError { fieldErrors { path message } } }
      }`,
      {
        input: {
          indicator: 'MDG_0000000026',
          country: 'MZ',
          year: 2024,
          value: 80,
          lowerBound: 90,
          method: 'MODELLED_ESTIMATE',
          source: who.id,
        },
      },
      as('editor'),
    );
    expect(recorded.recordIndicatorObservation).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'lowerBound'], message: '`lowerBound` must not be above `value`.' },
      ],
    });
  });

  it('cites a source for a record with a locator, and withdraws it', async () => {
    const ids = await api.data<{
      country: { id: string };
      sources: { nodes: Array<{ id: string; publisher: string | null }> };
    }>('{ country(code: "BY") { id } sources { nodes { id publisher } } }');
    const xinhua = ids.sources.nodes.find((s) => s.publisher === 'Xinhua')!.id;
    const cite = `mutation($input: CiteSourceInput!) { citeSource(input: $input) { __typename ... on CitationPayload { source { publisher } } } }`;
    expect(
      await api.data(
        cite,
        { input: { record: ids.country.id, source: xinhua, locator: 'paragraph 3' } },
        as('editor'),
      ),
    ).toEqual({
      citeSource: { __typename: 'CitationPayload', source: { publisher: 'Xinhua' } },
    });
    const cited = await api.data(
      '{ country(code: "BY") { sources { edges { locator node { publisher } } } } }',
    );
    expect(cited).toEqual({
      country: {
        sources: {
          edges: [
            { locator: 'paragraph 3', node: { publisher: 'Xinhua' } },
            { locator: null, node: { publisher: 'Debian iso-codes project' } },
          ],
        },
      },
    });
    const removed = await api.data(
      `mutation($input: CiteSourceInput!) { removeCitation(input: $input) { __typename } }`,
      { input: { record: ids.country.id, source: xinhua } },
      as('editor'),
    );
    expect(removed).toEqual({ removeCitation: { __typename: 'RemoveCitationPayload' } });
  });
});

describe('tokens', () => {
  it('are made by admins, shown once, work at once, and stop working when revoked', async () => {
    const made = await api.data<{
      createApiToken: {
        token: string;
        apiToken: { id: string; role: string; active: boolean; prefix: string };
      };
    }>(
      `mutation { createApiToken(input: { name: "Dashboard team", role: EDITOR }) { ... on CreateApiTokenPayload { token apiToken { id role active prefix } } } }`,
      {},
      as('admin'),
    );
    const { token, apiToken } = made.createApiToken;
    expect(token).toMatch(/^mch_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ role: 'EDITOR', active: true, prefix: token.slice(0, 12) });
    expect(await api.data('{ viewer { role tokenName } }', {}, { token })).toEqual({
      viewer: { role: 'EDITOR', tokenName: 'Dashboard team' },
    });
    const stored = await api.database.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('name', '=', 'Dashboard team')
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    await api.data(
      `mutation($id: ID!) { revokeApiToken(input: { id: $id }) { __typename } }`,
      { id: apiToken.id },
      as('admin'),
    );
    const refused = await api.query('{ viewer { role } }', {}, { token });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This API token was revoked.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a malformed or unknown token instead of reading it as anonymous', async () => {
    const malformed = await api.query('{ viewer { role } }', {}, { token: 'hunter2' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await api.query('{ viewer { role } }', {}, { token: `mch_${'A'.repeat(43)}` });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'This API token is not known.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await api.data('{ viewer { role } }')).toEqual({ viewer: { role: 'ANONYMOUS' } });
  });
});
