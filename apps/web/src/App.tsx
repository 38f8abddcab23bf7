import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { refreshData, useEvents, useLatestChange, useOverview } from './api';
import { LocaleContext } from './context';
import { formatters } from './format';
import { dataLanguages, direction, interfaceLanguage, languageNames, translator } from './i18n';
import { useViewState } from './view-state';
import { EventDetail } from './views/EventDetail';
import { EventsTable } from './views/EventsTable';
import { Filters } from './views/Filters';
import { OverviewCards } from './views/Overview';

/** Whether the browser is online, kept up to date. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function App() {
  const [state, update] = useViewState();
  const locale = useMemo(
    () => ({
      language: state.lang,
      t: translator(state.lang),
      format: formatters(state.lang),
    }),
    [state.lang],
  );
  const { t } = locale;
  const online = useOnline();
  const overview = useOverview(state);
  const events = useEvents(state);
  const latest = useLatestChange();

  // The time of the latest change when the data shown was loaded; a later one offers a refresh.
  const loadedAt = useRef<string | null | undefined>(undefined);
  if (loadedAt.current === undefined && latest.data !== undefined) loadedAt.current = latest.data;
  const changed = latest.data != null && loadedAt.current != null && latest.data > loadedAt.current;
  const refresh = () => {
    loadedAt.current = latest.data;
    void refreshData();
  };

  useEffect(() => {
    document.documentElement.lang = state.lang;
    document.documentElement.dir = direction(state.lang);
    document.title = t('title');
  }, [state.lang, t]);

  const closeDetail = useCallback(() => {
    update({ event: undefined }, 'replace');
    document.getElementById('events')?.focus();
  }, [update]);

  const countries = (overview.data?.countries.groups ?? []).flatMap((group) =>
    group.country ? [{ ...group.country, eventCount: group.eventCount }] : [],
  );
  countries.sort((a, b) => a.name.localeCompare(b.name, state.lang));

  return (
    <LocaleContext.Provider value={locale}>
      <a className="skip" href="#events">
        {t('skipToEvents')}
      </a>
      <header className="top" lang={interfaceLanguage(state.lang)}>
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
        <label className="language">
          {t('language')}
          <select
            name="lang"
            value={state.lang}
            onChange={(event) =>
              update({ lang: dataLanguages.find((language) => language === event.target.value) })
            }
          >
            {dataLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageNames[language]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {online ? null : (
        <p className="notice offline" role="status">
          {t('offline')}
        </p>
      )}
      {changed ? (
        <p className="notice" role="status">
          {t('dataChanged')}{' '}
          <button type="button" onClick={refresh}>
            {t('refresh')}
          </button>
        </p>
      ) : null}
      <main>
        <OverviewCards
          overview={overview}
          asOf={latest.isPending ? undefined : (latest.data ?? null)}
        />
        <Filters state={state} update={update} countries={countries} />
        <div className={state.event ? 'with-detail' : undefined}>
          <EventsTable
            events={events}
            state={state}
            onOpen={(id) => update({ event: id }, 'replace')}
          />
          {state.event ? (
            <EventDetail key={state.event} id={state.event} onClose={closeDetail} />
          ) : null}
        </div>
      </main>
    </LocaleContext.Provider>
  );
}
