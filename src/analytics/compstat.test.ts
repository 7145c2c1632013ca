import { describe, expect, it } from 'vitest';
import { compstatTable, compstatWindows, defaultBaselineYear, distinctWindows, isoWeekday } from './compstat.js';
import { binomialLogPmf, binomialTestTwoSided, poissonRateTest } from './poisson-test.js';

// R's reference p-values are checked in test/analytics/poisson-golden.test.ts (it reads a fixture file).

describe('the exact Poisson test', () => {
  it('sums the binomial density to one and matches it to the log-gamma form for large n', () => {
    for (const [n, p] of [
      [20, 0.3],
      [1000, 0.5],
      [100_000, 60 / 119],
    ] as const) {
      let sum = 0;
      for (let x = 0; x <= n; x++) sum += Math.exp(binomialLogPmf(x, n, p));
      expect(sum).toBeCloseTo(1, 12);
    }
    // log C(10^6, 5×10^5) 2^-(10^6) by Stirling to many terms: −½ log(π n / 2) − 1/(4n) + …
    const n = 1_000_000;
    expect(binomialLogPmf(n / 2, n, 0.5)).toBeCloseTo(-0.5 * Math.log((Math.PI * n) / 2) - 1 / (4 * n), 9);
  });

  it('takes n up to a million without overflow', () => {
    const p = binomialTestTwoSided(500_321, 1_000_000, 0.5);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.53);
  });

  it('rejects counts and probabilities that are not a binomial outcome', () => {
    expect(() => binomialTestTwoSided(3, 2, 0.5)).toThrow(RangeError);
    expect(() => binomialTestTwoSided(1, 2, 1)).toThrow(RangeError);
    expect(() => poissonRateTest(1, 2, 0, 3)).toThrow(RangeError);
  });
});

describe('the CompStat windows', () => {
  it('numbers weekdays from Monday', () => {
    expect(isoWeekday('2024-02-26')).toBe(1);
    expect(isoWeekday('2024-02-29')).toBe(4);
    expect(isoWeekday('2024-03-03')).toBe(7);
  });

  it('compares 29 February with 28 February, the week and 28 days by length, the year from 1 January', () => {
    const w = compstatWindows('2024-02-29', 2021);
    expect(w.weekToDate).toEqual({
      current: { from: '2024-02-26', to: '2024-02-29' },
      lastYear: { from: '2023-02-25', to: '2023-02-28' },
      twoYearsAgo: { from: '2022-02-25', to: '2022-02-28' },
      baseline: { from: '2021-02-25', to: '2021-02-28' },
    });
    expect(w.days28).toEqual({
      current: { from: '2024-02-02', to: '2024-02-29' },
      lastYear: { from: '2023-02-01', to: '2023-02-28' },
      twoYearsAgo: { from: '2022-02-01', to: '2022-02-28' },
      baseline: { from: '2021-02-01', to: '2021-02-28' },
    });
    expect(w.yearToDate).toEqual({
      current: { from: '2024-01-01', to: '2024-02-29' },
      lastYear: { from: '2023-01-01', to: '2023-02-28' },
      twoYearsAgo: { from: '2022-01-01', to: '2022-02-28' },
      baseline: { from: '2021-01-01', to: '2021-02-28' },
    });
  });

  it('leaves 29 February 2024 out of last year’s periods as of 28 February 2025 and in them as of 1 March', () => {
    const feb28 = compstatWindows('2025-02-28', null);
    expect(feb28.yearToDate.lastYear).toEqual({ from: '2024-01-01', to: '2024-02-28' });
    expect(feb28.days28.lastYear).toEqual({ from: '2024-02-01', to: '2024-02-28' });
    expect(feb28.weekToDate.lastYear).toEqual({ from: '2024-02-24', to: '2024-02-28' });
    expect(feb28.yearToDate.baseline).toBeNull();
    const mar1 = compstatWindows('2025-03-01', null);
    expect(mar1.yearToDate.lastYear).toEqual({ from: '2024-01-01', to: '2024-03-01' });
    expect(mar1.days28.lastYear).toEqual({ from: '2024-02-03', to: '2024-03-01' });
  });

  it('starts the week to date on Monday: a Monday is one day, a Sunday seven', () => {
    expect(compstatWindows('2024-03-04', null).weekToDate.current).toEqual({ from: '2024-03-04', to: '2024-03-04' });
    expect(compstatWindows('2024-03-03', null).weekToDate.current).toEqual({ from: '2024-02-26', to: '2024-03-03' });
  });

  it('lists each window once', () => {
    const windows = distinctWindows(compstatWindows('2024-01-07', 2020));
    // Sunday 7 January: the week to date is the year to date, so 2 distinct periods × 4 windows each.
    expect(windows).toHaveLength(8);
  });

  it('takes the earliest year the data covers whole, before the as-of year', () => {
    expect(defaultBaselineYear('2010-01-01', '2019-12-31', '2019-06-30')).toBe(2010);
    expect(defaultBaselineYear('2023-11-21', '2026-11-20', '2026-11-20')).toBe(2024);
    expect(defaultBaselineYear('2023-11-21', '2024-12-30', '2025-01-10')).toBeNull();
    expect(defaultBaselineYear('2024-01-01', '2024-12-31', '2024-12-31')).toBeNull();
    expect(defaultBaselineYear(null, null, '2024-12-31')).toBeNull();
  });

  it('refuses a baseline year that is not before the as-of year', () => {
    expect(() => compstatWindows('2024-02-29', 2024)).toThrow(RangeError);
  });
});

