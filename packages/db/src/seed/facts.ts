import type { NewAgreement } from '../tables/agreements.table.js';
import type { OrganisationRole, QuantityQualifier } from '../tables/common.js';
import type { NewDonation, NewDonationItem } from '../tables/donations.table.js';
import type { NewIndicatorObservation } from '../tables/indicators.table.js';
import type { NewOrganisation, NewPerson } from '../tables/organisations.table.js';
import type { NewProgramme, NewTarget } from '../tables/programmes.table.js';
import type {
  NewTrainingEvent,
  ParticipantCategory,
  PresenterRole,
} from '../tables/training-events.table.js';
import { seedId } from './ids.js';
import { sources } from './reference.js';

/**
 * The facts of the two source articles and the reference indicator values. Places and topics
 * are named by their codes; the loader resolves them to ids. Every record lists the sources
 * it comes from.
 */

type Cited = { sources: string[] };
type Placed = { country?: string; subdivision?: string };

const xinhua = sources.xinhua20200522.id;
const peoplesDaily = sources.peoplesDaily20200424.id;
const leapForward = sources.leapForward20240208.id;

export const organisationIds = {
  maputoCentralHospital: seedId('organisation:maputo-central-hospital'),
  sichuanUniversity: seedId('organisation:sichuan-university'),
  westChinaWomenChildren: seedId('organisation:west-china-womens-and-childrens-hospital'),
  westChinaHospital: seedId('organisation:west-china-hospital'),
  chineseMedicalTeam22: seedId('organisation:22nd-chinese-medical-team-mozambique'),
  chineseEmbassyMozambique: seedId('organisation:chinese-embassy-mozambique'),
  uzMaternalChildCentre: seedId('organisation:uz-rsspmc-maternal-child-health'),
  uzMinistryOfHealth: seedId('organisation:uz-ministry-of-health'),
  byMotherAndChild: seedId('organisation:by-rspc-mother-and-child'),
};
const org = organisationIds;

export const organisations: Array<NewOrganisation & Placed & Cited & { id: string }> = [
  {
    id: org.maputoCentralHospital,
    name: 'Maputo Central Hospital',
    acronym: 'HCM',
    kind: 'hospital',
    country: 'MZ',
    subdivision: 'MZ-MPM',
    sources: [xinhua],
  },
  {
    id: org.sichuanUniversity,
    name: 'Sichuan University',
    kind: 'university',
    country: 'CN',
    subdivision: 'CN-SC',
    sources: [xinhua, peoplesDaily],
  },
  {
    id: org.westChinaWomenChildren,
    name: "West China Women's and Children's Hospital of Sichuan University",
    kind: 'hospital',
    // A university's teaching hospital: academic rather than other public sector.
    iati_type: '80',
    country: 'CN',
    subdivision: 'CN-SC',
    parent_id: org.sichuanUniversity,
    sources: [xinhua],
  },
  {
    id: org.westChinaHospital,
    name: 'West China Hospital of Sichuan University',
    kind: 'hospital',
    // A university's teaching hospital: academic rather than other public sector.
    iati_type: '80',
    country: 'CN',
    subdivision: 'CN-SC',
    parent_id: org.sichuanUniversity,
    sources: [peoplesDaily],
  },
  {
    id: org.chineseMedicalTeam22,
    name: '22nd Chinese medical team to Mozambique',
    kind: 'medical_team',
    country: 'CN',
    sources: [xinhua],
  },
  {
    id: org.chineseEmbassyMozambique,
    name: 'Chinese Embassy in Mozambique',
    kind: 'embassy',
    country: 'CN',
    sources: [xinhua],
  },
  {
    id: org.uzMaternalChildCentre,
    name: 'Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health',
    kind: 'research_centre',
    country: 'UZ',
    sources: [leapForward],
  },
  {
    id: org.uzMinistryOfHealth,
    name: 'Ministry of Health of Uzbekistan',
    kind: 'ministry',
    country: 'UZ',
    sources: [leapForward],
  },
  {
    id: org.byMotherAndChild,
    name: 'Republican Scientific and Practical Center "Mother and Child"',
    kind: 'research_centre',
    country: 'BY',
    subdivision: 'BY-HM',
    sources: [leapForward],
  },
];

export const personIds = {
  mouzinhoSaide: seedId('person:mouzinho-saide'),
  liuXiaoguang: seedId('person:liu-xiaoguang'),
};

export const people: Array<NewPerson & Cited & { id: string }> = [
  {
    id: personIds.mouzinhoSaide,
    name: 'Mouzinho Saide',
    title: 'Director',
    organisation_id: org.maputoCentralHospital,
    sources: [xinhua],
  },
  {
    id: personIds.liuXiaoguang,
    name: 'Liu Xiaoguang',
    title: 'Counsellor',
    organisation_id: org.chineseEmbassyMozambique,
    sources: [xinhua],
  },
];

