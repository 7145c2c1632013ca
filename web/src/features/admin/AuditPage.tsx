import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditQuery } from '../../../../src/contract/audit.js';
import { auditActions, isAuditAction } from '../../../../src/domain/audit.js';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';
import './admin.css';

interface Filters {
  user: string;
  action: string;
  target: string;
  from: string;
  to: string;
}

const noFilters: Filters = { user: '', action: '', target: '', from: '', to: '' };

/** The filters as the API takes them: empty ones left out. */
function queryOf(filters: Filters, cursor: string | null): AuditQuery {
  return {
    limit: 100,
    ...(filters.user ? { user: filters.user } : {}),
    ...(isAuditAction(filters.action) ? { action: filters.action } : {}),
    ...(filters.target ? { target: filters.target } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * The audit trail, newest first, for those entitled to it (the director-general and the auditor): searched by user,
 * action, record and days, a hundred entries a page. Each search is itself recorded in the trail.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [cursor, setCursor] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<AuditEntry[]>([]);
  const page = useResource(`audit:${JSON.stringify(filters)}:${cursor ?? ''}`, (signal) =>
    api.audit(queryOf(filters, cursor), signal),
  );
  useEffect(() => {
    document.title = `${t('audit.title')} — ${t('app.name')}`;
  }, [t]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEarlier([]);
    setCursor(null);
    setFilters({ ...draft, user: draft.user.trim(), target: draft.target.trim() });
  };
  const more = () => {
    if (page.status !== 'ready' || page.data.nextCursor === null) return;
    setEarlier((shown) => [...shown, ...page.data.items]);
    setCursor(page.data.nextCursor);
  };
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });
  const entries = page.status === 'ready' ? [...earlier, ...page.data.items] : earlier;

  return (
    <div className="admin">
      <h1>{t('audit.title')}</h1>
      <p className="admin-lead">{t('audit.lead')}</p>
      <form className="admin-add" onSubmit={search} data-testid="audit-search">
        <label>
          {t('audit.user')}
          <input {...field('user')} dir="ltr" />
        </label>
        <label>
          {t('audit.action')}
          <select {...field('action')}>
            <option value="">{t('audit.anyAction')}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.target')}
          <input {...field('target')} dir="ltr" placeholder="incident:42" />
        </label>
        <label>
          {t('audit.from')}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" {...field('to')} />
        </label>
        <button type="submit">{t('audit.search')}</button>
      </form>
      {page.status === 'error' && <ErrorNotice error={page.error} />}
      {entries.length === 0 && page.status === 'ready' && <p>{t('audit.none')}</p>}
      {entries.length > 0 && (
        <table className="admin-table" data-testid="audit-entries">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.user')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{format.dateTime(e.at, 'Africa/Casablanca')}</td>
                <td>
                  <bdi dir="ltr">{e.actor}</bdi>
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <bdi dir="ltr">{e.targetKind ? `${e.targetKind}:${e.targetId ?? ''}` : '—'}</bdi>
                </td>
                <td>
                  <code className="audit-details" dir="ltr">
                    {JSON.stringify(e.details)}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.status === 'loading' && <Loading />}
      {page.status === 'ready' && page.data.nextCursor !== null && (
        <button type="button" className="secondary" onClick={more}>
          {t('audit.more')}
        </button>
      )}
    </div>
  );
}
