import { describe, expect, it } from 'vitest';
import { patrols } from './model.js';
import { generatePatrols, unitCount, type PatrolDistrict } from './patrols.js';

const district = (over: Partial<PatrolDistrict>): PatrolDistrict => ({
  id: 1,
  stationCode: 'D-1',
  population: 100_000,
  remoteness: 0,
  cells: ['a', 'b', 'c'],
  ...over,
});

describe('generatePatrols', () => {
  it('fields one unit per 25,000 residents, at least one, and half as many in the most remote city', () => {
    expect(unitCount(100_000, 0)).toBe(4);
    expect(unitCount(100_000, 1)).toBe(2);
    expect(unitCount(100_000, 0.5)).toBe(3);
    expect(unitCount(5_000, 0)).toBe(1);
    expect(unitCount(5_000, 1)).toBe(1);
  });

  it('gives the same units and shifts for the same seed, and each district its own draws', () => {
    const districts = [district({}), district({ id: 2, stationCode: 'D-2', population: 250_000 })];
    const a = generatePatrols(districts, '2026-11-19', 7);
    expect(generatePatrols(districts, '2026-11-19', 7)).toEqual(a);
    // District 1 alone draws what it drew beside district 2.
    const alone = generatePatrols([district({})], '2026-11-19', 7);
    expect(alone.shifts).toEqual(a.shifts.filter((s) => s.districtId === 1));
    expect(a.units.filter((u) => u.districtId === 2)).toHaveLength(10);
  });

  it('puts every shift in the district’s own cells within the last four weeks, one a day at most per unit', () => {
    const { units, shifts } = generatePatrols([district({ population: 1_000_000 })], '2026-11-19', 3);
    expect(units).toHaveLength(40);
    const days = new Set(shifts.map((s) => s.day));
    expect([...days].sort()[0]).toBe('2026-10-23');
    expect([...days].sort().at(-1)).toBe('2026-11-19');
    expect(shifts.every((s) => ['a', 'b', 'c'].includes(s.cell))).toBe(true);
    const perUnitDay = new Set(shifts.map((s) => `${s.unitNumber}:${s.day}`));
    expect(perUnitDay.size).toBe(shifts.length);
    // About five days in seven: 40 units × 28 days × 5/7 = 800, give or take the draws.
    expect(shifts.length).toBeGreaterThan(700);
    expect(shifts.length).toBeLessThan(900);
    const nights = shifts.filter((s) => s.shift === 'night').length / shifts.length;
    expect(nights).toBeGreaterThan(patrols.shiftShares.night - 0.06);
    expect(nights).toBeLessThan(patrols.shiftShares.night + 0.06);
  });

  it('writes no shift for a district without cells, but still fields its units', () => {
    const { units, shifts } = generatePatrols([district({ cells: [] })], '2026-11-19', 1);
    expect(units).toHaveLength(4);
    expect(shifts).toEqual([]);
  });
});
