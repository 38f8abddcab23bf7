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
        totalCount: 21,
        nodes: [
          12110, 12181, 12182, 12191, 12196, 12220, 12230, 12240, 12250, 12261, 12262, 12263, 12264,
          12281, 13010, 13020, 13030, 13040, 13081, 13096,
        ].map((code) => ({ code })),
      },
    });
  });
});

describe('the DAC purpose codes', () => {
  it('hold every code of the health (121, 122) and population (130) sectors', async () => {
    const data = await api.data<{
      dacPurposeCodes: { nodes: Array<{ code: number; name: string }> };
    }>('{ dacPurposeCodes(first: 100) { nodes { code name } } }');
    const codes = data.dacPurposeCodes.nodes.map((c) => c.code);
    expect(codes.filter((code) => code >= 12100 && code < 12200)).toEqual([
      12110, 12181, 12182, 12191, 12196,
    ]);
    expect(codes.filter((code) => code >= 12200 && code < 12300)).toEqual([
      12220, 12230, 12240, 12250, 12261, 12262, 12263, 12264, 12281,
    ]);
    expect(data.dacPurposeCodes.nodes.filter((c) => c.code >= 13000 && c.code < 14000)).toEqual([
      { code: 13010, name: 'Population policy and administrative management' },
      { code: 13020, name: 'Reproductive health care' },
      { code: 13030, name: 'Family planning' },
      { code: 13040, name: 'STD control including HIV/AIDS' },
      { code: 13081, name: 'Personnel development for population and reproductive health' },
      { code: 13096, name: 'Population statistics and data' },
    ]);
  });
});
