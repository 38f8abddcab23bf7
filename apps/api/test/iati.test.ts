import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activitiesOf,
  canValidate,
  checkRules,
  list,
  narrativeOf,
  validate,
} from './support/iati.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const exportOf = async (query = '') => {
  const response = await fetch(`${api.origin}/iati/activities.xml${query}`);
  return { response, text: await response.text() };
};

describe('the IATI 2.03 export', () => {
  it.runIf(canValidate)(
    'validates against the official IATI 2.03 schema, whole and by country',
    async () => {
      for (const query of ['', '?country=MZ', '?country=UZ']) {
        const { text } = await exportOf(query);
        await validate(text, `activities${query.replace(/\W/g, '-')}`);
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
