import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../src/contract/monitoring.js';
import { categories } from '../../../../src/domain/category.js';
import { api } from '../../api.js';
import { ErrorNotice, errorKey, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));

export interface AlertListProps {
  /** The area whose alerts (and those of the areas inside it) are listed. */
  area: string;
  from?: string;
  to?: string;
  category?: string;
  limit?: number;
  /** Changes to read the list again (after a live alert, for instance). */
  version?: number;
}

/**
 * The stored alerts of an area, the latest day first: each day's count against what was expected and the upper
 * limit, and a button to acknowledge it. Other pages may embed it.
 */
export function AlertList({ area, from, to, category, limit = 50, version = 0 }: AlertListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [acknowledged, setAcknowledged] = useState<Map<number, Alert>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [retries, setRetries] = useState(0);
  const key = JSON.stringify([area, from, to, category, limit, version, retries]);
  const list = useResource(key, (signal) => api.alerts({ area, from, to, category, limit }, signal));

  const acknowledge = (id: number) => {
    setFailure(null);
    api.acknowledgeAlert(id).then(
      (alert) => setAcknowledged((previous) => new Map(previous).set(id, alert)),
      (error: unknown) => setFailure(error),
    );
  };

  if (list.status === 'loading' || list.status === 'idle') return <Loading />;
  if (list.status === 'error') return <ErrorNotice error={list.error} onRetry={() => setRetries((n) => n + 1)} />;
  const items = list.data.items.map((a) => acknowledged.get(a.id) ?? a);
  if (items.length === 0) return <p className="empty">{t('alerts.list.none')}</p>;
  return (
    <div className="table-scroll">
      {failure !== null && (
        <p className="alerts-failure" role="alert">
          {t(errorKey(failure))}
        </p>
      )}
      <table className="alerts-table">
        <caption>{t('alerts.list.caption', { count: items.length, value: format.count(items.length) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alerts.column.day')}</th>
            <th scope="col">{t('alerts.column.area')}</th>
            <th scope="col">{t('alerts.column.category')}</th>
            <th scope="col">{t('alerts.column.observed')}</th>
            <th scope="col">{t('alerts.column.expected')}</th>
            <th scope="col">{t('alerts.column.upper')}</th>
            <th scope="col">{t('alerts.column.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid="alert-row">
              <td>{format.day(a.day)}</td>
              <td>{areaName(a.area, format.language)}</td>
              <td>{byCode.get(a.category)?.labels[format.language] ?? a.category}</td>
              <td className="number">{format.count(a.observed)}</td>
              <td className="number">{format.decimal(a.expected)}</td>
              <td className="number">{format.decimal(a.upper)}</td>
              <td>
                {a.acknowledgedAt === null ? (
                  <button type="button" className="secondary" onClick={() => acknowledge(a.id)}>
                    {t('alerts.acknowledge')}
                  </button>
                ) : (
                  t('alerts.acknowledgedBy', { user: a.acknowledgedBy ?? '—' })
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data.truncated && (
        <p className="alerts-note">{t('alerts.list.truncated', { value: format.count(items.length) })}</p>
      )}
    </div>
  );
}
