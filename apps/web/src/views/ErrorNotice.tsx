import { useLocale } from '../context';
import { describeError } from '../errors';

/** What went wrong, in words for a person, with a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { language, t } = useLocale();
  const { message, code, requestId } = describeError(error, language);
  return (
    <div className="notice error" role="alert">
      <strong>{t('errorTitle')}</strong>
      <p>{message}</p>
      {code || requestId ? (
        <p className="muted small">
          {code ? <code>{code}</code> : null}
          {requestId ? ` · ${t('requestId')}: ${requestId}` : null}
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
