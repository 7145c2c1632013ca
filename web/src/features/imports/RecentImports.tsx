import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src/contract/import.js';
import { api, type ImportJobs } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link } from '../../app/router.js';
import { importsPath } from '../../app/routes.js';
import { useFormat } from '../../i18n/use-format.js';
import { isLive } from './progress.js';
import { StatusBadge } from './StatusBadge.js';

/** How often the list is asked for again while one of its imports is still running. */
const refreshMs = 5000;

/**
 * The recent imports, kept on screen while they are asked for again: after `version` changes (an import
 * started or ended here), and every few seconds while one of them runs.
 */
function useImportList(version: number): { data: ImportJobs | null; error: unknown; retry: () => void } {
  const [state, setState] = useState<{ data: ImportJobs | null; error: unknown }>({ data: null, error: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.imports(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [version, tick]);

  const running = state.data?.items.some(isLive) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick((n) => n + 1), refreshMs);
    return () => clearTimeout(timer);
  }, [running, state]);

  return { ...state, retry: () => setTick((n) => n + 1) };
}

const countColumns = ['rowsRead', 'inserted', 'duplicates', 'updated', 'rejected'] as const;
const countLabels: Record<(typeof countColumns)[number], string> = {
  rowsRead: 'import.count.rows',
  inserted: 'import.count.inserted',
  duplicates: 'import.count.duplicates',
  updated: 'import.count.updated',
  rejected: 'import.count.rejected',
};

/**
 * The latest imports (everyone's for the director-general, one's own otherwise), each opening its summary. The
 * `watched` job, followed beside the list, replaces its own row, which the list would show a few seconds late.
 */
export function RecentImports({
  version,
  selected,
  watched,
}: {
  version: number;
  selected: number | null;
  watched: ImportJob | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const { data, error, retry } = useImportList(version);

  let body;
  if (data === null) {
    body = error === null ? <Loading /> : <ErrorNotice error={error} onRetry={retry} />;
  } else if (data.items.length === 0) {
    body = <p className="empty">{t('import.recent.none')}</p>;
  } else {
    body = (
      <div className="table-scroll">
        <table className="data-table recent-table" data-testid="recent-imports">
          <caption>
            {t('import.recent.caption', { count: data.items.length, value: format.count(data.items.length) })}
            <span className="caption-hint">
              {user.role === 'director_general' ? t('import.recent.everyone') : t('import.recent.own')}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('import.recent.status')}</th>
              <th scope="col">{t('import.recent.file')}</th>
              <th scope="col">{t('import.recent.preset')}</th>
              {countColumns.map((key) => (
                <th key={key} scope="col" className="numeric">
                  {t(countLabels[key])}
                </th>
              ))}
              <th scope="col">{t('import.recent.when')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((listed) => {
              const job = watched?.id === listed.id ? watched : listed;
              const current = job.id === selected;
              return (
                <tr key={job.id} className={current ? 'selected' : undefined} data-job-id={job.id}>
                  <td>
                    <StatusBadge status={job.status} dryRun={job.summary?.dryRun ?? false} />
                  </td>
                  <th scope="row">
                    <Link to={importsPath(job.id)} aria-current={current ? 'true' : undefined}>
                      <bdi>{job.fileName}</bdi>
                    </Link>
                  </th>
                  <td>
                    <bdi>{job.preset ?? t('import.job.ownMapping')}</bdi>
                  </td>
                  {countColumns.map((key) => (
                    <td key={key} className="numeric">
                      {format.count(job[key])}
                    </td>
                  ))}
                  <td className="when">{format.instant(job.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="panel recent-imports" aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">{t('import.recent.title')}</h2>
      {body}
    </section>
  );
}
