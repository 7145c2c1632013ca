import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../src/contract/monitoring.js';
import { categories } from '../../../../src/domain/category.js';
import { useUser } from '../../app/auth.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AlertList } from './AlertList.js';
import { SubscriptionsPanel } from './SubscriptionsPanel.js';
import { useAlertStream } from './use-alert-stream.js';
import './alerts.css';

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));
/** Live notices kept on screen, the newest first. */
const maxNotices = 5;
const countryCode = 'MA';

/**
 * /alerts: the alerts of an area (the user's own by default), the user's subscriptions, and a notice for each new
 * alert of a subscription pushed by the server while the page is open.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [area, setArea] = useState(user.scope?.code ?? countryCode);
  const [draft, setDraft] = useState(area);
  const [notices, setNotices] = useState<Alert[]>([]);
  const [version, setVersion] = useState(0);

  const status = useAlertStream((alert) => {
    setNotices((previous) => [alert, ...previous.filter((a) => a.id !== alert.id)].slice(0, maxNotices));
    setVersion((n) => n + 1);
  });

  const show = (event: FormEvent) => {
    event.preventDefault();
    const code = draft.trim();
    if (code !== '') setArea(code);
  };

  return (
    <div className="alerts">
      <header className="alerts-header">
        <h1>{t('alerts.title')}</h1>
        <p className="alerts-lead">{t('alerts.lead')}</p>
        <p className="alerts-stream" data-status={status}>
          {t(`alerts.stream.${status}`)}
        </p>
      </header>
      <div aria-live="polite" className="alerts-notices">
        {notices.map((a) => (
          <div key={a.id} className="notice alerts-notice" data-testid="alert-notice">
            <p>
              {t('alerts.notice', {
                area: areaName(a.area, format.language),
                category: byCode.get(a.category)?.labels[format.language] ?? a.category,
                day: format.day(a.day),
                observed: format.count(a.observed),
                expected: format.decimal(a.expected),
              })}
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => setNotices((previous) => previous.filter((n) => n.id !== a.id))}
            >
              {t('alerts.dismiss')}
            </button>
          </div>
        ))}
      </div>
      <form className="alerts-area" onSubmit={show}>
        <label>
          {t('alerts.areaCode')}
          <input value={draft} onChange={(e) => setDraft(e.target.value)} pattern="[A-Za-z0-9._\-]{1,64}" required />
        </label>
        <button type="submit">{t('alerts.show')}</button>
      </form>
      <div className="alerts-grid">
        <section aria-labelledby="alerts-list-title">
          <h2 id="alerts-list-title">{t('alerts.list.title', { area })}</h2>
          <AlertList area={area} version={version} />
        </section>
        <SubscriptionsPanel area={area} />
      </div>
      <p className="alerts-note">{t('alerts.method')}</p>
    </div>
  );
}
