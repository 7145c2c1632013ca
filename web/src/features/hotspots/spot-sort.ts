import type { BlackSpot } from '../../../../src/contract/hotspots.js';
import type { AreaSummary } from '../../../../src/contract/common.js';

export const spotSortKeys = [
  'rank',
  'district',
  'incidents',
  'share',
  'districtShare',
  'areaKm2',
  'pai',
  'hot',
] as const;
export type SpotSortKey = (typeof spotSortKeys)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SpotSort {
  key: SpotSortKey;
  direction: SortDirection;
}

export const defaultSpotSort: SpotSort = { key: 'rank', direction: 'ascending' };

/** Ranks and district names read from the top (1, A) first; figures read largest first. */
const firstDirection = (key: SpotSortKey): SortDirection =>
  key === 'rank' || key === 'district' ? 'ascending' : 'descending';

export function nextSpotSort(current: SpotSort, key: SpotSortKey): SpotSort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

type Figure = Exclude<SpotSortKey, 'rank' | 'district'>;
const figure = (spot: BlackSpot, key: Figure): number | null =>
  key === 'hot' ? spot.hotPeriodsInAll * 1000 + spot.hotPeriods : spot[key];

/**
 * Black spots sorted by a column. By district, each district's spots come together in their order within it
 * (so the table reads as the spots grouped by district), spots outside any district last. Missing figures go
 * last in either direction; ties keep the overall rank.
 */
export function sortSpots(
  spots: readonly BlackSpot[],
  { key, direction }: SpotSort,
  name: (area: AreaSummary) => string,
  compareNames: (a: string, b: string) => number,
): BlackSpot[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...spots].sort((a, b) => {
    if (key === 'rank') return sign * (a.rank - b.rank);
    if (key === 'district') {
      if (a.district === null || b.district === null) {
        return a.district === b.district ? a.rank - b.rank : a.district === null ? 1 : -1;
      }
      const byName = compareNames(name(a.district), name(b.district));
      if (byName !== 0) return sign * byName;
      return a.district.code === b.district.code ? a.districtRank - b.districtRank : a.rank - b.rank;
    }
    const x = figure(a, key);
    const y = figure(b, key);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    return x === y ? a.rank - b.rank : sign * (x - y);
  });
}
