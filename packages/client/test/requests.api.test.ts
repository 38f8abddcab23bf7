import {
  allNodes,
  createClient,
  DashboardEventsDocument,
  DashboardOverviewDocument,
  documentIdOf,
  EventsInSubdivisionDocument,
  GraphQLRequestError,
  pages,
  RecordDonationDocument,
} from '@mch/client';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The client as a frontend uses it: by GET with trusted document IDs, with the answer's headers,
// cancelled, and paging through a list; against the real API.

let open: TestApi;
let trusted: TestApi;
beforeAll(async () => {
  open = await startTestApi({
    env: { RATE_LIMIT_POINTS: '100000', RATE_LIMIT_WINDOW_SECONDS: '60' },
  });
  trusted = await startTestApi({ env: { TRUSTED_DOCUMENTS_ONLY: 'true' } });
});
afterAll(async () => {
  await open?.stop();
  await trusted?.stop();
});

/** A fetch that notes each request's method and URL before sending it. */
function recordingFetch() {
  const sent: Array<{ method: string; url: string; body: string | undefined }> = [];
  const send: typeof fetch = (input, init) => {
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return fetch(input, init);
  };
  return { sent, send };
}

const KARSHI = { subdivision: 'UZ-QA', from: '2024-01-01', to: '2024-12-31' };

describe('a query sent by GET with its trusted document ID', () => {
  it('answers what the same query by POST with its text answers, with only the ID in the URL', async () => {
    const { sent, send } = recordingFetch();
    const byId = createClient({ url: trusted.url, documentIds: true, method: 'GET', fetch: send });
    const data = await byId.request(EventsInSubdivisionDocument, KARSHI);
    expect(data.trainingEvents.nodes.map((event) => event.title)).toEqual([
      'Seminar in Karshi on obstetrics and reducing maternal mortality',
    ]);
    const byText = await createClient({ url: open.url }).request(
      EventsInSubdivisionDocument,
      KARSHI,
    );
    expect(data).toEqual(byText);

    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]!.url);
    expect(sent[0]!.method).toBe('GET');
    expect([...url.searchParams.keys()]).toEqual(['documentId', 'variables']);
    expect(url.searchParams.get('documentId')).toBe(documentIdOf(EventsInSubdivisionDocument));
    expect(JSON.parse(url.searchParams.get('variables')!)).toEqual(KARSHI);
  });

  it('is refused by an API that runs only trusted documents when sent as text', async () => {
    const byText = createClient({ url: trusted.url, method: 'GET' });
    const error = await byText.request(EventsInSubdivisionDocument, KARSHI).catch((e) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(error.status).toBe(400);
  });

  it('leaves a mutation to POST whatever the method asked', async () => {
    const { sent, send } = recordingFetch();
    const client = createClient({ url: open.url, documentIds: true, method: 'GET', fetch: send });
    const error = await client
      .request(RecordDonationDocument, {
        input: { donorCountry: 'CN', recipientCountry: 'MZ', items: [] },
      } as never)
      .catch((e) => e);
    expect(sent.map((request) => request.method)).toEqual(['POST']);
    expect(JSON.parse(sent[0]!.body!)).toMatchObject({
      documentId: documentIdOf(RecordDonationDocument),
    });
    // The API read the write (by GET it would have answered 405) and refused its input.
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error.code).toBe('BAD_USER_INPUT');
  });
});

describe("an answer's metadata", () => {
  it('says the language of the names and what is left of the rate limit', async () => {
    const client = createClient({ url: open.url, documentIds: true, method: 'GET' });
    const { data, metadata } = await client.requestWithMetadata(
      DashboardOverviewDocument,
      {},
      { headers: { 'accept-language': 'pt' } },
    );
    expect(metadata.status).toBe(200);
    expect(metadata.language).toBe('pt');
    expect(data.countries.groups.map((group) => group.country?.name)).toContain('Moçambique');
    expect(metadata.rateLimit?.limit).toBe(100_000);
    expect(metadata.rateLimit!.remaining).toBeLessThan(100_000);
    expect(metadata.rateLimit!.remaining).toBeGreaterThan(0);
    expect(metadata.requestId).toMatch(/\S/);

    const russian = await client.requestWithMetadata(
      DashboardOverviewDocument,
      {},
      {
        headers: { 'accept-language': 'ru' },
      },
    );
    expect(russian.metadata.language).toBe('ru');
    expect(russian.data.countries.groups.map((group) => group.country?.name)).toContain('Мозамбик');
  });
});

describe('a request cancelled with its signal', () => {
  it('rejects with the abort, not as an unreachable API', async () => {
    const controller = new AbortController();
    controller.abort();
    const client = createClient({ url: open.url, documentIds: true, method: 'GET' });
    const error = await client
      .request(EventsInSubdivisionDocument, KARSHI, { signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('paging through a connection', () => {
  it('reads every event, three at a time, once each, as many as totalCount says', async () => {
    const { sent, send } = recordingFetch();
    const client = createClient({ url: open.url, documentIds: true, method: 'GET', fetch: send });
    const first = await client.request(DashboardEventsDocument, { first: 1 });
    const total = first.trainingEvents.totalCount;
    expect(total).toBeGreaterThan(3);
    sent.length = 0;

    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of pages(
      client,
      DashboardEventsDocument,
      {},
      (data) => data.trainingEvents,
      { pageSize: 3 },
    )) {
      sizes.push(page.nodes.length);
      ids.push(...page.nodes.map((node) => node.id));
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(sizes.length).toBe(Math.ceil(total / 3));
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
    expect(sent).toHaveLength(sizes.length);
    // The second request goes on from the first page's end.
    expect(new URL(sent[1]!.url).searchParams.get('variables')).toMatch(/"after":"[^"]+"/);
  });

  it('keeps a filter on every page and stops at maxPages', async () => {
    const client = createClient({ url: open.url });
    const nodes = await allNodes(
      client,
      DashboardEventsDocument,
      { filter: { countries: ['MZ'] } },
      (data) => data.trainingEvents,
      { pageSize: 1 },
    );
    const { trainingEvents } = await client.request(DashboardEventsDocument, {
      filter: { countries: ['MZ'] },
      first: 100,
    });
    expect(nodes.map((node) => node.id)).toEqual(trainingEvents.nodes.map((node) => node.id));
    expect(nodes.every((node) => node.country.code === 'MZ')).toBe(true);

    const two = await allNodes(client, DashboardEventsDocument, {}, (data) => data.trainingEvents, {
      pageSize: 1,
      maxPages: 2,
    });
    expect(two).toHaveLength(2);
  });
});
