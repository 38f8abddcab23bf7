import { iatiTypeOfKind } from '../migrations/0018_iati_organisations.js';
import { countries } from '../seed/countries.js';
import { seedId } from '../seed/ids.js';
import { topics as seedTopics } from '../seed/reference.js';
import { assertPlainText, type RowWriter } from './copy-writer.js';
import { generateDonations, generateObservations } from './donations.js';
import { generateEvents } from './events.js';
import { type IdKind, syntheticId } from './ids.js';
import { Random, Zipf } from './random.js';
import {
  eventKinds,
  familyNames,
  givenNames,
  goods,
  organisationKinds,
  placeNames,
  professions,
  subjects,
  titles,
} from './vocabulary.js';
import {
  DAY,
  FIRST_DAY,
  isoDate,
  type OpenWriter,
  type SynthCounts,
  TODAY,
  type World,
} from './world.js';

export type { SynthCounts } from './world.js';

/** How much synthetic data to make; everything scales with the number of events. */
export interface SynthSize {
  events: number;
  seed: number;
}

export function countsFor({ events }: SynthSize): SynthCounts {
  return {
    subdivisions: 3000,
    organisations: Math.min(50_000, Math.max(2_000, Math.round(events / 20))),
    people: Math.min(200_000, Math.max(8_000, Math.round(events / 5))),
    sources: 500,
    topics: 60,
    agreements: Math.max(20, Math.round(events / 1_000)),
    programmes: Math.max(50, Math.round(events / 100)),
    events,
    donations: Math.max(100, Math.round(events / 10)),
  };
}

/** The active countries, in a fixed shuffled order; the first ones get the most activity. */
function activeCountries(random: Random): string[] {
  const codes = countries.map(([code]) => code);
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  return codes.slice(0, 160);
}

/**
 * Writes every synthetic table through the writers `open` gives, and returns them in the order
 * they must be loaded (a table after those it points at).
 */
