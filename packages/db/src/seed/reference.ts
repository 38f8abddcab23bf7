import type { NewSubdivision } from '../tables/places.table.js';
import type { NewSource } from '../tables/sources.table.js';
import type { NewTopic } from '../tables/topics.table.js';
import { seedId } from './ids.js';

/** ISO 3166-2 subdivisions: all 14 of Uzbekistan and those the seed facts happen in. */
export const subdivisions: ReadonlyArray<Omit<NewSubdivision, 'id' | 'country_id'>> = [
  { code: 'UZ-AN', name: 'Andijon', kind: 'region' },
  { code: 'UZ-BU', name: 'Buxoro', kind: 'region' },
  { code: 'UZ-FA', name: 'Farg‘ona', kind: 'region' },
  { code: 'UZ-JI', name: 'Jizzax', kind: 'region' },
  { code: 'UZ-NG', name: 'Namangan', kind: 'region' },
  { code: 'UZ-NW', name: 'Navoiy', kind: 'region' },
  { code: 'UZ-QA', name: 'Qashqadaryo', kind: 'region' },
  { code: 'UZ-QR', name: 'Qoraqalpog‘iston Respublikasi', kind: 'republic' },
  { code: 'UZ-SA', name: 'Samarqand', kind: 'region' },
  { code: 'UZ-SI', name: 'Sirdaryo', kind: 'region' },
  { code: 'UZ-SU', name: 'Surxondaryo', kind: 'region' },
  { code: 'UZ-TK', name: 'Toshkent', kind: 'city' },
  { code: 'UZ-TO', name: 'Toshkent', kind: 'region' },
  { code: 'UZ-XO', name: 'Xorazm', kind: 'region' },
  { code: 'MZ-MPM', name: 'Maputo', kind: 'city' },
  { code: 'CN-SC', name: 'Sichuan Sheng', kind: 'province' },
  { code: 'BY-HM', name: 'Gorod Minsk', kind: 'city' },
];

/** OECD DAC CRS purpose codes used by the graph's topics and programmes. */
export const dacPurposeCodes: ReadonlyArray<{ code: number; name: string }> = [
  { code: 12181, name: 'Medical education/training' },
  { code: 12191, name: 'Medical services' },
  { code: 12220, name: 'Basic health care' },
  { code: 12261, name: 'Health education' },
  { code: 12264, name: 'COVID-19 control' },
  { code: 12281, name: 'Health personnel development' },
  { code: 13020, name: 'Reproductive health care' },
  { code: 13081, name: 'Personnel development for population and reproductive health' },
  { code: 72011, name: 'Basic health care services in emergencies' },
];

/**
 * Every OECD DAC CRS purpose code of the health (121 general, 122 basic) and population and
 * reproductive health (130) sectors, as the IATI Sector code list (vocabulary 1) names them.
 */
export const dacHealthAndPopulationCodes: ReadonlyArray<{ code: number; name: string }> = [
  { code: 12110, name: 'Health policy and administrative management' },
  { code: 12181, name: 'Medical education/training' },
  { code: 12182, name: 'Medical research' },
  { code: 12191, name: 'Medical services' },
  { code: 12196, name: 'Health statistics and data' },
  { code: 12220, name: 'Basic health care' },
  { code: 12230, name: 'Basic health infrastructure' },
  { code: 12240, name: 'Basic nutrition' },
  { code: 12250, name: 'Infectious disease control' },
  { code: 12261, name: 'Health education' },
  { code: 12262, name: 'Malaria control' },
  { code: 12263, name: 'Tuberculosis control' },
  { code: 12264, name: 'COVID-19 control' },
  { code: 12281, name: 'Health personnel development' },
  { code: 13010, name: 'Population policy and administrative management' },
  { code: 13020, name: 'Reproductive health care' },
  { code: 13030, name: 'Family planning' },
  { code: 13040, name: 'STD control including HIV/AIDS' },
  { code: 13081, name: 'Personnel development for population and reproductive health' },
  { code: 13096, name: 'Population statistics and data' },
];

/** WHO Global Health Observatory indicators followed by the graph. */
export const indicators: ReadonlyArray<{
  code: string;
  name: string;
  unit: string;
  description: string;
}> = [
  {
    code: 'MDG_0000000026',
    name: 'Maternal mortality ratio',
    unit: 'per 100 000 live births',
    description: 'Maternal deaths per 100 000 live births in the same period.',
  },
  {
    code: 'MDG_0000000007',
    name: 'Under-five mortality rate',
    unit: 'per 1 000 live births',
    description: 'Probability of dying by age 5, per 1 000 live births.',
  },
  {
    code: 'WHOSIS_000003',
    name: 'Neonatal mortality rate',
    unit: 'per 1 000 live births',
    description: 'Deaths in the first 28 days of life per 1 000 live births.',
  },
  {
    code: 'MDG_0000000025',
    name: 'Births attended by skilled health personnel',
    unit: '%',
    description: 'Share of live births attended by skilled health personnel.',
  },
  {
    code: 'SRHINSTITUTIONALBIRTH',
    name: 'Births in a health facility',
    unit: '%',
    description: 'Share of live births that took place in a health facility.',
  },
];

