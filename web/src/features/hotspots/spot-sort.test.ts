import { describe, expect, it } from 'vitest';
import type { AreaSummary } from '../../../../src/contract/common.js';
import type { BlackSpot } from '../../../../src/contract/hotspots.js';
import { nextSpotSort, sortSpots } from './spot-sort.js';

const district = (name: string): AreaSummary => ({
  code: name,
  level: 'district',
  kind: 'arrondissement',
  nameAr: name,
  nameFr: name,
  nameEn: name,
  population: null,
  synthetic: false,
});

const spot = (rank: number, where: string | null, districtRank: number, pai: number): BlackSpot => ({
  rank,
  district: where === null ? null : district(where),
  districtRank,
  incidents: 100 - rank,
  share: (100 - rank) / 1000,
  districtShare: where === null ? null : 0.5,
  areaKm2: 1,
  pai,
  hotPeriods: 0,
  hotPeriodsInAll: rank,
  periods: 12,
  maxZ: 3,
  cells: 4,
  centre: [0, 0],
  bbox: [0, 0, 0, 0],
  geometry: { type: 'MultiPolygon', coordinates: [] },
});

const spots = [
  spot(1, 'Sidi Belyout', 1, 5),
  spot(2, 'Anfa', 1, 9),
  spot(3, null, 1, 7),
  spot(4, 'Sidi Belyout', 2, 2),
];
const name = (area: AreaSummary) => area.nameFr;
const compare = (a: string, b: string) => a.localeCompare(b, 'fr');
const ranks = (sorted: BlackSpot[]) => sorted.map((s) => s.rank);

describe('sortSpots', () => {
  it('groups spots by district, in their order within it, with those outside any district last', () => {
    expect(ranks(sortSpots(spots, { key: 'district', direction: 'ascending' }, name, compare))).toEqual([2, 1, 4, 3]);
    expect(ranks(sortSpots(spots, { key: 'district', direction: 'descending' }, name, compare))).toEqual([1, 4, 2, 3]);
  });

  it('sorts figures largest first, with missing shares last', () => {
    expect(ranks(sortSpots(spots, { key: 'pai', direction: 'descending' }, name, compare))).toEqual([2, 3, 1, 4]);
    expect(ranks(sortSpots(spots, { key: 'districtShare', direction: 'ascending' }, name, compare))).toEqual([
      1, 2, 4, 3,
    ]);
  });

  it('starts ranks and districts from the top, figures from the largest', () => {
    expect(nextSpotSort({ key: 'rank', direction: 'ascending' }, 'rank')).toEqual({
      key: 'rank',
      direction: 'descending',
    });
    expect(nextSpotSort({ key: 'rank', direction: 'ascending' }, 'incidents').direction).toBe('descending');
    expect(nextSpotSort({ key: 'pai', direction: 'descending' }, 'district').direction).toBe('ascending');
  });
});
