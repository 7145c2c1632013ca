import type { ObjectiveProgress } from '../../../../src/contract/plans.js';

/** Where an objective's values sit on its bar, as percentages of the bar's length (0 at its start). */
export interface ObjectiveScale {
  baseline: number;
  current: number;
  target: number;
  expected: number;
  /** The filled part: from the baseline to the current value, whichever way it went. */
  fill: { start: number; size: number };
}

/**
 * One axis from zero to a little beyond the largest of the values, so that baseline, current value, target and
 * today's expectation can be read against each other; null when the figures are missing.
 */
export function objectiveScale(progress: ObjectiveProgress): ObjectiveScale | null {
  const { baselineValue, currentValue, targetValue, expectedValue } = progress;
  if (baselineValue === null || currentValue === null || targetValue === null || expectedValue === null) return null;
  const top = Math.max(baselineValue, currentValue, targetValue, expectedValue) * 1.1;
  const at = (value: number) => (top > 0 ? (value / top) * 100 : 0);
  const start = Math.min(at(baselineValue), at(currentValue));
  return {
    baseline: at(baselineValue),
    current: at(currentValue),
    target: at(targetValue),
    expected: at(expectedValue),
    fill: { start, size: Math.abs(at(currentValue) - at(baselineValue)) },
  };
}
