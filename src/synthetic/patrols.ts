import { pickWeighted, cumulativeOf, seededRandom } from '../analytics/random.js';
import type { PatrolUnitKind, PatrolUnitStatus } from '../domain/patrol-unit.js';
import type { ShiftName } from '../domain/patrol.js';
import { addDays } from '../domain/time.js';
import { patrols } from './model.js';

/** A district as the patrol generator sees it: its population, its city's remoteness and its cells. */
export interface PatrolDistrict {
  id: number;
  stationCode: string;
  population: number;
  /** The remoteness r ∈ [0, 1] of the district's city (plan.ts `remotenessOf`). */
  remoteness: number;
  /** Cells (H3 resolution 8, hexadecimal) whose centres lie in the district; none for a district too small. */
  cells: readonly string[];
}

export interface GeneratedUnit {
  districtId: number;
  stationCode: string;
  number: number;
  kind: PatrolUnitKind;
  status: PatrolUnitStatus;
}

export interface GeneratedShift {
  districtId: number;
  stationCode: string;
  unitNumber: number;
  cell: string;
  day: string;
  shift: ShiftName;
}

/** How many units a district fields (model.ts `patrols`). */
export function unitCount(population: number, remoteness: number): number {
  return Math.max(1, Math.round((population / patrols.residentsPerUnit) * (1 - patrols.remoteFactor * remoteness)));
}

const pick = <T extends string>(random: () => number, shares: Record<T, number>): T => {
  const keys = Object.keys(shares) as T[];
  return keys[pickWeighted(random, cumulativeOf(keys.map((k) => shares[k])))] as T;
};

/**
 * The units of each district and their shifts over the `patrols.logDays` days up to `lastDay` (inclusive), seeded
 * per district so that one district's units do not depend on the others.
 */
export function generatePatrols(
  districts: readonly PatrolDistrict[],
  lastDay: string,
  seed: number,
): { units: GeneratedUnit[]; shifts: GeneratedShift[] } {
  const units: GeneratedUnit[] = [];
  const shifts: GeneratedShift[] = [];
  for (const d of districts) {
    const random = seededRandom(seed, 'patrols', d.stationCode);
    const count = unitCount(d.population, d.remoteness);
    for (let number = 1; number <= count; number++) {
      units.push({
        districtId: d.id,
        stationCode: d.stationCode,
        number,
        kind: pick(random, patrols.kindShares),
        status: pick(random, patrols.statusShares),
      });
      if (d.cells.length === 0) continue;
      for (let back = patrols.logDays - 1; back >= 0; back--) {
        if (random() >= patrols.workDaysPerWeek / 7) continue;
        const shift = pick(random, patrols.shiftShares);
        const cell = d.cells[Math.floor(random() * d.cells.length)] as string;
        shifts.push({
          districtId: d.id,
          stationCode: d.stationCode,
          unitNumber: number,
          cell,
          day: addDays(lastDay, -back),
          shift,
        });
      }
    }
  }
  return { units, shifts };
}
