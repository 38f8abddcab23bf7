import { createContext, useContext } from 'react';
import type { Formatters } from './format';
import type { Language, Translate } from './i18n';

/** The reader's language, with the interface's words and the formats that go with it. */
export interface Locale {
  language: Language;
  t: Translate;
  format: Formatters;
}

export const LocaleContext = createContext<Locale | null>(null);

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale is used outside of the LocaleContext provider.');
  return locale;
}
