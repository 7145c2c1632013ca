import { describe, expect, it } from 'vitest';
import type { CellEvents } from './events.js';
import { periodUplift } from './period-uplift.js';

/** Events as [cell, time] pairs, sorted by time. */
const events = (pairs: [number, number][]): CellEvents => {
  const sorted = [...pairs].sort((a, b) => a[1] - b[1]);
  return { cell: Int32Array.from(sorted, ([c]) => c), time: Float64Array.from(sorted, ([, t]) => t) };
};

describe('periodUplift', () => {
  // Two past periods of 2 days, each with two weeks around it (7 days before, 7 after): 14 days of baseline.
  const periods = [
    { before: 0, from: 7, to: 9, after: 16 },
    { before: 365, from: 372, to: 374, after: 381 },
  ];
  const inside = Uint8Array.of(1, 1, 1, 0);
  const pairs: [number, number][] = [];
  for (const p of periods) {
    // Cell 0: one incident a day around the period, four a day during it (uplift 4).
    for (let d = p.before; d < p.after; d++) {
      const during = d >= p.from && d < p.to;
      for (let k = 0; k < (during ? 4 : 1); k++) pairs.push([0, d + 0.1 + k / 10]);
    }
    // Cell 1: one incident in the period, none around it. Cell 2: one incident a week around it, none during.
    pairs.push([1, p.from + 0.5], [2, p.before + 1], [2, p.after - 1]);
    // Cell 3 is outside the area: ignored in the area's uplift.
    for (let k = 0; k < 50; k++) pairs.push([3, p.from + k / 100]);
  }
  const u = periodUplift(events(pairs), inside, periods);

  it('counts the periods and expects from the weeks around them, scaled to the period’s length', () => {
    expect([...u.counts]).toEqual([16, 2, 0, 100]);
    // Cell 0: 14 a period-year around → 14 × 2/14 = 2 expected a year, 4 over two years.
    expect(u.expected[0]).toBeCloseTo(4, 12);
    expect(u.expected[2]).toBeCloseTo(4 * (2 / 14), 12);
  });

  it('gives the area’s uplift as all incidents in the periods over all expected, cells outside left out', () => {
    expect(u.area).toBeCloseTo(18 / (4 + 4 / 7), 12);
  });

  it('shrinks a cell with little evidence towards the area and keeps a well-observed one near its own', () => {
    const area = u.area as number;
    expect(u.cells[1]).toBeCloseTo((2 + 2 * area) / (0 + 2), 12);
    expect(u.cells[2]).toBeCloseTo((0 + 2 * area) / (4 / 7 + 2), 12);
    expect(u.cells[2]).toBeGreaterThan(0); // no zero for a cell quiet during the period
    expect(u.cells[0]).toBeCloseTo((16 + 2 * area) / (4 + 2), 12);
    expect(u.cells[3]).toBe(1);
  });

  it('gives the mean count per past period as the same-period forecast', () => {
    expect([...u.samePeriodMean]).toEqual([8, 1, 0, 0]);
  });

  it('has no area uplift when nothing was expected', () => {
    const none = periodUplift(events([]), inside, periods);
    expect(none.area).toBeNull();
    expect([...none.cells]).toEqual([1, 1, 1, 1]);
  });
});
