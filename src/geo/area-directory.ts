import type { AreaGeometry, AreaLevel } from '../domain/area.js';
import type { AreaAssignment } from '../domain/incident.js';
import { AreaIndex } from './area-index.js';

export interface DirectoryArea {
  id: number;
  code: string;
  level: AreaLevel;
  parentId: number | null;
  population: number | null;
  geometry: AreaGeometry | null;
}

/**
 * The area hierarchy in memory: codes, parents and boundaries, and from them the areas a point or an area
 * falls in. Built once from the store and used wherever records are written.
 */
export class AreaDirectory {
  readonly #byId = new Map<number, DirectoryArea>();
  readonly #byCode = new Map<string, DirectoryArea>();
  readonly #children = new Map<number | null, DirectoryArea[]>();
  readonly #assignments = new Map<number, AreaAssignment>();
  readonly #index: AreaIndex;

  constructor(areas: readonly DirectoryArea[]) {
    for (const area of areas) {
      this.#byId.set(area.id, area);
      this.#byCode.set(area.code, area);
      const siblings = this.#children.get(area.parentId) ?? [];
      siblings.push(area);
      this.#children.set(area.parentId, siblings);
    }
    this.#index = new AreaIndex(
      areas.flatMap((a) => (a.geometry ? [{ id: a.id, level: a.level, geometry: a.geometry }] : [])),
    );
  }

  get size(): number {
    return this.#byId.size;
  }

  byCode(code: string): DirectoryArea | undefined {
    return this.#byCode.get(code);
  }

  byId(id: number): DirectoryArea | undefined {
    return this.#byId.get(id);
  }

  children(id: number | null): readonly DirectoryArea[] {
    return this.#children.get(id) ?? [];
  }

  /** The area itself and its ancestors, from itself up to the root. */
  lineage(id: number): DirectoryArea[] {
    const out: DirectoryArea[] = [];
    let current = this.#byId.get(id);
    while (current) {
      out.push(current);
      current = current.parentId === null ? undefined : this.#byId.get(current.parentId);
    }
    return out;
  }

  /** Every area at or below this one. */
  descendants(id: number): DirectoryArea[] {
    const out: DirectoryArea[] = [];
    const stack = [...this.children(id)];
    while (stack.length > 0) {
      const area = stack.pop() as DirectoryArea;
      out.push(area);
      stack.push(...this.children(area.id));
    }
    return out;
  }

  /** The level columns a record in this area carries. */
  assignmentFor(areaId: number): AreaAssignment {
    let assignment = this.#assignments.get(areaId);
    if (!assignment) {
      assignment = { areaId, regionId: null, provinceId: null, cityId: null, districtId: null };
      for (const area of this.lineage(areaId)) {
        if (area.level === 'region') assignment.regionId = area.id;
        else if (area.level === 'province') assignment.provinceId = area.id;
        else if (area.level === 'city') assignment.cityId = area.id;
        else if (area.level === 'district') assignment.districtId = area.id;
      }
      this.#assignments.set(areaId, assignment);
    }
    return assignment;
  }

  /** The areas a point falls in, from the deepest boundary that contains it; null when none does. */
  locate(lon: number, lat: number): AreaAssignment | null {
    const id = this.#index.locate(lon, lat);
    return id === null ? null : this.assignmentFor(id);
  }
}
