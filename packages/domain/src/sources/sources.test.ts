import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('sources', () => {
  it('are twelve, newest first, each saying where the facts and names come from', async () => {
    const data = await api.data<{
      sources: {
        totalCount: number;
        nodes: Array<{ publisher: string | null; publishedOn: string | null; kind: string }>;
      };
    }>('{ sources { totalCount nodes { publisher publishedOn kind } } }');
    // The two articles, the reference data's five, and five that give names in other languages.
    expect(data.sources.totalCount).toBe(12);
    expect(data.sources.nodes.slice(0, 4)).toEqual([
      {
        publisher: 'National News Agency of Uzbekistan (UzA)',
        publishedOn: '2024-10-19',
        kind: 'NEWS_ARTICLE',
      },
      { publisher: null, publishedOn: '2024-02-08', kind: 'NEWS_ARTICLE' },
      { publisher: 'Xinhua', publishedOn: '2020-05-22', kind: 'NEWS_ARTICLE' },
      {
        publisher: 'Uzbek Telegraph Agency (UzTAG)',
        publishedOn: '2018-08-25',
        kind: 'NEWS_ARTICLE',
      },
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
