import type { Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { Agreement } from '../agreements/agreement.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Organisation } from '../organisations/organisation.js';
import { Person } from '../organisations/person.js';
import { Programme } from '../programmes/programme.js';
import { type Connection, listPage, type Ordering } from '../query/index.js';
import { parseSearchText, rankedMatches } from '../shared/full-text.js';
import { TrainingEvent } from '../training-events/training-event.js';

/** What full-text search covers, by table. */
const searchable = {
  TRAINING_EVENT: { table: 'training_event', ref: TrainingEvent, typename: 'TrainingEvent' },
  ORGANISATION: { table: 'organisation', ref: Organisation, typename: 'Organisation' },
  PERSON: { table: 'person', ref: Person, typename: 'Person' },
  PROGRAMME: { table: 'programme', ref: Programme, typename: 'Programme' },
  AGREEMENT: { table: 'agreement', ref: Agreement, typename: 'Agreement' },
} as const;

type SearchableKind = keyof typeof searchable;

export const SearchableType = builder.enumType('SearchableType', {
  description: 'The kinds of record full-text search covers.',
  values: {
    TRAINING_EVENT: { description: 'Training events: title, place, description and outcome.' },
    ORGANISATION: { description: 'Organisations: name and acronym.' },
    PERSON: { description: 'People: name, title and profession.' },
    PROGRAMME: { description: 'Programmes: title and description.' },
    AGREEMENT: { description: 'Agreements: title and description.' },
  } as const,
});

const KIND = Symbol('search result kind');
type Hit = { [KIND]: (typeof searchable)[SearchableKind]['typename'] };

export const SearchResult = builder.unionType('SearchResult', {
  description: 'A record found by full-text search.',
  types: [TrainingEvent, Organisation, Person, Programme, Agreement],
  resolveType: (value) => (value as unknown as Hit)[KIND],
});

interface HitRow {
  kind: SearchableKind;
  id: string;
  rank: number;
}

const SearchResultConnection = builder.connectionObject(
  {
    type: SearchResult,
    name: 'SearchResultConnection',
    description: 'A page of search results, best match first.',
  },
  {
    name: 'SearchResultEdge',
    description: 'A search result and how well it matched.',
    fields: (t) => ({
      rank: t.float({
        description:
          'How well the record matched: higher is better; words in titles and names count most.',
        resolve: (edge) => (edge as unknown as { rank: number }).rank,
      }),
    }),
  },
);

const searchOrdering: Ordering = {
  name: 'search.rank',
  keys: [
    { sql: sql`hit.rank`, type: 'double precision' },
    { sql: sql`hit.kind`, type: 'text' },
    { sql: sql`hit.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

function hits(db: Kysely<Database>, text: string, kinds: readonly SearchableKind[]) {
  // biome-ignore lint/suspicious/noExplicitAny: a union over five tables
  const untyped = db as unknown as Kysely<any>;
  const parts = kinds.map((kind) =>
    rankedMatches(untyped, searchable[kind].table, text).select(sql<string>`${kind}`.as('kind')),
  );
  const union = parts.slice(1).reduce((all, part) => all.unionAll(part), parts[0]!);
  return untyped.selectFrom(union.as('hit')).select(['hit.kind', 'hit.id', 'hit.rank']);
}

/**
 * A search result with its rank, whose cursor is encoded only when a client reads it. A class
 * rather than an object literal with a getter: V8 gives every such literal a map of its own,
 * which keeps the request's objects alive until a full collection.
 */
class SearchEdge {
  readonly rank: number;
  constructor(
    private readonly hit: { cursor: string; node: HitRow },
    readonly node: unknown,
  ) {
    this.rank = hit.node.rank;
  }
  get cursor(): string {
    return this.hit.cursor;
  }
}

/**
 * Loads the records behind a page of hits, one batched statement per kind of record; `total`,
 * when the page's statement counted the matches, answers `totalCount` without another.
 */
async function loadHits(page: Connection<HitRow>, ctx: Context, total: number | undefined) {
  const edges = await Promise.all(
    page.edges.map(async (edge) => {
      const { ref, typename } = searchable[edge.node.kind];
      const record = await ref.getDataloader(ctx).load(edge.node.id);
      return new SearchEdge(edge, { ...record, [KIND]: typename });
    }),
  );
  return {
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: page.pageInfo,
    totalCount: total === undefined ? () => page.totalCount() : async () => total,
  };
}

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchResult,
      description:
        'Full-text search across events, organisations, people, programmes and agreements, best match first. Quotes make phrases, `or` gives alternatives, a leading `-` excludes a word; words are matched by their stem (seminar, seminars).',
      args: {
        query: t.arg.string({ required: true, description: 'The words to look for.' }),
        types: t.arg({
          type: [SearchableType],
          description: 'Only these kinds of record; all kinds when absent.',
        }),
      },
      resolve: async (_root, { query, types, ...args }, ctx, info) => {
        const text = parseSearchText(query, 'query');
        const kinds = types ? [...new Set(types)] : (Object.keys(searchable) as SearchableKind[]);
        // Ranking reads every match anyway, so on a first page the total comes with the page.
        const firstPage = args.after == null && args.before == null;
        const page = await listPage<HitRow & { _total?: number }, typeof args>(ctx, info, args, {
          rows: (db) => {
            // An empty list of types admits no record, as an empty list does in every filter.
            const all = kinds.length
              ? hits(db, text, kinds)
              : hits(db, text, ['TRAINING_EVENT']).where(sql<boolean>`false`);
            return firstPage ? all.select(sql<number>`count(*) over ()::int`.as('_total')) : all;
          },
          ordering: searchOrdering,
          // The statement differs only in its values from one search text to the next; each text
          // gets its statement cached like a filter value, up to the limit a document keeps.
          cacheKey: (page) => ({ query: text, types: kinds, ...page }),
        });
        const total = firstPage ? page.edges[0]?.node._total : undefined;
        return loadHits(page, ctx, total) as never;
      },
    },
    SearchResultConnection,
  ),
);
