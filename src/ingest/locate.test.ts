import { cellToParent, getResolution, isValidCell, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../geo/area-directory.js';
import { h3CellsOf, h3Hex, locate } from './locate.js';
import { box } from '../../test/factories.js';

describe('h3CellsOf and h3Hex', () => {
  it('gives a point’s cells at resolutions 7, 8 and 9 as decimals, each the parent of the next', () => {
    const cells = h3CellsOf(33.5883, -7.6114);
    const r9 = h3Hex(cells.h3R9 as string);
    expect(r9).toBe(latLngToCell(33.5883, -7.6114, 9));
    expect(isValidCell(r9)).toBe(true);
    expect(getResolution(h3Hex(cells.h3R7 as string))).toBe(7);
    expect(h3Hex(cells.h3R8 as string)).toBe(cellToParent(r9, 8));
    expect(h3Hex(cells.h3R7 as string)).toBe(cellToParent(r9, 7));
    expect(cells.h3R9).toMatch(/^\d+$/);
  });

  it('keeps all 64 bits of an index, beyond a double’s precision', () => {
    const decimal = h3CellsOf(30.42, -9.58).h3R9 as string;
    expect(Number.isSafeInteger(Number(decimal))).toBe(false);
    expect(BigInt(`0x${h3Hex(decimal)}`).toString()).toBe(decimal);
  });

  it('gives no cells without a location', () => {
    expect(h3CellsOf(null, -7.6)).toEqual({ h3R7: null, h3R8: null, h3R9: null });
    expect(h3CellsOf(33.5, null)).toEqual({ h3R7: null, h3R8: null, h3R9: null });
  });
});

describe('locate', () => {
  const directory = new AreaDirectory([
    { id: 1, code: 'R', level: 'region', parentId: null, population: 10, geometry: box(-8, 33, -7, 34) },
    { id: 2, code: 'C', level: 'city', parentId: 1, population: 5, geometry: box(-7.7, 33.5, -7.5, 33.7) },
  ]);

  it('places a point by its boundaries and adds its cells', () => {
    const place = locate(directory, { lat: 33.6, lon: -7.6 });
    expect(place).toMatchObject({ areaId: 2, regionId: 1, cityId: 2, districtId: null });
    expect(place?.h3R9).toBe(h3CellsOf(33.6, -7.6).h3R9);
  });

  it('returns null for a point outside every boundary, even when an area is named', () => {
    expect(locate(directory, { lat: 40, lon: 0 }, 2)).toBeNull();
  });

  it('places a record without a location in the area it names, without cells', () => {
    expect(locate(directory, { lat: null, lon: null }, 2)).toEqual({
      areaId: 2,
      regionId: 1,
      provinceId: null,
      cityId: 2,
      districtId: null,
      h3R7: null,
      h3R8: null,
      h3R9: null,
    });
    expect(locate(directory, { lat: null, lon: null })).toBeNull();
  });
});
