import { describe, expect, it } from 'vitest';
import type { Position } from '../domain/area.js';
import { AreaIndex, type IndexedArea } from './area-index.js';
import { AreaDirectory, type DirectoryArea } from './area-directory.js';
import { box } from '../../test/factories.js';

// A region holding two provinces; the small one is an enclave drawn over the large one (no hole cut for it), and
// the large one holds a city with one district.
const region: IndexedArea = { id: 1, level: 'region', geometry: box(0, 0, 10, 10) };
const province: IndexedArea = { id: 2, level: 'province', geometry: box(0, 0, 6, 6) };
const enclave: IndexedArea = { id: 3, level: 'province', geometry: box(2, 2, 3, 3) };
const city: IndexedArea = { id: 4, level: 'city', geometry: box(4, 4, 5.5, 5.5) };
const district: IndexedArea = { id: 5, level: 'district', geometry: box(4, 4, 4.5, 4.5) };
const areas = [region, province, enclave, city, district];

describe('AreaIndex', () => {
  const index = new AreaIndex(areas);

  it('returns an enclave rather than the same-level area drawn around it', () => {
    expect(index.locate(2.5, 2.5)).toBe(enclave.id);
    expect(index.locate(1, 1)).toBe(province.id);
  });

  it('returns the deepest level that contains the point', () => {
    expect(index.locate(4.2, 4.2)).toBe(district.id);
    expect(index.locate(5, 5)).toBe(city.id);
    expect(index.locate(8, 8)).toBe(region.id);
  });

  it('prefers a deeper level even when it is larger than a shallower one', () => {
    const hugeDistrict: IndexedArea = { id: 9, level: 'district', geometry: box(-1, -1, 11, 11) };
    expect(new AreaIndex([...areas, hugeDistrict]).locate(2.5, 2.5)).toBe(hugeDistrict.id);
  });

  it('decides between identical areas by the lowest id', () => {
    const twinA: IndexedArea = { id: 21, level: 'district', geometry: box(7, 7, 8, 8) };
    const twinB: IndexedArea = { id: 12, level: 'district', geometry: box(7, 7, 8, 8) };
    expect(new AreaIndex([twinA, twinB]).locate(7.5, 7.5)).toBe(12);
    expect(new AreaIndex([twinB, twinA]).locate(7.5, 7.5)).toBe(12);
  });

  it('gives the same answers whatever order the areas come in', () => {
    const reversed = new AreaIndex([...areas].reverse());
    for (const [lon, lat] of [
      [2.5, 2.5],
      [1, 1],
      [4.2, 4.2],
      [5, 5],
      [8, 8],
    ] as Position[]) {
      expect(reversed.locate(lon, lat)).toBe(index.locate(lon, lat));
    }
  });

  it('returns null outside every area and for an empty index', () => {
    expect(index.locate(20, 20)).toBeNull();
    expect(index.locate(-0.5, 5)).toBeNull();
    expect(new AreaIndex([]).locate(1, 1)).toBeNull();
    expect(new AreaIndex([]).size).toBe(0);
  });
});

describe('AreaDirectory', () => {
  const country: DirectoryArea = {
    id: 100,
    code: 'XX',
    level: 'country',
    parentId: null,
    population: 20,
    geometry: null,
  };
  const directoryAreas: DirectoryArea[] = [
    country,
    { id: 1, code: 'R1', level: 'region', parentId: 100, population: 10, geometry: region.geometry },
    { id: 2, code: 'P1', level: 'province', parentId: 1, population: 8, geometry: province.geometry },
    { id: 3, code: 'P2', level: 'province', parentId: 1, population: 2, geometry: enclave.geometry },
    { id: 4, code: 'C1', level: 'city', parentId: 2, population: 5, geometry: city.geometry },
    { id: 6, code: 'AP1', level: 'arrondissement_prefecture', parentId: 4, population: 3, geometry: null },
    { id: 5, code: 'D1', level: 'district', parentId: 6, population: 3, geometry: district.geometry },
  ];
  const directory = new AreaDirectory(directoryAreas);

  it('walks an area up to the root', () => {
    expect(directory.lineage(5).map((a) => a.code)).toEqual(['D1', 'AP1', 'C1', 'P1', 'R1', 'XX']);
    expect(directory.lineage(999)).toEqual([]);
  });

  it('lists every area below one', () => {
    expect(
      directory
        .descendants(1)
        .map((a) => a.code)
        .sort(),
    ).toEqual(['AP1', 'C1', 'D1', 'P1', 'P2']);
    expect(directory.descendants(5)).toEqual([]);
  });

  it('fills the level columns of a record from its area, skipping the arrondissement prefecture', () => {
    expect(directory.assignmentFor(5)).toEqual({ areaId: 5, regionId: 1, provinceId: 2, cityId: 4, districtId: 5 });
    expect(directory.assignmentFor(3)).toEqual({
      areaId: 3,
      regionId: 1,
      provinceId: 3,
      cityId: null,
      districtId: null,
    });
  });

  it('locates a point in its deepest area with that area’s level columns', () => {
    expect(directory.locate(4.2, 4.2)).toEqual({ areaId: 5, regionId: 1, provinceId: 2, cityId: 4, districtId: 5 });
    expect(directory.locate(2.5, 2.5)?.provinceId).toBe(3);
    expect(directory.locate(50, 50)).toBeNull();
  });

  it('finds areas by code and id', () => {
    expect(directory.byCode('C1')?.id).toBe(4);
    expect(directory.byId(4)?.code).toBe('C1');
    expect(directory.size).toBe(7);
    expect(directory.children(null).map((a) => a.code)).toEqual(['XX']);
  });
});
