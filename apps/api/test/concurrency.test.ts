import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
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
