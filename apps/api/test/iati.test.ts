import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { startTestApi, type TestApi } from './support/test-api.js';

const run = promisify(execFile);

// The official IATI 2.03 schemas are a fixture of the workplace, beside the repository. In CI the
// validation is required; on a clone without them it is reported as not run.
const schema = fileURLToPath(
  new URL('../../../../shared/iati-2.03/iati-activities-schema.xsd', import.meta.url),
);
const xmllint = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((path) => existsSync(path));
const canValidate = existsSync(schema) && xmllint !== undefined;
if (process.env.CI === 'true' && !canValidate) {
  throw new Error(
    `The IATI schema validation is required in CI: ${schema} and xmllint must exist.`,
  );
}

let api: TestApi;
let dir: string;
beforeAll(async () => {
  api = await startTestApi();
  dir = mkdtempSync(join(tmpdir(), 'mch-iati-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api.stop();
});

const exportOf = async (query = '') => {
  const response = await fetch(`${api.origin}/iati/activities.xml${query}`);
  return { response, text: await response.text() };
};

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];
const activitiesOf = (xml: string) =>
  list(
    (convert(xml, { format: 'object' }) as { 'iati-activities': Node })['iati-activities'][
      'iati-activity'
    ],
  );
const narrativeOf = (node: unknown) => (node as { narrative: string }).narrative;

describe('the IATI 2.03 export', () => {
  it.runIf(canValidate)(
    'validates against the official IATI 2.03 schema, whole and by country',
    async () => {
      for (const query of ['', '?country=MZ', '?country=UZ']) {
        const { text } = await exportOf(query);
        const file = join(dir, `activities${query.replace(/\W/g, '-')}.xml`);
        writeFileSync(file, text);
        const { stderr } = await run(xmllint!, ['--noout', '--schema', schema, file]);
        expect(stderr.trim()).toBe(`${file} validates`);
      }
    },
  );

  it('holds both seed programmes with their countries, regions, organisations, sectors and results', async () => {
    const { response, text } = await exportOf();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const activities = activitiesOf(text);
    // By start date; a programme without one last.
    expect(activities.map((activity) => narrativeOf(activity.title))).toEqual([
      'Training seminars with international experts in regions with high maternal and child mortality',
      'COVID-19 training series by Chinese doctors for Mozambican peers',
    ]);
    const uzbekistan = activities[0]!;
    expect(list(uzbekistan['recipient-country'])).toEqual([
      { '@code': 'UZ', '@percentage': '100.00' },
    ]);
    expect(list(uzbekistan.location).map((location) => location['@ref'])).toEqual(['UZ-QA']);
    expect(
      list(uzbekistan.sector).map((sector) => [sector['@code'], sector['@percentage']]),
    ).toEqual([
      ['12281', '50.00'],
      ['13020', '50.00'],
    ]);
    expect(
      list(uzbekistan['participating-org']).map((org) => [org['@role'], narrativeOf(org)]),
    ).toEqual([
      // The names in English, then each translation under its ISO 639-1 language.
      [
        '2',
        [
          'Ministry of Health of Uzbekistan',
          { '#': 'Министерство здравоохранения Республики Узбекистан', '@xml:lang': 'ru' },
          { '#': 'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi', '@xml:lang': 'uz' },
        ],
      ],
      ['4', 'Republican Scientific and Practical Center "Mother and Child"'],
      [
        '4',
        [
          'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
          {
            '#': 'Республиканский специализированный научно-практический медицинский центр здоровья матери и ребенка',
            '@xml:lang': 'ru',
          },
          {
            '#': 'Республика ихтисослаштирилган она ва бола саломатлиги илмий-амалий тиббиёт маркази',
            '@xml:lang': 'uz',
          },
        ],
      ],
    ]);
    expect(uzbekistan['activity-status']).toEqual({ '@code': '2' });
    expect(list(uzbekistan.result).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the IATI rules the schema does not check', async () => {
    const activities = activitiesOf((await exportOf()).text);
    expect(activities).toHaveLength(2);
    const now = new Date().toISOString();
    for (const activity of activities) {
      expect(
        list(activity['activity-date']).some((date) => ['1', '2'].includes(String(date['@type']))),
      ).toBe(true);
      expect(String(activity['iati-identifier'])).not.toMatch(/[/&|?]/);
      expect(String(activity['@last-updated-datetime']) <= now).toBe(true);
      const byVocabulary = new Map<string, number>();
      for (const sector of list(activity.sector)) {
        const vocabulary = String(sector['@vocabulary']);
        byVocabulary.set(
          vocabulary,
          (byVocabulary.get(vocabulary) ?? 0) + Number(sector['@percentage']),
        );
      }
      for (const total of byVocabulary.values()) expect(total).toBeCloseTo(100, 6);
      const countries = list(activity['recipient-country']).reduce(
        (total, country) => total + Number(country['@percentage']),
        0,
      );
      if (countries > 0) expect(countries).toBeCloseTo(100, 6);
    }
  });

  it('selects by country and by programme, and refuses a malformed selection', async () => {
    const mozambique = activitiesOf((await exportOf('?country=MZ')).text);
    expect(mozambique.map((activity) => narrativeOf(activity.title))).toEqual([
      'COVID-19 training series by Chinese doctors for Mozambican peers',
    ]);
    const programmes = await api.data<{
      programmes: { nodes: Array<{ id: string; title: string }> };
    }>('{ programmes { nodes { id title } } }');
    const one = programmes.programmes.nodes[0]!;
    const selected = activitiesOf(
      (await exportOf(`?programme=${encodeURIComponent(one.id)}`)).text,
    );
    expect(selected.map((activity) => narrativeOf(activity.title))).toEqual([one.title]);
    const bad = await exportOf('?country=uz');
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      errors: [
        {
          message:
            '`country` must be an ISO 3166-1 alpha-2 code of two capital letters, such as "UZ"; got "uz".',
          extensions: { code: 'BAD_USER_INPUT', argument: 'country' },
        },
      ],
    });
  });
});