export const trainingEventIds = {
  maputo20200424: seedId('training_event:maputo-2020-04-24'),
  maputo20200521: seedId('training_event:maputo-2020-05-21'),
  karshi202402: seedId('training_event:karshi-2024-02'),
  uzPlanned: [1, 2, 3, 4].map((n) => seedId(`training_event:uz-planned-seminar-${n}`)),
};

export const agreementIds = {
  uzbekistanBelarusHealthcare: seedId('agreement:uzbekistan-belarus-healthcare-2024'),
};

export const agreements: Array<
  NewAgreement & Cited & { id: string; parties: string[]; areas: string[] }
> = [
  {
    id: agreementIds.uzbekistanBelarusHealthcare,
    title: 'Agreement on healthcare cooperation between Uzbekistan and Belarus',
    description:
      'Signed at the seminar in Karshi. The two countries have outlined over 110 areas of collaboration in healthcare, after the Healthcare Days of Uzbekistan and Belarus in November 2023. Belarus has offered to help staff clinics and teach obstetrics in Uzbekistan; the Presidents of both countries have expressed their willingness to support each other in the healthcare sector.',
    kind: 'bilateral',
    signed_on: '2024-02-01',
    signed_on_precision: 'month',
    declared_area_count: 110,
    declared_area_count_qualifier: 'more_than',
    signing_event_id: trainingEventIds.karshi202402,
    parties: ['UZ', 'BY'],
    areas: ['child-health', 'cardiology', 'oncology', 'hematology'],
    sources: [leapForward],
  },
];

export const programmeIds = {
  chinaMozambiqueCovidTraining: seedId('programme:china-mozambique-covid-19-training'),
  uzbekistanRegionalSeminars: seedId('programme:uzbekistan-regional-mch-seminars'),
};

type Participation = { organisation: string; role: OrganisationRole };

export const programmes: Array<
  NewProgramme &
    Cited & {
      id: string;
      sectors: number[];
      participations: Participation[];
      targetSubdivisions: Array<{ code: string; rationale: string }>;
    }
> = [
  {
    id: programmeIds.chinaMozambiqueCovidTraining,
    title: 'COVID-19 training series by Chinese doctors for Mozambican peers',
    description:
      'A series of online training sessions offered by Chinese doctors and medical experts to their Mozambican peers on dealing with the COVID-19 pandemic. The 22nd Chinese medical team to Mozambique coordinates the exchanges of doctors between the two countries and has assisted Maputo Central Hospital in establishing a response plan.',
    status: 2,
    sectors: [12264, 12181],
    participations: [
      { organisation: org.chineseMedicalTeam22, role: 'extending' },
      { organisation: org.westChinaWomenChildren, role: 'implementing' },
      { organisation: org.westChinaHospital, role: 'implementing' },
      { organisation: org.maputoCentralHospital, role: 'beneficiary' },
    ],
    targetSubdivisions: [],
    sources: [xinhua, peoplesDaily],
  },
  {
    id: programmeIds.uzbekistanRegionalSeminars,
    title:
      'Training seminars with international experts in regions with high maternal and child mortality',
    description:
      'An initiative spurred by the President of Uzbekistan: training seminars featuring international experts, targeted at regions grappling with high rates of maternal and child mortality. After the seminar in Karshi, similar seminars are planned in four additional regions.',
    status: 2,
    start_date: '2024-02-01',
    start_date_precision: 'month',
    agreement_id: agreementIds.uzbekistanBelarusHealthcare,
    sectors: [12281, 13020],
    participations: [
      { organisation: org.uzMinistryOfHealth, role: 'accountable' },
      { organisation: org.uzMaternalChildCentre, role: 'implementing' },
      { organisation: org.byMotherAndChild, role: 'implementing' },
    ],
    targetSubdivisions: [
      {
        code: 'UZ-QA',
        rationale: 'Region with high maternal and child mortality; first seminar held in Karshi.',
      },
    ],
    sources: [leapForward],
  },
];

export const targets: Array<NewTarget & Cited & { id: string; subdivision?: string }> = [
  {
    id: seedId('target:uz-seminars-in-five-regions'),
    programme_id: programmeIds.uzbekistanRegionalSeminars,
    metric: 'events_held',
    description: 'Seminars with international experts in five regions: Karshi and four more',
    baseline_value: 0,
    target_value: 5,
    sources: [leapForward],
  },
  {
    id: seedId('target:uz-foreign-experts-perinatal-centres'),
    programme_id: programmeIds.uzbekistanRegionalSeminars,
    metric: 'other',
    description: 'Involve foreign experts in managing perinatal centres',
    sources: [leapForward],
  },
  {
    id: seedId('target:uz-midwives-reproductive-health-technologies'),
    programme_id: programmeIds.uzbekistanRegionalSeminars,
    metric: 'midwives_trained',
    description: 'Train midwives in advanced reproductive health technologies',
    sources: [leapForward],
  },
  {
    id: seedId('target:uz-maternity-facilities-upgraded'),
    programme_id: programmeIds.uzbekistanRegionalSeminars,
    metric: 'facilities_upgraded',
    description: 'Upgrade maternity facilities with modern medical equipment',
    sources: [leapForward],
  },
];

