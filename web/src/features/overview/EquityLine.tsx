import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import { Link } from '../../app/router.js';
import { equityPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';
import { addDays } from '../response/settings.js';

/**
 * One line for the director-general: how unequal the time to arrival on scene is across the provinces over the
 * last 365 days to `until` (the worst against the median, and the Gini index), with a link to the equity map.
 */
export function EquityLine({ code, until }: { code: string; until: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const from = addDays(until, -364);
  const equity = useResource(`overview-equity:${code}:${until}`, (signal) =>
    api.equity({ area: code, level: 'province', measure: 'arrivalMedian', from, to: until }, signal),
  );
  if (equity.status !== 'ready') return null;
  const disparity = equity.data.measures.find((m) => m.measure === 'arrivalMedian')?.disparity;
  const figure = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : format.significant(Number(v.toPrecision(2)));
  return (
    <p className="overview-equity" data-testid="overview-equity">
      {t('equity.overviewLine', {
        ratio: t('equity.times', { value: figure(disparity?.worstToMedian) }),
        gini: figure(disparity?.gini),
      })}{' '}
      <Link to={equityPath(code)}>{t('equity.overviewLink')}</Link>
    </p>
  );
}
