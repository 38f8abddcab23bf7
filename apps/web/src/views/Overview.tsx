import type { useOverview } from '../api';
import { useLocale } from '../context';
import { ErrorNotice } from './ErrorNotice';

type Overview = ReturnType<typeof useOverview>;

/** The headline figures: events, participants and hours for the filter; agreements and donations. */
export function OverviewCards({
  overview,
  asOf,
}: {
  overview: Overview;
  asOf: string | null | undefined;
}) {
  const { t, format } = useLocale();
  if (overview.error && !overview.data) {
    return <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  const figure = (value: number | undefined, decimal = false) =>
    value === undefined ? '…' : decimal ? format.decimal(value) : format.integer(value);
  const units = (data?.donationStatistics.groups ?? []).filter((group) => group.quantity !== null);
  return (
    <section aria-labelledby="overview-heading" aria-busy={overview.isFetching}>
      <div className="section-head">
        <h2 id="overview-heading">{t('overview')}</h2>
        <p className="muted" data-testid="as-of">
          {asOf === undefined
            ? t('loading')
            : asOf
              ? t('asOf', { time: format.dateTime(asOf) })
              : t('asOfUnknown')}
        </p>
      </div>
      <dl className="cards">
        <div className="card">
          <dt>{t('events')}</dt>
          <dd data-testid="event-count">{figure(data?.trainingStatistics.eventCount)}</dd>
        </div>
        <div className="card">
          <dt>{t('participants')}</dt>
          <dd data-testid="participant-count">
            {figure(data?.trainingStatistics.participantCount)}
          </dd>
        </div>
        <div className="card">
          <dt>{t('trainingHours')}</dt>
          <dd>{figure(data?.trainingStatistics.trainingHours, true)}</dd>
        </div>
        <div className="card">
          <dt>{t('agreements')}</dt>
          <dd>{figure(data?.agreements.totalCount)}</dd>
        </div>
        <div className="card wide">
          <dt>
            {t('donations')}: {figure(data?.donationStatistics.donationCount)}
          </dt>
          <dd>
            <span className="visually-hidden">{t('donatedQuantities')}</span>
            <ul className="units">
              {units.map((group) => (
                <li key={group.unit ?? 'none'}>
                  {group.approximate ? `${t('approximately')} ` : ''}
                  {format.integer(group.quantity ?? 0)}{' '}
                  {group.unit ? t(`unit.${group.unit}`) : t('noUnit')}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p className="muted small">{t('overviewFiltered')}</p>
    </section>
  );
}
