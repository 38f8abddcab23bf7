import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { baseLanguage } from '../translations/languages.js';
import type { TranslationRow } from '../translations/translated-fields.js';

/**
 * IATI narratives: one text in each language the graph has it in. The activity's default
 * language is English; a narrative in any other language says so with `xml:lang`. IATI names
 * languages by their ISO 639-1 code, so a translation is written under its base language
 * (`uz-Cyrl` as `uz`), one narrative per language: the tag that is the base language itself
 * comes first, else the first in tag order.
 */

export const ACTIVITY_LANGUAGE = 'en';

type Text = Pick<TranslationRow, 'language' | 'text'>;

/** A plain narrative in the activity's language. */
export const narrative = (parent: XMLBuilder, text: string) => parent.ele('narrative').txt(text);

/** The narratives of a recorded text and its translations. */
export function narratives(
  parent: XMLBuilder,
  original: Text,
  translations: readonly Text[] = [],
): void {
  const written = new Set<string>();
  const ordered = [...translations].sort(
    (a, b) =>
      Number(a.language !== baseLanguage(a.language)) -
      Number(b.language !== baseLanguage(b.language)),
  );
  for (const { language, text } of [original, ...ordered]) {
    const base = baseLanguage(language);
    if (written.has(base)) continue;
    written.add(base);
    parent.ele('narrative', base === ACTIVITY_LANGUAGE ? {} : { 'xml:lang': base }).txt(text);
  }
}
