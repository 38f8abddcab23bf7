import {
  createClient,
  DashboardChangesDocument,
  DashboardEventDocument,
  DashboardEventsDocument,
  DashboardOverviewDocument,
  GraphQLRequestError,
  pages,
} from '@mch/client';
import { keepPreviousData, QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Language } from './i18n';
import { eventFilter, eventOrder, type ViewState } from './view-state';

/**
 * Every request goes by GET with its trusted document ID: the API runs it with
 * TRUSTED_DOCUMENTS_ONLY=true, and a browser or shared cache may keep the answer for a minute.
 */
export const client = createClient({ url: '/graphql', documentIds: true, method: 'GET' });

/** Retry what a retry can mend (the network, a busy database), never a refusal of the request. */
const retryable = (error: unknown) =>
  !(error instanceof GraphQLRequestError) ||
  error.code === 'DATABASE_UNAVAILABLE' ||
  error.code === 'RATE_LIMITED';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      retry: (failures, error) => failures < 2 && retryable(error),
      // Offline, queries wait for the connection instead of failing (TanStack's default).
      networkMode: 'online',
    },
  },
});

/**
 * When the reader last asked for the new data. The browser may keep a GET answer for a minute
 * (the API's `max-age`); for a minute after a refresh every request asks the API again.
 */
let refreshedAt = Number.NEGATIVE_INFINITY;
const cacheMode = (): RequestCache => (Date.now() - refreshedAt < 60_000 ? 'no-cache' : 'default');

/** Shows the data as it is now: every query but the change feed's is fetched again. */
export function refreshData(): Promise<void> {
  refreshedAt = Date.now();
  return queryClient.invalidateQueries({
    predicate: (query) => query.queryKey[0] !== 'latest-change',
  });
}

const inLanguage = (language: Language, signal: AbortSignal) => ({
  signal,
  headers: { 'accept-language': language },
  cache: cacheMode(),
});

/** The first view's figures: one request. */
export function useOverview(state: ViewState) {
  const filter = eventFilter(state);
  return useQuery({
    queryKey: ['overview', state.lang, filter],
    queryFn: ({ signal }) =>
      client.request(DashboardOverviewDocument, { filter }, inLanguage(state.lang, signal)),
    placeholderData: keepPreviousData,
  });
}

/** The events table, a page at a time ("load more"). */
export function useEvents(state: ViewState) {
  const filter = eventFilter(state);
  const orderBy = eventOrder(state);
  return useInfiniteQuery({
    queryKey: ['events', state.lang, filter, orderBy],
    queryFn: ({ signal, pageParam }) =>
      client.request(
        DashboardEventsDocument,
        { filter, orderBy, first: PAGE_SIZE, after: pageParam },
        inLanguage(state.lang, signal),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.trainingEvents.pageInfo.hasNextPage ? last.trainingEvents.pageInfo.endCursor : null,
    placeholderData: keepPreviousData,
  });
}

export const PAGE_SIZE = 20;

export function useEvent(id: string | undefined, language: Language) {
  return useQuery({
    queryKey: ['event', language, id],
    queryFn: ({ signal }) =>
      client.request(DashboardEventDocument, { id: id ?? '' }, inLanguage(language, signal)),
    enabled: id !== undefined,
  });
}

const CURSOR_KEY = 'mch-dashboard:feed-position';

interface SavedPosition {
  cursor: string | null;
  latest: string | null;
}

function savedPosition(): SavedPosition {
  try {
    const saved = JSON.parse(localStorage.getItem(CURSOR_KEY) ?? 'null') as SavedPosition | null;
    if (saved && typeof saved === 'object') return saved;
  } catch {
    // A position that cannot be read is read again from the start of the feed.
  }
  return { cursor: null, latest: null };
}

async function readToEnd(from: SavedPosition, signal: AbortSignal): Promise<string | null> {
  let { cursor, latest } = from;
  // The feed is asked every time: a kept answer would hide the changes of the last minute.
  for await (const page of pages(client, DashboardChangesDocument, {}, (data) => data.changes, {
    pageSize: 1000,
    after: cursor,
    signal,
    cache: 'no-cache',
  })) {
    const last = page.nodes.at(-1)?.changedAt;
    if (last && (!latest || last > latest)) latest = last;
    cursor = page.pageInfo.endCursor ?? cursor;
  }
  localStorage.setItem(CURSOR_KEY, JSON.stringify({ cursor, latest }));
  return latest;
}

/**
 * When the records the dashboard shows last changed: their change feed read from the position
 * saved at the last visit to its end (the first visit reads it all), polled every minute. A newer time than the one the page
 * was loaded with means the data shown is out of date.
 */
export function useLatestChange() {
  return useQuery({
    queryKey: ['latest-change'],
    queryFn: async ({ signal }) => {
      const saved = savedPosition();
      try {
        return await readToEnd(saved, signal);
      } catch (error) {
        // The saved position fell behind the change log's horizon: read the feed from its start.
        if (error instanceof GraphQLRequestError && error.code === 'CURSOR_EXPIRED') {
          return readToEnd({ cursor: null, latest: null }, signal);
        }
        throw error;
      }
    },
    refetchInterval: 60_000,
    staleTime: 0,
  });
}
