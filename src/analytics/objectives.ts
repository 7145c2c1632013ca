import type { ObjectiveSpec, ObjectiveStatus } from '../domain/plan.js';
import { addDays, daysBetween, sameDayYearsBefore } from '../domain/time.js';

export interface DayWindow {
  from: string;
  to: string;
}

/** The windows an objective compares as of a day (docs/compstat.md, "Plans and follow-up"). */
export interface ObjectiveWindows {
  /** The day measured: the as-of day, or the deadline once it has passed (the value the plan promised). */
  measuredOn: string;
  /** The days counted now, or null before a calendar window begins. */
  current: DayWindow | null;
  /** The days the current ones are compared with, or null with no current window. */
  baseline: DayWindow | null;
}

const days = (w: DayWindow) => daysBetween(w.from, w.to) + 1;

/**
 * The current and baseline windows of an objective as of a day. A rolling window is the N days ending on the day
 * measured; a calendar window runs from its first day to the day measured, at most to its last. A year-before
 * baseline is the current window's dates a year earlier (29 February as 28 February); a fixed one is as given.
 */
export function objectiveWindows(spec: ObjectiveSpec, asOf: string): ObjectiveWindows {
  const measuredOn = asOf < spec.deadline ? asOf : spec.deadline;
  let current: DayWindow | null;
  if (spec.window === 'rolling') {
    if (spec.windowDays === null) throw new RangeError('a rolling window needs windowDays');
    current = { from: addDays(measuredOn, -(spec.windowDays - 1)), to: measuredOn };
  } else {
    if (spec.windowFrom === null || spec.windowTo === null) throw new RangeError('a calendar window needs its days');
    const to = measuredOn < spec.windowTo ? measuredOn : spec.windowTo;
    current = to < spec.windowFrom ? null : { from: spec.windowFrom, to };
  }
  if (current === null) return { measuredOn, current, baseline: null };
  if (spec.baseline === 'fixed') {
    if (spec.baselineFrom === null || spec.baselineTo === null) throw new RangeError('a fixed baseline needs its days');
    return { measuredOn, current, baseline: { from: spec.baselineFrom, to: spec.baselineTo } };
  }
  const baseline = { from: sameDayYearsBefore(current.from, 1), to: sameDayYearsBefore(current.to, 1) };
  return { measuredOn, current, baseline };
}

export interface ObjectiveProgress {
  status: ObjectiveStatus;
  measuredOn: string;
  current: (DayWindow & { days: number }) | null;
  baseline: (DayWindow & { days: number }) | null;
  /** Incidents counted in each window. */
  currentCount: number | null;
  baselineCount: number | null;
  /**
   * The values compared, in the objective's measure: the baseline scaled to the current window's length (a count
   * per day times the current days), then per 100,000 inhabitants for a rate.
   */
  baselineValue: number | null;
  currentValue: number | null;
  targetValue: number | null;
  /** Where the value should be on the day measured, on a straight line from the baseline to the target. */
  expectedValue: number | null;
  /** The change from the baseline value to the current one, in percent; null from a zero baseline. */
  achievedChangePct: number | null;
  /** How much of the sought change is done: 0 at the baseline, 1 at the target; null when nothing can be sought. */
  shareOfTarget: number | null;
  /** How much of the time from the plan's start to the deadline has gone by, from 0 to 1. */
  elapsedShare: number;
}

export interface ProgressInput {
  spec: ObjectiveSpec;
  /** The plan's first day: where the straight line to the target begins. */
  start: string;
  asOf: string;
  /** Incidents in the windows of `objectiveWindows(spec, asOf)`. */
  currentCount: number;
  baselineCount: number;
  /** The objective's area's inhabitants; a rate without them is `no_data`. */
  population: number | null;
}

/**
 * An objective's progress as of a day.
 *
 * The target is the baseline value changed by `targetChangePct` (−10: a tenth lower). Before the deadline the
 * objective is on track when its current value is at or better than the straight line from the baseline (at the
 * plan's start) to the target (at the deadline), read on the day measured, and off track otherwise; from the
 * deadline on it is achieved when the value on the deadline is at or better than the target, and missed when not.
 * Better is lower for a reduction, higher for an increase. From a zero baseline a percentage of nothing is
 * nothing: the target is zero, a reduction is met while there are none, an increase once there are some.
 */
export function objectiveProgress(input: ProgressInput): ObjectiveProgress {
  const { spec, start } = input;
  const windows = objectiveWindows(spec, input.asOf);
  const span = daysBetween(start, spec.deadline);
  const elapsed = daysBetween(start, windows.measuredOn);
  const elapsedShare = span <= 0 ? (elapsed >= span ? 1 : 0) : Math.min(1, Math.max(0, elapsed / span));
  const withDays = (w: DayWindow | null) => (w === null ? null : { ...w, days: days(w) });
  const empty = {
    measuredOn: windows.measuredOn,
    current: withDays(windows.current),
    baseline: withDays(windows.baseline),
    baselineValue: null,
    currentValue: null,
    targetValue: null,
    expectedValue: null,
    achievedChangePct: null,
    shareOfTarget: null,
    elapsedShare,
  };
  if (windows.current === null || windows.baseline === null) {
    return { ...empty, status: 'not_started', currentCount: null, baselineCount: null };
  }
  const counts = { currentCount: input.currentCount, baselineCount: input.baselineCount };
  const perValue =
    spec.measure === 'count'
      ? 1
      : input.population !== null && input.population > 0
        ? 100_000 / input.population
        : null;
  if (perValue === null) return { ...empty, ...counts, status: 'no_data' };

  const baselineValue = ((input.baselineCount * days(windows.current)) / days(windows.baseline)) * perValue;
  const currentValue = input.currentCount * perValue;
  const targetValue = baselineValue * (1 + spec.targetChangePct / 100);
  const expectedValue = baselineValue + elapsedShare * (targetValue - baselineValue);
  const increase = spec.targetChangePct > 0;
  const atOrBetter = (value: number, mark: number) => (increase ? value >= mark : value <= mark);
  const met = baselineValue === 0 && increase ? currentValue > 0 : atOrBetter(currentValue, targetValue);
  let status: ObjectiveStatus;
  if (input.asOf >= spec.deadline) status = met ? 'achieved' : 'missed';
  else status = atOrBetter(currentValue, expectedValue) ? 'on_track' : 'off_track';
  return {
    ...empty,
    ...counts,
    status,
    baselineValue,
    currentValue,
    targetValue,
    expectedValue,
    achievedChangePct: baselineValue > 0 ? ((currentValue - baselineValue) / baselineValue) * 100 : null,
    shareOfTarget:
      targetValue !== baselineValue ? (currentValue - baselineValue) / (targetValue - baselineValue) : null,
  };
}
