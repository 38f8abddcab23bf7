import { mkdirSync } from 'node:fs';
import { startTestApi, type TestApi } from '@mch/test-api';
import { launchChromium } from '@mch/test-api/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCREENSHOT = 'test-results/playground.png';

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  api = await startTestApi();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

const compact = (text: string) => text.replace(/\s+/g, '');

describe('the playground', () => {
  it('runs the first example tab and shows the Karshi seminar, with no request leaving 127.0.0.1', async () => {
    const expected = await api.data<{
      trainingEvents: {
        totalCount: number;
        nodes: Array<{ title: string; participantCount: number; locality: string }>;
      };
    }>(
      `query($subdivision: String!, $from: Date, $to: Date) {
        trainingEvents(filter: { subdivisions: [$subdivision], startDate: { from: $from, to: $to } }, first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes {
            id title startDate startDatePrecision format status participantCount durationHours locality
            hostOrganisation { id name }
            presenters { nodes { role profession person { name } organisation { name country { code } } } }
            topics { nodes { code name } }
          }
        }
      }`,
      { subdivision: 'UZ-QA', from: '2024-01-01', to: '2024-12-31' },
    );
    expect(expected.trainingEvents.totalCount).toBe(1);
    expect(expected.trainingEvents.nodes[0]).toMatchObject({
      title: 'Seminar in Karshi on obstetrics and reducing maternal mortality',
      participantCount: 30,
      locality: 'Karshi',
    });

    const context = await browser.newContext({ viewport: { width: 2400, height: 2600 } });
    try {
      const page = await context.newPage();
      const origin = new URL(api.url).origin;
      const elsewhere: string[] = [];
      // The network is cut off: anything not for our server is refused, and noted.
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
          await route.continue();
        } else {
          elsewhere.push(url);
          await route.abort();
        }
      });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));

      await page.goto(api.url, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container');
      await expect
        .poll(() => page.locator('.graphiql-tab-button').allInnerTexts(), { timeout: 20_000 })
        .toEqual([
          'EventsInSubdivision',
          'DonationsToCountry',
          'IndicatorSeries',
          'AgreementsOfCountry',
          'Programmes',
        ]);
      await expect
        .poll(() => page.locator('.graphiql-editor-tool').innerText().then(compact), {
          timeout: 20_000,
        })
        .toContain(compact('{"subdivision": "UZ-QA", "from": "2024-01-01", "to": "2024-12-31"}'));

      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response');
      await expect
        .poll(() => response.innerText().then(compact), { timeout: 20_000 })
        .toBe(compact(JSON.stringify({ data: expected }, null, 2)));

      // The docs explorer and history are there, from the same page.
      await page.getByLabel('Show Documentation Explorer').click();
      await expect
        .poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 })
        .toContain('Query');

      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      expect(elsewhere).toEqual([]);
      const hosts = new Set(
        requested
          .filter((url) => !url.startsWith('data:') && !url.startsWith('blob:'))
          .map((url) => new URL(url).host),
      );
      expect([...hosts]).toEqual([new URL(api.url).host]);
    } finally {
      await context.close();
    }
  });
});
