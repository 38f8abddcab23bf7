import { sql } from 'kysely';
import { builder } from '../builder.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { keyOfGlobalId, readGlobalId } from '../shared/global-id.js';
import { textProblem } from '../shared/text.js';
import { runWrite } from '../writes/run.js';
import { citingTableOf } from './citations.js';
import { Source } from './source.js';

/** Citing a source for any record that can cite one, and withdrawing a citation. */

const CitationInput = builder.inputType('CiteSourceInput', {
  description: 'A source for a record.',
  fields: (t) => ({
    record: t.id({
      required: true,
      description: 'The record that cites (an event, an organisation, ...).',
    }),
    source: t.id({ required: true, description: 'The source.' }),
    locator: t.string({ description: 'Where in the source: a page, a paragraph, a table.' }),
  }),
});

const CitationPayload = builder
  .objectRef<{ source: string; record: string }>('CitationPayload')
  .implement({
    description: 'The citation as it stands.',
    fields: (t) => ({
      source: t.field({ type: Source, description: 'The source.', resolve: (p) => p.source }),
      recordId: t.id({ description: 'The record that cites it.', resolve: (p) => p.record }),
    }),
  });

async function parse(record: string, source: string) {
  const typename = readGlobalId(record)?.typename ?? '';
  const table = citingTableOf(typename);
  const errors = [];
  if (!table)
    errors.push({
      path: ['input', 'record'],
      message:
        '`record` must be the ID of a record that can cite sources (an event, organisation, programme, ...).',
    });
  const recordKey: { key?: string; problem?: string } = table
    ? keyOfGlobalId(record, typename)
    : {};
  if (recordKey.problem)
    errors.push({ path: ['input', 'record'], message: `\`record\` ${recordKey.problem}.` });
  const sourceKey = keyOfGlobalId(source, 'Source');
  if (sourceKey.problem)
    errors.push({ path: ['input', 'source'], message: `\`source\` ${sourceKey.problem}.` });
  if (errors.length) throw new ValidationError(errors);
  return { table: table!, typename, recordId: recordKey.key!, sourceId: sourceKey.key! };
}

builder.mutationField('citeSource', (t) =>
  t.field({
    type: CitationPayload,
    description: 'Cites a source for a record, or updates where in the source the fact stands.',
    authScopes: { editor: true },
    errors: {},
    args: {
      input: t.arg({
        type: CitationInput,
        required: true,
        description: 'What to store; see its fields.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const { table, typename, recordId, sourceId } = await parse(input.record, input.source);
      if (input.locator != null) {
        const problem = textProblem(input.locator, 500);
        if (problem)
          throw new ValidationError([
            { path: ['input', 'locator'], message: `\`locator\` ${problem}.` },
          ]);
      }
      await runWrite(ctx, async ({ trx, audit }) => {
        const exists = await sql`select 1 from ${sql.table(table)} where id = ${recordId}`.execute(
          trx,
        );
        if (!exists.rows.length) throw new NotFoundError(typename, input.record);
        const source = await trx
          .selectFrom('source')
          .select('id')
          .where('id', '=', sourceId)
          .executeTakeFirst();
        if (!source) throw new NotFoundError('Source', input.source);
        await sql`insert into ${sql.table(`${table}_citation`)} (subject_id, source_id, locator)
          values (${recordId}, ${sourceId}, ${input.locator ?? null})
          on conflict (subject_id, source_id) do update set locator = excluded.locator`.execute(
          trx,
        );
        await audit({
          action: 'citeSource',
          recordType: table,
          recordId,
          before: null,
          after: { source_id: sourceId, locator: input.locator ?? null },
        });
      });
      return { source: sourceId, record: input.record };
    },
  }),
);

const UncitePayload = builder.objectRef<{ record: string }>('RemoveCitationPayload').implement({
  description: 'The record whose citation was withdrawn.',
  fields: (t) => ({ recordId: t.id({ description: 'The record.', resolve: (p) => p.record }) }),
});

builder.mutationField('removeCitation', (t) =>
  t.field({
    type: UncitePayload,
    description: 'Withdraws a source from a record.',
    authScopes: { editor: true },
    errors: {},
    args: {
      input: t.arg({
        type: CitationInput,
        required: true,
        description: 'What to store; see its fields.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const { table, recordId, sourceId } = await parse(input.record, input.source);
      await runWrite(ctx, async ({ trx, audit }) => {
        const removed = await sql`delete from ${sql.table(`${table}_citation`)}
          where subject_id = ${recordId} and source_id = ${sourceId} returning source_id`.execute(
          trx,
        );
        if (!removed.rows.length) throw new NotFoundError('Citation', input.record);
        await audit({
          action: 'removeCitation',
          recordType: table,
          recordId,
          before: { source_id: sourceId },
          after: null,
        });
      });
      return { record: input.record };
    },
  }),
);
