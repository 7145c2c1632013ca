/**
 * Response times of calls for service and clearance of incidents: the reference definitions. The store computes
 * the same figures in SQL (src/store/response.ts) and the tests hold the two to each other.
 *
 * Percentiles are PostgreSQL's `percentile_cont` (Hyndman & Fan type 7, R's default): over the n values sorted,
 * the p-th percentile sits at h = p × (n − 1) (0-based); it is x[⌊h⌋] + (h − ⌊h⌋) × (x[⌈h⌉] − x[⌊h⌋]), linear
 * interpolation between the two closest ranks. The median of 1, 2, 3, 10 is 2.5; its 90th percentile 7.9.
 */
import type { CallPriority } from '../domain/call.js';

/** The median and 90th percentile of a duration, with the number of calls (or incidents) behind them. */
export interface DurationStats {
  n: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending, as PostgreSQL's `percentile_cont` computes it, or
 * null for no values.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid percentile; not in [0, 1]: ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  // The same steps and the same floating-point operations as PostgreSQL (orderedsetaggs.c, float8_lerp), so the
  // two agree to the last bit.
  const h = p * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const low = sorted[lo] as number;
  if (lo === hi) return low;
  return low + (h - lo) * ((sorted[hi] as number) - low);
}

/** Median and 90th percentile of durations in seconds, in any order. */
export function durationStats(seconds: readonly number[]): DurationStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { n: sorted.length, medianSeconds: percentileCont(sorted, 0.5), p90Seconds: percentileCont(sorted, 0.9) };
}

