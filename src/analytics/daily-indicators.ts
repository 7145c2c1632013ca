/**
 * Daily indicators under continuous monitoring: what a day's count of a category was expected to be, the band
 * (control limits) around that expectation, and the threshold rule of the windowed report. Counts in, figures
 * out; the store counts the windows `indicatorWindows` names. Decisions (docs/compstat.md, "Daily indicators and
 * alerts"):
 *
 * - **Expected** = the mean of the same weekday over the previous `weeks` weeks (the day 7, 14, … 56 days
 *   before), times a seasonal factor.
 * - **Seasonal factor** = in the prior years available, the daily rate of the 28 days around the same calendar
 *   day (13 days before to 14 after) over the daily rate of the 56 days before those (the span the weekday mean
 *   reads). The weekday mean already stands at the level of the last eight weeks, so the factor carries only the
 *   change from those weeks to this day, as earlier years saw it: a ratio to the year's average would count the
 *   season of the last eight weeks twice. With fewer than `minSeasonCount` incidents in the prior years'
 *   56-day windows the factor is 1, and it is kept within [0.5, 2].
 * - **Band**: a c-chart (Shewhart) with a quasi-Poisson variance: σ² = φ·expected, φ the variance-to-mean ratio
 *   of the weekday counts, at least 1 (crime counts are over-dispersed, never less than Poisson); limits
 *   expected ± 3σ, the lower one not below 0. A day is outside when its count is above the upper limit or below
 *   the lower one; its score is (count − expected) / σ.
 * - **Threshold rule** (the 7- and 28-day report): a current count is flagged when it exceeds the mean of the same
 *   window in the prior years plus two sample standard deviations, with at least two prior years.
 */
import { addDays, sameDayYearsBefore } from '../domain/time.js';

export interface DayWindow {
  from: string;
  to: string;
}

export interface IndicatorOptions {
  /** Same weekdays averaged for the expectation (default 8). */
  weeks?: number;
  /** Prior years read for the seasonal factor (default 3). */
  seasonYears?: number;
  /** Width of the band in standard deviations (default 3). */
  sigmas?: number;
  /** Fewest incidents in the prior years' 56-day windows for a seasonal factor other than 1 (default 20). */
  minSeasonCount?: number;
  /** Fewest same weekdays with data for an expectation at all (default 4). */
  minWeeks?: number;
}

export const indicatorDefaults = {
  weeks: 8,
  seasonYears: 3,
  sigmas: 3,
  minSeasonCount: 20,
  minWeeks: 4,
} as const satisfies Required<IndicatorOptions>;

/** The seasonal factor is clamped to this range: a ratio from a few prior years should not swing further. */
export const seasonalFactorRange = [0.5, 2] as const;

/** Days around the same calendar day in a prior year: 13 before, the day itself and 14 after. */
const seasonBefore = 13;
const seasonAfter = 14;

/** Windows one prior year contributes to the seasonal factor. */
export interface PriorYearWindows {
  yearsBefore: number;
  /** The 28 days around the same calendar day. */
  season: DayWindow;
  /** The 56 days (with the default 8 weeks) before `season`'s centre day, the span the weekday mean reads. */
  before: DayWindow;
}

export interface IndicatorWindows {
  day: string;
  /** The same weekday 7, 14, … days earlier, most recent first. */
  weekdays: string[];
  prior: PriorYearWindows[];
}

function resolve(options: IndicatorOptions): Required<IndicatorOptions> {
  const o = { ...indicatorDefaults, ...options };
  if (!Number.isInteger(o.weeks) || o.weeks < 1) throw new RangeError(`invalid number of weeks: ${o.weeks}`);
  if (!Number.isInteger(o.seasonYears) || o.seasonYears < 0) {
    throw new RangeError(`invalid number of season years: ${o.seasonYears}`);
  }
  if (!(o.sigmas > 0)) throw new RangeError(`invalid band width: ${o.sigmas}`);
  return o;
}