type Presenter = {
  person?: string;
  organisation?: string;
  role: PresenterRole;
  profession?: string;
};
type ParticipantGroup = {
  category: ParticipantCategory;
  description: string;
  count: number;
  organisation?: string;
};

export type SeedTrainingEvent = Omit<NewTrainingEvent, 'country_id'> &
  Placed &
  Cited & {
    id: string;
    country: string;
    topics: string[];
    presenters: Presenter[];
    participations: Participation[];
    participantGroups: ParticipantGroup[];
  };

const plannedSeminar = (n: number): SeedTrainingEvent => ({
  id: trainingEventIds.uzPlanned[n - 1]!,
  title: `Planned seminar with international experts in an additional region (${n} of 4)`,
  description:
    'One of the similar seminars Uzbekistan plans in four additional regions after Karshi; the region is not yet named.',
  format: 'in_person',
  status: 'planned',
  programme_id: programmeIds.uzbekistanRegionalSeminars,
  country: 'UZ',
  topics: ['obstetrics', 'maternal-mortality-reduction'],
  presenters: [],
  participations: [],
  participantGroups: [],
  sources: [leapForward],
});

export const trainingEvents: SeedTrainingEvent[] = [
  {
    id: trainingEventIds.maputo20200424,
    title: 'COVID-19 prevention and diagnosis: teleconference with West China Hospital',
    description:
      'An earlier session of the COVID-19 training series, given by experts of West China Hospital of Sichuan University.',
    format: 'teleconference',
    status: 'completed',
    start_date: '2020-04-24',
    programme_id: programmeIds.chinaMozambiqueCovidTraining,
    country: 'MZ',
    topics: ['covid-19-prevention-and-diagnosis'],
    presenters: [{ organisation: org.westChinaHospital, role: 'expert' }],
    participations: [{ organisation: org.westChinaHospital, role: 'implementing' }],
    participantGroups: [],
    sources: [peoplesDaily],
  },
  {
    id: trainingEventIds.maputo20200521,
    title: 'COVID-19 among pregnant women and children: teleconference at Maputo Central Hospital',
    description:
      'Chinese obstetricians and pediatricians shared their experience with Mozambican doctors on the prevention and treatment of COVID-19 among pregnant women and children. Members of the 22nd Chinese medical team to Mozambique took part with 23 local medical specialists.',
    format: 'teleconference',
    status: 'completed',
    start_date: '2020-05-21',
    duration_minutes: 120,
    participant_count: 23,
    outcome_summary:
      'The hospital director, Mouzinho Saide, said the series of online training had yielded very positive and visible results, allowing the hospital’s doctors to improve treatment and management protocols for patients in the context of the pandemic.',
    programme_id: programmeIds.chinaMozambiqueCovidTraining,
    host_organisation_id: org.maputoCentralHospital,
    country: 'MZ',
    subdivision: 'MZ-MPM',
    locality: 'Maputo',
    topics: ['covid-19-in-children', 'covid-19-perinatal-management'],
    presenters: [
      { organisation: org.westChinaWomenChildren, role: 'expert', profession: 'Obstetrician' },
      { organisation: org.westChinaWomenChildren, role: 'expert', profession: 'Pediatrician' },
      { person: personIds.mouzinhoSaide, organisation: org.maputoCentralHospital, role: 'speaker' },
      {
        person: personIds.liuXiaoguang,
        organisation: org.chineseEmbassyMozambique,
        role: 'speaker',
      },
    ],
    participations: [
      { organisation: org.maputoCentralHospital, role: 'host' },
      { organisation: org.westChinaWomenChildren, role: 'implementing' },
      { organisation: org.chineseMedicalTeam22, role: 'extending' },
    ],
    participantGroups: [
      { category: 'medical_specialist', description: 'Local medical specialists', count: 23 },
    ],
    sources: [xinhua],
  },
  {
    id: trainingEventIds.karshi202402,
    title: 'Seminar in Karshi on obstetrics and reducing maternal mortality',
    description:
      'A training seminar with experts of the Republican Scientific and Practical Center "Mother and Child" of Belarus, hosted with the Ministry of Health of Uzbekistan. The agreement on healthcare cooperation between Uzbekistan and Belarus was signed at the event.',
    format: 'in_person',
    status: 'completed',
    start_date: '2024-02-01',
    start_date_precision: 'month',
    participant_count: 30,
    programme_id: programmeIds.uzbekistanRegionalSeminars,
    host_organisation_id: org.uzMaternalChildCentre,
    country: 'UZ',
    subdivision: 'UZ-QA',
    locality: 'Karshi',
    topics: ['obstetrics', 'maternal-mortality-reduction'],
    presenters: [{ organisation: org.byMotherAndChild, role: 'expert' }],
    participations: [
      { organisation: org.uzMaternalChildCentre, role: 'host' },
      { organisation: org.uzMinistryOfHealth, role: 'accountable' },
      { organisation: org.byMotherAndChild, role: 'implementing' },
    ],
    participantGroups: [
      {
        category: 'medical_specialist',
        description: 'Specialists from various regions',
        count: 30,
      },
    ],
    sources: [leapForward],
  },
  plannedSeminar(1),
  plannedSeminar(2),
  plannedSeminar(3),
  plannedSeminar(4),
];

