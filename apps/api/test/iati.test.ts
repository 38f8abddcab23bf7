import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { iatiOrganisationIdentifier, iatiOrganisationTypeCodes } from '@mch/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { ConfigError, loadConfig } from '../src/config.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const run = promisify(execFile);

// The official IATI 2.03 schemas are a fixture of the workplace, beside the repository. In CI the
// validation is required; on a clone without them it is reported as not run.
const schema = fileURLToPath(
  new URL('../../../../shared/iati-2.03/iati-activities-schema.xsd', import.meta.url),
);
const mainScript = fileURLToPath(new URL('../dist/main.js', import.meta.url));
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
      list(uzbekistan['participating-org']).map((org) => [
        org['@role'],
        org['@type'],
        narrativeOf(org),
      ]),
    ).toEqual([
      // The names in English, then each translation under its ISO 639-1 language.
      [
        '2',
        '10',
        [
          'Ministry of Health of Uzbekistan',
          { '#': 'Министерство здравоохранения Республики Узбекистан', '@xml:lang': 'ru' },
          { '#': 'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi', '@xml:lang': 'uz' },
        ],
      ],
      ['4', '80', 'Republican Scientific and Practical Center "Mother and Child"'],
      [
        '4',
        '80',
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
  });

  it('says that the publisher reports the activities of others', async () => {
    for (const activity of activitiesOf((await exportOf()).text)) {
      expect(activity['reporting-org']).toEqual({
        '@ref': 'XM-MCH-GRAPH',
        '@type': '90',
        '@secondary-reporter': '1',
        narrative: 'MCH Cooperation Graph',
      });
    }
  });

  it('writes each measured target as a result with a period of target and actual, the others as objectives', async () => {
    const [uzbekistan] = activitiesOf((await exportOf('?country=UZ')).text);
    const today = new Date().toISOString().slice(0, 10);
    expect(list(uzbekistan!.result)).toEqual([
      {
        '@type': '1',
        '@aggregation-status': '0',
        title: {
          narrative: 'Seminars with international experts in five regions: Karshi and four more',
        },
        indicator: {
          '@measure': '1',
          '@ascending': '1',
          title: { narrative: 'Training events held' },
          baseline: { '@year': '2024', '@value': '0' },
          // The seminar in Karshi is the one of five held: the actual the graph derives.
          period: {
            'period-start': { '@iso-date': '2024-02-01' },
            'period-end': { '@iso-date': today },
            target: { '@value': '5' },
            actual: { '@value': '1' },
          },
        },
      },
      {
        '@type': '1',
        '@aggregation-status': '0',
        title: { narrative: 'Train midwives in advanced reproductive health technologies' },
        indicator: {
          '@measure': '1',
          '@ascending': '1',
          title: { narrative: 'Midwives trained' },
          period: {
            'period-start': { '@iso-date': '2024-02-01' },
            'period-end': { '@iso-date': today },
            actual: { '@value': '0' },
          },
        },
      },
    ]);
    expect(
      list(uzbekistan!.description).find((description) => description['@type'] === '2'),
    ).toEqual({
      '@type': '2',
      narrative:
        'Upgrade maternity facilities with modern medical equipment. Involve foreign experts in managing perinatal centres.',
    });
  });

  it('writes each subdivision as a location with its country as administrative code', async () => {
    const [uzbekistan] = activitiesOf((await exportOf('?country=UZ')).text);
    expect(uzbekistan!.location).toEqual({
      '@ref': 'UZ-QA',
      'location-reach': { '@code': '1' },
      name: { narrative: 'Qashqadaryo' },
      description: { narrative: 'ISO 3166-2 UZ-QA' },
      administrative: { '@vocabulary': 'A4', '@level': '0', '@code': 'UZ' },
      'location-class': { '@code': '1' },
      'feature-designation': { '@code': 'ADM1' },
    });
  });

  it('keeps the IATI rules the schema does not check', async () => {
    const activities = activitiesOf((await exportOf()).text);
    expect(activities).toHaveLength(2);
    const now = new Date().toISOString();
    for (const activity of activities) {
      checkRules(activity, now);
    }
  });

  it('selects by country and by programme, and refuses a malformed or empty selection', async () => {
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
    const empty = await exportOf('?country=BY');
    expect(empty.response.status).toBe(404);
    expect(JSON.parse(empty.text)).toEqual({
      errors: [
        {
          message:
            'No programme has events or targets in BY: there is no IATI activity to publish.',
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });
});

const ORGANISATION_TYPES = new Set(iatiOrganisationTypeCodes as readonly string[]);

/** The rules of IATI 2.03 and of this export that the schema cannot check, on one activity. */
function checkRules(activity: Node, now: string) {
  expect(
    list(activity['activity-date']).some((date) => ['1', '2'].includes(String(date['@type']))),
  ).toBe(true);
  expect(String(activity['iati-identifier'])).not.toMatch(/[/&|?\s]/);
  const reporting = activity['reporting-org'] as Node;
  expect(String(activity['iati-identifier']).startsWith(`${reporting['@ref']}-`)).toBe(true);
  expect(String(activity['@last-updated-datetime']) <= now).toBe(true);
  // Every organisation element has an IATI OrganisationType, and an org-id where it has a ref.
  const organisations = [
    reporting,
    ...list(activity['participating-org']),
    ...list(activity.transaction).flatMap((t) => [
      ...list(t['provider-org']),
      ...list(t['receiver-org']),
    ]),
  ];
  for (const organisation of organisations) {
    expect(ORGANISATION_TYPES.has(String(organisation['@type']))).toBe(true);
    if (organisation['@ref'] !== undefined) {
      expect(String(organisation['@ref'])).toMatch(iatiOrganisationIdentifier.pattern);
    }
  }
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
  // No empty indicator: each has a period holding a target or an actual, and a real title.
  for (const result of list(activity.result)) {
    for (const indicator of list(result.indicator)) {
      expect(narrativeOf(indicator.title)).not.toBe('Other');
      const periods = list(indicator.period);
      expect(periods.length).toBeGreaterThan(0);
      for (const period of periods) {
        expect(period.target !== undefined || period.actual !== undefined).toBe(true);
      }
    }
  }
  // Each location is a subdivision of a recipient country, named under vocabulary A4.
  const recipients = list(activity['recipient-country']).map((country) => country['@code']);
  for (const location of list(activity.location)) {
    const administrative = location.administrative as Node;
    expect(administrative['@vocabulary']).toBe('A4');
    expect(String(location['@ref']).slice(0, 2)).toBe(administrative['@code']);
    expect(recipients).toContain(administrative['@code']);
    // The graph knows no coordinates of subdivisions: no point is made up.
    expect(location.point).toBeUndefined();
  }
  // Pledges are pledges (12), deliveries disbursements (3); never a commitment (2).
  for (const transaction of list(activity.transaction)) {
    expect(['3', '12']).toContain((transaction['transaction-type'] as Node)['@code']);
  }
}

const validate = async (text: string, name: string) => {
  if (!canValidate) return;
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, text);
  const { stderr } = await run(xmllint!, ['--noout', '--schema', schema, file]);
  expect(stderr.trim()).toBe(`${file} validates`);
};

const RECORD_DONATION = `mutation($input: RecordDonationInput!) {
  recordDonation(input: $input) { __typename }
}`;

describe('donations, siblings and changes in the IATI export', () => {
  let own: TestApi;
  beforeAll(async () => {
    own = await startTestApi();
  });
  afterAll(() => own.stop());

  const activityOf = async (programmeId: string) => {
    const response = await fetch(
      `${own.origin}/iati/activities.xml?programme=${encodeURIComponent(programmeId)}`,
    );
    const text = await response.text();
    return { text, activity: activitiesOf(text)[0]! };
  };
  const uzbekProgramme = async () => {
    const seed = await own.data<{
      programmes: {
        nodes: Array<{ id: string; title: string; agreement: { id: string } | null }>;
      };
    }>('{ programmes { nodes { id title agreement { id } } } }');
    return seed.programmes.nodes.find((p) => p.agreement !== null)!;
  };

  it('writes a delivery as a disbursement and a pledge as a pledge, between organisations, and a sibling programme', async () => {
    const uzbek = await uzbekProgramme();
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
    const delivered = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
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
    expect(delivered.recordDonation.__typename).toBe('RecordDonationPayload');
    // A pledge by the Belarusian centre, known by its IATI identifier, to the ministry.
    const orgs = await own.data<{
      organisations: { nodes: Array<{ id: string; name: string; version: number }> };
    }>('{ organisations(first: 20) { nodes { id name version } } }');
    const centre = orgs.organisations.nodes.find((o) => o.name.includes('"Mother and Child"'))!;
    const ministry = orgs.organisations.nodes.find((o) => o.name.startsWith('Ministry'))!;
    await own.data(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: centre.id,
          expectedVersion: centre.version,
          iatiIdentifier: 'BY-UNP-100160311',
        },
      },
      { token: own.tokens.editor },
    );
    const pledged = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
      {
        input: {
          title: 'Training simulators for perinatal centres',
          status: 'PLEDGED',
          announcedOn: '2024-02-01',
          donorOrganisation: centre.id,
          recipientOrganisation: ministry.id,
          programme: uzbek.id,
          valueAmount: '12000.00',
          valueCurrency: 'EUR',
          items: [{ category: 'EQUIPMENT', description: 'Simulators', quantity: 2, unit: 'PIECE' }],
        },
      },
      { token: own.tokens.editor },
    );
    expect(pledged.recordDonation.__typename).toBe('RecordDonationPayload');

    const { text, activity } = await activityOf(uzbek.id);
    expect(list(activity.transaction)).toEqual([
      {
        'transaction-type': { '@code': '12' },
        'transaction-date': { '@iso-date': '2024-02-01' },
        value: { '@currency': 'EUR', '@value-date': '2024-02-01', '#': '12000.00' },
        description: { narrative: 'Training simulators for perinatal centres' },
        'provider-org': {
          '@ref': 'BY-UNP-100160311',
          '@type': '80',
          narrative: 'Republican Scientific and Practical Center "Mother and Child"',
        },
        'receiver-org': {
          '@type': '10',
          narrative: [
            'Ministry of Health of Uzbekistan',
            { '#': 'Министерство здравоохранения Республики Узбекистан', '@xml:lang': 'ru' },
            { '#': 'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi', '@xml:lang': 'uz' },
          ],
        },
      },
      {
        'transaction-type': { '@code': '3' },
        'transaction-date': { '@iso-date': '2024-03-15' },
        value: { '@currency': 'USD', '@value-date': '2024-03-15', '#': '84000.00' },
        description: { narrative: 'Neonatal ventilators for Qashqadaryo' },
        'provider-org': { '@type': '10', narrative: 'Government of Belarus' },
        'receiver-org': { '@type': '10', narrative: 'Government of Uzbekistan' },
      },
    ]);
    // The donors are the activity's funding organisations (role 1).
    expect(
      list(activity['participating-org'])
        .filter((org) => org['@role'] === '1')
        .map((org) => [org['@ref'], org['@type'], narrativeOf(org)]),
    ).toEqual([
      ['BY-UNP-100160311', '80', 'Republican Scientific and Practical Center "Mother and Child"'],
      [undefined, '10', 'Government of Belarus'],
    ]);
    expect(activity['related-activity']).toEqual({
      '@ref': 'XM-MCH-GRAPH-exchange-minsk-tashkent',
      '@type': '3',
    });
    checkRules(activity, new Date().toISOString());
    await validate(text, 'activities-with-transactions');
  });

  it('writes the region of a target as a location of its intended beneficiaries', async () => {
    const uzbek = await uzbekProgramme();
    const created = await own.data<{ createTarget: { __typename: string } }>(
      `mutation($input: CreateTargetInput!) { createTarget(input: $input) { __typename } }`,
      {
        input: {
          programme: uzbek.id,
          metric: 'EVENTS_HELD',
          description: 'A seminar in Samarqand',
          targetValue: 1,
          subdivision: 'UZ-SA',
        },
      },
      { token: own.tokens.editor },
    );
    expect(created.createTarget.__typename).toBe('CreateTargetPayload');
    const { text, activity } = await activityOf(uzbek.id);
    expect(list(activity.location).map((location) => location['@ref'])).toEqual(['UZ-QA', 'UZ-SA']);
    expect(list(activity.location)[1]).toEqual({
      '@ref': 'UZ-SA',
      'location-reach': { '@code': '2' },
      name: { narrative: 'Samarqand' },
      description: { narrative: 'ISO 3166-2 UZ-SA' },
      administrative: { '@vocabulary': 'A4', '@level': '0', '@code': 'UZ' },
      'location-class': { '@code': '1' },
      'feature-designation': { '@code': 'ADM1' },
    });
    expect(activity['recipient-country']).toEqual({ '@code': 'UZ', '@percentage': '100.00' });
    checkRules(activity, new Date().toISOString());
    await validate(text, 'activities-with-a-target-region');
  });

  it('moves last-updated-datetime when a part of the activity changes', async () => {
    const uzbek = await uzbekProgramme();
    const lastUpdated = async () =>
      String((await activityOf(uzbek.id)).activity['@last-updated-datetime']);
    const before = await lastUpdated();
    const target = await own.data<{
      createTarget: { __typename: string; target?: { id: string } };
    }>(
      `mutation($input: CreateTargetInput!) {
        createTarget(input: $input) { __typename ... on CreateTargetPayload { target { id } } }
      }`,
      {
        input: {
          programme: uzbek.id,
          metric: 'PARTICIPANTS_TRAINED',
          description: 'Train 150 specialists',
          targetValue: 150,
        },
      },
      { token: own.tokens.editor },
    );
    expect(target.createTarget.__typename).toBe('CreateTargetPayload');
    const targetId = target.createTarget.target!.id;
    const afterCreate = await lastUpdated();
    expect(afterCreate > before).toBe(true);
    // Deleting it leaves no record to date the change: the programme's date moves.
    const deleted = await own.data<{ deleteTarget: { __typename: string } }>(
      `mutation($input: DeleteTargetInput!) { deleteTarget(input: $input) { __typename } }`,
      { input: { id: targetId, expectedVersion: 1 } },
      { token: own.tokens.editor },
    );
    expect(deleted.deleteTarget.__typename).toBe('DeleteTargetPayload');
    const afterTarget = await lastUpdated();
    expect(afterTarget > afterCreate).toBe(true);
    // A donation recorded for the programme (in kind, so other tests' transactions stay theirs).
    const donated = await own.data<{ recordDonation: { __typename: string } }>(
      RECORD_DONATION,
      {
        input: {
          title: 'Textbooks on obstetrics',
          status: 'DELIVERED',
          deliveredOn: '2024-04-01',
          donorCountry: 'BY',
          recipientCountry: 'UZ',
          programme: uzbek.id,
          items: [{ category: 'OTHER', description: 'Textbooks', quantity: 200, unit: 'PIECE' }],
        },
      },
      { token: own.tokens.editor },
    );
    expect(donated.recordDonation.__typename).toBe('RecordDonationPayload');
    const afterDonation = await lastUpdated();
    expect(afterDonation > afterTarget).toBe(true);
    // A participating organisation's new IATI type changes what the activity says of it.
    const orgs = await own.data<{
      organisations: { nodes: Array<{ id: string; name: string; version: number }> };
    }>('{ organisations(first: 20) { nodes { id name version } } }');
    // (The centre in Tashkent: other tests of this file write the donors and the ministry.)
    const centre = orgs.organisations.nodes.find((o) =>
      o.name.startsWith('Republican Specialized'),
    )!;
    await own.data(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
      {
        input: {
          id: centre.id,
          expectedVersion: centre.version,
          iatiType: 'OTHER_PUBLIC_SECTOR',
        },
      },
      { token: own.tokens.editor },
    );
    const afterOrganisation = await lastUpdated();
    expect(afterOrganisation > afterDonation).toBe(true);
    // A sector added to the programme is a part of it too.
    await own.database.db
      .insertInto('programme_sector')
      .values({
        programme_id: Buffer.from(uzbek.id, 'base64').toString().replace('Programme:', ''),
        dac_code: 12261,
      })
      .execute();
    expect((await lastUpdated()) > afterOrganisation).toBe(true);
  });
});

