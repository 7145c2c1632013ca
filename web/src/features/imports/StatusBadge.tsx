import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src/contract/import.js';

/** A job's state in a word, coloured; a trial run says so, since it wrote nothing. */
export function StatusBadge({ status, dryRun }: { status: ImportJob['status']; dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="status-badges">
      <span className={`status-badge status-${status}`} data-status={status}>
        {t(`import.status.${status}`)}
      </span>
      {dryRun && <span className="status-badge status-dry-run">{t('import.status.dryRun')}</span>}
    </span>
  );
}
