import { type Database, type TranslatedTable, translatedColumns } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import type { FieldError } from '../shared/errors.js';
import { keyOfGlobalId } from '../shared/global-id.js';
import { textProblem } from '../shared/text.js';
import { canonicalLanguage, DEFAULT_ORIGINAL_LANGUAGE } from './languages.js';
import { storedTranslations, type TranslationRow } from './translated-fields.js';

/** The longest translated name or title. */
const MAX_TRANSLATION_LENGTH = 500;

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
