import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('progress of targets', () => {
  it('derives progress from recorded events: 1 of the 5 regional seminars held', async () => {
    const data = await api.data(
      '{ targets { nodes { metric baselineValue targetValue recordedValue progressRatio } } }',
    );
    expect(data).toEqual({
      targets: {
        nodes: [
          {
            metric: 'EVENTS_HELD',
            baselineValue: 0,
            targetValue: 5,
            recordedValue: 1,
            progressRatio: 0.2,
          },
          {
            metric: 'MIDWIVES_TRAINED',
            baselineValue: null,
            targetValue: null,
            recordedValue: 0,
            progressRatio: null,
          },
          {
            metric: 'FACILITIES_UPGRADED',
            baselineValue: null,
            targetValue: null,
            recordedValue: null,
            progressRatio: null,
          },
          {
            metric: 'OTHER',
            baselineValue: null,
            targetValue: null,
            recordedValue: null,
            progressRatio: null,
          },
        ],
      },
    });
  });

  it('tells which target regions a completed event has reached, and which not yet', async () => {
    const data = await api.data(`{
      programmes(filter: { targetSubdivision: "UZ-QA" }) {
        nodes {
          targetSubdivisions { nodes { subdivision { code } completedEventCount reached } }
          unreached: targetSubdivisions(reached: false) { totalCount }
          reached: targetSubdivisions(reached: true) { totalCount }
        }
      }
    }`);
    expect(data).toEqual({
      programmes: {
        nodes: [
          {
            targetSubdivisions: {
              nodes: [{ subdivision: { code: 'UZ-QA' }, completedEventCount: 1, reached: true }],
            },
            unreached: { totalCount: 0 },
            reached: { totalCount: 1 },
          },
        ],
      },
    });
  });
});
