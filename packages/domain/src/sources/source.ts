import type { Source as SourceRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { type Ordering, rootList } from '../query/index.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { Translation } from '../translations/translated-fields.js';

export const SourceKind = builder.enumType('SourceKind', {
  description: 'What kind of publication a source is.',
  values: {
    NEWS_ARTICLE: { value: 'news_article', description: 'A news report.' },
    STATISTICAL_DATABASE: {
      value: 'statistical_database',
      description: 'A statistical database, such as the WHO Global Health Observatory.',
    },
    REPORT: { value: 'report', description: 'A report or study.' },
    OFFICIAL_DOCUMENT: {
      value: 'official_document',
      description: 'A document of a government or an international body.',
    },
    OTHER: { value: 'other', description: 'Anything else.' },
  } as const,
});

/** A source as cited by a record: the source's row plus where in it the fact stands. */
export type CitedSourceRow = SourceRow & { locator: string | null };

export const Source = builder.loadableNode('Source', {
  description:
    'A publication that facts of the graph come from: every record can cite one or more, and every indicator value names its own.',
  interfaces: [RecordInterface],
  id: { resolve: (row: SourceRow) => row.id, parse: parseUuidKey('Source') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('source').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title of the publication.' }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'Who published it, such as `Xinhua` or `World Health Organization`.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Where it can be read, if online.' }),
    publishedOn: t.expose('published_on', {
      type: 'Date',
      nullable: true,
      description: 'The day it was published, when known.',
    }),
    kind: t.expose('kind', { type: SourceKind, description: 'What kind of publication it is.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'What a reader should know about the source, such as how its figures were made.',
    }),
  }),
});

export const SourceConnection = builder.connectionObject(
  { type: Source, name: 'SourceConnection', description: 'A page of sources.' },
  {
    name: 'SourceEdge',
    description: 'A source in a page of sources.',
    fields: (t) => ({
      locator: t.string({
        nullable: true,
        description:
          'Where in the source the fact stands (page, paragraph, table), when a record cites it.',
        resolve: (edge) => (edge.node as Partial<CitedSourceRow>).locator ?? null,
      }),
    }),
  },
);

export const sourceOrdering: Ordering = {
  name: 'source.published_on',
  keys: [
    { sql: sql`coalesce(source.published_on, '-infinity'::date)`, type: 'date' },
    { sql: sql`source.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

const SourceFilter = builder.inputType('SourceFilter', {
  description: 'Narrows the list of sources.',
  fields: (t) => ({
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  sources: t.connection(
    {
      type: Source,
      description: 'All sources, most recently published first; undated sources last.',
      args: {
        filter: t.arg({
          type: SourceFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('source').selectAll();
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('source', filter.updatedSince));
          }
          return query;
        },
        ordering: sourceOrdering,
      }),
    },
    SourceConnection,
  ),
}));

builder.objectField(Translation, 'source', (t) =>
  t.field({
    type: Source,
    nullable: true,
    description: 'The source the translation is taken from, when one is cited.',
    resolve: (row) => row.source_id,
  }),
);
