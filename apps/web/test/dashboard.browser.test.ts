import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startTestApi, type TestApi } from '@mch/test-api';
import { launchChromium } from '@mch/test-api/browser';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, dashboardDir } from '../build.mjs';
import { BUDGET_BYTES, firstLoadScripts } from '../scripts/size.mjs';

// The dashboard in a real Chromium, served by the real API on PGlite, which runs only trusted
// documents: every request the page makes must be a registered document sent by its ID, and
// every request to a host other than the API's is refused.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const KARSHI = 'Seminar in Karshi on obstetrics and reducing maternal mortality';
/** Events the test adds in Uzbekistan, so that the list has more than one page of 20. */
const ADDED = 25;

let api: TestApi;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  await buildDashboard();
  api = await startTestApi({
    env: { DASHBOARD_DIR: dashboardDir, TRUSTED_DOCUMENTS_ONLY: 'true' },
  });
  origin = api.origin;
  // An admin token may still send text to an API that runs only trusted documents.
  for (let index = 1; index <= ADDED; index += 1) {
    await api.data(
      `mutation($input: ScheduleTrainingEventInput!) { scheduleTrainingEvent(input: $input) { __typename } }`,
      {
        input: {
          title: `Planned seminar ${String(index).padStart(2, '0')} on neonatal care`,
          format: 'IN_PERSON',
          country: 'UZ',
          startDate: '2027-03-01',
          idempotencyKey: `dashboard-test-${index}`,
        },
      },
      { token: api.tokens.admin },
    );
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Requests refused because they were for another host. */
  elsewhere: string[];
  /** Every GraphQL request the page made, as its method and URL. */
  graphql: Array<{ method: string; url: URL }>;
}

async function visit(path: string, { bypassCSP = false } = {}): Promise<Visit> {
  const context = await browser.newContext({
    locale: 'en-US',
    bypassCSP,
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const elsewhere: string[] = [];
  const graphql: Visit['graphql'] = [];
  // The network is cut off: anything not for our server is refused, and noted.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
      if (url.startsWith(`${origin}/graphql`)) {
        graphql.push({ method: route.request().method(), url: new URL(url) });
      }
      await route.continue();
    } else {
      elsewhere.push(url);
      await route.abort();
    }
  });
  const page = await context.newPage();
  await page.goto(`${origin}${path}`);
  return { page, context, elsewhere, graphql };
}

