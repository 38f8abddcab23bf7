import type { Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { NewSource } from '../tables/sources.table.js';
import { organisationIds } from './facts.js';
import { seedId } from './ids.js';

/**
 * The names the seed organisations have in the languages of the countries they work in, each
 * as the cited source writes it. The Belarusian centre is left out: no source at hand gives
 * its Russian name.
 */

export const translationSources = {
  wikipediaHospitalCentralDeMaputo: {
    id: seedId('source:wikipedia-pt-hospital-central-de-maputo'),
    title: 'Hospital Central de Maputo (Portuguese Wikipedia article)',
    publisher: 'Wikipedia',
    url: 'https://pt.wikipedia.org/wiki/Hospital_Central_de_Maputo',
    published_on: null,
    kind: 'other',
    note: 'The article gives the hospital’s Portuguese name and its website, www.hcm.gov.mz; HCM, the acronym the Xinhua report uses, is its initials.',
  },
  asia24MaternalChildCentre2023: {
    id: seedId('source:asia24-uzbekistan-maternal-child-centre-2023'),
    title:
      'Uzbekistan creates a republican scientific and practical medical centre for maternal and child health (Asia24 report)',
    publisher: 'Asia24',
    url: 'https://asia24.media/news/v-uzbekistane-sozdadut-respublikanskiy-nauchno-prakticheskiy-meditsinskiy-tsentr-zdorovya-materi-i-r/',
    published_on: null,
    kind: 'news_article',
    note: 'Reports Presidential Decree PP-296 of 8 September 2023, which forms the centre from 1 October 2023 and names it in Russian.',
  },
  uzaMaternalChildCentre2024: {
    id: seedId('source:uza-maternal-child-centre-50-years-2024-10-19'),
    title:
      'Conference for the 50th anniversary of the maternal and child health centre (UzA, in Uzbek)',
    publisher: 'National News Agency of Uzbekistan (UzA)',
    url: 'https://uza.uz/react/posts/ona-va-bola-salomatligi-markazining-50-yilligiga-bagishlangan-konferenciya_647422',
    published_on: '2024-10-19',
    kind: 'news_article',
    note: 'Names the centre in Uzbek, in the Cyrillic script.',
  },
  uztagMinistryOfHealth2018: {
    id: seedId('source:uztag-ministry-of-health-2018-08-25'),
    title:
      'In Uzbekistan the Ministry of Health may become the Ministry of Health and Social Welfare (UzTAG, in Russian)',
    publisher: 'Uzbek Telegraph Agency (UzTAG)',
    url: 'https://uztag.info/ru/news/v-uzbekistane-ministerstvo-zdravookhraneniya-mogut-preobrazovat-v-ministerstvo-zdravookhraneniya-i-s',
    published_on: '2018-08-25',
    kind: 'news_article',
    note: 'Quotes a draft presidential decree that names the ministry in Russian.',
  },
  paradigmaMinisterOfHealth: {
    id: seedId('source:paradigma-uz-minister-of-health-appeal'),
    title:
      'The Minister of Health of Uzbekistan addresses the public and health workers (Paradigma, in Uzbek)',
    publisher: 'Paradigma.uz',
    url: 'https://paradigma.uz/uz/news/ozbekiston-sogliqni-saqlash-vazirining-aholi-va-soha-xodimlariga-murojaat-yolladi-1697',
    published_on: null,
    kind: 'news_article',
    note: 'Writes the minister’s office as “Oʻzbekiston Respublikasi Sogʻliqni saqlash vaziri”; the ministry is the same words with “vazirligi”.',
  },
} satisfies Record<string, NewSource & { id: string }>;

const cited = translationSources;

export const organisationTranslations: ReadonlyArray<{
  organisation: string;
  language: string;
  text: string;
  source: string;
}> = [
  {
    organisation: organisationIds.maputoCentralHospital,
    language: 'pt',
    text: 'Hospital Central de Maputo',
    source: cited.wikipediaHospitalCentralDeMaputo.id,
  },
  {
    organisation: organisationIds.uzMaternalChildCentre,
    language: 'ru',
    text: 'Республиканский специализированный научно-практический медицинский центр здоровья матери и ребенка',
    source: cited.asia24MaternalChildCentre2023.id,
  },
  {
    organisation: organisationIds.uzMaternalChildCentre,
    language: 'uz-Cyrl',
    text: 'Республика ихтисослаштирилган она ва бола саломатлиги илмий-амалий тиббиёт маркази',
    source: cited.uzaMaternalChildCentre2024.id,
  },
  {
    organisation: organisationIds.uzMinistryOfHealth,
    language: 'ru',
    text: 'Министерство здравоохранения Республики Узбекистан',
    source: cited.uztagMinistryOfHealth2018.id,
  },
  {
    organisation: organisationIds.uzMinistryOfHealth,
    language: 'uz',
    text: 'Oʻzbekiston Respublikasi Sogʻliqni saqlash vazirligi',
    source: cited.paradigmaMinisterOfHealth.id,
  },
];

/**
 * The seed organisations' translated names. An organisation removed since the facts were
 * loaded gets none; a language it has already been given keeps the name given.
 */
export async function writeTranslations(trx: Transaction<Database>): Promise<void> {
  await trx
    .insertInto('source')
    .values(Object.values(translationSources))
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const { organisation, language, text, source } of organisationTranslations) {
    await trx
      .insertInto('organisation_translation')
      .columns(['subject_id', 'language', 'text', 'source_id'])
      .expression((eb) =>
        eb
          .selectFrom('organisation')
          .select([
            'id',
            eb.val(language).as('language'),
            eb.val(text).as('text'),
            eb.val(source).as('source_id'),
          ])
          .where('id', '=', organisation),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
