import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../domain/plan.js';
import { objectiveProgress, objectiveWindows } from './objectives.js';

/** A rolling 28 days against the same days a year earlier, 10 % fewer by 31 December 2026, from 1 October. */
const rolling: ObjectiveSpec = {
  measure: 'count',
  window: 'rolling',
  windowDays: 28,
  windowFrom: null,
  windowTo: null,
  baseline: 'year_before',
  baselineFrom: null,
  baselineTo: null,
  targetChangePct: -10,
  deadline: '2026-12-31',
};
const start = '2026-10-01';

const progress = (
  spec: ObjectiveSpec,
  asOf: string,
  currentCount: number,
  baselineCount: number,
  population = null as number | null,
) => objectiveProgress({ spec, start, asOf, currentCount, baselineCount, population });

describe('objectiveWindows', () => {
  it('takes the 28 days ending on the as-of day and the same dates a year earlier', () => {
    expect(objectiveWindows(rolling, '2026-11-15')).toEqual({
      measuredOn: '2026-11-15',
      current: { from: '2026-10-19', to: '2026-11-15' },
      baseline: { from: '2025-10-19', to: '2025-11-15' },
    });
  });

  it('measures on the deadline once it has passed', () => {
    expect(objectiveWindows(rolling, '2027-01-10')).toEqual({
      measuredOn: '2026-12-31',
      current: { from: '2026-12-04', to: '2026-12-31' },
      baseline: { from: '2025-12-04', to: '2025-12-31' },
    });
  });

  it('has no window before a calendar window begins, and stops at its last day', () => {
    const calendar: ObjectiveSpec = {
      ...rolling,
      window: 'calendar',
      windowDays: null,
      windowFrom: '2026-11-01',
      windowTo: '2026-11-30',
    };
    expect(objectiveWindows(calendar, '2026-10-31')).toEqual({
      measuredOn: '2026-10-31',
      current: null,
      baseline: null,
    });
    expect(objectiveWindows(calendar, '2026-12-15').current).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('compares a February with 29 days with the 28 days of February a year earlier', () => {
    const feb: ObjectiveSpec = {
      ...rolling,
      window: 'calendar',
      windowDays: null,
      windowFrom: '2024-02-01',
      windowTo: '2024-02-29',
      deadline: '2024-03-31',
    };
    expect(objectiveWindows(feb, '2024-03-05')).toMatchObject({
      current: { from: '2024-02-01', to: '2024-02-29' },
      baseline: { from: '2023-02-01', to: '2023-02-28' },
    });
  });
});

describe('objectiveProgress', () => {
  it('is on track at or below the straight line from the baseline to the target', () => {
    // 45 of the 91 days from 1 October to 31 December: expected 100 − 10 × 45 / 91 = 95.05…
    const p = progress(rolling, '2026-11-15', 95, 100);
    expect(p).toMatchObject({ status: 'on_track', baselineValue: 100, currentValue: 95, targetValue: 90 });
    expect(p.expectedValue).toBeCloseTo(100 - (10 * 45) / 91, 12);
    expect(p.elapsedShare).toBeCloseTo(45 / 91, 12);
    expect(p.achievedChangePct).toBeCloseTo(-5, 12);
    expect(p.shareOfTarget).toBeCloseTo(0.5, 12);
  });

  it('is off track above the straight line', () => {
    const p = progress(rolling, '2026-11-15', 96, 100);
    expect(p.status).toBe('off_track');
    expect(p.shareOfTarget).toBeCloseTo(0.4, 12);
  });

  it('is achieved or missed on the value at the deadline once the deadline has passed', () => {
    const reached = progress(rolling, '2027-01-10', 90, 100);
    expect(reached).toMatchObject({ status: 'achieved', measuredOn: '2026-12-31', elapsedShare: 1, shareOfTarget: 1 });
    expect(progress(rolling, '2027-01-10', 91, 100).status).toBe('missed');
    expect(progress(rolling, '2026-12-31', 90, 100).status).toBe('achieved');
  });

  it('counts an increase as better when it is higher', () => {
    const more: ObjectiveSpec = { ...rolling, targetChangePct: 20 };
    expect(progress(more, '2027-01-01', 120, 100).status).toBe('achieved');
    expect(progress(more, '2027-01-01', 119, 100).status).toBe('missed');
    expect(progress(more, '2026-10-01', 100, 100).status).toBe('on_track');
    expect(progress(more, '2026-11-15', 100, 100).status).toBe('off_track');
  });

  it('sets a zero target from a zero baseline, with no percentage and no share', () => {
    const none = progress(rolling, '2027-01-10', 0, 0);
    expect(none).toMatchObject({
      status: 'achieved',
      baselineValue: 0,
      targetValue: 0,
      achievedChangePct: null,
      shareOfTarget: null,
    });
    expect(progress(rolling, '2027-01-10', 2, 0).status).toBe('missed');
    expect(progress(rolling, '2026-11-15', 2, 0).status).toBe('off_track');
    const more: ObjectiveSpec = { ...rolling, targetChangePct: 20 };
    expect(progress(more, '2027-01-10', 3, 0).status).toBe('achieved');
    expect(progress(more, '2027-01-10', 0, 0).status).toBe('missed');
  });

  it('gives rates per 100,000 inhabitants with the same change as the counts', () => {
    const rate: ObjectiveSpec = { ...rolling, measure: 'rate' };
    const p = progress(rate, '2026-11-15', 95, 100, 200_000);
    expect(p.baselineValue).toBeCloseTo(50, 12);
    expect(p.currentValue).toBeCloseTo(47.5, 12);
    expect(p.targetValue).toBeCloseTo(45, 12);
    expect(p.achievedChangePct).toBeCloseTo(-5, 12);
    expect(p).toMatchObject({ status: 'on_track', currentCount: 95, baselineCount: 100 });
  });

  it('says no_data for a rate where the population is unknown, counts kept', () => {
    const p = progress({ ...rolling, measure: 'rate' }, '2026-11-15', 95, 100, null);
    expect(p).toMatchObject({ status: 'no_data', currentCount: 95, baselineCount: 100, currentValue: null });
  });

  it('scales a fixed baseline to the days counted so far', () => {
    const calendar: ObjectiveSpec = {
      ...rolling,
      window: 'calendar',
      windowDays: null,
      windowFrom: '2026-11-01',
      windowTo: '2026-11-30',
      baseline: 'fixed',
      baselineFrom: '2026-09-01',
      baselineTo: '2026-09-30',
    };
    // 10 days counted (1–10 November) against 60 incidents in 30 days: a baseline of 20.
    const p = progress(calendar, '2026-11-10', 17, 60);
    expect(p.current).toEqual({ from: '2026-11-01', to: '2026-11-10', days: 10 });
    expect(p.baseline).toEqual({ from: '2026-09-01', to: '2026-09-30', days: 30 });
    expect(p.baselineValue).toBeCloseTo(20, 12);
    expect(p.targetValue).toBeCloseTo(18, 12);
    expect(p.achievedChangePct).toBeCloseTo(-15, 12);
    expect(progress(calendar, '2026-10-20', 0, 60)).toMatchObject({
      status: 'not_started',
      current: null,
      currentValue: null,
    });
  });

  it('scales a 28-day February baseline to a 29-day one', () => {
    const feb: ObjectiveSpec = {
      ...rolling,
      window: 'calendar',
      windowDays: null,
      windowFrom: '2024-02-01',
      windowTo: '2024-02-29',
      deadline: '2024-03-31',
    };
    const p = objectiveProgress({
      spec: feb,
      start: '2024-01-01',
      asOf: '2024-03-05',
      currentCount: 26,
      baselineCount: 28,
      population: null,
    });
    expect(p.baselineValue).toBeCloseTo(29, 12);
    expect(p.targetValue).toBeCloseTo(26.1, 12);
  });
});