/** The sources every seed fact is linked to. */
export const sources = {
  xinhua20200522: {
    id: seedId('source:xinhua-2020-05-22'),
    title:
      'Chinese obstetricians and pediatricians share experience with Mozambican doctors on COVID-19 through a teleconference at Maputo Central Hospital',
    publisher: 'Xinhua',
    url: null,
    published_on: '2020-05-22',
    kind: 'news_article',
    note: 'Dateline Maputo, 21 May 2020. The title is the article’s lead sentence.',
  },
  peoplesDaily20200424: {
    id: seedId('source:peoples-daily-2020-04-24'),
    title:
      'Teleconference on COVID-19 prevention and diagnosis by West China Hospital of Sichuan University for Mozambican doctors, 24 April 2020',
    publisher: "People's Daily Online",
    url: null,
    published_on: null,
    kind: 'news_article',
    note: 'Report of an earlier session of the same training series. The title describes the report.',
  },
  leapForward20240208: {
    id: seedId('source:uzbekistan-leap-forward-2024-02-08'),
    title:
      "Uzbekistan's Leap Forward: International Collaboration to Improve Maternal and Child Health",
    publisher: null,
    url: null,
    published_on: '2024-02-08',
    kind: 'news_article',
    note: null,
  },
  ghoMaternalMortality: {
    id: seedId('source:who-gho-mdg-0000000026'),
    title:
      'Maternal mortality ratio (per 100 000 live births): WHO Global Health Observatory, UN MMEIG estimates, round of April 2025',
    publisher: 'World Health Organization',
    url: 'https://ghoapi.azureedge.net/api/MDG_0000000026',
    published_on: null,
    kind: 'statistical_database',
    note: 'Modelled estimates of the UN Maternal Mortality Estimation Inter-agency Group; bounds are the 80% uncertainty interval.',
  },
  ghoSkilledBirthAttendance: {
    id: seedId('source:who-gho-mdg-0000000025'),
    title: 'Births attended by skilled health personnel (%): WHO Global Health Observatory',
    publisher: 'World Health Organization',
    url: 'https://ghoapi.azureedge.net/api/MDG_0000000025',
    published_on: null,
    kind: 'statistical_database',
    note: 'Country data from household surveys and routine health information systems.',
  },
  uzbekistanMaternalMortality2023: {
    id: seedId('source:uzbekistan-national-mmr-2023-q1-q3'),
    title:
      'Maternal mortality ratio, January–September 2023: national administrative figures of Uzbekistan',
    publisher: 'Government of Uzbekistan',
    url: null,
    published_on: null,
    kind: 'official_document',
    note: 'National administrative figures differ from the modelled estimates for the same year.',
  },
  isoCodes: {
    id: seedId('source:iso-codes-4.15.0'),
    title: 'ISO 3166-1 and ISO 3166-2 country and subdivision codes (iso-codes 4.15.0)',
    publisher: 'Debian iso-codes project',
    url: 'https://salsa.debian.org/iso-codes-team/iso-codes',
    published_on: null,
    kind: 'other',
    note: null,
  },
} satisfies Record<string, NewSource>;

interface SeedTopic extends Omit<NewTopic, 'id' | 'parent_id'> {
  parent?: string;
  dacCodes: number[];
  /** The sources in which the topic appears. */
  sources: string[];
}

/** Topics of training and areas of agreements, with their DAC purpose codes. */
export const topics: readonly SeedTopic[] = [
  {
    code: 'maternal-and-child-health',
    name: 'Maternal and child health',
    description:
      'Health of women during pregnancy, childbirth and the postnatal period, and of children.',
    dacCodes: [12220, 13020],
    sources: [sources.leapForward20240208.id, sources.xinhua20200522.id],
  },
  {
    code: 'obstetrics',
    name: 'Obstetrics',
    parent: 'maternal-and-child-health',
    dacCodes: [13020],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'maternal-mortality-reduction',
    name: 'Reducing maternal mortality',
    parent: 'maternal-and-child-health',
    dacCodes: [13020],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'child-health',
    name: 'Child health',
    parent: 'maternal-and-child-health',
    dacCodes: [12220],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'midwifery',
    name: 'Midwife training in reproductive health technologies',
    parent: 'maternal-and-child-health',
    dacCodes: [13081],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'perinatal-centre-management',
    name: 'Management of perinatal centres',
    parent: 'maternal-and-child-health',
    dacCodes: [12281, 13020],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'maternity-facility-upgrading',
    name: 'Upgrading maternity facilities with modern medical equipment',
    parent: 'maternal-and-child-health',
    dacCodes: [13020],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'covid-19',
    name: 'COVID-19',
    description: 'Prevention, diagnosis and treatment of novel coronavirus infection.',
    dacCodes: [12264],
    sources: [sources.xinhua20200522.id, sources.peoplesDaily20200424.id],
  },
  {
    code: 'covid-19-prevention-and-diagnosis',
    name: 'COVID-19 prevention and diagnosis',
    parent: 'covid-19',
    dacCodes: [12264],
    sources: [sources.peoplesDaily20200424.id],
  },
  {
    code: 'covid-19-in-children',
    name: 'Preventing and treating novel coronavirus infection in children',
    parent: 'covid-19',
    dacCodes: [12264],
    sources: [sources.xinhua20200522.id],
  },
  {
    code: 'covid-19-perinatal-management',
    name: 'Classified management of pregnant women throughout the perinatal period in the epidemic',
    parent: 'covid-19',
    dacCodes: [12264, 13020],
    sources: [sources.xinhua20200522.id],
  },
  {
    code: 'cardiology',
    name: 'Cardiology',
    dacCodes: [12191],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'oncology',
    name: 'Oncology',
    dacCodes: [12191],
    sources: [sources.leapForward20240208.id],
  },
  {
    code: 'hematology',
    name: 'Hematology',
    dacCodes: [12191],
    sources: [sources.leapForward20240208.id],
  },
];