type Item = Omit<NewDonationItem, 'donation_id' | 'position'> & {
  quantity_qualifier?: QuantityQualifier;
};

export const donations: Array<
  Omit<NewDonation, 'donor_country_id' | 'recipient_country_id'> &
    Cited & { id: string; donorCountry?: string; recipientCountry?: string; items: Item[] }
> = [
  {
    id: seedId('donation:china-mozambique-covid-19-2020'),
    title: "China's medical donations to Mozambique for the COVID-19 response, as of 21 May 2020",
    description:
      'Stated by Counsellor Liu Xiaoguang of the Chinese embassy at the teleconference of 21 May 2020: by far China has donated more than 1.3 million medical masks, nearly 40 000 sets of testing kits, 20 000 sets of protective clothing and other medical supplies to Mozambique.',
    status: 'delivered',
    announced_on: '2020-05-21',
    donorCountry: 'CN',
    recipientCountry: 'MZ',
    items: [
      {
        category: 'masks',
        description: 'Medical masks',
        quantity: 1_300_000,
        quantity_qualifier: 'more_than',
        unit: 'piece',
      },
      {
        category: 'test_kits',
        description: 'Testing kits',
        quantity: 40_000,
        quantity_qualifier: 'nearly',
        unit: 'set',
      },
      {
        category: 'protective_clothing',
        description: 'Protective clothing',
        quantity: 20_000,
        unit: 'set',
      },
      { category: 'other', description: 'Other medical supplies', quantity: null, unit: null },
    ],
    sources: [xinhua],
  },
];

const mmeig = 'UN MMEIG, April 2025';
type Observation = Omit<NewIndicatorObservation, 'country_id'> & { country: string };

const maternalMortality = (
  country: string,
  year: number,
  value: number,
  bounds?: [number, number],
): Observation => ({
  id: seedId(`indicator_observation:MDG_0000000026:${country}:${year}:mmeig-2025-04`),
  indicator_code: 'MDG_0000000026',
  country,
  year,
  value,
  lower_bound: bounds?.[0] ?? null,
  upper_bound: bounds?.[1] ?? null,
  method: 'modelled_estimate',
  estimate_round: mmeig,
  source_id: sources.ghoMaternalMortality.id,
});

const skilledBirthAttendance = (country: string, year: number, value: number): Observation => ({
  id: seedId(`indicator_observation:MDG_0000000025:${country}:${year}`),
  indicator_code: 'MDG_0000000025',
  country,
  year,
  value,
  method: 'national_report',
  source_id: sources.ghoSkilledBirthAttendance.id,
});

export const observations: Observation[] = [
  maternalMortality('MZ', 2000, 525),
  maternalMortality('UZ', 2000, 42),
  maternalMortality('BY', 2000, 20),
  maternalMortality('CN', 2000, 56),
  maternalMortality('MZ', 2023, 82, [60, 113]),
  maternalMortality('UZ', 2023, 26, [18, 40]),
  maternalMortality('BY', 2023, 1, [1, 2]),
  maternalMortality('CN', 2023, 16, [11, 21]),
  {
    id: seedId('indicator_observation:MDG_0000000026:UZ:2023:national-jan-sep'),
    indicator_code: 'MDG_0000000026',
    country: 'UZ',
    year: 2023,
    period: 'January–September',
    value: 14.1,
    method: 'national_report',
    source_id: sources.uzbekistanMaternalMortality2023.id,
    note: 'National administrative figure; the modelled estimate for 2023 is 26.',
  },
  skilledBirthAttendance('MZ', 2023, 68),
  skilledBirthAttendance('UZ', 2022, 99),
  skilledBirthAttendance('BY', 2022, 100),
  skilledBirthAttendance('CN', 2016, 100),
];
