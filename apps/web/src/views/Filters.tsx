import { type FormEvent, useEffect, useState } from 'react';
import { useLocale } from '../context';
import { formats, sortKeys, statuses, type ViewState } from '../view-state';

interface Props {
  state: ViewState;
  update: (change: Partial<ViewState>) => void;
  countries: ReadonlyArray<{ code: string; name: string; eventCount: number }>;
}

/** The filter of the events: every control labelled, every change kept in the URL. */
export function Filters({ state, update, countries }: Props) {
  const { t, format } = useLocale();
  // Words are sent when the reader submits them (Enter), not at every key.
  const [words, setWords] = useState(state.q ?? '');
  useEffect(() => setWords(state.q ?? ''), [state.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: words.trim() || undefined, event: undefined });
  };
  const year = (value: string) => (/^\d{4}$/.test(value) ? Number(value) : undefined);
  // A country chosen in the URL stays listed while the names load.
  const listed =
    state.country && !countries.some((country) => country.code === state.country)
      ? [...countries, { code: state.country, name: state.country, eventCount: 0 }]
      : countries;

  return (
    <form className="filters" aria-label={t('filters')} onSubmit={submit}>
      <label>
        {t('country')}
        <select
          name="country"
          value={state.country ?? ''}
          onChange={(event) =>
            update({ country: event.target.value || undefined, event: undefined })
          }
        >
          <option value="">{t('anyCountry')}</option>
          {listed.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name} ({format.integer(country.eventCount)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('format')}
        <select
          name="format"
          value={state.format ?? ''}
          onChange={(event) =>
            update({ format: formats.find((f) => f === event.target.value), event: undefined })
          }
        >
          <option value="">{t('anyFormat')}</option>
          {formats.map((value) => (
            <option key={value} value={value}>
              {t(`format.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('status')}
        <select
          name="status"
          value={state.status ?? ''}
          onChange={(event) =>
            update({ status: statuses.find((s) => s === event.target.value), event: undefined })
          }
        >
          <option value="">{t('anyStatus')}</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('fromYear')}
        <input
          name="from"
          type="number"
          inputMode="numeric"
          min={1900}
          max={2100}
          defaultValue={state.from ?? ''}
          key={`from-${state.from ?? ''}`}
          onBlur={(event) => update({ from: year(event.target.value) })}
        />
      </label>
      <label>
        {t('toYear')}
        <input
          name="to"
          type="number"
          inputMode="numeric"
          min={1900}
          max={2100}
          defaultValue={state.to ?? ''}
          key={`to-${state.to ?? ''}`}
          onBlur={(event) => update({ to: year(event.target.value) })}
        />
      </label>
      <label className="grow">
        {t('search')}
        <input
          name="q"
          type="search"
          value={words}
          onChange={(event) => setWords(event.target.value)}
          onBlur={() => update({ q: words.trim() || undefined })}
        />
      </label>
      <label>
        {t('sort')}
        <select
          name="sort"
          value={state.sort}
          onChange={(event) => update({ sort: sortKeys.find((key) => key === event.target.value) })}
        >
          {sortKeys.map((key) => (
            <option key={key} value={key}>
              {t(`sort.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() =>
          update({
            country: undefined,
            format: undefined,
            status: undefined,
            from: undefined,
            to: undefined,
            q: undefined,
            event: undefined,
          })
        }
      >
        {t('clearFilters')}
      </button>
    </form>
  );
}
