import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportSummary } from '../../../../src/contract/import.js';
import { categoryOf } from '../../../../src/domain/category.js';
import { ApiError } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link } from '../../app/router.js';
import { importsPath } from '../../app/routes.js';
import { useFormat } from '../../i18n/use-format.js';
import { isLive, readShare } from './progress.js';
import { StatusBadge } from './StatusBadge.js';
import { useImportJob } from './use-import-job.js';

/** Rejected rows listed at first; the rest wait for a click, so a file with thousands stays quick to show. */
const firstRejected = 100;

const countKeys = ['rows', 'inserted', 'duplicates', 'updated', 'rejected'] as const;
type CountKey = (typeof countKeys)[number];

/** The counts a job keeps as it goes, and its summary keeps at the end. */
function Counts({ rows, inserted, duplicates, updated, rejected }: Record<CountKey, number>) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = { rows, inserted, duplicates, updated, rejected };
  return (
    <dl className="import-counts" data-testid="import-counts">
      {countKeys.map((key) => (
        <div key={key} className={`import-count import-count-${key}`} data-count={key}>
          <dt>{t(`import.count.${key}`)}</dt>
          <dd>{format.count(values[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The file being read: how far, how fast, and what became of the rows so far. */
function Progress({ job, rate }: { job: ImportJob; rate: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = readShare(job.bytesRead, job.bytesTotal);
  const percent = share === null ? null : Math.floor(share * 100);
  const indeterminate = share === null || job.status === 'queued';
  const read =
    job.bytesTotal === null
      ? format.bytes(job.bytesRead)
      : t('import.progress.bytes', { read: format.bytes(job.bytesRead), total: format.bytes(job.bytesTotal) });
  return (
    <div className="import-progress">
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={t('import.progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? read : `${format.percent(percent)} — ${read}`}
        data-indeterminate={indeterminate ? 'true' : undefined}
      >
        <span style={indeterminate ? undefined : { inlineSize: `${(share ?? 0) * 100}%` }} />
      </div>
      <p className="progress-line">
        {job.status === 'queued' ? (
          t('import.progress.queued')
        ) : (
          <>
            {percent !== null && <span className="progress-percent">{format.percent(percent)}</span>}
            <span>{read}</span>
            <span>{t('import.progress.rows', { count: job.rowsRead, value: format.count(job.rowsRead) })}</span>
            {rate !== null && <span>{t('import.rate', { value: format.count(Math.round(rate)) })}</span>}
          </>
        )}
      </p>
      <Counts
        rows={job.rowsRead}
        inserted={job.inserted}
        duplicates={job.duplicates}
        updated={job.updated}
        rejected={job.rejected}
      />
    </div>
  );
}

/** Source categories the preset does not know: kept, and counted in Istibaq's "other" category. */
function Unmapped({ unmapped }: { unmapped: ImportSummary['unmappedCategories'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = Object.entries(unmapped).sort((a, b) => b[1] - a[1] || format.compare(a[0], b[0]));
  if (entries.length === 0) return null;
  const rows = entries.reduce((sum, [, n]) => sum + n, 0);
  return (
    <section className="import-unmapped" aria-labelledby="unmapped-title" data-testid="unmapped-categories">
      <h3 id="unmapped-title">{t('import.unmapped.title')}</h3>
      <p>
        {t('import.unmapped.lead', {
          count: rows,
          value: format.count(rows),
          other: categoryOf('other').labels[format.language],
        })}
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('import.unmapped.value')}</th>
            <th scope="col" className="numeric">
              {t('import.unmapped.rows')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([value, n]) => (
            <tr key={value}>
              <td dir="auto">
                <code>{value}</code>
              </td>
              <td className="numeric">{format.count(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The rows the server refused, with its reasons as it gives them (in English, from the file's own terms). */
function Rejected({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  if (summary.rejected === 0) return <p className="import-none-rejected">{t('import.rejected.none')}</p>;
  const shown = all ? summary.errors : summary.errors.slice(0, firstRejected);
  return (
    <section className="import-rejected" aria-labelledby="rejected-title">
      <h3 id="rejected-title">
        {t('import.rejected.caption', { count: summary.rejected, value: format.count(summary.rejected) })}
      </h3>
      <p className="field-hint">{t('import.rejected.lead')}</p>
      <div className="table-scroll">
        <table className="data-table rejected-table" data-testid="rejected-rows">
          <caption className="visually-hidden">
            {t('import.rejected.caption', { count: summary.rejected, value: format.count(summary.rejected) })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t('import.rejected.line')}
              </th>
              <th scope="col">{t('import.rejected.column')}</th>
              <th scope="col">{t('import.rejected.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((error, index) => (
              <tr key={`${error.line}-${index}`}>
                <td className="numeric" data-line={error.line}>
                  {format.count(error.line)}
                </td>
                <td dir="auto">{error.column === undefined ? '—' : <code>{error.column}</code>}</td>
                <td dir="ltr" lang="en" className="reason">
                  {error.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && summary.errors.length > firstRejected && (
        <button type="button" className="secondary" onClick={() => setAll(true)}>
          {t('import.rejected.showAll', { value: format.count(summary.errors.length) })}
        </button>
      )}
      {summary.errorsTruncated && (
        <p className="field-hint">{t('import.rejected.truncated', { value: format.count(summary.errors.length) })}</p>
      )}
    </section>
  );
}

/** What the finished import did: its counts, how long it took, what it read, and what it left out. */
function Summary({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const seconds = Math.round(summary.seconds * 10) / 10;
  const facts = [
    { key: 'seconds', value: t('import.summary.duration', { count: seconds, value: format.tenths(seconds) }) },
    { key: 'rate', value: t('import.rate', { value: format.count(Math.round(summary.rowsPerSecond)) }) },
    { key: 'format', value: t(`import.format.${summary.format}`, { defaultValue: summary.format }) },
    { key: 'encoding', value: t(`import.encoding.${summary.encoding}`, { defaultValue: summary.encoding }) },
    { key: 'source', value: <bdi>{summary.source}</bdi> },
  ];
  return (
    <div className="import-summary" data-testid="import-summary">
      {summary.dryRun && (
        <p className="notice notice-dry-run" role="note">
          <strong>{t('import.summary.dryRunTitle')}</strong> {t('import.summary.dryRun')}
        </p>
      )}
      <Counts
        rows={summary.rows}
        inserted={summary.inserted}
        duplicates={summary.duplicates}
        updated={summary.updated}
        rejected={summary.rejected}
      />
      <dl className="import-facts">
        {facts.map((fact) => (
          <div key={fact.key}>
            <dt>{t(`import.summary.${fact.key}`)}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      <Unmapped unmapped={summary.unmappedCategories} />
      <Rejected summary={summary} />
    </div>
  );
}

/** A file that could not be read to the end: said in the user's language, with the server's own words. */
function Failure({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert" data-testid="import-failure">
      <h3>{t('import.failed.title')}</h3>
      <p>{t('import.failed.body')}</p>
      {job.error && (
        <p className="server-message">
          <span>{t('import.failed.serverSaid')}</span>{' '}
          <code dir="ltr" lang="en">
            {job.error}
          </code>
        </p>
      )}
    </div>
  );
}

const jobFailures: Partial<Record<string, string>> = {
  IMPORT_NOT_FOUND: 'import.job.notFoundTitle',
};

/**
 * One import job: followed live while it runs, then its summary, or its failure. `onJob` hears every look at
 * it, and `onSettled` when a job watched here ends, so that the list of imports can keep up.
 */
export function JobPanel({
  id,
  onJob,
  onSettled,
}: {
  id: number;
  onJob: (job: ImportJob) => void;
  onSettled: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [attempt, setAttempt] = useState(0);
  const state = useImportJob(id, attempt);
  const live = state.status === 'ready' && isLive(state.job);
  const wasLive = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const ready = state.status === 'ready';
  const seen = state.status === 'ready' ? state.job : null;
  useEffect(() => {
    if (seen) onJob(seen);
  }, [seen, onJob]);

  useEffect(() => {
    if (live) wasLive.current = true;
    else if (wasLive.current && ready) {
      wasLive.current = false;
      onSettled();
    }
  }, [live, ready, onSettled]);

  // A job opened, or one that just ended, is where to read next; the focus moves to its heading unless the
  // user is busy elsewhere (typing the next source name, say).
  useEffect(() => {
    if (ready && (document.activeElement === document.body || document.activeElement === null)) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [ready, live]);

  if (state.status === 'loading') {
    return (
      <section className="panel import-job">
        <Loading />
      </section>
    );
  }
  if (state.status === 'error') {
    const key = state.error instanceof ApiError ? jobFailures[state.error.code] : undefined;
    return (
      <section className="panel import-job">
        <ErrorNotice
          error={state.error}
          title={t(key ?? 'import.job.failedToLoad')}
          onRetry={key ? undefined : () => setAttempt((n) => n + 1)}
        >
          <Link to={importsPath()} className="button-link">
            {t('import.job.close')}
          </Link>
        </ErrorNotice>
      </section>
    );
  }

  const { job } = state;
  return (
    <section
      className="panel import-job"
      aria-labelledby="import-job-title"
      data-testid="import-job"
      data-job-id={job.id}
      data-status={job.status}
    >
      <header className="import-job-header">
        <div>
          <h2 id="import-job-title" ref={heading} tabIndex={-1}>
            {t(`import.job.title.${job.status}`)}
          </h2>
          <p className="import-job-file">
            <bdi>{job.fileName}</bdi>
            {job.bytesTotal !== null && <span>{format.bytes(job.bytesTotal)}</span>}
            <span>
              {t('import.job.preset')} <bdi>{job.preset ?? t('import.job.ownMapping')}</bdi>
            </span>
            <span>{format.instant(job.createdAt)}</span>
          </p>
        </div>
        <StatusBadge status={job.status} dryRun={job.summary?.dryRun ?? false} />
        <span className="visually-hidden" role="status">
          {t(`import.job.title.${job.status}`)}
        </span>
      </header>
      {state.stale && (
        <p className="notice" role="status">
          {t('import.job.stale')}
        </p>
      )}
      {live && <Progress job={job} rate={state.rate} />}
      {job.status === 'done' &&
        (job.summary ? (
          <Summary summary={job.summary} />
        ) : (
          <Counts
            rows={job.rowsRead}
            inserted={job.inserted}
            duplicates={job.duplicates}
            updated={job.updated}
            rejected={job.rejected}
          />
        ))}
      {job.status === 'failed' && <Failure job={job} />}
      <p className="import-job-actions">
        <Link to={importsPath()} className="button-link">
          {t('import.job.close')}
        </Link>
      </p>
    </section>
  );
}
