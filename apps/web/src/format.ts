import type { DatePrecision } from '@mch/client';
import type { Language } from './i18n';

/** Numbers and dates in the reader's language, by Intl: the browser knows every one of them. */
export function formatters(language: Language) {
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const byPrecision: Record<DatePrecision, Intl.DateTimeFormat> = {
    DAY: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }),
    MONTH: new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
    YEAR: new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' }),
  };
  return {
    integer: (value: number) => integer.format(value),
    decimal: (value: number) => decimal.format(value),
    /** A moment, such as the time of the latest change, in the reader's time zone. */
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** A day the sources gave to the day, the month or the year only: no more than they said. */
    date: (iso: string, precision: DatePrecision) =>
      byPrecision[precision].format(new Date(`${iso}T00:00:00Z`)),
  };
}

export type Formatters = ReturnType<typeof formatters>;
