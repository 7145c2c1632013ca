/**
 * A patrol plan for one shift (docs/patrols.md): which cell each unit patrols, such that every district gets its
 * floor of patrol hours, no cell goes over its weekly cap, cells patrolled in the last shifts give way to others of
 * near-equal risk, and the remaining units go where the risk is highest.
 *
 * The model: the units are a pool for the whole area for the shift; a unit patrols one cell for the whole shift
 * (`shiftHours`), and a cell takes at most one unit per shift, so that no cell is flooded however its risk stands.
 */

export interface PatrolCell {
  /** The cell's key: an H3 index, or a grid-cell key. */
  id: string;
  districtId: string;
  /** Any non-negative number: a forecast's expected count, last weeks' incidents… */
  risk: number;
  /** Patrol hours the cell has already had this week. */
  hoursThisWeek: number;
}

export interface PatrolDistrict {
  id: string;
  /** Residents: when units are too few for every floor, districts with more residents are served first. */
  population: number | null;
  /** The least patrol hours the district must get in the shift (0: none). */
  floorHours: number;
}

export interface PatrolPlanInput {
  cells: readonly PatrolCell[];
  districts: readonly PatrolDistrict[];
  /** Units available for the shift, across the whole area. */
  units: number;
  shiftHours: number;
  /** The most patrol hours a cell may have in a week, this shift included. */
  capHoursPerWeek: number;
  /** The cells patrolled in each earlier shift, the most recent first. */
  previousShifts: readonly (readonly string[])[];
  /** A cell's risk is multiplied by this once per consecutive earlier shift it was patrolled in. Default 0.8. */
  rotationDiscount?: number;
}

export const defaultRotationDiscount = 0.8;

export type AssignmentBasis = 'floor' | 'risk';

export interface PatrolAssignment {
  /** The unit slot, from 1, in the order units were placed. */
  slot: number;
  cellId: string;
  districtId: string;
  hours: number;
  /** Placed to meet the district's floor, or on risk. */
  basis: AssignmentBasis;
  risk: number;
  /** The risk after the rotation discount: what the cell was ranked on. */
  score: number;
  /** Consecutive earlier shifts the cell was patrolled in. */
  streak: number;
}

export interface DistrictCoverage {
  districtId: string;
  floorHours: number;
  /** Units the floor needs: ⌈floor ÷ shift hours⌉. */
  unitsNeeded: number;
  units: number;
  plannedHours: number;
  floorMet: boolean;
  shortfallHours: number;
}

/** Why a district's floor cannot be met although units remain. */
export type FloorBlock = 'no_cells' | 'weekly_cap' | 'one_unit_per_cell';

export type PatrolPlanProblem =
  | { kind: 'floor_exceeds_units'; unitsNeeded: number; unitsAvailable: number }
  | { kind: 'floor_unreachable'; districtId: string; shortfallHours: number; reason: FloorBlock | 'no_units_left' }
  | { kind: 'idle_units'; units: number };

export interface PatrolPlan {
  assignments: PatrolAssignment[];
  districts: DistrictCoverage[];
  /** Units with no cell: every cell is taken this shift or at its weekly cap. */
  idleUnits: number;
  /** Every floor met. */
  feasible: boolean;
  problems: PatrolPlanProblem[];
}

// Hours are sums of shift lengths: compare with a little slack so that 3 × 8 ≤ 24 whatever the rounding.
const slack = 1e-9;

function check(input: PatrolPlanInput, discount: number): void {
  const { units, shiftHours, capHoursPerWeek } = input;
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`units: not a whole number ≥ 0: ${units}`);
  if (!(Number.isFinite(shiftHours) && shiftHours > 0)) throw new RangeError(`shiftHours: not > 0: ${shiftHours}`);
  if (!(Number.isFinite(capHoursPerWeek) && capHoursPerWeek >= 0)) {
    throw new RangeError(`capHoursPerWeek: not ≥ 0: ${capHoursPerWeek}`);
  }
  if (!(discount >= 0 && discount <= 1)) throw new RangeError(`rotationDiscount: not in [0, 1]: ${discount}`);
  const districtIds = new Set<string>();
  for (const d of input.districts) {
    if (districtIds.has(d.id)) throw new RangeError(`district ${d.id} given twice`);
    districtIds.add(d.id);
    if (!(Number.isFinite(d.floorHours) && d.floorHours >= 0)) {
      throw new RangeError(`district ${d.id}: floorHours not ≥ 0: ${d.floorHours}`);
    }
  }
  const cellIds = new Set<string>();
  for (const c of input.cells) {
    if (cellIds.has(c.id)) throw new RangeError(`cell ${c.id} given twice`);
    cellIds.add(c.id);
    if (!districtIds.has(c.districtId)) throw new RangeError(`cell ${c.id}: unknown district ${c.districtId}`);
    if (!(Number.isFinite(c.risk) && c.risk >= 0)) throw new RangeError(`cell ${c.id}: risk not ≥ 0: ${c.risk}`);
    if (!(Number.isFinite(c.hoursThisWeek) && c.hoursThisWeek >= 0)) {
      throw new RangeError(`cell ${c.id}: hoursThisWeek not ≥ 0: ${c.hoursThisWeek}`);
    }
  }
}

