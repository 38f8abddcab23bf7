import type { Database, Programme as ProgrammeRow } from '@mch/db';
import { programmeColumns } from '@mch/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { Agreement } from '../agreements/agreement.js';
import { builder } from '../builder.js';
import { Organisation } from '../organisations/organisation.js';
import { addParticipationList } from '../organisations/participation.js';
import { inSubdivisions } from '../places/filters.js';
import { Subdivision } from '../places/subdivision.js';
import {
  addRelatedList,
  type Embed,
  type Ordering,
  type PageArgs,
  reads,
  relatedList,
  rootList,
} from '../query/index.js';
import { DatePrecision } from '../shared/enums.js';
import { matches, parseSearchText } from '../shared/full-text.js';
import { parseUuidKey } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf, qualified } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { DacPurposeCodeConnection, dacPurposeCodeOrdering } from '../topics/topic.js';
import { addTranslations } from '../translations/translated-fields.js';

export const ProgrammeStatus = builder.enumType('ProgrammeStatus', {
  description: 'The IATI activity status of a programme.',
  values: {
    PIPELINE: { value: 1, description: 'IATI 1: being scoped or planned.' },
    IMPLEMENTATION: { value: 2, description: 'IATI 2: under way.' },
    FINALISATION: { value: 3, description: 'IATI 3: activities done, being closed out.' },
    CLOSED: { value: 4, description: 'IATI 4: finished and closed.' },
    CANCELLED: { value: 5, description: 'IATI 5: stopped before completion.' },
    SUSPENDED: { value: 6, description: 'IATI 6: on hold.' },
  } as const,
});

export const Programme = builder.loadableNode('Programme', {
  description:
    'A programme of cooperation, often a series of training events, with its organisations, target subdivisions and targets.',
  interfaces: [RecordInterface],
  id: { resolve: (row: ProgrammeRow) => row.id, parse: parseUuidKey('Programme') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('programme')
      .select(qualified('programme', programmeColumns))
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    description: t.exposeString('description', {
      nullable: true,
      description: 'What it does and why.',
    }),
    status: t.expose('status', {
      type: ProgrammeStatus,
      description: 'Its IATI activity status, as last reported.',
    }),
    iatiStatusCode: t.exposeInt('status', {
      description: 'The same status as the IATI activity status code, 1 to 6.',
    }),
    startDate: t.expose('start_date', {
      type: 'Date',
      nullable: true,
      description: 'When it started; see `startDatePrecision`.',
    }),
    startDatePrecision: t.expose('start_date_precision', {
      type: DatePrecision,
      description: 'Whether `startDate` is the exact day, or only its month or year.',
    }),
    endDate: t.expose('end_date', {
      type: 'Date',
      nullable: true,
      description: 'When it ended or is planned to end.',
    }),
    iatiIdentifier: t.exposeString('iati_identifier', {
      nullable: true,
      description: 'Its IATI activity identifier, where it is published to IATI.',
    }),
    agreement: t.field({
      type: Agreement,
      nullable: true,
      description: 'The cooperation agreement it is carried out under.',
      resolve: (row) => row.agreement_id,
      ...reads('agreement_id'),
    }),
  }),
});

export const ProgrammeConnection = builder.connectionObject(
  { type: Programme, name: 'ProgrammeConnection', description: 'A page of programmes.' },
  { name: 'ProgrammeEdge', description: 'A programme in a page of programmes.' },
);

