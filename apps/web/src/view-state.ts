import type {
  TrainingEventFilter,
  TrainingEventOrder,
  TrainingFormat,
  TrainingStatus,
} from '@mch/client';
import { useCallback, useSyncExternalStore } from 'react';
import { isLanguage, type Language } from './i18n';

/**
 * Everything a view shows is in its URL: a link, a bookmark or a reload opens the same view.
 * Parameters hold plain values (`?country=MZ&format=TELECONFERENCE&from=2020`); unknown or
 * malformed ones are dropped rather than sent to the API.
 */
export interface ViewState {
  lang: Language;
  country: string | undefined;
  format: TrainingFormat | undefined;
  status: TrainingStatus | undefined;
  from: number | undefined;
  to: number | undefined;
  q: string | undefined;
  sort: SortKey;
  /** The event whose details are open. */
  event: string | undefined;
}

export const formats: readonly TrainingFormat[] = ['IN_PERSON', 'TELECONFERENCE', 'HYBRID'];
export const statuses: readonly TrainingStatus[] = [
  'COMPLETED',
  'PLANNED',
  'POSTPONED',
  'CANCELLED',
];
export const sortKeys = [
  'START_DATE.DESC',
  'START_DATE.ASC',
  'PARTICIPANT_COUNT.DESC',
  'TITLE.ASC',
] as const;
export type SortKey = (typeof sortKeys)[number];

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

const year = (value: string | null): number | undefined =>
  value && /^\d{4}$/.test(value) ? Number(value) : undefined;

/** The language a first visit opens in: the browser's, when the API names places in it. */
function preferredLanguage(): Language {
  for (const tag of navigator.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  const country = params.get('country')?.toUpperCase();
  return {
    lang: isLanguage(lang) ? lang : preferredLanguage(),
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    format: pick(formats, params.get('format')),
    status: pick(statuses, params.get('status')),
    from: year(params.get('from')),
    to: year(params.get('to')),
    q: params.get('q')?.trim() || undefined,
    sort: pick(sortKeys, params.get('sort')) ?? 'START_DATE.DESC',
    event: params.get('event') || undefined,
  };
}

export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('lang', state.lang);
  if (state.country) params.set('country', state.country);
  if (state.format) params.set('format', state.format);
  if (state.status) params.set('status', state.status);
  if (state.from !== undefined) params.set('from', String(state.from));
  if (state.to !== undefined) params.set('to', String(state.to));
  if (state.q) params.set('q', state.q);
  if (state.sort !== 'START_DATE.DESC') params.set('sort', state.sort);
  if (state.event) params.set('event', state.event);
  return `?${params}`;
}

/** The API's filter for the events a view selects. */
export function eventFilter(state: ViewState): TrainingEventFilter {
  return {
    ...(state.country ? { countries: [state.country] } : {}),
    ...(state.format ? { formats: [state.format] } : {}),
    ...(state.status ? { statuses: [state.status] } : {}),
    ...(state.from !== undefined || state.to !== undefined
      ? {
          startDate: {
            ...(state.from !== undefined ? { from: `${state.from}-01-01` } : {}),
            ...(state.to !== undefined ? { to: `${state.to}-12-31` } : {}),
          },
        }
      : {}),
    ...(state.q ? { search: state.q } : {}),
  };
}

export function eventOrder(state: ViewState): TrainingEventOrder {
  const [field, direction] = state.sort.split('.') as [
    TrainingEventOrder['field'],
    NonNullable<TrainingEventOrder['direction']>,
  ];
  return { field, direction };
}

/** The CSV of the same events, with the same filter, as the API exports it. */
export function csvHref(state: ViewState): string {
  return `/export/trainingEvents.csv?${new URLSearchParams({ filter: JSON.stringify(eventFilter(state)) })}`;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};

/**
 * The view's state and a way to change it. A change of filter is a new history entry (Back
 * undoes it); opening or closing details replaces the current one.
 */
export function useViewState(): [
  ViewState,
  (change: Partial<ViewState>, how?: 'push' | 'replace') => void,
] {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  const state = parseViewState(search);
  const update = useCallback((change: Partial<ViewState>, how: 'push' | 'replace' = 'push') => {
    const next = serializeViewState({ ...parseViewState(window.location.search), ...change });
    if (next === window.location.search) return;
    window.history[how === 'push' ? 'pushState' : 'replaceState'](null, '', next);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [state, update];
}