/** Checks what every visit must keep to, then closes it. */
async function leave({ context, elsewhere, graphql }: Visit) {
  await context.close();
  expect(elsewhere).toEqual([]);
  expect(graphql.length).toBeGreaterThan(0);
  for (const request of graphql) {
    expect(request.method).toBe('GET');
    expect(request.url.searchParams.get('documentId')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(request.url.searchParams.has('query')).toBe(false);
  }
}

/** The part of axe-core's answer the test reads. */
interface AxeResults {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>;
}

/** What the page shows once it has loaded: a machine shared with other work may take seconds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const rowTitles = (page: Page) => page.locator('tbody th').allInnerTexts();
/** The country filter's choices, whatever the language of its label. */
const countryOptions = (page: Page) => page.locator('select[name=country] option').allInnerTexts();

describe('the dashboard', () => {
  it('is served at / by an API that refuses query text, and sends it none', async () => {
    const refused = await fetch(
      `${api.url}?${new URLSearchParams({ query: '{ countries { totalCount } }' })}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');

    const root = await fetch(`${origin}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/^text\/html/);
    expect(root.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await root.text()).toContain('<div id="root"></div>');

    const seen = await visit('/?lang=en');
    const { trainingEvents } = await api.data<{ trainingEvents: { totalCount: number } }>(
      '{ trainingEvents { totalCount } }',
      {},
      { token: api.tokens.admin },
    );
    await eventually(() => seen.page.getByTestId('event-count').innerText()).toBe(
      String(trainingEvents.totalCount),
    );
    await eventually(() => seen.page.getByTestId('as-of').innerText()).toMatch(/^Data as of /);
    // React's production build, within the budget of the first load's JavaScript.
    const scripts = firstLoadScripts();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.gzipped).toBeLessThan(BUDGET_BYTES);
    // A warning only React's development build carries.
    expect(readFileSync(`${dashboardDir}${scripts[0]!.path}`, 'utf8')).not.toContain(
      'should have a unique',
    );
    mkdirSync('test-results', { recursive: true });
    await seen.page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    // The first view's data in 3 requests: the overview, the first page of events and the change feed.
    expect(seen.graphql).toHaveLength(3);
    expect(
      new Set(seen.graphql.map((request) => request.url.searchParams.get('documentId'))).size,
    ).toBe(3);
    await leave(seen);
  });

  it('names countries in the language chosen: Mozambique, Moçambique, Мозамбик, right to left in Arabic', async () => {
    const seen = await visit('/?lang=en');
    const { page } = seen;
    await eventually(() => countryOptions(page)).toContainEqual(
      expect.stringMatching(/^Mozambique \(\d+\)$/),
    );

    await page.getByLabel('Language').selectOption('pt');
    await eventually(() => countryOptions(page)).toContainEqual(
      expect.stringMatching(/^Moçambique \(\d+\)$/),
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('pt');
    expect(await page.getByRole('heading', { level: 2, name: 'Visão geral' }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('pt');

    await page.getByLabel('Idioma').selectOption('ru');
    await eventually(() => countryOptions(page)).toContainEqual(
      expect.stringMatching(/^Мозамбик \(\d+\)$/),
    );

    await page.getByLabel('Язык').selectOption('ar');
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await eventually(() => countryOptions(page)).toContainEqual(expect.stringMatching(/^موزمبيق/));
    await leave(seen);
  });

  it('opens a filtered URL, and the same view again after a reload', async () => {
    const { trainingEvents } = await api.data<{
      trainingEvents: { totalCount: number; nodes: Array<{ title: string }> };
    }>(
      `{ trainingEvents(filter: { countries: ["MZ"], formats: [TELECONFERENCE] }, orderBy: { field: START_DATE, direction: DESC }) { totalCount nodes { title } } }`,
      {},
      { token: api.tokens.admin },
    );
    expect(trainingEvents.totalCount).toBeGreaterThan(0);
    const expected = trainingEvents.nodes.map((node) => node.title);

    const seen = await visit('/?lang=en');
    const { page } = seen;
    await eventually(() => countryOptions(page)).toContainEqual(
      expect.stringMatching(/^Mozambique/),
    );
    await page.getByLabel('Country').selectOption('MZ');
    await page.getByLabel('Format').selectOption('TELECONFERENCE');
    await eventually(() => rowTitles(page)).toEqual(expected);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lang: 'en',
      country: 'MZ',
      format: 'TELECONFERENCE',
    });

    await page.reload();
    await eventually(() => rowTitles(page)).toEqual(expected);
    expect(await page.getByLabel('Country').inputValue()).toBe('MZ');
    expect(await page.getByLabel('Format').inputValue()).toBe('TELECONFERENCE');
    expect(await page.getByTestId('showing').innerText()).toBe(
      `Showing ${expected.length} of ${trainingEvents.totalCount}`,
    );

    // Back undoes the last change of filter.
    await page.goBack();
    await eventually(() => page.getByLabel('Format').inputValue()).toBe('');
    await eventually(() => page.getByLabel('Country').inputValue()).toBe('MZ');
    await leave(seen);
  });

  it('loads more events a page at a time, and the CSV link gives as many rows as totalCount', async () => {
    const { trainingEvents } = await api.data<{ trainingEvents: { totalCount: number } }>(
      '{ trainingEvents(filter: { countries: ["UZ"] }) { totalCount } }',
      {},
      { token: api.tokens.admin },
    );
    const total = trainingEvents.totalCount;
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThanOrEqual(40);

    const seen = await visit('/?lang=en&country=UZ');
    const { page } = seen;
    await eventually(() => page.getByTestId('showing').innerText()).toBe(`Showing 20 of ${total}`);
    expect(await rowTitles(page)).toHaveLength(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(() => page.getByTestId('showing').innerText()).toBe(
      `Showing ${total} of ${total}`,
    );
    const titles = await rowTitles(page);
    expect(new Set(titles).size).toBe(total);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    const link = page.getByTestId('csv-link');
    expect(await link.innerText()).toBe(`Download CSV (${total} rows)`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const rows = parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), {
      columns: true,
      bom: true,
    });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.country))).toEqual(new Set(['UZ']));
    await leave(seen);
  });

  it('shows an event’s presenters, topics and sources, and Belarus in Russian', async () => {
    const seen = await visit('/?lang=en&country=UZ&from=2024&to=2024');
    const { page } = seen;
    await page.getByRole('button', { name: KARSHI }).click();
    const detail = page.getByTestId('detail');
    await eventually(() => detail.getByRole('heading', { level: 2 }).innerText()).toBe(KARSHI);
    // The heading takes the focus, for a keyboard or a screen reader.
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    expect(await detail.getByTestId('presenters').innerText()).toContain('Belarus');
    expect(await detail.getByTestId('sources').locator('li').count()).toBeGreaterThan(0);
    const id = new URL(page.url()).searchParams.get('event');
    expect(id).toMatch(/\S/);

    await page.getByLabel('Language').selectOption('ru');
    await eventually(() => detail.getByTestId('presenters').innerText()).toContain('Беларусь');

    await page.keyboard.press('Escape');
    await eventually(() => detail.count()).toBe(0);
    // The focus goes back to the table, where the reader was.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('events');
    expect(new URL(page.url()).searchParams.has('event')).toBe(false);
    await leave(seen);
  });

  it('offers the new data when the graph changes, and says when the browser is offline', async () => {
    const seen = await visit('/?lang=en');
    const { page, context } = seen;
    const count = page.getByTestId('event-count');
    await eventually(() => page.getByTestId('as-of').innerText()).toMatch(/^Data as of /);
    const before = Number(await count.innerText());

    await api.data(
      `mutation($input: ScheduleTrainingEventInput!) { scheduleTrainingEvent(input: $input) { __typename } }`,
      {
        input: {
          title: 'Seminar on newborn screening, added while the page is open',
          format: 'IN_PERSON',
          country: 'UZ',
          startDate: '2028-05-01',
          idempotencyKey: 'dashboard-test-live',
        },
      },
      { token: api.tokens.admin },
    );
    // The feed is polled every minute, and read again when the page comes back into view.
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    const notice = page.getByText('The data has changed since this page loaded.');
    await eventually(() => notice.count()).toBe(1);
    expect(await count.innerText()).toBe(String(before));
    await page.getByRole('button', { name: 'Show the new data' }).click();
    await eventually(() => count.innerText()).toBe(String(before + 1));
    expect(await notice.count()).toBe(0);

    await context.setOffline(true);
    await eventually(() => page.getByRole('status').allInnerTexts()).toContainEqual(
      expect.stringMatching(/^You are offline\./),
    );
    await context.setOffline(false);
    await leave(seen);
  });

  it('has no serious or critical accessibility finding, in English and in Arabic with details open', async () => {
    for (const path of ['/?lang=en', '/?lang=ar&country=UZ&from=2024&to=2024']) {
      // The page's policy allows no inline script: the test's own, axe-core, is let through.
      const seen = await visit(path, { bypassCSP: true });
      const { page } = seen;
      await eventually(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
      if (path.includes('ar')) {
        await page.locator('tbody th button').first().click();
        await eventually(() => page.getByTestId('presenters').count()).toBe(1);
      }
      // axe-core from its package, put into the page as a script: no request leaves the machine.
      await page.addScriptTag({ content: AXE });
      const findings = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
        const results = await axe.run();
        return results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => ({
            rule: violation.id,
            where: violation.nodes.map((node) => node.target.join(' ')),
          }));
      });
      expect({ path, findings }).toEqual({ path, findings: [] });
      await leave(seen);
    }
  });

  it('can be used with the keyboard: the skip link, then an event opened with Enter', async () => {
    const seen = await visit('/?lang=en&country=UZ&from=2024&to=2024');
    const { page } = seen;
    await eventually(() => rowTitles(page)).toEqual([KARSHI]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the events',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('events');
    // From the table's heading, the CSV link, then the first event's title.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(KARSHI);
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    await leave(seen);
  });

  it('says in words what an API error means', async () => {
    const seen = await visit('/?lang=en&event=not-an-id');
    const alert = seen.page.getByTestId('detail').getByRole('alert');
    await eventually(() => alert.innerText()).toContain(
      'This link points to a record that is not one of the graph’s. Check the address.',
    );
    expect(await alert.innerText()).toContain('INVALID_ID');
    await leave(seen);
  });

  it('says so, in the reader’s language, when the years of the filter are the wrong way round', async () => {
    const seen = await visit('/?lang=pt&from=2030&to=2020');
    const { page } = seen;
    const alerts = page.getByRole('alert');
    await eventually(() => alerts.allInnerTexts()).toContainEqual(
      expect.stringContaining(
        'Um filtro tem um valor que o grafo não aceita. Altere ou limpe os filtros.',
      ),
    );
    expect(await alerts.first().innerText()).toContain('BAD_USER_INPUT');
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await eventually(() => alerts.count()).toBe(0);
    await eventually(() => rowTitles(page).then((titles) => titles.length)).toBeGreaterThan(0);
    await leave(seen);
  });
});
