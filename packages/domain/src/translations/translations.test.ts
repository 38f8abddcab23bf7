import { startTestApi, type TestApi } from '@mch/test-api';
import { feedReader } from '@mch/test-api/feed';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Names and titles the graph records, read in the request's language and written with their
// translations.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const editor = () => ({ token: api.tokens.editor });
/** The database key inside a global ID. */
const keyOf = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;

const SEED_NAMES = `{
  organisations(filter: { country: "UZ" }) {
    nodes { acronym name originalLanguage }
  }
  hcm: organisations(filter: { search: "HCM" }) { nodes { name } }
}`;

type SeedNames = {
  organisations: { nodes: Array<{ name: string; originalLanguage: string }> };
  hcm: { nodes: Array<{ name: string }> };
};

const namesIn = async (language?: string) => {
  const data = await api.data<SeedNames>(SEED_NAMES, {}, { language });
  return [...data.organisations.nodes.map((node) => node.name), data.hcm.nodes[0]?.name];
};

describe('the seed organisations’ names in other languages', () => {
  it('are in English without Accept-Language', async () => {
    expect(await namesIn()).toEqual([
      'Ministry of Health of Uzbekistan',
      'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
      'Maputo Central Hospital',
    ]);
  });

  it('are in Russian, Uzbek and Portuguese as the cited sources write them', async () => {
    expect(await namesIn('ru')).toEqual([
      'Министерство здравоохранения Республики Узбекистан',
      'Республиканский специализированный научно-практический медицинский центр здоровья матери и ребенка',
      'Maputo Central Hospital',
    ]);
    // The ministry has a name in Latin script; the centre only in Cyrillic, which an Uzbek
    // reader gets rather than the English.
    expect(await namesIn('uz')).toEqual([
      'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi',
      'Республика ихтисослаштирилган она ва бола саломатлиги илмий-амалий тиббиёт маркази',
      'Maputo Central Hospital',
    ]);
    expect((await namesIn('pt-MZ, pt;q=0.9'))[2]).toBe('Hospital Central de Maputo');
  });

  it('are listed whole, each with its source', async () => {
    const data = await api.data<{
      organisations: {
        nodes: Array<{
          name: string;
          originalLanguage: string;
          translations: Array<{ language: string; text: string; source: { url: string } | null }>;
        }>;
      };
    }>(
      `{ organisations(filter: { search: "HCM" }) {
        nodes { name originalLanguage translations { language text source { url } } } } }`,
    );
    expect(data.organisations.nodes).toEqual([
      {
        name: 'Maputo Central Hospital',
        originalLanguage: 'en',
        translations: [
          {
            language: 'pt',
            text: 'Hospital Central de Maputo',
            source: { url: 'https://pt.wikipedia.org/wiki/Hospital_Central_de_Maputo' },
          },
        ],
      },
    ]);
  });

  it('answer the operation’s @language over the header, and say so', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'pt' },
      body: JSON.stringify({
        query: `query @language(tag: "uz-cyrl") {
          organisations(filter: { search: "Maternal" }) { nodes { name } } }`,
      }),
    });
    expect(response.headers.get('content-language')).toBe('uz-Cyrl');
    const body = (await response.json()) as {
      data: { organisations: { nodes: Array<{ name: string }> } };
    };
    expect(body.data.organisations.nodes.map((node) => node.name)).toContain(
      'Республика ихтисослаштирилган она ва бола саломатлиги илмий-амалий тиббиёт маркази',
    );
  });

  it('are found by search in any of their languages', async () => {
    const found = async (words: string) =>
      (
        await api.data<{ search: { nodes: Array<{ name?: string }> } }>(
          `query($q: String!) { search(query: $q, types: [ORGANISATION]) {
            nodes { ... on Organisation { name } } } }`,
          { q: words },
        )
      ).search.nodes.map((node) => node.name);
    expect(await found('Министерство здравоохранения Республики')).toEqual([
      'Ministry of Health of Uzbekistan',
    ]);
    expect(await found('"Hospital Central de Maputo"')).toEqual(['Maputo Central Hospital']);
    expect(await found('Sogʻliqni vazirligi')).toEqual(['Ministry of Health of Uzbekistan']);
    const filtered = await api.data<{ organisations: { nodes: Array<{ name: string }> } }>(
      `{ organisations(filter: { search: "саломатлиги" }) { nodes { name } } }`,
    );
    expect(filtered.organisations.nodes).toEqual([
      {
        name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
      },
    ]);
  });
});

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on CreateOrganisationPayload {
      organisation { id name originalLanguage version translations { language text source { title } } }
    }
    ... on ValidationError { code fieldErrors { path message } }
  }
}`;

const UPDATE = `mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    __typename
    ... on UpdateOrganisationPayload {
      organisation { id name originalLanguage version translations { language text } }
    }
    ... on ValidationError { code fieldErrors { path message } }
  }
}`;

interface Written {
  __typename: string;
  organisation?: {
    id: string;
    name: string;
    originalLanguage: string;
    version: number;
    translations: Array<{ language: string; text: string; source?: { title: string } | null }>;
  };
  code?: string;
  fieldErrors?: Array<{ path: string[]; message: string }>;
}

async function translationCount() {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from organisation_translation`.execute(api.database.db);
  return rows[0]!.n;
}

