import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.js';

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

describe('sources', () => {
  it('are seven, newest first, each saying where the facts come from', async () => {
    const data = await api.data<{
      sources: {
        totalCount: number;
        nodes: Array<{ publisher: string | null; publishedOn: string | null; kind: string }>;
      };
    }>('{ sources { totalCount nodes { publisher publishedOn kind } } }');
    expect(data.sources.totalCount).toBe(7);
    expect(data.sources.nodes.slice(0, 2)).toEqual([
      { publisher: null, publishedOn: '2024-02-08', kind: 'NEWS_ARTICLE' },
      { publisher: 'Xinhua', publishedOn: '2020-05-22', kind: 'NEWS_ARTICLE' },
    ]);
  });

  it('the WHO maternal mortality source gives eight values', async () => {
    const data = await api.data<{
      sources: {
        nodes: Array<{ url: string | null; indicatorObservations: { totalCount: number } }>;
      };
    }>('{ sources { nodes { url indicatorObservations { totalCount } } } }');
    const who = data.sources.nodes.find(
      (s) => s.url === 'https://ghoapi.azureedge.net/api/MDG_0000000026',
    );
    expect(who?.indicatorObservations.totalCount).toBe(8);
  });
});
