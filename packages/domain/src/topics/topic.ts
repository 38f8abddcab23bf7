import type { Topic as TopicRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { addRelatedList, type Ordering, reads, rootList } from '../query/index.js';
import { type CodeFormat, parseCode } from '../shared/codes.js';
import { parseUuidKey } from '../shared/global-id.js';
import { RecordInterface } from '../shared/record.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { addSourcesField } from '../sources/citations.js';
import { addTranslations } from '../translations/translated-fields.js';

export interface DacPurposeCodeRow {
  code: number;
  name: string;
}

export const DacPurposeCode = builder.objectRef<DacPurposeCodeRow>('DacPurposeCode').implement({
  description:
    'An OECD DAC purpose code of the Creditor Reporting System, the sector classification aid is reported under.',
  fields: (t) => ({
    code: t.exposeInt('code', { description: 'The five-digit code, such as `13020`.' }),
    name: t.exposeString('name', { description: 'Its name, such as `Reproductive health care`.' }),
  }),
});

export const DacPurposeCodeConnection = builder.connectionObject(
  {
    type: DacPurposeCode,
    name: 'DacPurposeCodeConnection',
    description: 'A page of DAC purpose codes.',
  },
  { name: 'DacPurposeCodeEdge', description: 'A DAC purpose code in a page of them.' },
);

export const dacPurposeCodeOrdering: Ordering = {
  name: 'dac_purpose_code.code',
  keys: [{ sql: sql`dac_purpose_code.code`, type: 'integer' }],
  direction: 'asc',
};

export const Topic = builder.loadableNode('Topic', {
  description:
    'A subject of training or of an agreement (obstetrics, COVID-19 in children, cardiology), arranged in a tree and mapped to DAC purpose codes.',
  interfaces: [RecordInterface],
  id: { resolve: (row: TopicRow) => row.id, parse: parseUuidKey('Topic') },
  load: (ids: string[], ctx) =>
    ctx.db.selectFrom('topic').selectAll().where(anyOf('id', ids)).execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable code in lower-case words joined by hyphens, such as `obstetrics`.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the topic covers.',
    }),
  }),
});

export const TopicConnection = builder.connectionObject(
  { type: Topic, name: 'TopicConnection', description: 'A page of topics.' },
  { name: 'TopicEdge', description: 'A topic in a page of topics.' },
);

export const topicOrdering: Ordering = {
  name: 'topic.code',
  keys: [{ sql: sql`topic.code`, type: 'text' }],
  direction: 'asc',
};

builder.objectFields(Topic, (t) => ({
  parent: t.field({
    type: Topic,
    nullable: true,
    description: 'The broader topic this one belongs to; null at the top of the tree.',
    resolve: (row) => row.parent_id,
    ...reads('parent_id'),
  }),
}));

addRelatedList(Topic, 'children', {
  type: TopicConnection,
  description: 'The narrower topics directly below this one.',
  children: (db, parent) => db.selectFrom('topic').selectAll().where('parent_id', '=', parent),
  ordering: topicOrdering,
});

addRelatedList(Topic, 'dacPurposeCodes', {
  type: DacPurposeCodeConnection,
  description: 'The DAC purpose codes work on this topic is reported under.',
  children: (db, topic) =>
    db
      .selectFrom('dac_purpose_code')
      .innerJoin('topic_dac_purpose as link', 'link.dac_code', 'dac_purpose_code.code')
      .selectAll('dac_purpose_code')
      .where('link.topic_id', '=', topic),
  ordering: dacPurposeCodeOrdering,
});

addSourcesField(Topic, 'topic');
addTranslations(Topic, 'topic', { description: 'Its name.' });

/** A topic's natural key: lower-case words joined by hyphens, at most 100 characters. */
export const topicCode: CodeFormat = {
  what: 'topic',
  pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/,
  hint: 'a topic code in lower-case words joined by hyphens, such as "obstetrics"',
  table: 'topic',
  column: 'code',
  key: 'id',
};

/** Checks a topic code argument before it reaches SQL. */
export function parseTopicCode(code: string, argument = 'code'): string {
  return parseCode(topicCode, code, argument);
}

const TopicFilter = builder.inputType('TopicFilter', {
  description: 'Narrows a list of topics; all given conditions must hold.',
  fields: (t) => ({
    topLevel: t.boolean({ description: 'True for only the topics at the top of the tree.' }),
    dacPurposeCode: t.int({ description: 'Only topics mapped to this DAC purpose code.' }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

builder.queryFields((t) => ({
  topic: t.field({
    type: Topic,
    nullable: true,
    description: 'A topic by its code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'Such as `obstetrics`.' }) },
    resolve: async (_root, { code }, ctx) =>
      (await ctx.db
        .selectFrom('topic')
        .selectAll()
        .where('code', '=', parseTopicCode(code))
        .executeTakeFirst()) ?? null,
  }),
  topics: t.connection(
    {
      type: Topic,
      description: 'Topics in order of their code.',
      args: {
        filter: t.arg({
          type: TopicFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('topic').selectAll('topic');
          if (filter?.updatedSince != null) {
            query = query.where(updatedSince('topic', filter.updatedSince));
          }
          if (filter?.topLevel === true) query = query.where('topic.parent_id', 'is', null);
          if (filter?.topLevel === false) query = query.where('topic.parent_id', 'is not', null);
          if (filter?.dacPurposeCode != null) {
            const code = filter.dacPurposeCode;
            query = query.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('topic_dac_purpose')
                  .whereRef('topic_dac_purpose.topic_id', '=', 'topic.id')
                  .where('topic_dac_purpose.dac_code', '=', code),
              ),
            );
          }
          return query;
        },
        ordering: topicOrdering,
      }),
    },
    TopicConnection,
  ),
  dacPurposeCodes: t.connection(
    {
      type: DacPurposeCode,
      description: 'The DAC purpose codes the graph uses, in numeric order.',
      resolve: rootList({
        rows: (db) => db.selectFrom('dac_purpose_code').selectAll(),
        ordering: dacPurposeCodeOrdering,
      }),
    },
    DacPurposeCodeConnection,
  ),
}));