/** The days and windows whose counts make a day's expectation. */
export function indicatorWindows(day: string, options: IndicatorOptions = {}): IndicatorWindows {
  const { weeks, seasonYears } = resolve(options);
  const weekdays = Array.from({ length: weeks }, (_, i) => addDays(day, -7 * (i + 1)));
  const prior: PriorYearWindows[] = [];
  for (let y = 1; y <= seasonYears; y++) {
    const centre = sameDayYearsBefore(day, y);
    prior.push({
      yearsBefore: y,
      season: { from: addDays(centre, -seasonBefore), to: addDays(centre, seasonAfter) },
      before: { from: addDays(centre, -7 * weeks), to: addDays(centre, -1) },
    });
  }
  return { day, weekdays, prior };
}

/** What a day's expectation is made from: counts the store found for `indicatorWindows`. */
export interface IndicatorInput {
  /** Counts on the same weekdays before the day, for the weekdays with data coverage only. */
  weekdayCounts: readonly number[];
  /** Per prior year covered by the data: the counts of its season and before windows, and their lengths. */
  prior: readonly { season: number; seasonDays: number; before: number; beforeDays: number }[];
}

export interface Expectation {
  expected: number;
  lower: number;
  upper: number;
  /** The weekday mean before the seasonal factor. */
  weekdayMean: number;
  seasonalFactor: number;
  /** Variance-to-mean ratio used for the band, at least 1. */
  dispersion: number;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Sample variance (n − 1); 0 for fewer than two values. */
function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

/** The seasonal factor from prior years (see the file's comment); 1 without enough of them. */
export function seasonalFactor(prior: IndicatorInput['prior'], minSeasonCount: number = 20): number {
  let season = 0;
  let seasonDays = 0;
  let before = 0;
  let beforeDays = 0;
  for (const p of prior) {
    season += p.season;
    seasonDays += p.seasonDays;
    before += p.before;
    beforeDays += p.beforeDays;
  }
  if (before < minSeasonCount || before === 0 || seasonDays === 0) return 1;
  const factor = season / seasonDays / (before / beforeDays);
  return Math.min(seasonalFactorRange[1], Math.max(seasonalFactorRange[0], factor));
}

/**
 * A day's expected count and its band, or null when fewer than `minWeeks` same weekdays have data (a new source
 * or the first weeks of a series: no level to compare with).
 */
export function dailyExpectation(input: IndicatorInput, options: IndicatorOptions = {}): Expectation | null {
  const o = resolve(options);
  const counts = input.weekdayCounts;
  if (counts.length < o.minWeeks) return null;
  const weekdayMean = mean(counts);
  const factor = seasonalFactor(input.prior, o.minSeasonCount);
  const expected = weekdayMean * factor;
  const dispersion = weekdayMean > 0 ? Math.max(1, sampleVariance(counts) / weekdayMean) : 1;
  const sd = Math.sqrt(dispersion * expected);
  return {
    expected,
    lower: Math.max(0, expected - o.sigmas * sd),
    upper: expected + o.sigmas * sd,
    weekdayMean,
    seasonalFactor: factor,
    dispersion,
  };
}

export interface DayVerdict {
  outside: boolean;
  /** Above the upper limit (an excess), as opposed to below the lower one. */
  excess: boolean;
  /** (count − expected) / σ; null when σ is 0 (nothing expected). */
  score: number | null;
}

/** Whether a count lies outside its band, and by how many standard deviations. */
export function judgeDay(count: number, e: Expectation): DayVerdict {
  const sd = Math.sqrt(e.dispersion * e.expected);
  const excess = count > e.upper;
  return { outside: excess || count < e.lower, excess, score: sd > 0 ? (count - e.expected) / sd : null };
}

export interface ThresholdVerdict {
  /** Mean and sample standard deviation of the prior years' counts; null with fewer than two. */
  mean: number | null;
  sd: number | null;
  /** mean + 2 sd. */
  limit: number | null;
  /** Whether the current count exceeds the limit; null with fewer than two prior years. */
  exceeds: boolean | null;
  note: 'insufficient_history' | null;
}

/** The threshold rule: `current` exceeds the mean of `prior` plus `sds` sample standard deviations. */
export function thresholdVerdict(current: number, prior: readonly number[], sds = 2): ThresholdVerdict {
  if (prior.length < 2) return { mean: null, sd: null, limit: null, exceeds: null, note: 'insufficient_history' };
  const m = mean(prior);
  const sd = Math.sqrt(sampleVariance(prior));
  const limit = m + sds * sd;
  return { mean: m, sd, limit, exceeds: current > limit, note: null };
}
