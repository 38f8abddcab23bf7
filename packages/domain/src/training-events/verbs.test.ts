import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
describe('the verbs of training events', () => {
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
});
