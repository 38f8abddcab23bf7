import type { CitedTable } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { type Ordering, reads, relatedList } from '../query/index.js';
import { type CitedSourceRow, SourceConnection } from './source.js';

const citationOrdering: Ordering = {
  name: 'citation.published_on',
  keys: [
    { sql: sql`coalesce(source.published_on, '-infinity'::date)`, type: 'date' },
    { sql: sql`source.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

/** The citation table of each type that cites sources, by type name, as the types declare them. */
const citingTables = new Map<string, CitedTable>();

/** The table a record of `typename` keeps its citations in; undefined if it cites none. */
export function citingTableOf(typename: string): CitedTable | undefined {
  return citingTables.get(typename);
}

/**
 * Adds `sources` to a type whose records cite sources through the table `<table>_citation`.
 * Each record type calls it once, beside its own definition.
 */
export function addSourcesField(
  // biome-ignore lint/suspicious/noExplicitAny: any object type whose rows have an `id`
  type: ObjectRef<any, unknown, { id: string }>,
  table: CitedTable,
): void {
  citingTables.set(type.name, table);
  builder.objectField(type, 'sources', (t) =>
    t.field({
      type: SourceConnection,
      description: 'The sources this record’s facts come from, most recent first.',
      args: t.arg.connectionArgs(),
      resolve: relatedList<CitedSourceRow>({
        children: (db, subject) =>
          db
            .selectFrom('source')
            .innerJoin(`${table}_citation as citation`, 'citation.source_id', 'source.id')
            .selectAll('source')
            .select('citation.locator')
            .where('citation.subject_id', '=', subject),
        ordering: citationOrdering,
        parentKey: (row) => row.id,
      }),
      ...reads(),
    }),
  );
}