interface Ranked {
  cell: PatrolCell;
  score: number;
  streak: number;
  /** Earlier shifts since the cell was last patrolled: 0 for the last shift, Infinity for none given. */
  since: number;
}

/** Higher score first; on equal scores the cell patrolled longest ago, then the smaller id. */
function byRank(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.since !== b.since) return a.since < b.since ? 1 : -1;
  if (a.streak !== b.streak) return a.streak - b.streak;
  return a.cell.id < b.cell.id ? -1 : a.cell.id > b.cell.id ? 1 : 0;
}

/** How many consecutive earlier shifts, from the last one back, patrolled the cell. */
function streakOf(cellId: string, previous: readonly ReadonlySet<string>[]): number {
  let streak = 0;
  while (streak < previous.length && previous[streak]?.has(cellId)) streak++;
  return streak;
}

function sinceOf(cellId: string, previous: readonly ReadonlySet<string>[]): number {
  const index = previous.findIndex((cells) => cells.has(cellId));
  return index < 0 ? Infinity : index;
}

/**
 * Plans one shift. Floors first: the districts with unmet floors take one unit each in turn (more residents
 * first, then by id) on their best-ranked open cell; then the remaining units go to the best-ranked open cells of
 * the whole area. A cell is open when no unit has it this shift and its hours this week plus a shift stay within
 * the cap. Ranking: risk × discount^streak, where the streak counts the consecutive earlier shifts the cell was
 * patrolled in, so a cell patrolled last shift gives way to one whose risk is at least `discount` times its own;
 * on equal scores the cell patrolled longest ago comes first (never, first of all), then the smaller id.
 * What cannot be met is listed in `problems`, never bent.
 */
export function patrolPlan(input: PatrolPlanInput): PatrolPlan {
  const discount = input.rotationDiscount ?? defaultRotationDiscount;
  check(input, discount);
  const { shiftHours, capHoursPerWeek } = input;
  const previous = input.previousShifts.map((cells) => new Set(cells));
  const ranked = input.cells
    .map((cell): Ranked => {
      const streak = streakOf(cell.id, previous);
      return { cell, streak, since: sinceOf(cell.id, previous), score: cell.risk * discount ** streak };
    })
    .sort(byRank);
  const byDistrict = new Map<string, Ranked[]>(input.districts.map((d) => [d.id, []]));
  for (const r of ranked) byDistrict.get(r.cell.districtId)?.push(r);

  const taken = new Set<string>();
  const open = (r: Ranked) => !taken.has(r.cell.id) && r.cell.hoursThisWeek + shiftHours <= capHoursPerWeek + slack;
  const assignments: PatrolAssignment[] = [];
  const unitsIn = new Map<string, number>(input.districts.map((d) => [d.id, 0]));
  let left = input.units;
  const place = (r: Ranked, basis: AssignmentBasis) => {
    taken.add(r.cell.id);
    left--;
    unitsIn.set(r.cell.districtId, (unitsIn.get(r.cell.districtId) ?? 0) + 1);
    const { id: cellId, districtId, risk } = r.cell;
    assignments.push({
      slot: assignments.length + 1,
      cellId,
      districtId,
      hours: shiftHours,
      basis,
      risk,
      score: r.score,
      streak: r.streak,
    });
  };

  const needOf = (d: PatrolDistrict) => Math.ceil(d.floorHours / shiftHours - slack);
  const problems: PatrolPlanProblem[] = [];
  const unitsNeeded = input.districts.reduce((sum, d) => sum + needOf(d), 0);
  if (unitsNeeded > input.units) {
    problems.push({ kind: 'floor_exceeds_units', unitsNeeded, unitsAvailable: input.units });
  }

  const order = [...input.districts].sort(
    (a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const blocked = new Map<string, FloorBlock>();
  for (let progress = true; progress && left > 0;) {
    progress = false;
    for (const d of order) {
      if (left === 0) break;
      if (blocked.has(d.id) || (unitsIn.get(d.id) ?? 0) >= needOf(d)) continue;
      const cells = byDistrict.get(d.id) ?? [];
      const best = cells.find(open);
      if (best) {
        place(best, 'floor');
        progress = true;
      } else if (cells.length === 0) blocked.set(d.id, 'no_cells');
      else blocked.set(d.id, cells.some((r) => !taken.has(r.cell.id)) ? 'weekly_cap' : 'one_unit_per_cell');
    }
  }
  for (const r of ranked) {
    if (left === 0) break;
    if (open(r)) place(r, 'risk');
  }

  const districts = input.districts.map((d): DistrictCoverage => {
    const units = unitsIn.get(d.id) ?? 0;
    const plannedHours = units * shiftHours;
    const shortfallHours = Math.max(0, d.floorHours - plannedHours);
    const floorMet = shortfallHours <= slack;
    if (!floorMet) {
      const reason = blocked.get(d.id) ?? 'no_units_left';
      problems.push({ kind: 'floor_unreachable', districtId: d.id, shortfallHours, reason });
    }
    return {
      districtId: d.id,
      floorHours: d.floorHours,
      unitsNeeded: needOf(d),
      units,
      plannedHours,
      floorMet,
      shortfallHours,
    };
  });
  if (left > 0) problems.push({ kind: 'idle_units', units: left });
  return {
    assignments,
    districts,
    idleUnits: left,
    feasible: districts.every((d) => d.floorMet),
    problems,
  };
}
