import { trainingEventColumns } from '../tables/columns.js';
import { Zipf } from './random.js';
import { eventKinds, professions, subjects } from './vocabulary.js';
import { DAY, FIRST_DAY, isoDate, LAST_DAY, type OpenWriter, TODAY, type World } from './world.js';

/** Training events, with their topics, presenters, organisations, participant groups and citations. */
export async function generateEvents(world: World, open: OpenWriter) {
  const {
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
  } = world;
  const file = open;
  // Training events and everything they hold.
  // The event's own columns, as the table lists them, without the bookkeeping ones, the key of
  // an import and the language of the title (English, the column's default).
  const eventFile = await file(
    'training_event',
    trainingEventColumns.filter(
      (column) =>
        column !== 'created_at' &&
        column !== 'updated_at' &&
        column !== 'version' &&
        column !== 'external_key' &&
        column !== 'original_language',
    ),
  );
  const eventTopicFile = await file('training_event_topic', ['training_event_id', 'topic_id']);
  const presenterFile = await file('training_event_presenter', [
    'id',
    'training_event_id',
    'position',
    'person_id',
    'organisation_id',
    'role',
    'profession',
  ]);
  const eventParticipationFile = await file('training_event_participation', [
    'id',
    'training_event_id',
    'organisation_id',
    'role',
  ]);
  const groupFile = await file('training_event_participant_group', [
    'id',
    'training_event_id',
    'position',
    'category',
    'description',
    'count',
    'organisation_id',
  ]);
  const citationFile = await file('training_event_citation', [
    'subject_id',
    'source_id',
    'locator',
  ]);
  const sourceZipf = new Zipf(counts.sources, 0.6);
  const eventFiles = [
    eventFile,
    eventTopicFile,
    presenterFile,
    eventParticipationFile,
    groupFile,
    citationFile,
  ];
  let presenters = 0;
  let participations = 0;
  let groups = 0;
  const span = (LAST_DAY - FIRST_DAY) / DAY;
  for (let n = 0; n < counts.events; n++) {
    const inProgramme = random.chance(0.85);
    const programme = inProgramme ? programmeZipf.sample(random) : undefined;
    const country =
      programme !== undefined && random.chance(0.8)
        ? programmeCountry[programme]!
        : active[countryZipf.sample(random)]!;
    const place = placeIn(country);
    const day = FIRST_DAY + Math.floor(span * random.next() ** 0.7) * DAY;
    const future = day > TODAY;
    const status = future
      ? random.chance(0.9)
        ? 'planned'
        : 'postponed'
      : random.chance(0.92)
        ? 'completed'
        : random.chance(0.6)
          ? 'cancelled'
          : 'postponed';
    const undated = status === 'planned' && random.chance(0.2);
    const format = random.chance(0.6)
      ? 'in_person'
      : random.chance(0.75)
        ? 'teleconference'
        : 'hybrid';
    const kind = format === 'teleconference' ? 'Teleconference' : random.pick(eventKinds);
    const subject = subjects[Math.floor(subjects.length * random.next() ** 1.5)]!;
    const where = place?.name ?? countryName.get(country)!;
    const host = random.chance(0.85) ? organisationIn(country) : undefined;
    const participants =
      status === 'completed' && random.chance(0.95)
        ? 5 + Math.floor(195 * random.next() ** 3)
        : null;
    const eventId = id('event', n);
    eventFile.write([
      eventId,
      `${kind} on ${subject} in ${where}`,
      random.chance(0.3)
        ? `Foreign experts trained local doctors, midwives and nurses on ${subject}.`
        : null,
      format,
      status,
      undated ? null : isoDate(day),
      'day',
      random.chance(0.9) ? random.pick([60, 90, 120, 180, 240, 360, 480]) : null,
      participants,
      status === 'completed' && random.chance(0.2)
        ? 'Participants reported better management protocols.'
        : null,
      programme === undefined ? null : id('programme', programme),
      host === undefined ? null : id('organisation', host),
      countryId(country),
      place?.id ?? null,
      where,
    ]);
    const eventTopics = new Set<string>();
    for (let k = random.int(1, 3); k > 0; k--) eventTopics.add(topicIds[topicZipf.sample(random)]!);
    for (const topic of eventTopics) eventTopicFile.write([eventId, topic]);
    const presenterCount = 1 + Math.floor(random.next() * random.next() * 5);
    for (let position = 0; position < presenterCount; position++) {
      const named = random.chance(0.7);
      const person = named ? personZipf.sample(random) : undefined;
      const organisation =
        person !== undefined ? personOrganisation[person]! : organisationZipf.sample(random);
      presenterFile.write([
        id('presenter', presenters++),
        eventId,
        position,
        person === undefined ? null : id('person', person),
        id('organisation', organisation),
        position === 0 || random.chance(0.8) ? 'expert' : 'speaker',
        named ? null : random.pick(professions),
      ]);
    }
    if (host !== undefined) {
      eventParticipationFile.write([
        id('eventParticipation', participations++),
        eventId,
        id('organisation', host),
        'host',
      ]);
    }
    if (random.chance(0.5)) {
      const other = organisationZipf.sample(random);
      if (other !== host) {
        eventParticipationFile.write([
          id('eventParticipation', participations++),
          eventId,
          id('organisation', other),
          'implementing',
        ]);
      }
    }
    if (participants !== null && random.chance(0.3)) {
      const midwives = Math.floor(participants * random.next());
      groupFile.write([
        id('participantGroup', groups++),
        eventId,
        0,
        'midwife',
        'Midwives',
        midwives,
        null,
      ]);
      groupFile.write([
        id('participantGroup', groups++),
        eventId,
        1,
        'doctor',
        'Doctors',
        participants - midwives,
        null,
      ]);
    }
    citationFile.write([eventId, id('source', sourceZipf.sample(random)), null]);
    if (n % 2048 === 0) await Promise.all(eventFiles.map((f) => f.flush()));
  }
  return {
    eventFile,
    eventTopicFile,
    presenterFile,
    eventParticipationFile,
    groupFile,
    citationFile,
  };
}