describe('the publisher of the IATI export', () => {
  it('is no secondary reporter of an activity it is accountable for, and names it by its own identifier', async () => {
    const ministryApi = await startTestApi({
      env: {
        IATI_REPORTING_ORG_REF: 'UZ-GOV-MOH',
        IATI_REPORTING_ORG_NAME: 'Ministry of Health of Uzbekistan',
        IATI_REPORTING_ORG_TYPE: '10',
      },
    });
    try {
      const orgs = await ministryApi.data<{
        organisations: { nodes: Array<{ id: string; name: string; version: number }> };
      }>('{ organisations(filter: { kinds: [MINISTRY] }) { nodes { id name version } } }');
      const ministry = orgs.organisations.nodes[0]!;
      await ministryApi.data(
        `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
        {
          input: {
            id: ministry.id,
            expectedVersion: ministry.version,
            iatiIdentifier: 'UZ-GOV-MOH',
          },
        },
        { token: ministryApi.tokens.editor },
      );
      const text = await (await fetch(`${ministryApi.origin}/iati/activities.xml`)).text();
      const [uzbekistan, mozambique] = activitiesOf(text);
      expect(uzbekistan!['reporting-org']).toEqual({
        '@ref': 'UZ-GOV-MOH',
        '@type': '10',
        narrative: 'Ministry of Health of Uzbekistan',
      });
      expect(String(uzbekistan!['iati-identifier'])).toMatch(/^UZ-GOV-MOH-/);
      expect(list(uzbekistan!['participating-org'])[0]).toMatchObject({
        '@ref': 'UZ-GOV-MOH',
        '@type': '10',
        '@role': '2',
      });
      expect((mozambique!['reporting-org'] as Node)['@secondary-reporter']).toBe('1');
      await validate(text, 'activities-by-the-ministry');
    } finally {
      await ministryApi.stop();
    }
  });

  it('refuses the placeholder in production, naming the setting', async () => {
    const production = await startTestApi({ env: { NODE_ENV: 'production' } });
    try {
      const response = await fetch(`${production.origin}/iati/activities.xml`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        errors: [
          {
            message:
              "The IATI export is refused: IATI_REPORTING_ORG_REF is not set, and XM-MCH-GRAPH is a placeholder no publisher owns. Set IATI_REPORTING_ORG_REF to the publisher's IATI organisation identifier (such as XM-DAC-41114), with IATI_REPORTING_ORG_NAME and IATI_REPORTING_ORG_TYPE.",
            extensions: { code: 'IATI_PUBLISHER_NOT_CONFIGURED' },
          },
        ],
      });
    } finally {
      await production.stop();
    }
  });

  it('settings are checked at start-up, each error naming its setting', async () => {
    expect(() => loadConfig({ IATI_REPORTING_ORG_REF: 'XM DAC 41114' })).toThrow(
      new ConfigError(
        'IATI_REPORTING_ORG_REF must be an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?; got "XM DAC 41114".',
      ),
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_REF: 'XM-DAC-41114/x' })).toThrow(
      /^IATI_REPORTING_ORG_REF must be/,
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_TYPE: '99' })).toThrow(
      new ConfigError(
        'IATI_REPORTING_ORG_TYPE must be an IATI OrganisationType code (10, 11, 15, 21, 22, 23, 24, 30, 40, 60, 70, 71, 72, 73, 80, 90), such as 10 for a government; got "99".',
      ),
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_NAME: 'Two\nlines' })).toThrow(
      /^IATI_REPORTING_ORG_NAME must be one line/,
    );
    expect(
      loadConfig({ IATI_REPORTING_ORG_REF: 'XM-DAC-41114', IATI_REPORTING_ORG_TYPE: '40' }).iati,
    ).toEqual({
      reportingOrg: { ref: 'XM-DAC-41114', name: 'MCH Cooperation Graph', type: '40' },
      placeholder: false,
    });
    // The server refuses to start on a bad setting, and says which.
    const started = await run(process.execPath, [mainScript], {
      env: { ...process.env, IATI_REPORTING_ORG_REF: 'XM DAC 41114', DATA_DIR: dir },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe(
      'Configuration error: IATI_REPORTING_ORG_REF must be an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?; got "XM DAC 41114".',
    );
  });
});
