import Flatbush from 'flatbush';
import type { AreaGeometry, AreaLevel } from '../domain/area.js';
import { areaKm2, PreparedGeometry } from './geometry.js';

export interface IndexedArea {
  id: number;
  level: AreaLevel;
  geometry: AreaGeometry;
}

interface Entry {
  id: number;
  shape: PreparedGeometry;
}

/** Deeper levels win: a point in a district is in that district before it is in its province. */
const depthOf: Record<AreaLevel, number> = {
  country: 0,
  region: 1,
  province: 2,
  city: 3,
  arrondissement_prefecture: 4,
  district: 5,
};

/**
 * Point-in-polygon against every area boundary, built once in memory: a packed R-tree of the boundaries'
 * bounding boxes, then an exact test against the few candidates.
 */
export class AreaIndex {
  readonly #entries: Entry[];
  readonly #tree: Flatbush | null;

  constructor(areas: readonly IndexedArea[]) {
    // Deepest first, then smallest (an enclave inside a larger area of the same level wins), then lowest id, so the
    // first hit is the answer and ties are decided the same way each time.
    const sizes = new Map(areas.map((a) => [a.id, areaKm2(a.geometry)]));
    const size = (a: IndexedArea) => sizes.get(a.id) ?? 0;
    this.#entries = [...areas]
      .sort((a, b) => depthOf[b.level] - depthOf[a.level] || size(a) - size(b) || a.id - b.id)
      .map((a) => ({ id: a.id, shape: new PreparedGeometry(a.geometry) }));
    if (this.#entries.length === 0) {
      this.#tree = null;
      return;
    }
    const tree = new Flatbush(this.#entries.length);
    for (const { shape } of this.#entries) {
      tree.add(shape.bbox.minLon, shape.bbox.minLat, shape.bbox.maxLon, shape.bbox.maxLat);
    }
    tree.finish();
    this.#tree = tree;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The id of the deepest area whose boundary contains the point, or null when none does. */
  locate(lon: number, lat: number): number | null {
    if (!this.#tree) return null;
    // Flatbush gives insertion indexes; the lowest one that contains the point is the answer.
    let best = Infinity;
    this.#tree.search(lon, lat, lon, lat, (index) => {
      if (index < best && (this.#entries[index] as Entry).shape.contains(lon, lat)) best = index;
      return false;
    });
    return best === Infinity ? null : (this.#entries[best] as Entry).id;
  }
}
