/**
 * The Mann-Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975), as Emerging Hot Spot
 * Analysis applies it to each cell's Gi* z-scores, with Sen's (1968) slope.
 *
 *   S = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n − 1)(2n + 5) − Σ_g t_g(t_g − 1)(2t_g + 5)] / 18      (t_g: the size of each group of tied values)
 *   z = (S − 1)/√Var(S) if S > 0, (S + 1)/√Var(S) if S < 0, 0 if S = 0   (continuity correction)
 *   p = 2 Φ(−|z|)
 *   τ = S / √((n₀ − n₁) n₀), n₀ = n(n − 1)/2, n₁ = Σ_g t_g(t_g − 1)/2    (Kendall's τ-b against time)
 *
 * These are R's `cor.test(x, seq_along(x), method = "kendall", exact = FALSE, continuity = TRUE)`: the same S,
 * variance, z and p, and τ as its estimate (src/analytics/mann-kendall.test.ts records the reference values).
 * S is counted over all pairs, O(n²): a series here is a cell's periods, tens or hundreds long.
 */
import { twoSidedP } from './gistar.js';

export interface MannKendallOptions {
  /** Also compute Sen's slope (default false). */
  senSlope?: boolean;
  /**
   * The time of each value, strictly increasing, for Sen's slope (per unit of this time). Default: 0, 1, 2, …
   * (slope per period). The test itself only uses the order.
   */
  times?: ArrayLike<number>;
}

export interface MannKendallResult {
  n: number;
  /** S: concordant minus discordant pairs against time. */
  s: number;
  /** Var(S), with the correction for ties. */
  varS: number;
  /** The continuity-corrected z-score. */
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Kendall's τ-b between the values and time. */
  tau: number;
  /** Sen's slope: the median of (x_j − x_i)/(t_j − t_i) over all pairs i < j; null unless asked for. */
  senSlope: number | null;
}

function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/**
 * The Mann-Kendall trend test on a series in time order.
 *
 * @returns null for fewer than two values (there is no pair to compare)
 * @throws RangeError for a value that is not a finite number, or times that do not increase
 */
export function mannKendall(values: ArrayLike<number>, options: MannKendallOptions = {}): MannKendallResult | null {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`value ${i} is not a finite number: ${values[i]}`);
  }
  const times = options.times;
  if (times) {
    if (times.length !== n) throw new RangeError(`times (${times.length}) and values (${n}) differ in length`);
    for (let i = 1; i < n; i++) {
      if (!((times[i] as number) > (times[i - 1] as number))) {
        throw new RangeError(`times must increase strictly: ${times[i - 1]} then ${times[i]} at ${i}`);
      }
    }
  }
  if (n < 2) return null;

  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = values[i] as number;
    for (let j = i + 1; j < n; j++) {
      const xj = values[j] as number;
      if (xj > xi) s++;
      else if (xj < xi) s--;
    }
  }

  // Groups of tied values.
  const sorted = Float64Array.from(values).sort();
  let tieTerm = 0;
  let tiedPairs = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    tieTerm += t * (t - 1) * (2 * t + 5);
    tiedPairs += (t * (t - 1)) / 2;
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = s === 0 || varS === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(varS);
  const pairs = (n * (n - 1)) / 2;
  const tau = pairs === tiedPairs ? NaN : s / Math.sqrt((pairs - tiedPairs) * pairs);

  let senSlope: number | null = null;
  if (options.senSlope) {
    const slopes = new Float64Array(pairs);
    let k = 0;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const dt = times ? (times[j] as number) - (times[i] as number) : j - i;
        slopes[k++] = ((values[j] as number) - (values[i] as number)) / dt;
      }
    }
    senSlope = median(slopes);
  }
  return { n, s, varS, z, p: twoSidedP(z), tau, senSlope };
}
