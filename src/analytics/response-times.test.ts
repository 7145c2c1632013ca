import { describe, expect, it } from 'vitest';
import type { CallPriority } from '../domain/call.js';
import {
  clearance,
  clearanceHeadline,
  defaultResponseStandards,
  durationStats,
  percentileCont,
  responseTimes,
  responseTimesBy,
  type CallTimeline,
  type DurationStats,
} from './response-times.js';

/** Local time in Casablanca in winter (UTC+1). */
const local = (dayTime: string) => new Date(`${dayTime}:00+01:00`);
const later = (at: Date, minutes: number | null) =>
  minutes === null ? null : new Date(at.getTime() + minutes * 60_000);

/** A call received at a local time, with its dispatch, arrival and close given in minutes after receipt. */
function call(
  priority: CallPriority,
  received: string,
  dispatch: number | null,
  onScene: number | null,
  close: number | null,
): CallTimeline {
  const receivedAt = local(received);
  return {
    priority,
    receivedAt,
    dispatchedAt: later(receivedAt, dispatch),
    onSceneAt: later(receivedAt, onScene),
    closedAt: later(receivedAt, close),
  };
}

/**
 * The hand-computed fixture (standards 10 / 20 / 45 minutes for priorities 1–3):
 *
 * | call | priority | received (local)   | dispatch | on scene | closed | within standard              |
 * | A    | 1        | 30 Dec 08:00       | 1        | 6        | 40     | yes                          |
 * | B    | 1        | 30 Dec 08:30       | 2        | 12       | 50     | no (12 > 10)                 |
 * | C    | 1        | 30 Dec 14:00       | never    | never    | 5      | no (never arrived)           |
 * | D    | 2        | 30 Dec 14:10       | 3        | never    | 30     | no (never arrived)           |
 * | E    | 2        | 31 Dec 20:00       | 4        | 20       | never  | yes (20 = 20, the edge)      |
 * | F    | 2        | 31 Dec 23:55       | 8        | 19       | 75     | yes — 00:03, 00:14, 01:10 of 1 January |
 * | G    | 3        | 4 Jan 23:50        | 8        | 40       | 90     | yes — arrives 00:30 on 5 January |
 * | H    | 1        | 1 Jan 00:20        | 0        | 10       | 25     | yes (10 = 10) — 23:20 on 31 December in UTC |
 *
 * Minutes after receipt. Sorted: dispatch 0 1 2 3 4 8 8 (n 7); arrival 6 10 12 19 20 40 (n 6); close 5 25 30 40
 * 50 75 90 (n 7).
 */
const responseFixture: Record<string, CallTimeline> = {
  A: call(1, '2026-12-30T08:00', 1, 6, 40),
  B: call(1, '2026-12-30T08:30', 2, 12, 50),
  C: call(1, '2026-12-30T14:00', null, null, 5),
  D: call(2, '2026-12-30T14:10', 3, null, 30),
  E: call(2, '2026-12-31T20:00', 4, 20, null),
  F: call(2, '2026-12-31T23:55', 8, 19, 75),
  G: call(3, '2027-01-04T23:50', 8, 40, 90),
  H: call(1, '2027-01-01T00:20', 0, 10, 25),
};
const all = Object.values(responseFixture);

/** Durations up to floating-point rounding: 0.9 × (n − 1) is rarely exact. */
function expectStats(stats: DurationStats | undefined, n: number, median: number, p90: number) {
  expect(stats?.n).toBe(n);
  expect(stats?.medianSeconds).toBeCloseTo(median, 6);
  expect(stats?.p90Seconds).toBeCloseTo(p90, 6);
}
const min = 60;

