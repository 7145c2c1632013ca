import { addDays, sameDayYearsBefore } from '../domain/time.js';
import { ratePer100k } from '../domain/area.js';

export interface DayWindow {
  from: string;
  to: string;
}

/** The `days` local days ending on `asOf` (inclusive), and the same calendar days one year earlier. */
export function comparisonWindows(asOf: string, days = 28): { current: DayWindow; previous: DayWindow } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`invalid window length: ${days}`);
  const previousEnd = sameDayYearsBefore(asOf, 1);
  return {
    current: { from: addDays(asOf, -(days - 1)), to: asOf },
    previous: { from: addDays(previousEnd, -(days - 1)), to: previousEnd },
  };
}

/**
 * Percentage change from `previous` to `current`, or null when the earlier count is below `minBase`: a change
 * from 2 to 5 is "+150 %" and means nothing, so the counts are shown instead.
 */
export function percentChange(current: number, previous: number, minBase = 10): number | null {
  if (previous < minBase || previous <= 0) return null;
  return ((current - previous) / previous) * 100;
}

export interface CountSummary {
  current: number;
  previous: number;
  changePct: number | null;
  ratePer100k: number | null;
  solved: number;
  solvedPct: number | null;
}

export function summariseCounts(
  counts: { current: number; previous: number; solved: number } | undefined,
  population: number | null,
): CountSummary {
  const current = counts?.current ?? 0;
  const previous = counts?.previous ?? 0;
  const solved = counts?.solved ?? 0;
  return {
    current,
    previous,
    changePct: percentChange(current, previous),
    ratePer100k: ratePer100k(current, population),
    solved,
    solvedPct: current > 0 ? (solved / current) * 100 : null,
  };
}