describe('the CompStat table', () => {
  it('withholds the change on an earlier count below 10, tests it exactly, and totals the categories', () => {
    const asOf = '2024-03-03';
    const w = compstatWindows(asOf, null).days28;
    const table = compstatTable({
      asOf,
      baselineYear: null,
      population: 200_000,
      counts: [
        { ...w.current, category: 'theft', incidents: 30, solved: 6 },
        { ...w.lastYear, category: 'theft', incidents: 18, solved: 9 },
        { ...w.current, category: 'robbery', incidents: 4, solved: 0 },
        { ...w.lastYear, category: 'robbery', incidents: 9, solved: 1 },
        { ...w.twoYearsAgo, category: 'homicide', incidents: 1, solved: 1 },
      ],
    });
    expect(table.rows.map((r) => r.category)).toEqual(['homicide', 'robbery', 'theft']);
    const theft = table.rows[2]?.days28;
    expect(theft).toMatchObject({ incidents: 30, solved: 6, clearancePct: 20 });
    expect(theft?.ratePer100k).toBeCloseTo(15, 12);
    expect(theft?.lastYear).toMatchObject({ incidents: 18, clearancePct: 50, changeNote: null, significant: false });
    expect(theft?.lastYear.changePct).toBeCloseTo((100 * 12) / 18, 12);
    expect(theft?.lastYear.pValue).toBeCloseTo(0.1114028910610189, 12);
    expect(theft?.twoYearsAgo).toMatchObject({ incidents: 0, changePct: null, changeNote: 'small_base' });
    expect(table.rows[1]?.days28.lastYear).toMatchObject({ incidents: 9, changePct: null, changeNote: 'small_base' });
    expect(table.total.days28).toMatchObject({ incidents: 34, solved: 6 });
    expect(table.total.days28.ratePer100k).toBeCloseTo(17, 12);
    expect(table.total.days28.lastYear).toMatchObject({ incidents: 27, solved: 10 });
    expect(table.total.days28.twoYearsAgo.incidents).toBe(1);
    expect(table.total.days28.baseline).toBeNull();
    // 3 March 2024 is a Sunday: the week to date (26 Feb – 3 Mar) lies inside the 28 days but was not counted.
    expect(table.total.weekToDate.incidents).toBe(0);
    expect(table.total.weekToDate.clearancePct).toBeNull();
  });
});
