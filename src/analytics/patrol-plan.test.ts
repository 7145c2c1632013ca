import { describe, expect, it } from 'vitest';
import { patrolPlan, type PatrolCell, type PatrolDistrict, type PatrolPlanInput } from './patrol-plan.js';

const cell = (id: string, districtId: string, risk: number, hoursThisWeek = 0): PatrolCell => ({
  id,
  districtId,
  risk,
  hoursThisWeek,
});
const district = (id: string, floorHours: number, population: number | null = null): PatrolDistrict => ({
  id,
  floorHours,
  population,
});

const base = { shiftHours: 8, capHoursPerWeek: 40, previousShifts: [] } satisfies Partial<PatrolPlanInput>;

describe('patrolPlan', () => {
  it('gives every district its floor even when all the risk lies elsewhere', () => {
    const plan = patrolPlan({
      ...base,
      cells: [cell('a1', 'A', 100), cell('a2', 'A', 90), cell('a3', 'A', 80), cell('b1', 'B', 0), cell('b2', 'B', 0)],
      districts: [district('A', 8), district('B', 8)],
      units: 3,
    });
    expect(plan.feasible).toBe(true);
    expect(plan.problems).toEqual([]);
    expect(plan.assignments.map((a) => [a.cellId, a.basis])).toEqual([
      ['a1', 'floor'],
      ['b1', 'floor'],
      ['a2', 'risk'],
    ]);
    expect(plan.districts.find((d) => d.districtId === 'B')).toMatchObject({
      units: 1,
      plannedHours: 8,
      floorMet: true,
    });
  });

  it('matches a small case planned by hand: cap, rotation discount, floors by population, then risk', () => {
    // Ranked on risk × 0.5^streak: a2 9, a3 6 (but 12 + 8 > 16 h: closed), a1 10 × 0.5 = 5, b2 2 (8 + 8 = 16: open), b1 1.
    // Floors: A (more residents) takes a2, B takes b2; the third unit goes to the best open cell left, a1.
    const plan = patrolPlan({
      cells: [
        cell('a1', 'A', 10),
        cell('a2', 'A', 9),
        cell('a3', 'A', 6, 12),
        cell('b1', 'B', 1),
        cell('b2', 'B', 2, 8),
      ],
      districts: [district('B', 8, 500), district('A', 8, 1000)],
      units: 3,
      shiftHours: 8,
      capHoursPerWeek: 16,
      previousShifts: [['a1']],
      rotationDiscount: 0.5,
    });
    expect(plan.assignments).toEqual([
      { slot: 1, cellId: 'a2', districtId: 'A', hours: 8, basis: 'floor', risk: 9, score: 9, streak: 0 },
      { slot: 2, cellId: 'b2', districtId: 'B', hours: 8, basis: 'floor', risk: 2, score: 2, streak: 0 },
      { slot: 3, cellId: 'a1', districtId: 'A', hours: 8, basis: 'risk', risk: 10, score: 5, streak: 1 },
    ]);
    expect(plan.districts).toEqual([
      { districtId: 'B', floorHours: 8, unitsNeeded: 1, units: 1, plannedHours: 8, floorMet: true, shortfallHours: 0 },
      { districtId: 'A', floorHours: 8, unitsNeeded: 1, units: 2, plannedHours: 16, floorMet: true, shortfallHours: 0 },
    ]);
    expect(plan).toMatchObject({ idleUnits: 0, feasible: true, problems: [] });
  });

  it('never takes a cell over the weekly cap over a simulated week of shifts, and says why units stand idle', () => {
    const cells = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((id, i) => cell(id, 'A', i === 0 ? 50 : i === 1 ? 40 : 1)),
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => cell(id, 'B', 0.5)),
    ];
    const hours = new Map(cells.map((c) => [c.id, 0]));
    const previousShifts: string[][] = [];
    const reasons = new Set<string>();
    for (let shift = 0; shift < 21; shift++) {
      const plan = patrolPlan({
        cells: cells.map((c) => ({ ...c, hoursThisWeek: hours.get(c.id) ?? 0 })),
        districts: [district('A', 8), district('B', 16)],
        units: 4,
        shiftHours: 8,
        capHoursPerWeek: 24,
        previousShifts,
      });
      for (const a of plan.assignments) hours.set(a.cellId, (hours.get(a.cellId) ?? 0) + a.hours);
      for (const h of hours.values()) expect(h).toBeLessThanOrEqual(24);
      const placed = plan.assignments.length;
      expect(placed + plan.idleUnits).toBe(4);
      if (plan.idleUnits > 0) expect(plan.problems).toContainEqual({ kind: 'idle_units', units: plan.idleUnits });
      for (const p of plan.problems) reasons.add(p.kind === 'floor_unreachable' ? `${p.kind}:${p.reason}` : p.kind);
      previousShifts.unshift(plan.assignments.map((a) => a.cellId));
    }
    // 10 cells × 24 h = 240 h against 21 × 4 × 8 = 672 h asked: the cap binds, and the plan says so.
    expect([...hours.values()].reduce((s, h) => s + h, 0)).toBe(240);
    expect(reasons).toEqual(new Set(['idle_units', 'floor_unreachable:weekly_cap']));
  });

  it('rotates through cells of flat risk across consecutive shifts', () => {
    const cells = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => cell(id, 'A', 1));
    const previousShifts: string[][] = [];
    const seen: string[][] = [];
    for (let shift = 0; shift < 4; shift++) {
      const plan = patrolPlan({ ...base, cells, districts: [district('A', 0)], units: 2, previousShifts });
      const chosen = plan.assignments.map((a) => a.cellId);
      seen.push(chosen);
      previousShifts.unshift(chosen);
    }
    expect(seen).toEqual([
      ['c1', 'c2'],
      ['c3', 'c4'],
      ['c5', 'c6'],
      ['c1', 'c2'],
    ]);
  });

  it('keeps a cell patrolled last shift when the alternative is clearly less risky, and not when it is near', () => {
    const plan = (other: number) =>
      patrolPlan({
        ...base,
        cells: [cell('hot', 'A', 10), cell('other', 'A', other)],
        districts: [district('A', 0)],
        units: 1,
        previousShifts: [['hot']],
      }).assignments[0]?.cellId;
    expect(plan(7.9)).toBe('hot'); // 7.9 < 10 × 0.8
    expect(plan(8.1)).toBe('other');
  });

  it('reports a floor that needs more units than there are, serving the most populous districts first', () => {
    const plan = patrolPlan({
      ...base,
      cells: [cell('a1', 'A', 1), cell('b1', 'B', 5), cell('c1', 'C', 9)],
      districts: [district('A', 8, 300), district('B', 8, 200), district('C', 8, 100)],
      units: 2,
    });
    expect(plan.feasible).toBe(false);
    expect(plan.assignments.map((a) => a.cellId)).toEqual(['a1', 'b1']);
    expect(plan.problems).toEqual([
      { kind: 'floor_exceeds_units', unitsNeeded: 3, unitsAvailable: 2 },
      { kind: 'floor_unreachable', districtId: 'C', shortfallHours: 8, reason: 'no_units_left' },
    ]);
  });

  it('reports a district without cells, and one with fewer cells than its floor needs units', () => {
    const plan = patrolPlan({
      ...base,
      cells: [cell('a1', 'A', 1)],
      districts: [district('A', 16), district('B', 4)],
      units: 5,
    });
    expect(plan.problems).toEqual([
      { kind: 'floor_unreachable', districtId: 'A', shortfallHours: 8, reason: 'one_unit_per_cell' },
      { kind: 'floor_unreachable', districtId: 'B', shortfallHours: 4, reason: 'no_cells' },
      { kind: 'idle_units', units: 4 },
    ]);
  });

  it('refuses input that makes no sense', () => {
    const ok = { ...base, cells: [cell('a', 'A', 1)], districts: [district('A', 0)], units: 1 };
    expect(() => patrolPlan({ ...ok, units: 1.5 })).toThrow(RangeError);
    expect(() => patrolPlan({ ...ok, cells: [cell('a', 'A', -1)] })).toThrow(/risk/);
    expect(() => patrolPlan({ ...ok, cells: [cell('a', 'Z', 1)] })).toThrow(/unknown district/);
    expect(() => patrolPlan({ ...ok, rotationDiscount: 1.5 })).toThrow(/rotationDiscount/);
  });
});
