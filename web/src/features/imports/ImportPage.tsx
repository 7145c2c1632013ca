import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src/contract/import.js';
import { useUser } from '../../app/auth.js';
import { Link, navigate } from '../../app/router.js';
import { importsPath } from '../../app/routes.js';
import { canImport } from './importers.js';
import { JobPanel } from './JobPanel.js';
import { RecentImports } from './RecentImports.js';
import { UploadForm } from './UploadForm.js';
import './imports.css';

/** What to expect, shown beside the form until an import is opened. */
function ImportHelp() {
  const { t } = useTranslation();
  const points = ['formats', 'rows', 'again', 'scope'] as const;
  return (
    <section className="panel import-help" aria-labelledby="import-help-title">
      <h2 id="import-help-title">{t('import.help.title')}</h2>
      <ul>
        {points.map((point) => (
          <li key={point}>{t(`import.help.${point}`)}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Data import: a file and a preset sent to the server, the job followed live to its summary, and the recent
 * imports. `id` opens one job (the address /imports/ID), so a finished import can be found again.
 */
export function ImportPage({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const user = useUser();
  const [version, setVersion] = useState(0);
  // The job open beside the form is looked at every second; the list shows those fresher figures for it.
  const [watched, setWatched] = useState<ImportJob | null>(null);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);
  const started = useCallback(
    (job: ImportJob) => {
      refresh();
      navigate(importsPath(job.id));
    },
    [refresh],
  );

  useEffect(() => {
    document.title = `${t('import.title')} — ${t('app.name')}`;
  }, [t]);

  if (!canImport(user)) {
    return (
      <div className="notice notice-error" role="alert" data-testid="import-forbidden">
        <h1>{t('import.forbiddenTitle')}</h1>
        <p>{t('error.FORBIDDEN')}</p>
        <p>{t('import.forbiddenBody')}</p>
        <Link to="/" className="button-link">
          {t('overview.backHome')}
        </Link>
      </div>
    );
  }

  return (
    <div className="imports">
      <header className="imports-header">
        <h1>{t('import.title')}</h1>
        <p className="imports-lead">{t('import.lead')}</p>
      </header>
      <div className="imports-grid">
        <UploadForm onStarted={started} />
        {id === null ? <ImportHelp /> : <JobPanel key={id} id={id} onJob={setWatched} onSettled={refresh} />}
      </div>
      <RecentImports version={version} selected={id} watched={watched?.id === id ? watched : null} />
    </div>
  );
}
