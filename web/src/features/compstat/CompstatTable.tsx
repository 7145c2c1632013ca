import { useTranslation } from 'react-i18next';
import type { Compstat } from '../../../../src/contract/compstat.js';
import { categories } from '../../../../src/domain/category.js';
import { useFormat } from '../../i18n/use-format.js';
import { Maybe } from '../overview/figures.js';
import { changeText, changeView } from './change.js';

type Row = Compstat['total'];
type Cell = Row['days28'];
type ChangeData = Cell['lastYear'];

const byCode = new Map<string, (typeof categories)[number]>(categories.map((c) => [c.code, c]));
const periods = ['weekToDate', 'days28', 'yearToDate'] as const;

/** A change cell: the % (or "—" on a small base) coloured by direction, bold and ▲/▼ when significant. */
function ChangeCell({ current, change, col }: { current: number; change: ChangeData | null; col: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (change === null) return <td className="numeric" data-col={col} />;
  const view = changeView(current, change);
  const titles = [
    view.pct === null ? t('compstat.smallBaseTitle') : null,
    view.significant
      ? t(view.direction === 'up' ? 'compstat.significantUp' : 'compstat.significantDown', {
          p: format.significant(view.pValue),
        })
      : null,
  ].filter((x): x is string => x !== null);
  const classes = [
    'numeric',
    view.direction === 'up' && view.pct !== null ? 'change-up' : '',
    view.direction === 'down' && view.pct !== null ? 'change-down' : '',
    view.pct === null ? 'figure-missing' : '',
    view.significant ? `significant significant-${view.direction}` : '',
  ].filter((c) => c !== '');
  return (
    <td
      className={classes.join(' ')}
      data-col={col}
      data-significant={view.significant ? view.direction : undefined}
      title={titles.length > 0 ? titles.join(' · ') : undefined}
    >
      {changeText(view, format.change)}
      {titles.length > 0 && <span className="visually-hidden"> ({titles.join(' · ')})</span>}
    </td>
  );
}

/**
 * The table as the weekly CompStat sheet lays it out: one row per offence and the total; for the week to date,
 * the 28 days and the year to date, this year, last year and the change; then the year to date against two
 * years earlier and the baseline year, its rate per 100,000 and its clearance.
 */
export function CompstatTable({ data }: { data: Compstat }) {
  const { t } = useTranslation();
  const format = useFormat();
  const year = Number(data.asOf.slice(0, 4));
  const yearText = (y: number) => format.year(`${y}-01-01`);
  const rows = [...data.rows, data.total];

  return (
    <div className="compstat-table-wrap">
      <table className="compstat-table" data-testid="compstat-table">
        <caption>{t('compstat.table.caption', { day: format.day(data.asOf) })}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="compstat-category-head">
              {t('compstat.column.category')}
            </th>
            {periods.map((p) => (
              <th key={p} scope="colgroup" colSpan={3} className="compstat-group">
                {t(`compstat.period.${p}`)}
              </th>
            ))}
            <th scope="colgroup" colSpan={4} className="compstat-group">
              {t('compstat.period.longTerm')}
            </th>
          </tr>
          <tr>
            {periods.map((p) => [
              <th key={`${p}-c`} scope="col" className="numeric compstat-group-start">
                {yearText(year)}
              </th>,
              <th key={`${p}-l`} scope="col" className="numeric">
                {yearText(year - 1)}
              </th>,
              <th key={`${p}-p`} scope="col" className="numeric">
                {t('compstat.column.change')}
              </th>,
            ])}
            <th scope="col" className="numeric compstat-group-start">
              {t('compstat.column.versus', { year: yearText(year - 2) })}
            </th>
            <th scope="col" className="numeric">
              {data.baselineYear === null
                ? t('compstat.column.noBaseline')
                : t('compstat.column.versusBaseline', { year: yearText(data.baselineYear) })}
            </th>
            <th scope="col" className="numeric">
              {t('compstat.column.rate')}
            </th>
            <th scope="col" className="numeric">
              {t('compstat.column.clearance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const isTotal = row.category === 'total';
            const category = byCode.get(row.category);
            const ytd = row.yearToDate;
            return (
              <tr key={row.category} data-category={row.category} className={isTotal ? 'compstat-total' : undefined}>
                <th scope="row">
                  {isTotal ? t('compstat.total') : (category?.labels[format.language] ?? row.category)}
                </th>
                {periods.map((p) => {
                  const cell: Cell = row[p];
                  return [
                    <td
                      key={`${p}-c`}
                      className="numeric compstat-group-start"
                      data-col={`${p}.current`}
                      data-value={cell.incidents}
                    >
                      {format.count(cell.incidents)}
                    </td>,
                    <td
                      key={`${p}-l`}
                      className="numeric"
                      data-col={`${p}.lastYear`}
                      data-value={cell.lastYear.incidents}
                    >
                      {format.count(cell.lastYear.incidents)}
                    </td>,
                    <ChangeCell key={`${p}-p`} current={cell.incidents} change={cell.lastYear} col={`${p}.change`} />,
                  ];
                })}
                <ChangeCell current={ytd.incidents} change={ytd.twoYearsAgo} col="yearToDate.twoYearsAgo" />
                <ChangeCell current={ytd.incidents} change={ytd.baseline} col="yearToDate.baseline" />
                <td className="numeric" data-col="yearToDate.rate">
                  <Maybe value={ytd.ratePer100k} show={format.decimal} missing={t('compstat.noRate')} />
                </td>
                <td className="numeric" data-col="yearToDate.clearance">
                  <Maybe value={ytd.clearancePct} show={format.percent} missing={t('compstat.noClearance')} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.rows.length === 0 && <p className="empty">{t('compstat.empty')}</p>}
      <ul className="table-notes compstat-notes" data-testid="compstat-legend">
        <li>
          <span className="compstat-legend-mark figure-missing">—</span> {t('compstat.note.smallBase')}
        </li>
        <li>
          <strong className="compstat-legend-mark significant">▲ ▼</strong>{' '}
          {t('compstat.note.significant', { alpha: format.significant(data.alpha) })}
        </li>
        <li>{t('compstat.note.rate')}</li>
      </ul>
    </div>
  );
}