/** A ministry recorded in Portuguese, with its English and Russian names. */
async function createMinistry() {
  const source = (
    await api.data<{ sources: { nodes: Array<{ id: string; title: string }> } }>(
      '{ sources(first: 1) { nodes { id title } } }',
    )
  ).sources.nodes[0]!;
  const { createOrganisation } = await api.data<{ createOrganisation: Written }>(
    CREATE,
    {
      input: {
        name: 'Ministério da Saúde',
        kind: 'MINISTRY',
        country: 'MZ',
        originalLanguage: 'pt',
        translations: [
          { language: 'en', text: 'Ministry of Health', source: source.id },
          { language: 'ru', text: 'Министерство здравоохранения Мозамбика' },
        ],
      },
    },
    editor(),
  );
  expect(createOrganisation.__typename).toBe('CreateOrganisationPayload');
  return { ministry: createOrganisation.organisation!, source };
}

describe('translations written through the mutations', () => {
  it('are stored with the record, in canonical tags, the original in its own language', async () => {
    const { ministry, source } = await createMinistry();
    expect(ministry).toMatchObject({
      name: 'Ministry of Health',
      originalLanguage: 'pt',
      version: 1,
      translations: [
        { language: 'en', text: 'Ministry of Health', source: { title: source.title } },
        { language: 'ru', text: 'Министерство здравоохранения Мозамбика', source: null },
      ],
    });
  });

  it('answer each language down the fallback chain to the original', async () => {
    const { ministry } = await createMinistry();
    const nameIn = async (language: string) =>
      (
        await api.data<{ node: { name: string } }>(
          'query($id: ID!) { node(id: $id) { ... on Organisation { name } } }',
          { id: ministry.id },
          { language },
        )
      ).node.name;
    expect(await nameIn('en')).toBe('Ministry of Health');
    expect(await nameIn('pt-MZ')).toBe('Ministério da Saúde');
    expect(await nameIn('ru-RU')).toBe('Министерство здравоохранения Мозамбика');
    // No Chinese name: the original.
    expect(await nameIn('zh')).toBe('Ministério da Saúde');
  });

  it('are replaced whole by an update, as a new version', async () => {
    const { ministry } = await createMinistry();
    const { updateOrganisation } = await api.data<{ updateOrganisation: Written }>(
      UPDATE,
      {
        input: {
          id: ministry.id,
          expectedVersion: 1,
          translations: [{ language: 'EN-gb', text: 'Ministry of Health (Mozambique)' }],
        },
      },
      editor(),
    );
    expect(updateOrganisation.organisation).toMatchObject({
      version: 2,
      translations: [{ language: 'en-GB', text: 'Ministry of Health (Mozambique)' }],
      // An English reader gets the British English name, the only English one left.
      name: 'Ministry of Health (Mozambique)',
    });
    const cleared = await api.data<{ updateOrganisation: Written }>(
      UPDATE,
      { input: { id: ministry.id, expectedVersion: 2, translations: [] } },
      editor(),
    );
    expect(cleared.updateOrganisation.organisation).toMatchObject({
      version: 3,
      translations: [],
      name: 'Ministério da Saúde',
    });
  });

  it('refuse bad tags, repeats, blanks, the original’s language and unknown sources, storing nothing', async () => {
    const before = await translationCount();
    const { createOrganisation } = await api.data<{ createOrganisation: Written }>(
      CREATE,
      {
        input: {
          name: 'Hospital Provincial de Nampula',
          kind: 'HOSPITAL',
          originalLanguage: 'pt',
          translations: [
            { language: 'english please', text: 'Nampula Provincial Hospital' },
            { language: 'en', text: 'Nampula Provincial Hospital' },
            { language: 'EN', text: 'Provincial Hospital of Nampula' },
            { language: 'pt', text: 'Hospital de Nampula' },
            { language: 'ru', text: '   ' },
            { language: 'fr', text: 'Hôpital provincial', source: 'U291cmNlOm5vdC1hLXV1aWQ=' },
          ],
        },
      },
      editor(),
    );
    expect(createOrganisation.__typename).toBe('ValidationError');
    expect(createOrganisation.fieldErrors).toEqual([
      {
        path: ['input', 'translations', '0', 'language'],
        message:
          '`language` must be a BCP 47 language tag such as "pt", "ru" or "uz-Cyrl" (got "english please").',
      },
      {
        path: ['input', 'translations', '2', 'language'],
        message: 'There is already a translation in "en" in this list; give one per language.',
      },
      {
        path: ['input', 'translations', '3', 'language'],
        message: '"pt" is the language the name is written in; change the name itself instead.',
      },
      { path: ['input', 'translations', '4', 'text'], message: '`text` must not be blank.' },
      {
        path: ['input', 'translations', '5', 'source'],
        message: expect.stringMatching(/^`source` /),
      },
    ]);
    expect(await translationCount()).toBe(before);
    const { ministry } = await createMinistry();
    const { updateOrganisation } = await api.data<{ updateOrganisation: Written }>(
      UPDATE,
      { input: { id: ministry.id, expectedVersion: 1, originalLanguage: 'pt_PT' } },
      editor(),
    );
    expect(updateOrganisation.fieldErrors).toEqual([
      {
        path: ['input', 'originalLanguage'],
        message:
          '`originalLanguage` must be a BCP 47 language tag such as "en" or "pt" (got "pt_PT").',
      },
    ]);
  });

  it('come with a scheduled event and its title is searchable in them', async () => {
    const { scheduleTrainingEvent } = await api.data<{
      scheduleTrainingEvent: { trainingEvent?: { id: string; title: string } };
    }>(
      `mutation($input: ScheduleTrainingEventInput!) {
        scheduleTrainingEvent(input: $input) {
          ... on TrainingEventPayload { trainingEvent { id title } }
          ... on ValidationError { fieldErrors { path message } }
        } }`,
      {
        input: {
          title: 'Neonatal resuscitation course',
          format: 'IN_PERSON',
          country: 'MZ',
          translations: [{ language: 'pt', text: 'Curso de reanimação neonatal' }],
        },
      },
      editor(),
    );
    expect(scheduleTrainingEvent.trainingEvent?.title).toBe('Neonatal resuscitation course');
    const found = await api.data<{
      trainingEvents: { nodes: Array<{ id: string; title: string }> };
    }>(
      `{ trainingEvents(filter: { search: "reanimação" }) { nodes { id title } } }`,
      {},
      {
        language: 'pt',
      },
    );
    expect(found.trainingEvents.nodes).toEqual([
      { id: scheduleTrainingEvent.trainingEvent!.id, title: 'Curso de reanimação neonatal' },
    ]);
  });
});

