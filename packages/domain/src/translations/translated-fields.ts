import { type Database, type TranslatedTable, translatedColumns } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { builder } from '../builder.js';
import { type Context, requestCache } from '../context.js';
import { ignoresInfo, reads } from '../query/index.js';
import { anyOf } from '../shared/sql.js';
import { chooseText } from './languages.js';

/**
 * The aspect a concept opts into when its records' name or title is translated:
 * `addTranslations` beside the type's definition gives it the name in the request's language,
 * `originalLanguage` and `translations`. The writes' side is in `translations.writes.ts`.
 */

export interface TranslationRow {
  subject_id: string;
  language: string;
  text: string;
  source_id: string | null;
}

/** A record's row as far as translation needs it. */
interface TranslatableRow {
  id: string;
  original_language: string;
}

export const Translation = builder.objectRef<TranslationRow>('Translation').implement({
  description: 'A name or title in one more language than the one it was recorded in.',
  fields: (t) => ({
    language: t.exposeString('language', {
      description: 'Its language, as a BCP 47 tag such as `pt`, `ru` or `uz-Cyrl`.',
    }),
    text: t.exposeString('text', { description: 'The name or title in that language.' }),
  }),
});

const loaders = requestCache(
  (_ctx: Context) => new Map<TranslatedTable, DataLoader<string, TranslationRow[]>>(),
);

/** Every translation of records of a table, batched per request; ordered by language. */
export function translationLoader(
  ctx: Context,
  table: TranslatedTable,
): DataLoader<string, TranslationRow[]> {
  const byTable = loaders(ctx);
  let loader = byTable.get(table);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const byRecord = await translationsByRecord(ctx.db, table, ids);
      return ids.map((id) => byRecord.get(id) ?? []);
    });
    byTable.set(table, loader);
  }
  return loader;
}

/** The stored translations of records, ordered by record and language. */
export function storedTranslations(
  db: Kysely<Database>,
  table: TranslatedTable,
  ids: readonly string[],
): Promise<TranslationRow[]> {
  return db
    .selectFrom(`${table}_translation`)
    .select(['subject_id', 'language', 'text', 'source_id'])
    .where(anyOf('subject_id', ids))
    .orderBy('subject_id')
    .orderBy('language')
    .execute();
}

/** The translations of records of a table, by record. */
export async function translationsByRecord(
  db: Kysely<Database>,
  table: TranslatedTable,
  ids: readonly string[],
): Promise<Map<string, TranslationRow[]>> {
  const byRecord = new Map<string, TranslationRow[]>();
  if (ids.length === 0) return byRecord;
  for (const row of await storedTranslations(db, table, ids)) {
    const list = byRecord.get(row.subject_id) ?? [];
    list.push(row);
    byRecord.set(row.subject_id, list);
  }
  return byRecord;
}

/**
 * Adds to a type whose name or title is translated: that field answered in the request's
 * language, `originalLanguage` and `translations`. Each translated type calls it once, beside
 * its own definition; the field is the table's translated column (`name` or `title`).
 */
export function addTranslations<Row extends TranslatableRow>(
  // biome-ignore lint/suspicious/noExplicitAny: any object type whose rows carry the columns
  type: ObjectRef<any, unknown, Row>,
  table: TranslatedTable,
  options: { description: string; nullable?: boolean },
): void {
  const column = translatedColumns[table];
  builder.objectFields(type, (t) => ({
    [column]: t.string({
      // The type only knows the field may be null; the schema says whether it can be.
      nullable: (options.nullable ?? false) as true,
      description: `${options.description} In the request’s language where a translation gives it (see \`translations\`), else as recorded.`,
      ...reads(column, 'original_language'),
      // Not async: a text asked in the language it is recorded in, the usual case, is answered
      // at once, without a promise for the executor to wait on.
      resolve: ignoresInfo((row: Row, _args: unknown, ctx: Context) => {
        const text = (row as unknown as Record<string, string | null>)[column] ?? null;
        if (text === null || row.original_language === ctx.language) return text;
        return translationLoader(ctx, table)
          .load(row.id)
          .then((translations) =>
            chooseText(ctx.language, { language: row.original_language, text }, translations),
          );
      }),
    }),
    originalLanguage: t.string({
      description: `The language its ${column} is recorded in, as a BCP 47 tag.`,
      resolve: ignoresInfo((row: Row) => row.original_language),
      ...reads('original_language'),
    }),
    translations: t.field({
      type: [Translation],
      description: `Its ${column} in other languages, by language tag.`,
      resolve: (row, _args, ctx) => translationLoader(ctx, table).load(row.id),
      ...reads(),
    }),
  }));
}
