import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriptionList } from '../../../../src/contract/monitoring.js';
import { categories } from '../../../../src/domain/category.js';
import { api } from '../../api.js';
import { ErrorNotice, errorKey, Loading } from '../../app/feedback.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));

/**
 * The user's alert subscriptions: each area (one category or all) whose new alerts reach this page live, with a
 * button to stop, and a form to subscribe to the area shown.
 */
export function SubscriptionsPanel({ area }: { area: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [list, setList] = useState<SubscriptionList | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [category, setCategory] = useState('');
  const [busy, setBusy] = useState(false);
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.subscriptions(controller.signal).then(
      (data) => setList(data),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      },
    );
    return () => controller.abort();
  }, [retries]);

  const change = (work: () => Promise<SubscriptionList>) => {
    setBusy(true);
    setFailure(null);
    work()
      .then(setList, (error: unknown) => setFailure(error))
      .finally(() => setBusy(false));
  };

  const subscribe = (event: FormEvent) => {
    event.preventDefault();
    change(() => api.subscribe({ area, category: category === '' ? null : category }));
  };

  if (list === null) {
    return loadError === null ? (
      <Loading />
    ) : (
      <ErrorNotice error={loadError} onRetry={() => setRetries((n) => n + 1)} />
    );
  }
  return (
    <section className="alerts-subscriptions" aria-labelledby="alerts-subscriptions-title">
      <h2 id="alerts-subscriptions-title">{t('alerts.subscriptions.title')}</h2>
      <p className="alerts-note">{t('alerts.subscriptions.lead')}</p>
      {list.items.length === 0 ? (
        <p className="empty">{t('alerts.subscriptions.none')}</p>
      ) : (
        <ul className="alerts-subscription-list">
          {list.items.map((s) => (
            <li key={`${s.area.code}|${s.category ?? ''}`}>
              <span>
                {areaName(s.area, format.language)} ·{' '}
                {s.category === null
                  ? t('alerts.subscriptions.allCategories')
                  : (byCode.get(s.category)?.labels[format.language] ?? s.category)}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() =>
                  change(() =>
                    api.unsubscribe({ area: s.area.code, ...(s.category === null ? {} : { category: s.category }) }),
                  )
                }
              >
                {t('alerts.subscriptions.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="alerts-subscribe" onSubmit={subscribe}>
        <label>
          {t('alerts.subscriptions.category')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('alerts.subscriptions.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.labels[format.language]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t('alerts.subscriptions.add', { area })}
        </button>
      </form>
      {failure !== null && (
        <p className="alerts-failure" role="alert">
          {t(errorKey(failure))}
        </p>
      )}
    </section>
  );
}
