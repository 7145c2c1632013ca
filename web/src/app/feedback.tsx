import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { useAuth } from './auth.js';

/** The translation key of a failure: the API's stable code, never the server's English message. */
export function errorKey(error: unknown): string {
  return error instanceof ApiError ? `error.${error.code}` : 'error.UNEXPECTED';
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/**
 * A failed request, said in the user's language. An expired session sends the user back to sign in; other
 * failures may offer to try again, and whatever way back the page gives.
 */
export function ErrorNotice({
  error,
  title,
  onRetry,
  children,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { expire } = useAuth();
  const expired = error instanceof ApiError && error.code === 'UNAUTHENTICATED';
  return (
    <div className="notice notice-error" role="alert">
      {title && <h2>{title}</h2>}
      <p>{t(errorKey(error))}</p>
      <div className="notice-actions">
        {expired ? (
          <button type="button" onClick={expire}>
            {t('auth.signInAgain')}
          </button>
        ) : (
          onRetry && (
            <button type="button" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )
        )}
        {children}
      </div>
    </div>
  );
}
