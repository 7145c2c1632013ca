import { useTranslation } from 'react-i18next';
import type { Counts } from '../../../../src/contract/stats.js';
import { useFormat } from '../../i18n/use-format.js';
import { Change, Maybe } from './figures.js';

/** The area's own headline figures for the window. */
export function KeyFigures({ total }: { total: Counts }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = [
    { key: 'current', value: format.count(total.current) },
    { key: 'previous', value: format.count(total.previous) },
    { key: 'changePct', value: <Change value={total.changePct} /> },
    {
      key: 'ratePer100k',
      value: <Maybe value={total.ratePer100k} show={format.decimal} missing={t('figures.noPopulation')} />,
    },
    {
      key: 'solvedPct',
      value: <Maybe value={total.solvedPct} show={format.percent} missing={t('figures.noIncidents')} />,
    },
  ];
  return (
    <dl className="key-figures">
      {items.map((item) => (
        <div key={item.key} className="key-figure">
          <dt>{t(`kpi.${item.key}`)}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
