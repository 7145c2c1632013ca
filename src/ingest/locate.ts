import { cellToParent, latLngToCell } from 'h3-js';
import type { AreaDirectory } from '../geo/area-directory.js';
import type { H3Cells, Place } from '../store/records.js';

const noCells: H3Cells = { h3R7: null, h3R8: null, h3R9: null };

/** The H3 cells of a point at resolutions 7, 8 and 9, as decimal 64-bit indexes. */
export function h3CellsOf(lat: number | null, lon: number | null): H3Cells {
  if (lat === null || lon === null) return noCells;
  const r9 = latLngToCell(lat, lon, 9);
  return {
    h3R7: BigInt(`0x${cellToParent(r9, 7)}`).toString(),
    h3R8: BigInt(`0x${cellToParent(r9, 8)}`).toString(),
    h3R9: BigInt(`0x${r9}`).toString(),
  };
}

/** An H3 index as the store keeps it (decimal) back to H3's usual hexadecimal form. */
export function h3Hex(decimal: string): string {
  return BigInt(decimal).toString(16);
}

/**
 * The areas and cells of a record: by point-in-polygon when it has a location, else from the area it names.
 * Null when the point falls in no known area.
 */
export function locate(
  directory: AreaDirectory,
  point: { lat: number | null; lon: number | null },
  areaId?: number,
): Place | null {
  if (point.lat !== null && point.lon !== null) {
    const a = directory.locate(point.lon, point.lat);
    if (!a) return null;
    const cells = h3CellsOf(point.lat, point.lon);
    return { ...a, h3R7: cells.h3R7, h3R8: cells.h3R8, h3R9: cells.h3R9 };
  }
  return areaId === undefined ? null : { ...directory.assignmentFor(areaId), ...noCells };
}
