import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaLevel } from '../../../../src/domain/area.js';
import type { Overview } from '../../../../src/contract/stats.js';
import { Link } from '../../app/router.js';
import { areaPath } from '../../app/routes.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { Change, Maybe } from './figures.js';
import { nextSort, sortKeys, sortRows, type Row, type Sort, type SortKey } from './sort.js';

const numeric: Record<SortKey, boolean> = {
  name: false,
  current: true,
  previous: true,
  changePct: true,
  ratePer100k: true,
  solvedPct: true,
};

/**
 * The CompStat table of the area's children: incidents in the 28 days, the same days last year, the change,
 * the rate and the share solved, with the area's own totals at the foot. Every column sorts from the keyboard;
 * every name leads to that area's own overview.
 */
export function AreaTable({ overview, childLevel }: { overview: Overview; childLevel: AreaLevel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [sort, setSort] = useState<Sort>({ key: 'current', direction: 'descending' });
  const name = (area: Row['area']) => areaName(area, format.language);
  const rows = sortRows(overview.children, sort, name, format.compare);
  const noRate = t('figures.noPopulation');
  const noSolved = t('figures.noIncidents');

  const cells = (row: Row) => (
    <>
      <td>{format.count(row.current)}</td>
      <td>{format.count(row.previous)}</td>
      <td>
        <Change value={row.changePct} />
      </td>
      <td>
        <Maybe value={row.ratePer100k} show={format.decimal} missing={noRate} />
      </td>
      <td>
        <Maybe value={row.solvedPct} show={format.percent} missing={noSolved} />
      </td>
    </>
  );

  return (
    <div className="table-scroll">
      <table className="area-table" data-testid="area-table">
        <caption>
          {t(`table.caption.${childLevel}`, { count: rows.length })}
          <span className="caption-hint">{t('table.sortHint')}</span>
        </caption>
        <thead>
          <tr>
            {sortKeys.map((key) => {
              const active = sort.key === key;
              return (
                <th
                  key={key}
                  scope="col"
                  className={numeric[key] ? 'numeric' : undefined}
                  aria-sort={active ? sort.direction : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, key))}>
                    {key === 'name' ? t(`level.${childLevel}`) : t(`table.column.${key}`)}
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.area.code}>
              <th scope="row">
                <Link to={areaPath(row.area.code)}>{name(row.area)}</Link>
                {row.area.synthetic && (
                  <span className="badge-generated" title={t('area.generatedTitle')}>
                    {t('area.generated')}
                  </span>
                )}
              </th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('table.total', { name: name(overview.area) })}</th>
            {cells({ ...overview.total, area: overview.area })}
          </tr>
        </tfoot>
      </table>
      <p className="table-notes">
        <span>{t('table.note.rate')}</span> <span>{t('table.note.change')}</span>
      </p>
    </div>
  );
}
