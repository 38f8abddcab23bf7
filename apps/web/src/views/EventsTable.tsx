import type { DashboardEventsQuery } from '@mch/client';
import type { useEvents } from '../api';
import { useLocale } from '../context';
import { csvHref, type ViewState } from '../view-state';
import { ErrorNotice } from './ErrorNotice';

type Event = DashboardEventsQuery['trainingEvents']['nodes'][number];

interface Props {
  events: ReturnType<typeof useEvents>;
  state: ViewState;
  onOpen: (id: string) => void;
}

/** The events the filter selects, a page at a time, each opening its details. */
export function EventsTable({ events, state, onOpen }: Props) {
  const { t, format } = useLocale();
  const rows: Event[] = events.data?.pages.flatMap((page) => page.trainingEvents.nodes) ?? [];
  const total = events.data?.pages[0]?.trainingEvents.totalCount;
  const place = (event: Event) =>
    [event.locality, event.subdivision?.name, event.country.name].filter(Boolean).join(', ');

  return (
    <section id="events" aria-labelledby="events-heading" tabIndex={-1}>
      <div className="section-head">
        <h2 id="events-heading">{t('eventsTable')}</h2>
        {total !== undefined ? (
          <a className="button" href={csvHref(state)} download data-testid="csv-link">
            {t('downloadCsv', { total: format.integer(total) })}
          </a>
        ) : null}
      </div>
      {events.error && !events.data ? (
        <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
      ) : null}
      {events.isPending ? <p role="status">{t('loading')}</p> : null}
      {total === 0 ? <p role="status">{t('noEvents')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table aria-busy={events.isFetching}>
            <caption className="visually-hidden">{t('eventsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colDate')}</th>
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('colPlace')}</th>
                <th scope="col">{t('colFormat')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col" className="number">
                  {t('colParticipants')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id} aria-selected={state.event === event.id}>
                  <td>
                    {event.startDate
                      ? format.date(event.startDate, event.startDatePrecision)
                      : t('undated')}
                  </td>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onOpen(event.id)}>
                      {event.title}
                    </button>
                  </th>
                  <td>{place(event)}</td>
                  <td>{t(`format.${event.format}`)}</td>
                  <td>{t(`status.${event.status}`)}</td>
                  <td className="number">
                    {event.participantCount === null ? '–' : format.integer(event.participantCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total !== undefined && total > 0 ? (
        <p className="pager">
          <span role="status" data-testid="showing">
            {t('showing', { shown: format.integer(rows.length), total: format.integer(total) })}
          </span>
          {events.hasNextPage ? (
            <button
              type="button"
              onClick={() => void events.fetchNextPage()}
              disabled={events.isFetchingNextPage}
            >
              {events.isFetchingNextPage ? t('loading') : t('loadMore')}
            </button>
          ) : null}
        </p>
      ) : null}
      {events.error && events.data ? <ErrorNotice error={events.error} /> : null}
    </section>
  );
}
