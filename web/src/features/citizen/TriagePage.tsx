import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenReport } from '../../../../src/contract/citizen-reports.js';
import { categories, type CategoryCode } from '../../../../src/domain/category.js';
import { findService, reportStatuses, type ReportStatus } from '../../../../src/domain/citizen-report.js';
import { api } from '../../api.js';
import { useAuth } from '../../app/auth.js';
import { ErrorNotice, errorKey, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import './citizen.css';

/** The triage queue of citizen reports in the user's scope, newest first, with what an officer may do to each. */
export function TriagePage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const canWrite = state.status === 'signedIn' && state.user.permissions.includes('citizen_reports.triage');
  const [status, setStatus] = useState<ReportStatus | ''>('');
  const [version, setVersion] = useState(0);
  const queue = useResource(`triage:${status}:${version}`, (signal) =>
    api.reportQueue(status === '' ? { limit: 100 } : { status, limit: 100 }, signal),
  );
  useEffect(() => {
    document.title = `${t('triage.title')} — ${t('app.name')}`;
  }, [t]);

  return (
    <div className="triage">
      <header>
        <h1>{t('triage.title')}</h1>
        <p className="citizen-lead">{t('triage.lead')}</p>
        <label>
          {t('citizen.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as ReportStatus | '')}>
            <option value="">{t('triage.allStatuses')}</option>
            {reportStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`citizen.statusValue.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      {queue.status === 'loading' && <Loading />}
      {queue.status === 'error' && <ErrorNotice error={queue.error} onRetry={() => setVersion((v) => v + 1)} />}
      {queue.status === 'ready' && queue.data.items.length === 0 && <p>{t('triage.empty')}</p>}
      {queue.status === 'ready' && (
        <ol className="triage-list" data-testid="triage-list">
          {queue.data.items.map((r) => (
            <TriageItem key={r.code} report={r} canWrite={canWrite} onChange={() => setVersion((v) => v + 1)} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** An instant as a datetime-local value in the browser's zone, down to the minute (never after the instant). */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function TriageItem({
  report,
  canWrite,
  onChange,
}: {
  report: CitizenReport;
  canWrite: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [note, setNote] = useState(report.statusNotes ?? '');
  const [into, setInto] = useState('');
  const service = findService(report.service);
  const [category, setCategory] = useState<CategoryCode>(service?.category ?? 'other');
  const [occurredAt, setOccurredAt] = useState(() => localMinute(report.requestedAt));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = (work: () => Promise<unknown>) => (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    setPending(true);
    setError(null);
    work().then(
      () => {
        setPending(false);
        onChange();
      },
      (failure: unknown) => {
        setPending(false);
        setError(failure);
      },
    );
  };
  const open = report.status !== 'merged' && report.status !== 'rejected' && report.status !== 'closed';

  return (
    <li className="triage-item" data-code={report.code} data-status={report.status}>
      <header>
        <strong dir="ltr">{report.code}</strong> · {t(`citizen.kind.${report.kind}`)} ·{' '}
        {service ? service.name[format.language] : report.service} ·{' '}
        <span data-testid="triage-status">{t(`citizen.statusValue.${report.status}`)}</span>
      </header>
      {/* Citizens' text is shown as text: React escapes it, so markup in it is never interpreted. */}
      <p className="citizen-text" data-testid="triage-description">
        {report.description}
      </p>
      <p className="triage-meta">
        {format.dateTime(report.requestedAt, 'Africa/Casablanca')} ·{' '}
        {report.area ? areaName(report.area, format.language) : t('triage.noPlace')}
        {report.address && ` · ${report.address}`}
        {report.lat !== null && report.lon !== null && (
          <>
            {' '}
            <bdi dir="ltr">
              ({report.lat.toFixed(5)}, {report.lon.toFixed(5)})
            </bdi>
          </>
        )}
      </p>
      <p className="triage-meta">
        {report.contact
          ? [report.contact.name, report.contact.email, report.contact.phone].filter(Boolean).join(' · ')
          : t('citizen.anonymous')}
      </p>
      {report.incidentId !== null && <p className="triage-meta">{t('triage.incident', { id: report.incidentId })}</p>}
      {report.mergedInto && (
        <p className="triage-meta">
          {t('citizen.mergedInto')} <span dir="ltr">{report.mergedInto}</span>
        </p>
      )}
      {canWrite && open && (
        <div className="triage-actions">
          {report.status === 'open' && (
            <button
              type="button"
              disabled={pending}
              onClick={() => act(() => api.patchReport(report.code, { status: 'acknowledged' }))()}
            >
              {t('triage.acknowledge')}
            </button>
          )}
          <form onSubmit={act(() => api.patchReport(report.code, { statusNotes: note }))}>
            <label>
              {t('triage.note')}
              <input name="note" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="submit" className="secondary" disabled={pending}>
              {t('triage.saveNote')}
            </button>
          </form>
          <form onSubmit={act(() => api.mergeReport(report.code, { into: into.trim().toUpperCase() }))}>
            <label>
              {t('triage.mergeInto')}
              <input name="into" dir="ltr" maxLength={20} value={into} onChange={(e) => setInto(e.target.value)} />
            </label>
            <button type="submit" className="secondary" disabled={pending || into.trim() === ''}>
              {t('triage.merge')}
            </button>
          </form>
          {report.incidentId === null && report.lat !== null && (
            <form
              data-testid="triage-incident"
              onSubmit={act(() =>
                api.reportIncident(report.code, {
                  category,
                  occurredAt: new Date(occurredAt).toISOString(),
                }),
              )}
            >
              <label>
                {t('triage.category')}
                <select name="category" value={category} onChange={(e) => setCategory(e.target.value as CategoryCode)}>
                  {categories.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.labels[format.language]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('triage.occurredAt')}
                <input
                  name="occurredAt"
                  type="datetime-local"
                  value={occurredAt}
                  onChange={(e) => setOccurredAt(e.target.value)}
                />
              </label>
              <button type="submit" disabled={pending}>
                {t('triage.toIncident')}
              </button>
            </form>
          )}
          <button
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => act(() => api.patchReport(report.code, { status: 'rejected' }))()}
          >
            {t('triage.reject')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => act(() => api.patchReport(report.code, { status: 'closed' }))()}
          >
            {t('triage.close')}
          </button>
        </div>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {t(errorKey(error))}
        </p>
      )}
    </li>
  );
}
