import type { Context } from '../context.js';
import { isoLanguages } from './iso-languages.js';

/**
 * Country and subdivision names in the language of the request, from the iso-codes
 * translations the project ships (`iso-names.ts`, loaded on the first request that needs it).
 * A name without a translation in the language falls back to its base language (`pt-MZ` to
 * `pt`), then to the name as recorded, in English.
 */

/** The language of names as recorded. */
export const ORIGINAL_LANGUAGE = 'en';

/** Every language a request may ask names in, as BCP 47 tags. */
export const placeNameLanguages: readonly string[] = [ORIGINAL_LANGUAGE, ...isoLanguages];

let names: Promise<Record<string, Record<string, string>>> | undefined;

/** Reads the translated names now, so that the first request that needs them does not wait. */
export function loadPlaceNames(): Promise<unknown> {
  names ??= import('./iso-names.js').then((module) => module.isoNames);
  return names;
}

/** The name of a country or subdivision (by its ISO code) in the request's language. */
export async function placeName(ctx: Context, code: string, recorded: string): Promise<string> {
  const language = ctx.language;
  if (language === ORIGINAL_LANGUAGE) return recorded;
  const byLanguage = (await loadPlaceNames()) as Record<string, Record<string, string>>;
  const base = language.split('-')[0]!;
  return byLanguage[language]?.[code] ?? byLanguage[base]?.[code] ?? recorded;
}
