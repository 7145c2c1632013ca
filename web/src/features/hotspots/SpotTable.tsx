import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlackSpot } from '../../../../src/contract/hotspots.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import type { PeriodUnit } from './settings.js';
import { defaultSpotSort, nextSpotSort, sortSpots, spotSortKeys, type SpotSort } from './spot-sort.js';

/**
 * The black spots ranked: district, incidents, shares, surface, PAI and how long each has been hot. Every column
 * sorts (by district, the spots of a district come together). A click on a row selects its spot; from the
 * keyboard, its rank is a button (whose click reaches the row).
 */
export function SpotTable({
  spots,
  period,
  selected,
  onSelect,
}: {
  spots: readonly BlackSpot[];
  period: PeriodUnit;
  selected: number | null;
  onSelect: (rank: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [sort, setSort] = useState<SpotSort>(defaultSpotSort);
  const name = (area: NonNullable<BlackSpot['district']>) => areaName(area, format.language);
  const rows = sortSpots(spots, sort, name, format.compare);
  const numeric = (key: string) => key !== 'district' && key !== 'hot';

  return (
    <div className="table-scroll">
      <table className="spot-table" data-testid="spot-table">
        <caption>
          {t('hotspots.table.caption', { count: spots.length, value: format.count(spots.length) })}
          <span className="caption-hint">{t('hotspots.table.hint')}</span>
        </caption>
        <thead>
          <tr>
            {spotSortKeys.map((key) => {
              const active = sort.key === key;
              return (
                <th
                  key={key}
                  scope="col"
                  className={numeric(key) ? 'numeric' : undefined}
                  aria-sort={active ? sort.direction : 'none'}
                  title={key === 'pai' ? t('hotspots.paiTitle') : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => setSort(nextSpotSort(sort, key))}>
                    {t(`hotspots.column.${key}`)}
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
          {rows.map((spot) => {
            const isSelected = spot.rank === selected;
            return (
              <tr
                key={spot.rank}
                data-rank={spot.rank}
                className={isSelected ? 'selected' : undefined}
                onClick={() => onSelect(spot.rank)}
              >
                <th scope="row" className="numeric">
                  <button
                    type="button"
                    className="spot-rank"
                    aria-label={t('hotspots.spot', { rank: format.count(spot.rank) })}
                    aria-pressed={isSelected}
                  >
                    {format.count(spot.rank)}
                  </button>
                </th>
                <td className="spot-district">
                  {spot.district ? (
                    <>
                      <span>{name(spot.district)}</span>
                      <span className="cell-note">
                        {t('hotspots.districtRank', { rank: format.count(spot.districtRank) })}
                      </span>
                    </>
                  ) : (
                    <span className="figure-missing">{t('hotspots.noDistrict')}</span>
                  )}
                </td>
                <td className="numeric" data-incidents={spot.incidents}>
                  {format.count(spot.incidents)}
                </td>
                <td className="numeric">{format.share(spot.share)}</td>
                <td className="numeric">
                  {spot.districtShare === null ? (
                    <span className="figure-missing">—</span>
                  ) : (
                    format.share(spot.districtShare)
                  )}
                </td>
                <td className="numeric">{format.tenths(spot.areaKm2)}</td>
                <td className="numeric">{format.tenths(spot.pai)}</td>
                <td className="spot-hot">
                  <span>
                    {t(`hotspots.hot.${period}`, {
                      count: spot.periods,
                      hot: format.count(spot.hotPeriodsInAll),
                      periods: format.count(spot.periods),
                    })}
                  </span>
                  <span className="cell-note">
                    {spot.hotPeriods === 0
                      ? t(`hotspots.notHotLast.${period}`)
                      : t(`hotspots.streak.${period}`, {
                          count: spot.hotPeriods,
                          value: format.count(spot.hotPeriods),
                        })}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
