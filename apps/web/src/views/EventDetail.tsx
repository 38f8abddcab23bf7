import { GraphQLRequestError } from '@mch/client';
import { useEffect, useRef } from 'react';
import { useEvent } from '../api';
import { useLocale } from '../context';
import { ErrorNotice } from './ErrorNotice';

/** One event's details: where and when, who presented, on what, and the sources that tell it. */
export function EventDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { language, t, format } = useLocale();
  const query = useEvent(id, language);
  const heading = useRef<HTMLHeadingElement>(null);
  const event = query.data?.node?.__typename === 'TrainingEvent' ? query.data.node : undefined;

  // The panel takes the focus when it opens, and Escape closes it.
  useEffect(() => {
    if (event) heading.current?.focus();
  }, [event]);
  useEffect(() => {
    const onKey = (keyboard: KeyboardEvent) => {
      if (keyboard.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="detail" aria-labelledby="detail-heading" data-testid="detail">
      <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
        ×
      </button>
      {query.error ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.isPending ? <p role="status">{t('loading')}</p> : null}
      {query.data && !event && !query.error ? <ErrorNotice error={notFound} /> : null}
      {event ? (
        <>
          <h2 id="detail-heading" tabIndex={-1} ref={heading}>
            {event.title}
          </h2>
          <p className="muted">
            {event.startDate
              ? format.date(event.startDate, event.startDatePrecision)
              : t('undated')}
            {' · '}
            {[event.locality, event.subdivision?.name, event.country.name]
              .filter(Boolean)
              .join(', ')}
            {' · '}
            {t(`format.${event.format}`)} · {t(`status.${event.status}`)}
          </p>
          <dl className="facts">
            <dt>{t('participants')}</dt>
            <dd>
              {event.participantCount === null ? '–' : format.integer(event.participantCount)}
            </dd>
            <dt>{t('duration')}</dt>
            <dd>
              {event.durationHours === null
                ? '–'
                : t('hours', { count: format.decimal(event.durationHours) })}
            </dd>
            <dt>{t('host')}</dt>
            <dd>{event.hostOrganisation?.name ?? '–'}</dd>
          </dl>
          {event.description ? <p>{event.description}</p> : null}
          {event.outcomeSummary ? <p>{event.outcomeSummary}</p> : null}

          <h3>{t('presenters')}</h3>
          {event.presenters.nodes.length ? (
            <ul data-testid="presenters">
              {event.presenters.nodes.map((presenter, index) => (
                <li key={`${presenter.person?.name ?? ''}-${index}`}>
                  {[
                    presenter.person?.name,
                    presenter.profession,
                    presenter.organisation?.name,
                    presenter.organisation?.country?.name,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('none')}</p>
          )}

          <h3>{t('topics')}</h3>
          {event.topics.nodes.length ? (
            <ul className="tags">
              {event.topics.nodes.map((topic) => (
                <li key={topic.code}>{topic.name}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('none')}</p>
          )}

          <h3>{t('sources')}</h3>
          {event.sources.nodes.length ? (
            <ul data-testid="sources">
              {event.sources.nodes.map((source) => (
                <li key={source.id}>
                  {source.url ? (
                    <a href={source.url} rel="noreferrer noopener" target="_blank">
                      {source.title}
                    </a>
                  ) : (
                    source.title
                  )}
                  {source.publisher ? ` · ${source.publisher}` : ''}
                  {source.publishedOn ? ` · ${format.date(source.publishedOn, 'DAY')}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('none')}</p>
          )}
        </>
      ) : null}
    </aside>
  );
}

/** An ID in the URL that names no event: told as the API tells NOT_FOUND. */
const notFound = new GraphQLRequestError(
  [{ message: 'No training event has this ID.', code: 'NOT_FOUND', extensions: {} }],
  null,
  200,
);