describe('percentileCont', () => {
  it('interpolates between the two closest ranks, as PostgreSQL’s percentile_cont', () => {
    expect(percentileCont([1, 2, 3, 10], 0.5)).toBe(2.5);
    // h = 0.9 × 3 = 2.7: 3 + 0.7 × (10 − 3)
    expect(percentileCont([1, 2, 3, 10], 0.9)).toBeCloseTo(7.9, 12);
    expect(percentileCont([1, 2, 3, 10], 0)).toBe(1);
    expect(percentileCont([1, 2, 3, 10], 1)).toBe(10);
  });

  it('gives the one value of one, and null of none', () => {
    expect(percentileCont([42], 0.9)).toBe(42);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it('rejects a percentile outside [0, 1]', () => {
    expect(() => percentileCont([1], 90)).toThrow(/not in \[0, 1\]: 90/);
  });

  it('sorts the durations itself', () => {
    expectStats(durationStats([10, 1, 3, 2]), 4, 2.5, 7.9);
  });
});

describe('responseTimes', () => {
  it('counts the calls never dispatched, never on scene and never closed instead of dropping them', () => {
    expect(responseTimes(all)).toMatchObject({
      calls: 8,
      dispatched: 7,
      neverDispatched: 1,
      arrived: 6,
      neverArrived: 2,
      closed: 7,
      neverClosed: 1,
    });
  });

  it('gives the hand-computed medians and 90th percentiles, with the calls behind each', () => {
    const times = responseTimes(all);
    // Dispatch 0 1 2 3 4 8 8: the median is the 4th; h = 5.4 falls between 8 and 8.
    expect(times.toDispatch).toEqual({ n: 7, medianSeconds: 3 * min, p90Seconds: 8 * min });
    // Arrival 6 10 12 19 20 40: (12 + 19) / 2; h = 4.5 → 20 + 0.5 × 20.
    expect(times.toArrival).toEqual({ n: 6, medianSeconds: 15.5 * min, p90Seconds: 30 * min });
    // Close 5 25 30 40 50 75 90: the 4th; h = 5.4 → 75 + 0.4 × 15.
    expect(times.toClose.n).toBe(7);
    expect(times.toClose.medianSeconds).toBe(40 * min);
    expect(times.toClose.p90Seconds).toBeCloseTo(81 * min, 9);
  });

  it('measures across midnight and the change of year in elapsed time', () => {
    const f = responseTimes([responseFixture.F as CallTimeline]);
    expect(f.toDispatch.medianSeconds).toBe(8 * min);
    expect(f.toArrival.medianSeconds).toBe(19 * min);
    expect(f.toClose.medianSeconds).toBe(75 * min);
    expect(responseTimes([responseFixture.G as CallTimeline]).toArrival.medianSeconds).toBe(40 * min);
  });

  it('counts a call on scene exactly at its standard as within, and a call never on scene as not within', () => {
    const times = responseTimes(all, defaultResponseStandards);
    // A, E (20 of 20), F, G, H (10 of 10); not B (12 of 10), C and D (never on scene).
    expect(times.withinStandard).toBe(5);
    expect(times.withinStandardPct).toBe(62.5);
  });

  it('judges each call against its own priority’s standard', () => {
    const strict = responseTimes(all, { 1: 5, 2: 10, 3: 30, 4: 60 });
    expect(strict.withinStandard).toBe(0);
    const loose = responseTimes(all, { 1: 15, 2: 20, 3: 45, 4: 90 });
    expect(loose.withinStandard).toBe(6);
  });

  it('gives counts and nulls for no calls', () => {
    expect(responseTimes([])).toEqual({
      calls: 0,
      dispatched: 0,
      neverDispatched: 0,
      arrived: 0,
      neverArrived: 0,
      closed: 0,
      neverClosed: 0,
      toDispatch: { n: 0, medianSeconds: null, p90Seconds: null },
      toArrival: { n: 0, medianSeconds: null, p90Seconds: null },
      toClose: { n: 0, medianSeconds: null, p90Seconds: null },
      withinStandard: 0,
      withinStandardPct: null,
    });
  });

  it('groups by priority, the groups in order', () => {
    const groups = responseTimesBy(all, (c) => c.priority);
    expect(groups.map((g) => g.key)).toEqual([1, 2, 3]);
    const [p1, p2, p3] = groups.map((g) => g.times);
    // Priority 1: A, B, C, H.
    expect(p1).toMatchObject({
      calls: 4,
      neverDispatched: 1,
      neverArrived: 1,
      withinStandard: 2,
      withinStandardPct: 50,
    });
    // Arrival 6, 10, 12: h = 1.8 → 10 + 0.8 × 2.
    expectStats(p1?.toArrival, 3, 10 * min, 11.6 * min);
    // Priority 2: D, E, F.
    expect(p2).toMatchObject({ calls: 3, neverDispatched: 0, neverArrived: 1, neverClosed: 1, withinStandard: 2 });
    expect(p2?.withinStandardPct).toBeCloseTo(200 / 3, 12);
    // Dispatch 3, 4, 8: h = 1.8 → 4 + 0.8 × 4.
    expectStats(p2?.toDispatch, 3, 4 * min, 7.2 * min);
    expect(p3).toMatchObject({ calls: 1, withinStandard: 1, withinStandardPct: 100 });
  });

  it('rejects a call whose priority has no standard', () => {
    const odd = { ...(responseFixture.A as CallTimeline), priority: 7 as CallPriority };
    expect(() => responseTimes([odd])).toThrow(/no standard for priority 7/);
  });
});

describe('clearance', () => {
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const incidents = [
    { category: 'homicide', occurredAt: day('2026-12-01'), solvedAt: day('2026-12-03') }, // 2 days
    { category: 'robbery', occurredAt: day('2026-12-01'), solvedAt: null },
    { category: 'robbery', occurredAt: day('2026-12-30'), solvedAt: day('2027-01-09') }, // 10 days, over the year
    { category: 'theft', occurredAt: day('2026-12-02'), solvedAt: day('2026-12-03') }, // 1 day
    { category: 'theft', occurredAt: day('2026-12-02'), solvedAt: null },
    { category: 'theft', occurredAt: day('2026-12-05'), solvedAt: null },
  ];
  const dayS = 86_400;

  it('gives the share solved and the time to solve', () => {
    const every = clearance(incidents);
    expect(every).toMatchObject({ incidents: 6, solved: 3, solvedPct: 50 });
    // 1, 2, 10 days: the median 2, h = 1.8 → 2 + 0.8 × 8.
    expectStats(every.timeToSolve, 3, 2 * dayS, 8.4 * dayS);
  });

  it('gives the headline overall and for violent crime, and each category', () => {
    const violent = new Set(['homicide', 'robbery']);
    const headline = clearanceHeadline(incidents, (c) => violent.has(c));
    expect(headline.overall.solvedPct).toBe(50);
    expect(headline.violent).toMatchObject({ incidents: 3, solved: 2 });
    expect(headline.violent.solvedPct).toBeCloseTo(200 / 3, 12);
    // 2 and 10 days: h = 0.9 → 2 + 0.9 × 8.
    expectStats(headline.violent.timeToSolve, 2, 6 * dayS, 9.2 * dayS);
    expect(headline.byCategory.map((c) => [c.category, c.clearance.incidents, c.clearance.solved])).toEqual([
      ['homicide', 1, 1],
      ['robbery', 2, 1],
      ['theft', 3, 1],
    ]);
  });

  it('gives null shares for no incidents', () => {
    expect(clearance([])).toEqual({
      incidents: 0,
      solved: 0,
      solvedPct: null,
      timeToSolve: { n: 0, medianSeconds: null, p90Seconds: null },
    });
  });
});
