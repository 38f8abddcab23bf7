import { type Database, type TranslatedTable, translatedColumns } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import DataLoader from 'dataloader';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import { type Context, requestCache } from '../context.js';
import type { FieldError } from './errors.js';
import { keyOfGlobalId } from './global-id.js';
import { anyOf } from './pagination.js';
import { reads } from './projection.js';
import { ignoresInfo } from './resolve-info.js';
import { textProblem } from './text.js';

/**
 * Names and titles in more than one language. A record's name is written in its original
 * language (English unless the record says otherwise); translations add the same name in
 * other languages, each with the source it comes from. A request reads the name in its
 * language: the translation for its exact tag (`pt-MZ`), else for the base language (`pt`),
 * else any translation in that language (`pt-BR`), else the original.
 */

/** The language records are written in unless they say otherwise. */
export const DEFAULT_ORIGINAL_LANGUAGE = 'en';

/** The longest translated name or title. */
const MAX_TRANSLATION_LENGTH = 500;

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

export const TranslationInput = builder.inputType('TranslationInput', {
  description: 'A name or title in one more language.',
  fields: (t) => ({
    language: t.string({
      required: true,
      description: 'A BCP 47 language tag, such as `pt`, `pt-MZ`, `ru` or `uz-Cyrl`.',
    }),
    text: t.string({ required: true, description: 'The name or title in that language.' }),
    source: t.id({ description: 'The source this translation is taken from.' }),
  }),
});

