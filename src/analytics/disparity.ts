/**
 * How unequal a service is across areas: one figure per area (a response-time percentile, a clearance rate,
 * patrol hours per 100,000 residents), optionally weighted by the areas' populations, so that a province of
 * 3 million counts for more than one of 100,000.
 *
 * - Gini coefficient: Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ), W = Σ w and μ the weighted mean; 0 when every area gets
 *   the same, towards 1 when one area gets everything. Without weights it is the Gini of R's ineq::Gini
 *   (no small-sample correction): 0.2667 for 1, 2, 3, 4, 5.
 * - Theil index (Theil's T, ineq::Theil with parameter 0): Σ wᵢ (xᵢ/μ) ln(xᵢ/μ) / W; 0 for equality, ln n at
 *   most without weights. Areas at 0 contribute 0 (the limit of x ln x).
 * - Worst to median: how far the worst area is from the typical one, as a ratio ≥ 1 — the largest value over the
 *   median where more is worse (response times), the median over the smallest where less is worse (clearance,
 *   patrol presence). Null where it cannot be formed (no values, or a zero denominator).
 *
 * Values must be finite and ≥ 0; weights finite and > 0.
 */

export type Worse = 'higher' | 'lower';

export interface Weighted {
  value: number;
  /** Default 1. */
  weight?: number;
}

export interface Disparity {
  areas: number;
  gini: number | null;
  theil: number | null;
  worstToMedian: number | null;
  median: number | null;
  worst: number | null;
}

function checked(items: readonly Weighted[]): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (const item of items) {
    const weight = item.weight ?? 1;
    if (!(Number.isFinite(item.value) && item.value >= 0)) throw new RangeError(`a value must be ≥ 0: ${item.value}`);
    if (!(Number.isFinite(weight) && weight > 0)) throw new RangeError(`a weight must be > 0: ${weight}`);
    x.push(item.value);
    w.push(weight);
  }
  return { x, w };
}

/** The weighted Gini coefficient, null for no areas or a zero mean. O(n log n): sorted, with running sums. */
export function gini(items: readonly Weighted[]): number | null {
  const { x, w } = checked(items);
  const order = x.map((_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number));
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < x.length; i++) {
    total += w[i] as number;
    weighted += (w[i] as number) * (x[i] as number);
  }
  if (total === 0 || weighted === 0) return null;
  const mean = weighted / total;
  // Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| = 2 Σ over sorted i of wᵢ (xᵢ · W_below − S_below), W_below and S_below the weight and
  // weighted sum of the values before i.
  let below = 0;
  let sumBelow = 0;
  let pairs = 0;
  for (const i of order) {
    const xi = x[i] as number;
    const wi = w[i] as number;
    pairs += wi * (xi * below - sumBelow);
    below += wi;
    sumBelow += wi * xi;
  }
  return (2 * pairs) / (2 * total * total * mean);
}

/** The weighted Theil T index, null for no areas or a zero mean. */
export function theil(items: readonly Weighted[]): number | null {
  const { x, w } = checked(items);
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < x.length; i++) {
    total += w[i] as number;
    weighted += (w[i] as number) * (x[i] as number);
  }
  if (total === 0 || weighted === 0) return null;
  const mean = weighted / total;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const r = (x[i] as number) / mean;
    if (r > 0) sum += (w[i] as number) * r * Math.log(r);
  }
  return sum / total;
}

/** The median of the values (unweighted: the typical area, whatever its size); the mean of the middle two. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Gini, Theil and the worst area against the median, for one measure across areas. */
export function disparity(items: readonly Weighted[], worse: Worse): Disparity {
  const values = checked(items).x;
  const mid = median(values);
  const worst = values.length === 0 ? null : worse === 'higher' ? Math.max(...values) : Math.min(...values);
  let ratio: number | null = null;
  if (mid !== null && worst !== null) {
    const [numerator, denominator] = worse === 'higher' ? [worst, mid] : [mid, worst];
    ratio = denominator > 0 ? numerator / denominator : null;
  }
  return { areas: values.length, gini: gini(items), theil: theil(items), worstToMedian: ratio, median: mid, worst };
}
