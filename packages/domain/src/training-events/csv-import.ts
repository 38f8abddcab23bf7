import { sql } from 'kysely';
import { changedValues, RowReader } from '../imports/cells.js';
import { registerCsvKind } from '../imports/csv.js';
import type { FieldError } from '../shared/errors.js';
import { anyOf } from '../shared/sql.js';
import { topicCode } from '../topics/topic.js';
import { updateColumns } from '../writes/crud.js';
import { type FieldSpecs, validate, validateCodes } from '../writes/fields.js';
import { insertRow, snapshot } from '../writes/run.js';
import { trainingEventFields } from './training-event.writes.js';

/**
 * Training events from a coordinator's spreadsheet, one row per event. The export of
 * `trainingEvents` writes these same columns (topics too), so an exported file, edited,
 * imports again, and unedited changes nothing.
 */

const FORMATS = ['in_person', 'teleconference', 'hybrid'] as const;
const PRECISIONS = ['day', 'month', 'year'] as const;
const STATUSES = ['planned', 'completed', 'cancelled', 'postponed'] as const;
/** The statuses only their verbs set, since they record why; a row may keep them, not set them. */
const VERB_OF: Record<string, string> = {
  cancelled: 'cancelTrainingEvent',
  postponed: 'postponeTrainingEvent',
};

/**
 * The topics an export writes per event. Events have a few; each one selected counts towards
 * the page's cost (and the caller's rate limit) whether the event has it or not.
 */
const TOPICS_EXPORTED = 25;

const code = (value: unknown) => (value as { code: string } | null)?.code ?? null;

/** What a row sets: the fields of an event, and what its outcome says once held. */
const rowFields: FieldSpecs = {
  ...trainingEventFields,
  participantCount: {
    kind: 'int',
    column: 'participant_count',
    min: 0,
    max: 10_000_000,
    description: '',
  },
  outcomeSummary: {
    kind: 'text',
    column: 'outcome_summary',
    max: 4000,
    multiline: true,
    description: '',
  },
};

interface EventRecord {
  values: Record<string, unknown>;
  topicIds: string[];
}

