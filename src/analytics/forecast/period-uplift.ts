import type { CellEvents } from './events.js';

/**
 * How much busier a special period (New Year, Ramadan, a festival) is than the weeks around it, learned from the
 * same period in past years. For each past period, a cell's expected count is its rate over the surrounding weeks
 * ([before, from) and [to, after)) × the period's length; the uplift is the period's incidents ÷ that expectation,
 * summed over the years. A cell's own ratio is noisy when it expects few incidents, so it is shrunk towards the
 * area's: (n + a·U) / (E + a), U the area's uplift and a (default 2) the expectation at which the cell's own
 * evidence and the area's weigh the same — the gamma–Poisson posterior mean of a rate ratio with a gamma(a·U, a)
 * prior (Clayton & Kaldor 1987, "Empirical Bayes estimates of age-standardized relative risks for use in disease
 * mapping", Biometrics 43(3), with the prior's strength fixed instead of estimated).
 */

export interface PastPeriod {
  /** The period, days. */
  from: number;
  to: number;
  /** The surrounding weeks: [before, from) and [to, after). */
  before: number;
  after: number;
}

export interface PeriodUplift {
  /** The area's uplift: all incidents in the periods ÷ all expected from the weeks around them (null if none). */
  area: number | null;
  /** Per cell, shrunk towards the area's (1 outside the area). */
  cells: Float64Array;
  /** Per cell, incidents in the periods, summed over the years. */
  counts: Float64Array;
  /** Per cell, incidents expected in the periods from the weeks around them, summed over the years. */
  expected: Float64Array;
  /** Per cell, the mean count over the past periods: the "same period in past years" forecast. */
  samePeriodMean: Float64Array;
  periods: number;
}

export function periodUplift(
  events: CellEvents,
  inside: Uint8Array,
  periods: readonly PastPeriod[],
  options: { priorExpected?: number } = {},
): PeriodUplift {
  const prior = options.priorExpected ?? 2;
  if (!(prior > 0)) throw new RangeError(`priorExpected must be positive, not ${prior}`);
  const cellCount = inside.length;
  const counts = new Float64Array(cellCount);
  const expected = new Float64Array(cellCount);
  for (const p of periods) {
    if (!(p.before <= p.from && p.from < p.to && p.to <= p.after) || p.after - p.to + (p.from - p.before) <= 0) {
      throw new RangeError(`invalid period ${p.from}–${p.to} with surroundings ${p.before}–${p.after}`);
    }
    const scale = (p.to - p.from) / (p.from - p.before + (p.after - p.to));
    for (let i = 0; i < events.time.length; i++) {
      const t = events.time[i] as number;
      if (t < p.before || t >= p.after) continue;
      const cell = events.cell[i] as number;
      if (t >= p.from && t < p.to) counts[cell] = (counts[cell] as number) + 1;
      else expected[cell] = (expected[cell] as number) + scale;
    }
  }
  let n = 0;
  let e = 0;
  for (let c = 0; c < cellCount; c++) {
    if (inside[c] !== 1) continue;
    n += counts[c] as number;
    e += expected[c] as number;
  }
  const area = e > 0 ? n / e : null;
  const u = area ?? 1;
  const cells = new Float64Array(cellCount).fill(1);
  const samePeriodMean = new Float64Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    if (inside[c] !== 1) continue;
    cells[c] = ((counts[c] as number) + prior * u) / ((expected[c] as number) + prior);
    samePeriodMean[c] = periods.length > 0 ? (counts[c] as number) / periods.length : 0;
  }
  return { area, cells, counts, expected, samePeriodMean, periods: periods.length };
}