export async function generate(size: SynthSize, open: OpenWriter): Promise<RowWriter[][]> {
  // Every text written below is made of these parts, so checking them once keeps every row
  // plain COPY text.
  assertPlainText([
    ...eventKinds,
    ...subjects,
    ...organisationKinds.flat(),
    ...placeNames,
    ...givenNames,
    ...familyNames,
    ...professions,
    ...titles,
    ...goods.flat(),
    ...countries.map(([, , , name]) => name),
  ]);
  const counts = countsFor(size);
  const random = new Random(size.seed);
  const id = (kind: IdKind, n: number) => syntheticId(kind, n);
  const file = open;
  const countryIds = new Map(countries.map(([code]) => [code, seedId(`country:${code}`)]));
  const countryId = (code: string) => countryIds.get(code)!;

  const active = activeCountries(random);
  const countryZipf = new Zipf(active.length, 1.05);
  const countryName = new Map(countries.map(([code, , , name]) => [code, name]));

  // Subdivisions: spread over the active countries, more where there is more activity.
  const subdivisionFile = await file('subdivision', ['id', 'code', 'country_id', 'name', 'kind']);
  const subdivisionsByCountry = new Map<string, Array<{ id: string; name: string }>>();
  for (let n = 0; n < counts.subdivisions; n++) {
    const country = active[n % active.length]!;
    const list = subdivisionsByCountry.get(country) ?? [];
    const name = `${placeNames[list.length % placeNames.length]} ${['Region', 'Province', 'District'][list.length % 3]} ${Math.floor(list.length / placeNames.length) + 1}`;
    const code = `${country}-Z${list.length.toString(36).toUpperCase().padStart(2, '0')}`;
    const subdivision = { id: id('subdivision', n), name };
    list.push(subdivision);
    subdivisionsByCountry.set(country, list);
    subdivisionFile.write([subdivision.id, code, countryId(country), name, 'region']);
  }
  const placeIn = (country: string) => {
    const list = subdivisionsByCountry.get(country);
    if (!list?.length || random.chance(0.1)) return undefined;
    return list[Math.min(list.length - 1, Math.floor(list.length * random.next() ** 2))];
  };

  // Sources: news reports that events cite.
  const sourceFile = await file('source', [
    'id',
    'title',
    'publisher',
    'url',
    'published_on',
    'kind',
  ]);
  for (let n = 0; n < counts.sources; n++) {
    sourceFile.write([
      id('source', n),
      `Report on cooperation in maternal and child health, issue ${n + 1}`,
      ['Xinhua', 'BelTA', 'UzA', 'AIM', 'Reuters', 'WHO news'][n % 6],
      `https://news.example.org/mch/${n + 1}`,
      isoDate(FIRST_DAY + random.int(0, (TODAY - FIRST_DAY) / DAY) * DAY),
      'news_article',
    ]);
  }

  // Topics: the seed's topics and more beneath them.
  const topicFile = await file('topic', ['id', 'code', 'name', 'description', 'parent_id']);
  const topicDacFile = await file('topic_dac_purpose', ['topic_id', 'dac_code']);
  const parents = seedTopics
    .filter((topic) => !topic.parent)
    .map((topic) => seedId(`topic:${topic.code}`));
  const topicIds = seedTopics.map((topic) => seedId(`topic:${topic.code}`));
  for (let n = 0; n < counts.topics; n++) {
    const topicId = id('topic', n);
    const subject = subjects[n % subjects.length]!;
    topicFile.write([
      topicId,
      `${subject.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n + 1}`,
      `${subject[0]!.toUpperCase()}${subject.slice(1)} (${n + 1})`,
      null,
      parents[n % parents.length],
    ]);
    topicDacFile.write([topicId, [12181, 12220, 12281, 13020, 13081][n % 5]]);
    topicIds.push(topicId);
  }
  const topicZipf = new Zipf(topicIds.length, 0.8);

  // Organisations, with their country and, mostly, their subdivision.
  const organisationFile = await file('organisation', [
    'id',
    'name',
    'acronym',
    'kind',
    'iati_identifier',
    'iati_type',
    'country_id',
    'subdivision_id',
    'parent_id',
  ]);
  const organisationsByCountry = new Map<string, number[]>();
  const organisationCountry: string[] = [];
  for (let n = 0; n < counts.organisations; n++) {
    const country = active[countryZipf.sample(random)]!;
    const place = placeIn(country);
    const [kind, kindName] = organisationKinds[n % organisationKinds.length]!;
    const list = organisationsByCountry.get(country) ?? [];
    const parent =
      list.length > 0 && random.chance(0.1) ? list[random.int(0, list.length - 1)] : undefined;
    organisationFile.write([
      id('organisation', n),
      `${kindName} of ${place?.name ?? countryName.get(country)} No. ${n + 1}`,
      null,
      kind,
      random.chance(0.05) ? `XM-SYN-${n + 1}` : null,
      // Loaded with triggers off, so the type the database would give is written here.
      iatiTypeOfKind[kind],
      countryId(country),
      place?.id ?? null,
      parent === undefined ? null : id('organisation', parent),
    ]);
    list.push(n);
    organisationsByCountry.set(country, list);
    organisationCountry.push(country);
  }
  const organisationZipf = new Zipf(counts.organisations, 0.9);
  const organisationIn = (country: string) => {
    const list = organisationsByCountry.get(country);
    if (!list?.length) return organisationZipf.sample(random);
    return list[Math.min(list.length - 1, Math.floor(list.length * random.next() ** 2))]!;
  };

  // People: experts of the organisations.
  const personFile = await file('person', ['id', 'name', 'profession', 'title', 'organisation_id']);
  const personOrganisation: number[] = [];
  for (let n = 0; n < counts.people; n++) {
    const organisation = organisationZipf.sample(random);
    personFile.write([
      id('person', n),
      `${random.pick(givenNames)} ${random.pick(familyNames)}`,
      random.pick(professions),
      random.chance(0.6) ? random.pick(titles) : null,
      id('organisation', organisation),
    ]);
    personOrganisation.push(organisation);
  }
  const personZipf = new Zipf(counts.people, 0.7);

  // Agreements between two governments, naming some areas.
  const agreementFile = await file('agreement', [
    'id',
    'title',
    'description',
    'kind',
    'signed_on',
    'signed_on_precision',
    'declared_area_count',
    'declared_area_count_qualifier',
  ]);
  const partyFile = await file('agreement_party', [
    'id',
    'agreement_id',
    'country_id',
    'organisation_id',
  ]);
  const areaFile = await file('agreement_area', ['agreement_id', 'topic_id']);
  for (let n = 0; n < counts.agreements; n++) {
    const a = active[countryZipf.sample(random)]!;
    let b = active[countryZipf.sample(random)]!;
    if (a === b) b = active[(active.indexOf(a) + 1) % active.length]!;
    agreementFile.write([
      id('agreement', n),
      `Agreement on healthcare cooperation between ${countryName.get(a)} and ${countryName.get(b)} (${n + 1})`,
      'Cooperation in maternal and child health, medical education and the exchange of experts.',
      'bilateral',
      isoDate(FIRST_DAY + random.int(0, (TODAY - FIRST_DAY) / DAY) * DAY),
      'day',
      random.chance(0.3) ? random.int(10, 120) : null,
      random.chance(0.5) ? 'more_than' : 'exact',
    ]);
    partyFile.write([id('agreementParty', 2 * n), id('agreement', n), countryId(a), null]);
    partyFile.write([id('agreementParty', 2 * n + 1), id('agreement', n), countryId(b), null]);
    const areas = new Set<string>();
    for (let k = random.int(3, 8); k > 0; k--) areas.add(topicIds[topicZipf.sample(random)]!);
    for (const topic of areas) areaFile.write([id('agreement', n), topic]);
  }

  // Programmes: series of events, with organisations, target regions and targets.
  const programmeFile = await file('programme', [
    'id',
    'title',
    'description',
    'status',
    'start_date',
    'start_date_precision',
    'end_date',
    'agreement_id',
    'iati_identifier',
  ]);
  const sectorFile = await file('programme_sector', ['programme_id', 'dac_code']);
  const programmeParticipationFile = await file('programme_participation', [
    'id',
    'programme_id',
    'organisation_id',
    'role',
  ]);
  const targetSubdivisionFile = await file('programme_target_subdivision', [
    'programme_id',
    'subdivision_id',
    'rationale',
  ]);
  const targetFile = await file('target', [
    'id',
    'programme_id',
    'subdivision_id',
    'metric',
    'description',
    'baseline_value',
    'baseline_date',
    'target_value',
    'target_date',
  ]);
  const programmeCountry: string[] = [];
  let participationCount = 0;
  let targetCount = 0;
  for (let n = 0; n < counts.programmes; n++) {
    const country = active[countryZipf.sample(random)]!;
    const start = FIRST_DAY + random.int(0, (TODAY - FIRST_DAY) / DAY - 365) * DAY;
    const programmeId = id('programme', n);
    programmeFile.write([
      programmeId,
      `${subjects[n % subjects.length]![0]!.toUpperCase()}${subjects[n % subjects.length]!.slice(1)} programme in ${countryName.get(country)} (${n + 1})`,
      'Training of doctors, midwives and nurses by foreign experts in the regions with the highest maternal and child mortality.',
      start + 4 * 365 * DAY < TODAY ? 4 : 2,
      isoDate(start),
      'day',
      random.chance(0.5) ? isoDate(start + random.int(2, 6) * 365 * DAY) : null,
      random.chance(0.5) ? id('agreement', random.int(0, counts.agreements - 1)) : null,
      null,
    ]);
    sectorFile.write([programmeId, 12281]);
    if (random.chance(0.5)) sectorFile.write([programmeId, 13020]);
    const organisations = new Set<number>();
    for (let k = random.int(2, 4); k > 0; k--) organisations.add(organisationIn(country));
    let role = 0;
    for (const organisation of organisations) {
      programmeParticipationFile.write([
        id('participation', participationCount++),
        programmeId,
        id('organisation', organisation),
        ['accountable', 'implementing', 'funding', 'beneficiary'][role++ % 4],
      ]);
    }
    const regions = subdivisionsByCountry.get(country) ?? [];
    const targeted = new Set<string>();
    for (let k = Math.min(regions.length, random.int(1, 5)); k > 0; k--) {
      targeted.add(regions[random.int(0, regions.length - 1)]!.id);
    }
    for (const subdivision of targeted) {
      targetSubdivisionFile.write([programmeId, subdivision, 'High maternal and child mortality.']);
    }
    const metrics = ['events_held', 'participants_trained', 'midwives_trained'] as const;
    for (let k = random.int(1, 3); k > 0; k--) {
      const metric = metrics[k - 1]!;
      targetFile.write([
        id('target', targetCount++),
        programmeId,
        null,
        metric,
        `${metric.replace('_', ' ')} (${n + 1})`,
        0,
        isoDate(start),
        metric === 'events_held' ? random.int(5, 50) : random.int(100, 2000),
        isoDate(start + 5 * 365 * DAY),
      ]);
    }
    programmeCountry.push(country);
  }
  const programmeZipf = new Zipf(counts.programmes, 0.8);

  const world: World = {
    counts,
    random,
    id,
    countryId,
    active,
    countryZipf,
    countryName,
    placeIn,
    topicIds,
    topicZipf,
    organisationIn,
    organisationZipf,
    personZipf,
    personOrganisation,
    programmeZipf,
    programmeCountry,
  };
  const events = await generateEvents(world, file);
  const { donationFile, itemFile } = await generateDonations(world, file);
  const observationFile = await generateObservations(world, file);

  const waves = [
    [subdivisionFile, sourceFile, topicFile],
    [topicDacFile, organisationFile],
    [personFile, agreementFile],
    [partyFile, areaFile, programmeFile],
    [sectorFile, programmeParticipationFile, targetSubdivisionFile, targetFile, events.eventFile],
    [
      events.eventTopicFile,
      events.presenterFile,
      events.eventParticipationFile,
      events.groupFile,
      events.citationFile,
      donationFile,
    ],
    [itemFile, observationFile],
  ];
  await Promise.all(waves.flat().map((f) => f.close()));
  return waves;
}
