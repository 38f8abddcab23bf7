import { get } from 'node:http';
import { AgreementsOfCountryDocument } from '@mch/client';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpCache, startHttpCache } from './support/http-cache.js';

// A real shared cache (nginx's proxy_cache) in front of the API: what it keeps and hands out
// must be what each reader would have got from the API itself.

const idOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;
const SITES = ['https://ministry.example', 'https://donor.example'];

let api: TestApi;
let cache: HttpCache;
beforeAll(async () => {
  api = await startTestApi({ corsOrigins: SITES });
  cache = await startHttpCache(api.origin);
});
afterAll(async () => {
  await cache?.stop();
  await api?.stop();
});

/** A GET of the typed client's `AgreementsOfCountry` by its ID, through the cache. */
const agreements = (headers: Record<string, string>) =>
  fetch(
    `${cache.origin}/graphql?${new URLSearchParams({
      documentId: idOf(AgreementsOfCountryDocument),
      variables: JSON.stringify({ country: 'UZ' }),
    })}`,
    { headers: { 'apollo-require-preflight': 'true', ...headers } },
  );

type Answer = {
  data: {
    agreements: { nodes: Array<{ parties: { nodes: Array<{ country: { name: string } }> } }> };
  };
};
const partyNames = async (response: Response) =>
  ((await response.json()) as Answer).data.agreements.nodes[0]!.parties.nodes.map(
    (party) => party.country.name,
  );

describe('a shared cache in front of the API', () => {
  it('keeps a Portuguese and a Russian reader each in their own language', async () => {
    const first = await agreements({ 'accept-language': 'pt' });
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(await partyNames(first)).toEqual(['Uzbequistão', 'Bielorússia']);
    const again = await agreements({ 'accept-language': 'pt' });
    // The cache does keep the answer: the second Portuguese reader is served from it.
    expect(again.headers.get('x-cache-status')).toBe('HIT');
    expect(await partyNames(again)).toEqual(['Uzbequistão', 'Bielorússia']);

    const russian = await agreements({ 'accept-language': 'ru' });
    expect(russian.headers.get('x-cache-status')).not.toBe('HIT');
    expect(russian.headers.get('content-language')).toBe('ru');
    expect(await partyNames(russian)).toEqual(['Узбекистан', 'Беларусь']);
  });

  it('gives each site its own CORS header', async () => {
    const language = { 'accept-language': 'uz' };
    const ministry = await agreements({ ...language, origin: SITES[0]! });
    expect(ministry.headers.get('access-control-allow-origin')).toBe(SITES[0]);
    expect(
      (await agreements({ ...language, origin: SITES[0]! })).headers.get('x-cache-status'),
    ).toBe('HIT');
    const donor = await agreements({ ...language, origin: SITES[1]! });
    expect(donor.headers.get('x-cache-status')).not.toBe('HIT');
    expect(donor.headers.get('access-control-allow-origin')).toBe(SITES[1]);
    const elsewhere = await agreements({ ...language, origin: 'https://elsewhere.example' });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never hands a token’s answer to anyone else', async () => {
    const withToken = await agreements({
      'accept-language': 'be',
      authorization: `Bearer ${api.tokens.editor}`,
    });
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    const again = await agreements({
      'accept-language': 'be',
      authorization: `Bearer ${api.tokens.editor}`,
    });
    expect(again.headers.get('x-cache-status')).toBe('MISS');
    const anonymous = await agreements({ 'accept-language': 'be' });
    expect(anonymous.headers.get('x-cache-status')).not.toBe('HIT');
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('serves the playground page compressed, and revalidates it by its entity tag', async () => {
    const page = await fetch(`${cache.origin}/graphql`, {
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('public, max-age=3600');
    const html = await page.text();
    expect(html).toContain('<title>MCH Cooperation Graph</title>');
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    // A browser asking again with the tag gets 304 and no page. (node:http, because fetch adds
    // `Cache-Control: no-cache` to conditional requests, which asks to skip the check.)
    const revalidated = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      get(
        `${api.origin}/graphql`,
        { headers: { accept: 'text/html', 'if-none-match': etag! } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode, body }));
        },
      ).once('error', reject);
    });
    expect(revalidated).toEqual({ status: 304, body: '' });
  });
});