/** The tag in its canonical form (`pt-mz` is `pt-MZ`), or undefined when it is no BCP 47 tag. */
export function canonicalLanguage(tag: string): string | undefined {
  if (tag.length === 0 || tag.length > 35) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** The base language of a tag: `pt` for `pt-MZ`. */
export const baseLanguage = (tag: string) => tag.split('-')[0]!;

/** The translation table of each type that has one, by type name, as the types declare them. */
const translatingTables = new Map<string, TranslatedTable>();

/** The translation table of a record type; undefined when its names are not translated. */
export function translatingTableOf(typename: string): TranslatedTable | undefined {
  return translatingTables.get(typename);
}

export function isTranslatedTable(table: string): table is TranslatedTable {
  return Object.hasOwn(translatedColumns, table);
}

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

/** Which text to answer for a request in `wanted`, from the original and its translations. */
export function chooseText(
  wanted: string,
  original: { language: string; text: string },
  translations: readonly Pick<TranslationRow, 'language' | 'text'>[],
): string {
  const base = baseLanguage(wanted);
  const exact = translations.find((t) => t.language === wanted);
  if (exact) return exact.text;
  if (original.language === wanted) return original.text;
  const inBase = translations.find((t) => t.language === base);
  if (inBase) return inBase.text;
  if (baseLanguage(original.language) === base) return original.text;
  return translations.find((t) => baseLanguage(t.language) === base)?.text ?? original.text;
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
  translatingTables.set(type.name, table);
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

/** What a write says about languages: the original's language and the translations. */
export interface TranslationsInput {
  originalLanguage?: string | null;
  translations?: ReadonlyArray<{ language: string; text: string; source?: string | null }> | null;
}

/** The input fields of a write to a record whose name or title is translated. */
export function translationInputFields(
  // biome-ignore lint/suspicious/noExplicitAny: the input field builder of any input type
  t: any,
  column: string,
  mode: 'create' | 'update',
) {
  return {
    originalLanguage: t.string({
      description: `The language the ${column} is written in, as a BCP 47 tag such as \`en\` or \`pt\`${mode === 'create' ? ' (English when left out)' : ''}.`,
    }),
    translations: t.field({
      type: [TranslationInput],
      description:
        `The ${column} in other languages, one per language. ${mode === 'update' ? 'The list replaces the stored one; an empty list removes them all; left out, they stay.' : ''}`.trim(),
    }),
  };
}

/**
 * Checks the languages of a write. `stored` are the record's translations and original
 * language before the write (none for a creation). Returns the original language to store
 * (when given) and the translations to store (when given), or the problems with their paths.
 */
export async function validateTranslations(
  db: Kysely<Database>,
  input: TranslationsInput,
  column: string,
  stored: { originalLanguage: string; languages: readonly string[] } | undefined,
  errors: FieldError[],
): Promise<{ originalLanguage?: string; translations?: Omit<TranslationRow, 'subject_id'>[] }> {
  let originalLanguage: string | undefined;
  if (input.originalLanguage != null) {
    originalLanguage = canonicalLanguage(input.originalLanguage);
    if (!originalLanguage) {
      errors.push({
        path: ['input', 'originalLanguage'],
        message: `\`originalLanguage\` must be a BCP 47 language tag such as "en" or "pt" (got "${input.originalLanguage}").`,
      });
    }
  } else if (input.originalLanguage === null) {
    errors.push({
      path: ['input', 'originalLanguage'],
      message: '`originalLanguage` cannot be cleared; give the language the text is written in.',
    });
  }
  const original = originalLanguage ?? stored?.originalLanguage ?? DEFAULT_ORIGINAL_LANGUAGE;
  if (input.translations === undefined) {
    if (originalLanguage && stored?.languages.includes(originalLanguage)) {
      errors.push({
        path: ['input', 'originalLanguage'],
        message: `The ${column} already has a translation in "${originalLanguage}"; send \`translations\` without it along with the new \`originalLanguage\`.`,
      });
    }
    return { originalLanguage };
  }
  const translations: Omit<TranslationRow, 'subject_id'>[] = [];
  for (const [i, given] of (input.translations ?? []).entries()) {
    const at = ['input', 'translations', String(i)];
    const language = canonicalLanguage(given.language);
    if (!language) {
      errors.push({
        path: [...at, 'language'],
        message: `\`language\` must be a BCP 47 language tag such as "pt", "ru" or "uz-Cyrl" (got "${given.language}").`,
      });
    } else if (language === original) {
      errors.push({
        path: [...at, 'language'],
        message: `"${language}" is the language the ${column} is written in; change the ${column} itself instead.`,
      });
    } else if (translations.some((t) => t.language === language)) {
      errors.push({
        path: [...at, 'language'],
        message: `There is already a translation in "${language}" in this list; give one per language.`,
      });
    }
    const problem = textProblem(given.text, MAX_TRANSLATION_LENGTH);
    if (problem) errors.push({ path: [...at, 'text'], message: `\`text\` ${problem}.` });
    let sourceId: string | null = null;
    if (given.source != null) {
      const { key, problem: idProblem } = keyOfGlobalId(given.source, 'Source');
      const found =
        key === undefined
          ? undefined
          : await db.selectFrom('source').select('id').where('id', '=', key).executeTakeFirst();
      if (idProblem !== undefined || !found) {
        errors.push({
          path: [...at, 'source'],
          message: `\`source\` ${idProblem ?? 'names no Source of the graph'}.`,
        });
      } else sourceId = found.id;
    }
    if (language) translations.push({ language, text: given.text, source_id: sourceId });
  }
  return { originalLanguage, translations };
}

/** Replaces the translations of a record with the given list. */
export async function replaceTranslations(
  db: Kysely<Database>,
  table: TranslatedTable,
  id: string,
  translations: readonly Omit<TranslationRow, 'subject_id'>[],
): Promise<void> {
  await sql`delete from ${sql.table(`${table}_translation`)} where subject_id = ${id}`.execute(db);
  if (translations.length === 0) return;
  await db
    .insertInto(`${table}_translation`)
    .values(translations.map((t) => ({ ...t, subject_id: id })))
    .execute();
}

/** The translations of a record as an audit entry shows them. */
export async function auditedTranslations(
  db: Kysely<Database>,
  table: TranslatedTable,
  id: string,
): Promise<Array<Omit<TranslationRow, 'subject_id'>>> {
  return (await storedTranslations(db, table, [id])).map(({ subject_id: _, ...rest }) => rest);
}

/**
 * The languages of a record being created: checks them (adding problems to `errors`), puts the
 * original language among the column values, and returns what to store once the record has
 * its key.
 */
export async function languagesOfNewRecord(
  db: Kysely<Database>,
  table: TranslatedTable,
  input: TranslationsInput,
  values: Record<string, unknown>,
  errors: FieldError[],
): Promise<(id: string) => Promise<void>> {
  const checked = await validateTranslations(
    db,
    input,
    translatedColumns[table],
    undefined,
    errors,
  );
  if (checked.originalLanguage) values.original_language = checked.originalLanguage;
  return async (id) => {
    if (checked.translations?.length)
      await replaceTranslations(db, table, id, checked.translations);
  };
}
