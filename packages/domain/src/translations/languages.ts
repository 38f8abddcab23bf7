/**
 * Names and titles in more than one language. A record's name is written in its original
 * language (English unless the record says otherwise); translations add the same name in
 * other languages, each with the source it comes from. A request reads the name in its
 * language: the translation for its exact tag (`pt-MZ`), else for the base language (`pt`),
 * else any translation in that language (`pt-BR`), else the original.
 */

/** The language records are written in unless they say otherwise. */
export const DEFAULT_ORIGINAL_LANGUAGE = 'en';

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

/** Which text to answer for a request in `wanted`, from the original and its translations. */
export function chooseText(
  wanted: string,
  original: { language: string; text: string },
  translations: readonly { language: string; text: string }[],
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
