import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { LOG_LEVEL: 'error' } });
});
afterAll(() => api.stop());

const UPDATE = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    __typename
    ... on UpdateOrganisationPayload { organisation { name version } }
    ... on ConflictError { currentVersion }
  }
}`;

type Answer = {
  updateOrganisation: {
    __typename: string;
    organisation?: { name: string; version: number };
    currentVersion?: number;
  };
};

describe('many clients changing one record', () => {
  it('lets exactly one of them win each round; the others learn the new version', async () => {
    const created = await api.data<{
      createOrganisation: { organisation: { id: string; version: number } };
    }>(
      'mutation { createOrganisation(input: { name: "Contended clinic", kind: HOSPITAL }) { ... on CreateOrganisationPayload { organisation { id version } } } }',
      {},
      { token: api.tokens.editor },
    );
    const { id } = created.createOrganisation.organisation;
    let version = created.createOrganisation.organisation.version;
    const rounds = 10;
    const clients = 16;
    const winners: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: clients }, (_, client) =>
          api.data<Answer>(
            UPDATE,
            { input: { id, expectedVersion: version, name: `Clinic r${round} c${client}` } },
            { token: client % 2 ? api.tokens.editor : api.tokens.admin },
          ),
        ),
      );
      const won = answers.filter(
        (a) => a.updateOrganisation.__typename === 'UpdateOrganisationPayload',
      );
      const lost = answers.filter((a) => a.updateOrganisation.__typename === 'ConflictError');
      expect([won.length, lost.length]).toEqual([1, clients - 1]);
      const winner = won[0]!.updateOrganisation.organisation!;
      expect(winner.version).toBe(version + 1);
      expect(new Set(lost.map((a) => a.updateOrganisation.currentVersion))).toEqual(
        new Set([version + 1]),
      );
      winners.push(winner.name);
      version = winner.version;
    }

    // The record holds the last winner's change, and the trail holds every winning change once.
    const record = await api.data<{ node: { name: string; version: number } }>(
      'query($id: ID!) { node(id: $id) { ... on Organisation { name version } } }',
      { id },
    );
    expect(record.node).toEqual({ name: winners.at(-1), version });
    const trail = await api.data<{
      auditEvents: { nodes: Array<{ action: string; after: { name: string } }> };
    }>(
      'query($id: ID!) { auditEvents(filter: { record: $id }, first: 50) { nodes { action after } } }',
      { id },
      { token: api.tokens.admin },
    );
    const updates = trail.auditEvents.nodes.filter(
      (event) => event.action === 'updateOrganisation',
    );
    expect(updates.map((event) => event.after.name).sort()).toEqual([...winners].sort());
  });
});

describe('many clients moving events between the same totals', () => {
  it('stores every move, and the training totals by year stay exact', async () => {
    const db = api.database.db;
    const country = await db
      .selectFrom('country')
      .select('id')
      .where('code', '=', 'MZ')
      .executeTakeFirstOrThrow();
    const ids = Array.from({ length: 12 }, () => crypto.randomUUID());
    await db
      .insertInto('training_event')
      .values(
        ids.map((id, i) => ({
          id,
          title: `Neonatal resuscitation course ${i + 1}`,
          format: 'in_person' as const,
          status: 'completed' as const,
          start_date: i % 2 ? '2030-05-01' : '2031-05-01',
          participant_count: 10,
          duration_minutes: 60,
          country_id: country.id,
        })),
      )
      .execute();
    const toGlobalId = (id: string) => Buffer.from(`TrainingEvent:${id}`).toString('base64');
    const versions = ids.map(() => 1);
    // Each round moves every event to the other year at once: writers take from and give to
    // the same total rows in opposite directions.
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        ids.map((id, i) =>
          api.data<{
            updateTrainingEvent: { __typename: string; trainingEvent?: { version: number } };
          }>(
            `mutation($input: UpdateTrainingEventInput!) { updateTrainingEvent(input: $input) { __typename ... on UpdateTrainingEventPayload { trainingEvent { version } } } }`,
            {
              input: {
                id: toGlobalId(id),
                expectedVersion: versions[i],
                startDate: (i + round) % 2 ? '2031-05-01' : '2030-05-01',
              },
            },
            { token: api.tokens.editor },
          ),
        ),
      );
      expect(answers.map((a) => a.updateTrainingEvent.__typename)).toEqual(
        ids.map(() => 'UpdateTrainingEventPayload'),
      );
      answers.forEach((a, i) => {
        versions[i] = a.updateTrainingEvent.trainingEvent!.version;
      });
    }
    const byYear = await api.data<{
      trainingStatistics: { groups: Array<{ year: number; eventCount: number }> };
    }>(
      `{ trainingStatistics(filter: { countries: ["MZ"], startDate: { from: "2030-01-01", to: "2031-12-31" } }, groupBy: [YEAR]) { groups { year eventCount participantCount trainingHours } } }`,
    );
    expect(byYear.trainingStatistics.groups).toEqual([
      { year: 2030, eventCount: 6, participantCount: 60, trainingHours: 6 },
      { year: 2031, eventCount: 6, participantCount: 60, trainingHours: 6 },
    ]);
  });
});