describe('reading translated names', () => {
  it('costs the same statements for a page of 3 and of 9, in any language', async () => {
    const statementsFor = async (first: number, language: string) => {
      api.resetStatements();
      await api.data(
        `query($first: Int!) { organisations(first: $first) {
          nodes { name translations { language } people { nodes { title } } } } }`,
        { first },
        { language },
      );
      return api.statements().length;
    };
    for (const language of ['en', 'ru']) {
      expect(await statementsFor(9, language)).toBe(await statementsFor(3, language));
    }
  });
});

describe('translations in the change feed', () => {
  it('make a change of their record, once per transaction', async () => {
    const { ministry } = await createMinistry();
    const reader = feedReader<{ operation: string; recordId: string }>(
      api,
      `query($after: String, $types: [ChangeRecordType!]) {
        changes(after: $after, types: $types) {
          nodes { operation recordId } pageInfo { endCursor hasNextPage } } }`,
    );
    const cursor = await reader.endOfFeed(['ORGANISATION']);
    // Written as the seed writes them: straight into the table, two in one statement.
    await sql`insert into organisation_translation (subject_id, language, text) values
      (${keyOf(ministry.id)}, 'fr', 'Ministère de la Santé'),
      (${keyOf(ministry.id)}, 'es', 'Ministerio de Salud')`.execute(api.database.db);
    const { changes } = await reader.readUntil(cursor, 1, { types: ['ORGANISATION'] });
    expect(changes).toEqual([{ operation: 'UPDATE', recordId: ministry.id }]);
  });
});
