import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link } from '../../app/router.js';
import { reportPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';
import './citizen.css';

/** A report as its author follows it by its code: status and public notes, never contact details. */
export function ReportStatusPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useResource(`report:${code}:${format.language}`, (signal) =>
    api.followReport(code, format.language, signal),
  );
  useEffect(() => {
    document.title = `${t('citizen.statusTitle')} ${code} — ${t('app.name')}`;
  }, [t, code]);

  const r = report.status === 'ready' ? report.data[0] : undefined;
  return (
    <section className="citizen" aria-labelledby="report-status-title" data-code={code}>
      <h1 id="report-status-title">
        {t('citizen.statusTitle')}{' '}
        <span dir="ltr" className="citizen-code-inline">
          {code}
        </span>
      </h1>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorNotice error={report.error} />}
      {r && (
        <dl className="citizen-status" data-testid="report-status" data-status={r.extended_attributes.detailed_status}>
          <dt>{t('citizen.status')}</dt>
          <dd data-testid="report-status-value">{t(`citizen.statusValue.${r.extended_attributes.detailed_status}`)}</dd>
          <dt>{t('citizen.field.service_code')}</dt>
          <dd>{r.service_name}</dd>
          <dt>{t('citizen.field.description')}</dt>
          <dd className="citizen-text">{r.description}</dd>
          <dt>{t('citizen.requested')}</dt>
          <dd>{format.dateTime(r.requested_datetime, 'Africa/Casablanca')}</dd>
          <dt>{t('citizen.updated')}</dt>
          <dd>{format.dateTime(r.updated_datetime, 'Africa/Casablanca')}</dd>
          <dt>{t('citizen.notes')}</dt>
          <dd className="citizen-text" data-testid="report-notes">
            {r.status_notes ?? t('citizen.noNotes')}
          </dd>
          {r.extended_attributes.merged_into && (
            <>
              <dt>{t('citizen.mergedInto')}</dt>
              <dd>
                <Link to={reportPath(r.extended_attributes.merged_into)} dir="ltr">
                  {r.extended_attributes.merged_into}
                </Link>
              </dd>
            </>
          )}
        </dl>
      )}
      <p>
        <Link to={reportPath()}>{t('citizen.newReport')}</Link>
      </p>
    </section>
  );
}