/** A share in percent, null when there is nothing to share out. */
export function sharePct(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/**
 * The time within which a unit should be on scene, in minutes, by priority (1 the most urgent). Istibaq's
 * defaults, to be set by each service to its own standard: 10 minutes for a threat to life in progress, 20 for
 * an urgent call, 45 and 90 for the others.
 */
export type ResponseStandards = Readonly<Record<CallPriority, number>>;
export const defaultResponseStandards: ResponseStandards = { 1: 10, 2: 20, 3: 45, 4: 90 };

/** What the figures need of a call. */
export interface CallTimeline {
  receivedAt: Date;
  dispatchedAt: Date | null;
  onSceneAt: Date | null;
  closedAt: Date | null;
  priority: CallPriority;
}

/** The response-time figures of a group of calls. */
export interface ResponseTimes {
  calls: number;
  dispatched: number;
  neverDispatched: number;
  /** Calls with a unit on scene. */
  arrived: number;
  /** Calls with no unit on scene: never dispatched, or dispatched and never arrived (cancelled, or not recorded). */
  neverArrived: number;
  closed: number;
  /** Calls still open, or whose closing time was not recorded. */
  neverClosed: number;
  /** Received → dispatched, over the calls dispatched. */
  toDispatch: DurationStats;
  /** Received → on scene, over the calls with a unit on scene. */
  toArrival: DurationStats;
  /** Received → closed, over the calls closed. */
  toClose: DurationStats;
  /** Calls with a unit on scene within the standard of their priority (the standard's minute included). */
  withinStandard: number;
  /**
   * `withinStandard` over every call of the group, in percent: a call with no unit on scene counts as not within
   * its standard, so that leaving calls unanswered never improves the share. Null with no calls.
   */
  withinStandardPct: number | null;
}

/** The counts the store returns for a group (the same as `ResponseTimes` less what follows from them). */
export interface ResponseCounts {
  calls: number;
  dispatched: number;
  arrived: number;
  closed: number;
  withinStandard: number;
  toDispatch: DurationStats;
  toArrival: DurationStats;
  toClose: DurationStats;
}

/** The full figures from the counts: calls never dispatched, arrived or closed, and the share within standard. */
export function responseTimesFromCounts(c: ResponseCounts): ResponseTimes {
  return {
    calls: c.calls,
    dispatched: c.dispatched,
    neverDispatched: c.calls - c.dispatched,
    arrived: c.arrived,
    neverArrived: c.calls - c.arrived,
    closed: c.closed,
    neverClosed: c.calls - c.closed,
    toDispatch: c.toDispatch,
    toArrival: c.toArrival,
    toClose: c.toClose,
    withinStandard: c.withinStandard,
    withinStandardPct: sharePct(c.withinStandard, c.calls),
  };
}

/** The figures of a group with no calls. */
export const emptyResponseTimes: ResponseTimes = responseTimesFromCounts({
  calls: 0,
  dispatched: 0,
  arrived: 0,
  closed: 0,
  withinStandard: 0,
  toDispatch: durationStats([]),
  toArrival: durationStats([]),
  toClose: durationStats([]),
});

const secondsBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/** The response-time figures of a group of calls, each judged against the standard of its own priority. */
export function responseTimes(
  calls: readonly CallTimeline[],
  standards: ResponseStandards = defaultResponseStandards,
): ResponseTimes {
  const toDispatch: number[] = [];
  const toArrival: number[] = [];
  const toClose: number[] = [];
  let withinStandard = 0;
  for (const call of calls) {
    const standard = standards[call.priority];
    if (standard === undefined) throw new RangeError(`no standard for priority ${String(call.priority)}`);
    if (call.dispatchedAt !== null) toDispatch.push(secondsBetween(call.receivedAt, call.dispatchedAt));
    if (call.onSceneAt !== null) {
      const seconds = secondsBetween(call.receivedAt, call.onSceneAt);
      toArrival.push(seconds);
      if (seconds <= standard * 60) withinStandard++;
    }
    if (call.closedAt !== null) toClose.push(secondsBetween(call.receivedAt, call.closedAt));
  }
  return responseTimesFromCounts({
    calls: calls.length,
    dispatched: toDispatch.length,
    arrived: toArrival.length,
    closed: toClose.length,
    withinStandard,
    toDispatch: durationStats(toDispatch),
    toArrival: durationStats(toArrival),
    toClose: durationStats(toClose),
  });
}

/** `responseTimes` per group, groups in ascending order of their key. */
export function responseTimesBy<T extends CallTimeline, K extends string | number>(
  calls: readonly T[],
  keyOf: (call: T) => K,
  standards: ResponseStandards = defaultResponseStandards,
): { key: K; times: ResponseTimes }[] {
  const groups = new Map<K, T[]>();
  for (const call of calls) {
    const key = keyOf(call);
    const group = groups.get(key);
    if (group) group.push(call);
    else groups.set(key, [call]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => ({ key, times: responseTimes(group, standards) }));
}

/** What clearance needs of an incident. */
export interface IncidentOutcome {
  category: string;
  occurredAt: Date;
  solvedAt: Date | null;
}

/** Clearance of a group of incidents: the share solved and how long solving took. */
export interface Clearance {
  incidents: number;
  solved: number;
  /** Solved over all incidents, in percent; null with none. Recent incidents have had less time to be solved. */
  solvedPct: number | null;
  /** Occurred → solved, over the solved incidents. */
  timeToSolve: DurationStats;
}

/** Clearance of a group of incidents. */
export function clearance(incidents: readonly IncidentOutcome[]): Clearance {
  const toSolve = incidents.flatMap((i) => (i.solvedAt === null ? [] : [secondsBetween(i.occurredAt, i.solvedAt)]));
  return {
    incidents: incidents.length,
    solved: toSolve.length,
    solvedPct: sharePct(toSolve.length, incidents.length),
    timeToSolve: durationStats(toSolve),
  };
}

/**
 * DGSN's headline: the share solved of all incidents, and of violent crime (the categories `isViolent` names, DGSN's
 * "criminalité violente"), with clearance per category in ascending order of category code.
 */
export function clearanceHeadline(
  incidents: readonly IncidentOutcome[],
  isViolent: (category: string) => boolean,
): { overall: Clearance; violent: Clearance; byCategory: { category: string; clearance: Clearance }[] } {
  const byCategory = new Map<string, IncidentOutcome[]>();
  for (const incident of incidents) {
    const group = byCategory.get(incident.category);
    if (group) group.push(incident);
    else byCategory.set(incident.category, [incident]);
  }
  return {
    overall: clearance(incidents),
    violent: clearance(incidents.filter((i) => isViolent(i.category))),
    byCategory: [...byCategory]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, group]) => ({ category, clearance: clearance(group) })),
  };
}
