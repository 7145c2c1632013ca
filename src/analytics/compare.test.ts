import { describe, expect, it } from 'vitest';
import { daysBetween } from '../domain/time.js';
import { comparisonWindows, percentChange, summariseCounts } from './compare.js';

describe('comparisonWindows', () => {
  it('gives the 28 days up to asOf and the same calendar days a year earlier', () => {
    expect(comparisonWindows('2026-11-20', 28)).toEqual({
      current: { from: '2026-10-24', to: '2026-11-20' },
      previous: { from: '2025-10-24', to: '2025-11-20' },
    });
  });

  it('crosses a year boundary', () => {
    expect(comparisonWindows('2026-01-10', 28)).toEqual({
      current: { from: '2025-12-14', to: '2026-01-10' },
      previous: { from: '2024-12-14', to: '2025-01-10' },
    });
  });

  it('compares a window ending on 29 February with one ending on 28 February', () => {
    expect(comparisonWindows('2028-02-29', 28)).toEqual({
      current: { from: '2028-02-02', to: '2028-02-29' },
      previous: { from: '2027-02-01', to: '2027-02-28' },
    });
  });

  it('keeps both windows 28 days long when the earlier one holds 29 February', () => {
    const { current, previous } = comparisonWindows('2025-03-10', 28);
    expect(previous).toEqual({ from: '2024-02-12', to: '2024-03-10' });
    expect(daysBetween(current.from, current.to) + 1).toBe(28);
    expect(daysBetween(previous.from, previous.to) + 1).toBe(28);
  });

  it('gives one-day windows and refuses lengths below one day', () => {
    expect(comparisonWindows('2026-05-01', 1).current).toEqual({ from: '2026-05-01', to: '2026-05-01' });
    expect(() => comparisonWindows('2026-05-01', 0)).toThrow(RangeError);
    expect(() => comparisonWindows('2026-05-01', 2.5)).toThrow(RangeError);
  });
});

describe('percentChange', () => {
  it('gives the change in percent from a base of ten or more', () => {
    expect(percentChange(15, 10)).toBe(50);
    expect(percentChange(5, 20)).toBe(-75);
    expect(percentChange(40, 40)).toBe(0);
  });

  it('returns null below a base of ten, where a percentage means nothing', () => {
    expect(percentChange(5, 2)).toBeNull();
    expect(percentChange(50, 9)).toBeNull();
    expect(percentChange(3, 0)).toBeNull();
  });

  it('takes another minimum base and still refuses a zero base', () => {
    expect(percentChange(6, 3, 1)).toBe(100);
    expect(percentChange(6, 0, 0)).toBeNull();
  });
});

describe('summariseCounts', () => {
  it('derives the change, the rate per 100,000 and the solved share', () => {
    expect(summariseCounts({ current: 30, previous: 20, solved: 27 }, 150_000)).toEqual({
      current: 30,
      previous: 20,
      changePct: 50,
      ratePer100k: 20,
      solved: 27,
      solvedPct: 90,
    });
  });

  it('gives no rate when the population is unknown or zero', () => {
    expect(summariseCounts({ current: 30, previous: 20, solved: 27 }, null).ratePer100k).toBeNull();
    expect(summariseCounts({ current: 30, previous: 20, solved: 27 }, 0).ratePer100k).toBeNull();
  });

  it('treats an area without incidents as zeros with no change and no solved share', () => {
    expect(summariseCounts(undefined, 1000)).toEqual({
      current: 0,
      previous: 0,
      changePct: null,
      ratePer100k: 0,
      solved: 0,
      solvedPct: null,
    });
  });
});