export const programmeOrdering: Ordering = {
  name: 'programme.start_date',
  keys: [
    { sql: sql`coalesce(programme.start_date, '-infinity'::date)`, type: 'date' },
    { sql: sql`programme.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

interface TargetSubdivisionRow {
  subdivision_id: string;
  rationale: string | null;
  completed_event_count: number;
}

const ProgrammeTargetSubdivision = builder
  .objectRef<TargetSubdivisionRow>('ProgrammeTargetSubdivision')
  .implement({
    description: 'A subdivision a programme targets, and why it was chosen.',
    fields: (t) => ({
      subdivision: t.field({
        type: Subdivision,
        description: 'The subdivision.',
        resolve: (row) => row.subdivision_id,
      }),
      rationale: t.exposeString('rationale', {
        nullable: true,
        description: 'Why it was chosen, such as its maternal and child mortality.',
      }),
      completedEventCount: t.exposeInt('completed_event_count', {
        description: 'Completed events of the programme held in the subdivision.',
      }),
      reached: t.boolean({
        description: 'True once a completed event of the programme was held in the subdivision.',
        resolve: (row) => row.completed_event_count > 0,
      }),
    }),
  });

const ProgrammeTargetSubdivisionConnection = builder.connectionObject(
  {
    type: ProgrammeTargetSubdivision,
    name: 'ProgrammeTargetSubdivisionConnection',
    description: 'A page of the subdivisions a programme targets.',
  },
  { name: 'ProgrammeTargetSubdivisionEdge', description: 'One targeted subdivision.' },
);

// IATI's `sector` element takes codes of many vocabularies; the graph holds those of one, the
// OECD DAC purpose codes, and names them so everywhere (`Query.dacPurposeCodes`, `Topic`).
const dacPurposeCodes = {
  type: DacPurposeCodeConnection,
  description:
    'The DAC purpose codes (IATI sectors, vocabulary 1) the programme is reported under.',
  children: (db: Kysely<Database>, programme: RawBuilder<never>) =>
    db
      .selectFrom('dac_purpose_code')
      .innerJoin('programme_sector as sector', 'sector.dac_code', 'dac_purpose_code.code')
      .selectAll('dac_purpose_code')
      .where('sector.programme_id', '=', programme),
  ordering: dacPurposeCodeOrdering,
};
addRelatedList(Programme, 'dacPurposeCodes', dacPurposeCodes);
addRelatedList(Programme, 'sectors', {
  ...dacPurposeCodes,
  deprecationReason: 'Use `dacPurposeCodes`, the name the rest of the graph gives these codes.',
});

addParticipationList(Programme, 'organisations', {
  description: 'The organisations taking part, with their roles.',
  table: 'programme_participation',
  parentColumn: 'programme_id',
});

builder.objectField(Programme, 'targetSubdivisions', (t) =>
  t.field({
    type: ProgrammeTargetSubdivisionConnection,
    description:
      'The subdivisions the programme targets, by code; `reached: false` gives those no completed event has reached yet.',
    args: {
      ...t.arg.connectionArgs(),
      reached: t.arg.boolean({
        description: 'True for the subdivisions a completed event reached, false for the others.',
      }),
    },
    resolve: relatedList<TargetSubdivisionRow, PageArgs & { reached?: boolean | null }>({
      children: (db, programme, args) => {
        const completed = sql<number>`(
          select count(*)::int from training_event e
          where e.programme_id = target.programme_id and e.subdivision_id = target.subdivision_id
            and e.status = 'completed')`;
        let query = db
          .selectFrom('programme_target_subdivision as target')
          .innerJoin('subdivision', 'subdivision.id', 'target.subdivision_id')
          .select([
            'target.subdivision_id',
            'target.rationale',
            completed.as('completed_event_count'),
          ])
          .where('target.programme_id', '=', programme);
        if (args.reached != null) {
          query = query.where(completed, args.reached ? '>' : '=', 0);
        }
        return query;
      },
      ordering: {
        name: 'subdivision.code',
        keys: [{ sql: sql`subdivision.code`, type: 'text' }],
        direction: 'asc',
      },
      parentKey: (row) => row.id,
    }),
    ...reads(),
  }),
);

addRelatedList(Agreement, 'programmes', {
  type: ProgrammeConnection,
  description: 'Programmes carried out under this agreement.',
  children: (db, agreement) =>
    db
      .selectFrom('programme')
      .select(qualified('programme', programmeColumns))
      .where('agreement_id', '=', agreement),
  ordering: programmeOrdering,
});

addRelatedList(Organisation, 'programmes', {
  type: ProgrammeConnection,
  description: 'Programmes this organisation takes part in, in any role.',
  children: (db, organisation) =>
    db
      .selectFrom('programme')
      .select(qualified('programme', programmeColumns))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('programme_participation as p')
            .whereRef('p.programme_id', '=', 'programme.id')
            .where('p.organisation_id', '=', organisation),
        ),
      ),
  ordering: programmeOrdering,
});

addRelatedList(Subdivision, 'targetingProgrammes', {
  type: ProgrammeConnection,
  description: 'Programmes that target this subdivision.',
  children: (db, subdivision) =>
    db
      .selectFrom('programme')
      .innerJoin('programme_target_subdivision as target', 'target.programme_id', 'programme.id')
      .select(qualified('programme', programmeColumns))
      .where('target.subdivision_id', '=', subdivision),
  ordering: programmeOrdering,
});

addSourcesField(Programme, 'programme');
addTranslations(Programme, 'programme', { description: 'Its title.' });

const ProgrammeFilter = builder.inputType('ProgrammeFilter', {
  description: 'Narrows a list of programmes; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Words the title or description must contain (full-text).' }),
    statuses: t.field({
      type: [ProgrammeStatus],
      description: listFilter('Only programmes in these statuses.'),
    }),
    targetSubdivision: t.string({
      description: 'ISO 3166-2 code of a subdivision the programme targets.',
    }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  programmes: t.connection(
    {
      type: Programme,
      description: 'Programmes, most recently started first; those without a start date last.',
      args: {
        filter: t.arg({
          type: ProgrammeFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('programme').select(qualified('programme', programmeColumns));
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('programme', filter.updatedSince));
          }
          if (filter?.search != null) {
            query = query.where(
              matches('programme', parseSearchText(filter.search, 'filter.search')),
            );
          }
          if (filter?.statuses) {
            query = query.where(anyOf('programme.status', filter.statuses, 'integer'));
          }
          if (filter?.targetSubdivision) {
            const target = inSubdivisions(
              'target.subdivision_id',
              [filter.targetSubdivision],
              'filter.targetSubdivision',
            );
            query = query.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('programme_target_subdivision as target')
                  .whereRef('target.programme_id', '=', 'programme.id')
                  .where(target),
              ),
            );
          }
          return query;
        },
        ordering: programmeOrdering,
      }),
    },
    ProgrammeConnection,
  ),
}));

/** Reads a programme along with a record. */
export const programmeEmbed = (field: string, foreignKey: string): Embed => ({
  field,
  foreignKey,
  table: 'programme',
  columns: programmeColumns,
  loader: Programme,
});
