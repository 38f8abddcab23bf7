import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Country and subdivision names in the language a request asks for.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const QUERY = `{
  mz: country(code: "MZ") { name }
  by: country(code: "BY") { name }
  cn: country(code: "CN") { name }
  uz: country(code: "UZ") { name }
  qr: subdivision(code: "UZ-QR") { name }
}`;

async function ask(headers: Record<string, string>, query = QUERY) {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    language: response.headers.get('content-language'),
    body: (await response.json()) as {
      data?: Record<string, { name: string }>;
      errors?: unknown[];
    },
  };
}

const names = (body: { data?: Record<string, { name: string }> }) =>
  Object.fromEntries(Object.entries(body.data ?? {}).map(([key, value]) => [key, value.name]));

describe('names in the language of the request', () => {
  it('answers in English without Accept-Language, and says so', async () => {
    const { language, body } = await ask({});
    expect(language).toBe('en');
    expect(names(body)).toEqual({
      mz: 'Mozambique',
      by: 'Belarus',
      cn: 'China',
      uz: 'Uzbekistan',
      qr: 'Qoraqalpog‘iston Respublikasi',
    });
  });

  it.each([
    ['pt', 'pt', 'Moçambique'],
    ['pt-MZ, pt;q=0.9', 'pt-MZ', 'Moçambique'],
    ['ru', 'ru', 'Мозамбик'],
    ['zh-CN', 'zh-CN', '莫桑比克'],
  ])('reads Mozambique in %s', async (header, expected, mozambique) => {
    const { language, body } = await ask({ 'accept-language': header });
    expect(language).toBe(expected);
    expect(body.data?.mz?.name).toBe(mozambique);
  });

  it('names Belarus in Russian, China in Chinese and Uzbekistan in Uzbek', async () => {
    expect((await ask({ 'accept-language': 'ru' })).body.data?.by?.name).toBe('Беларусь');
    expect((await ask({ 'accept-language': 'zh-CN' })).body.data?.cn?.name).toBe('中国');
    expect((await ask({ 'accept-language': 'uz' })).body.data?.uz?.name).toBe('Oʻzbekiston');
  });

  it('falls back to English for a language it has no names in', async () => {
    const { language, body } = await ask({ 'accept-language': 'tlh, en;q=0.5' });
    expect(language).toBe('en');
    expect(body.data?.mz?.name).toBe('Mozambique');
  });

  it('takes the language from the operation for clients that cannot set headers', async () => {
    const { language, body } = await ask(
      { 'accept-language': 'ru' },
      'query Names @language(tag: "pt") { country(code: "MZ") { name } }',
    );
    expect(language).toBe('pt');
    expect(body.data).toEqual({ country: { name: 'Moçambique' } });
    const unknown = await ask({}, 'query @language(tag: "tlh") { country(code: "MZ") { name } }');
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        message:
          'There are no names in the language "tlh"; give a BCP 47 tag such as "pt", "ru" or "uz".',
      }),
    ]);
  });
});
