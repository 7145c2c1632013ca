/**
 * Percentiles of durations from a histogram over fixed bins (the response-time roll-up's), estimating what
 * PostgreSQL's `percentile_cont` gives over the durations themselves (src/analytics/response-times.ts).
 *
 * Bins: given ascending upper edges e[0] … e[m − 1], bin 0 holds durations of at most e[0] (taken as [0, e[0]]),
 * bin k (1 ≤ k < m) those in (e[k − 1], e[k]], and bin m those above e[m − 1] (the overflow).
 *
 * Estimate: the i-th smallest duration (0-based), the j-th of the c durations of its bin (lo, hi], is taken at
 * lo + (j + ½) / c × (hi − lo), as if the bin's durations were spread evenly over it; the p-th percentile is then
 * interpolated between the order statistics at ⌊h⌋ and ⌈h⌉, h = p × (n − 1), as `percentile_cont` does. Each
 * estimated order statistic lies in the same bin as the true one, so it is off by less than that bin's width, and
 * the percentile by less than the wider of the (one or two) bins holding the order statistics at ⌊h⌋ and ⌈h⌉.
 * The overflow has no upper edge: an order statistic there is given as e[m − 1] (the true one is larger).
 */
import type { DurationStats } from './response-times.js';

/** A histogram: the bins holding durations, ascending, and how many each holds (both arrays the same length). */
export interface Histogram {
  bins: readonly number[];
  counts: readonly number[];
}

/** The lower and upper bounds of bin `k` over `edges`. */
export function binBounds(edges: readonly number[], k: number): [number, number] {
  const last = edges[edges.length - 1] as number;
  if (k <= 0) return [0, edges[0] as number];
  if (k >= edges.length) return [last, last];
  return [edges[k - 1] as number, edges[k] as number];
}

/** The number of durations in a histogram. */
export const histogramTotal = (h: Histogram) => h.counts.reduce((s, c) => s + c, 0);

/** The p-th percentile (0 ≤ p ≤ 1) estimated from a histogram, or null when it holds nothing. */
export function histogramPercentile(edges: readonly number[], h: Histogram, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid percentile; not in [0, 1]: ${p}`);
  const n = histogramTotal(h);
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const at = (i: number): number => {
    let before = 0;
    for (let b = 0; b < h.bins.length; b++) {
      const c = h.counts[b] as number;
      if (i < before + c) {
        const [low, high] = binBounds(edges, h.bins[b] as number);
        return low + ((i - before + 0.5) / c) * (high - low);
      }
      before += c;
    }
    throw new RangeError(`rank ${i} beyond the histogram's ${n} durations`);
  };
  const low = at(lo);
  return lo === hi ? low : low + (rank - lo) * (at(hi) - low);
}

/** Median and 90th percentile from a histogram, as `durationStats` gives them from the durations. */
export function histogramStats(edges: readonly number[], h: Histogram): DurationStats {
  return {
    n: histogramTotal(h),
    medianSeconds: histogramPercentile(edges, h, 0.5),
    p90Seconds: histogramPercentile(edges, h, 0.9),
  };
}

/** The durations of a histogram at most `upTo` bin (the bins of an edge and below). */
export function countUpToBin(h: Histogram, upTo: number): number {
  let sum = 0;
  for (let b = 0; b < h.bins.length && (h.bins[b] as number) <= upTo; b++) sum += h.counts[b] as number;
  return sum;
}
