import { describe, expect, it } from 'vitest';
import type { ObjectiveProgress } from '../../../../src/contract/plans.js';
import { objectiveScale } from './scale.js';

const progress = (values: Partial<ObjectiveProgress>): ObjectiveProgress => ({
  status: 'on_track',
  measuredOn: '2026-11-15',
  current: null,
  baseline: null,
  currentCount: 18,
  baselineCount: 20,
  baselineValue: 20,
  currentValue: 18,
  targetValue: 18,
  expectedValue: 19,
  achievedChangePct: -10,
  shareOfTarget: 1,
  elapsedShare: 0.5,
  ...values,
});

describe('objectiveScale', () => {
  it('places the values on one axis ending a tenth beyond the largest', () => {
    const scale = objectiveScale(progress({}));
    expect(scale?.baseline).toBeCloseTo((20 / 22) * 100, 10);
    expect(scale?.current).toBeCloseTo((18 / 22) * 100, 10);
    expect(scale?.fill.start).toBeCloseTo((18 / 22) * 100, 10);
    expect(scale?.fill.size).toBeCloseTo((2 / 22) * 100, 10);
  });

  it('puts everything at the start when every value is zero, and gives nothing without figures', () => {
    expect(objectiveScale(progress({ baselineValue: 0, currentValue: 0, targetValue: 0, expectedValue: 0 }))).toEqual({
      baseline: 0,
      current: 0,
      target: 0,
      expected: 0,
      fill: { start: 0, size: 0 },
    });
    expect(objectiveScale(progress({ currentValue: null }))).toBeNull();
  });
});
