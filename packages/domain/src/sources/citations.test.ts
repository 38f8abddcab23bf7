import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: 'editor' | 'admin') => ({ token: api.tokens[token] });
describe('the domain verbs', () => {
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