describe('donations and sibling programmes in the IATI export', () => {
  let own: TestApi;
  beforeAll(async () => {
    own = await startTestApi();
  });
  afterAll(() => own.stop());

  it('writes a donation with a value as a transaction and a programme under the same agreement as a sibling', async () => {
    const seed = await own.data<{
      programmes: {
        nodes: Array<{ id: string; title: string; agreement: { id: string } | null }>;
      };
    }>('{ programmes { nodes { id title agreement { id } } } }');
    const uzbek = seed.programmes.nodes.find((p) => p.agreement !== null)!;
    const created = await own.data<{
      createProgramme: { programme: { id: string } };
    }>(
      `mutation($input: CreateProgrammeInput!) {
        createProgramme(input: $input) { ... on CreateProgrammePayload { programme { id } } }
      }`,
      {
        input: {
          title: 'Exchange of perinatal specialists between Minsk and Tashkent',
          status: 'PIPELINE',
          agreement: uzbek.agreement!.id,
          iatiIdentifier: 'XM-MCH-GRAPH-exchange-minsk-tashkent',
        },
      },
      { token: own.tokens.editor },
    );
    expect(created.createProgramme.programme.id).toMatch(/./);
    const recorded = await own.data<{ recordDonation: { __typename: string } }>(
      `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { __typename } }`,
      {
        input: {
          title: 'Neonatal ventilators for Qashqadaryo',
          status: 'DELIVERED',
          deliveredOn: '2024-03-15',
          donorCountry: 'BY',
          recipientCountry: 'UZ',
          programme: uzbek.id,
          valueAmount: '84000.00',
          valueCurrency: 'USD',
          items: [
            {
              category: 'EQUIPMENT',
              description: 'Neonatal ventilators',
              quantity: 4,
              unit: 'PIECE',
            },
          ],
        },
      },
      { token: own.tokens.editor },
    );
    expect(recorded.recordDonation.__typename).toBe('RecordDonationPayload');

    const response = await fetch(
      `${own.origin}/iati/activities.xml?programme=${encodeURIComponent(uzbek.id)}`,
    );
    const text = await response.text();
    const [activity] = activitiesOf(text);
    expect(activity!.transaction).toEqual({
      'transaction-type': { '@code': '3' },
      'transaction-date': { '@iso-date': '2024-03-15' },
      value: { '@currency': 'USD', '@value-date': '2024-03-15', '#': '84000.00' },
      description: { narrative: 'Neonatal ventilators for Qashqadaryo' },
      'provider-org': { narrative: 'Belarus' },
      'receiver-org': { narrative: 'Uzbekistan' },
    });
    expect(activity!['related-activity']).toEqual({
      '@ref': 'XM-MCH-GRAPH-exchange-minsk-tashkent',
      '@type': '3',
    });
    if (canValidate) {
      const file = join(dir, 'activities-with-transaction.xml');
      writeFileSync(file, text);
      const { stderr } = await run(xmllint!, ['--noout', '--schema', schema, file]);
      expect(stderr.trim()).toBe(`${file} validates`);
    }
  });
});
