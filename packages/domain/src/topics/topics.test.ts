import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('topics', () => {
  it('arrange COVID-19 subjects under one parent mapped to DAC 12264', async () => {
    const data = await api.data(`{
      topic(code: "covid-19") {
        name parent { code } dacPurposeCodes { nodes { code name } }
        children { nodes { code dacPurposeCodes { nodes { code } } trainingEvents { totalCount } } }
        trainingEvents { totalCount }
      }
    }`);
    expect(data).toEqual({
      topic: {
        name: 'COVID-19',
        parent: null,
        dacPurposeCodes: { nodes: [{ code: 12264, name: 'COVID-19 control' }] },
        children: {
          nodes: [
            {
              code: 'covid-19-in-children',
              dacPurposeCodes: { nodes: [{ code: 12264 }] },
              trainingEvents: { totalCount: 1 },
            },
            {
              code: 'covid-19-perinatal-management',
              dacPurposeCodes: { nodes: [{ code: 12264 }, { code: 13020 }] },
              trainingEvents: { totalCount: 1 },
            },
            {
              code: 'covid-19-prevention-and-diagnosis',
              dacPurposeCodes: { nodes: [{ code: 12264 }] },
              trainingEvents: { totalCount: 1 },
            },
          ],
        },
        trainingEvents: { totalCount: 0 },
      },
    });
  });

  it('lists top-level topics, topics by DAC code, and the DAC code list', async () => {
    const data = await api.data(`{
      topLevel: topics(filter: { topLevel: true }) { nodes { code } }
      reproductive: topics(filter: { dacPurposeCode: 13081 }) { nodes { code } }
      dacPurposeCodes { totalCount nodes { code } }
    }`);
    expect(data).toEqual({
      topLevel: {
        nodes: [
          { code: 'cardiology' },
          { code: 'covid-19' },
          { code: 'hematology' },
          { code: 'maternal-and-child-health' },
          { code: 'oncology' },
        ],
      },
      reproductive: { nodes: [{ code: 'midwifery' }] },
      dacPurposeCodes: {
        totalCount: 9,
        nodes: [12181, 12191, 12220, 12261, 12264, 12281, 13020, 13081, 72011].map((code) => ({
          code,
        })),
      },
    });
  });
});