/** A stored event as an import compares it: its columns and its topics. */
interface StoredEvent {
  row: Record<string, unknown>;
  topicIds: string[];
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && b.every((id) => a.includes(id));

registerCsvKind<EventRecord, StoredEvent>({
  name: 'trainingEvents',
  typename: 'TrainingEvent',
  table: 'training_event',
  rowIs: 'one training event',
  noun: 'training event',
  columns: [
    { header: 'title', required: true, description: 'What the event is called.' },
    { header: 'format', required: true, description: 'IN_PERSON, TELECONFERENCE or HYBRID.' },
    { header: 'country', required: true, description: 'ISO 3166-1 alpha-2 code, such as UZ.' },
    { header: 'subdivision', description: 'ISO 3166-2 code, such as UZ-QA.' },
    { header: 'locality', description: 'The city or town.' },
    {
      header: 'startDate',
      description: 'YYYY-MM-DD; the first of the month or year when only those are known.',
    },
    { header: 'startDatePrecision', description: 'DAY (the default), MONTH or YEAR.' },
    { header: 'durationMinutes', description: 'How long, in minutes.' },
    {
      header: 'status',
      description:
        'PLANNED (the default) or COMPLETED; CANCELLED and POSTPONED are kept, set by their mutations.',
    },
    { header: 'participantCount', description: 'How many people took part, once held.' },
    { header: 'outcomeSummary', description: 'What came of it, once held.' },
    { header: 'hostOrganisation', description: 'The host organisation, by its name in the graph.' },
    { header: 'programme', description: 'The programme, by its title in the graph.' },
    {
      header: 'topics',
      description: 'Topic codes separated by semicolons, such as obstetrics;neonatology.',
    },
    { header: 'description', description: 'What happened or is to happen.' },
  ],

  export: {
    list: 'trainingEvents',
    selection: `id externalKey title format country { code } subdivision { code } locality
      startDate startDatePrecision durationMinutes status participantCount outcomeSummary
      hostOrganisation { name } programme { title }
      topics(first: ${TOPICS_EXPORTED}) { pageInfo { hasNextPage } nodes { code } }
      description durationHours originalLanguage createdAt updatedAt version`,
    ignored: [
      { header: 'durationHours', description: 'durationMinutes in hours.' },
      { header: 'originalLanguage', description: 'The language of the title.' },
      { header: 'createdAt', description: 'When it was recorded.' },
      { header: 'updatedAt', description: 'When it last changed.' },
      { header: 'version', description: 'How many times it was written.' },
    ],
    rows: (node) => {
      const topics = node.topics as {
        pageInfo: { hasNextPage: boolean };
        nodes: Array<{ code: string }>;
      };
      if (topics.pageInfo.hasNextPage) {
        // Cut short, the row would import as an event without its other topics.
        throw new Error(
          `Training event ${String(node.id)} has more than ${TOPICS_EXPORTED} topics; export it through GraphQL.`,
        );
      }
      return [
        {
          ...node,
          country: code(node.country),
          subdivision: code(node.subdivision),
          hostOrganisation: (node.hostOrganisation as { name: string } | null)?.name ?? null,
          programme: (node.programme as { title: string } | null)?.title ?? null,
          topics: topics.nodes.map((topic) => topic.code).join(';'),
        },
      ];
    },
  },

  async load(db, ids) {
    const [rows, topics] = await Promise.all([
      sql<{ id: string; row: Record<string, unknown> }>`
        select t.id, to_jsonb(t) - 'search_vector' as row from training_event t
        where ${anyOf('t.id', ids)}`.execute(db),
      db
        .selectFrom('training_event_topic')
        .select(['training_event_id', 'topic_id'])
        .where(anyOf('training_event_id', ids))
        .execute(),
    ]);
    const stored = new Map<string, StoredEvent>(
      rows.rows.map(({ id, row }) => [id, { row, topicIds: [] }]),
    );
    for (const { training_event_id, topic_id } of topics) {
      stored.get(training_event_id)?.topicIds.push(topic_id);
    }
    return stored;
  },

  async prepare({ trx, lookups }, rows, target, stored) {
    const [row, ...others] = rows;
    const reader = new RowReader(row!);
    if (others.length > 0) {
      reader.fail(
        target.key === null ? 'id' : 'externalKey',
        `is also on row${others.length > 1 ? 's' : ''} ${others.map((r) => r.row).join(', ')}; each event has one row.`,
      );
    }
    reader
      .text(
        'title',
        'description',
        'locality',
        'country',
        'subdivision',
        'startDate',
        'outcomeSummary',
      )
      .integer('durationMinutes', 'participantCount')
      .choice('format', FORMATS)
      .choice('startDatePrecision', PRECISIONS, 'day')
      .choice('status', STATUSES, 'planned');
    await reader.named(lookups, 'hostOrganisation', {
      typename: 'Organisation',
      table: 'organisation',
      nameColumn: 'name',
    });
    await reader.named(lookups, 'programme', {
      typename: 'Programme',
      table: 'programme',
      nameColumn: 'title',
    });
    const { status, ...input } = reader.input;
    // A blank required cell is a missing value, not one to clear.
    for (const [name, spec] of Object.entries(rowFields)) {
      if (spec.required && input[name] === null) delete input[name];
    }
    const { values, errors } = await validate(
      trx,
      rowFields,
      input,
      'create',
      [`row:${reader.row.row}`],
      lookups.keyOf,
    );
    const topicErrors: FieldError[] = [];
    const topicIds = await validateCodes(
      trx,
      topicCode,
      reader.list('topics'),
      topicErrors,
      'topics',
      'topic',
      lookups.keyOf,
    );
    // A cell the reader could not read already has its error; the rules need not say it again.
    const unread = new Set(reader.errors.map((e) => e.path[1]));
    const problems = [
      ...reader.errors,
      ...errors.filter((e) => !unread.has(e.path[1])),
      ...topicErrors.map((e) => ({ path: reader.at('topics'), message: e.message })),
    ];
    // The rule of `subdivisionOutsideCountry`, from the import's map of subdivisions.
    if (
      values.subdivision_id &&
      values.country_id &&
      (await lookups.keyOf('subdivision', 'country_id', 'id', String(values.subdivision_id))) !==
        String(values.country_id)
    ) {
      problems.push({
        path: reader.at('subdivision'),
        message: "`subdivision` must lie in the record's country.",
      });
    }
    if (typeof status === 'string' && status in VERB_OF) {
      if (stored?.row.status !== status) {
        problems.push({
          path: reader.at('status'),
          message: `${status.toUpperCase()} is set by the ${VERB_OF[status]} mutation, which records why; import the event as PLANNED or COMPLETED.`,
        });
      }
    }
    if (status === 'completed' && values.start_date == null) {
      problems.push({
        path: reader.at('startDate'),
        message: 'A COMPLETED event needs its startDate.',
      });
    }
    if (problems.length > 0) return { errors: problems };
    return { record: { values: { ...values, status }, topicIds } };
  },

  async store({ trx, audit }, { values: read, topicIds }, { id: existingId, key }, stored) {
    // A record found by its id takes the row's key, when it had none.
    const values = key === null ? read : { ...read, external_key: key };
    if (existingId === null) {
      const id = await insertRow(trx, 'training_event', values);
      if (topicIds.length > 0) {
        await trx
          .insertInto('training_event_topic')
          .values(topicIds.map((topic_id) => ({ training_event_id: id, topic_id })))
          .execute();
      }
      await audit({
        action: 'importCsv',
        recordType: 'training_event',
        recordId: id,
        before: null,
        after: await snapshot(trx, 'training_event', id),
      });
      return 'created';
    }
    const sameTopics = sameSet(stored!.topicIds, topicIds);
    const changed = changedValues(stored!.row, values);
    if (Object.keys(changed).length === 0 && sameTopics) return 'unchanged';
    // The audit's record of before, with what the comparison does not need (its translations).
    const before = await snapshot(trx, 'training_event', existingId);
    await updateColumns(trx, 'training_event', existingId, changed);
    if (!sameTopics) {
      await trx
        .deleteFrom('training_event_topic')
        .where('training_event_id', '=', existingId)
        .execute();
      if (topicIds.length > 0) {
        await trx
          .insertInto('training_event_topic')
          .values(topicIds.map((topic_id) => ({ training_event_id: existingId, topic_id })))
          .execute();
      }
    }
    await audit({
      action: 'importCsv',
      recordType: 'training_event',
      recordId: existingId,
      before,
      after: await snapshot(trx, 'training_event', existingId),
    });
    return 'updated';
  },
});
