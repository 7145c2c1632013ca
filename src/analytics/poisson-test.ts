/**
 * Exact tests for counts: the two-sided binomial test and the comparison of two Poisson rates conditioned on their
 * sum, computed as R's `binom.test` and `poisson.test` compute them (the two-sided p-value by the method of small
 * p-values: every outcome no more likely than the one observed counts).
 *
 * Probabilities are computed in log space with Loader's saddle-point form of the binomial density (as R's
 * `dbinom`), so nothing overflows or loses its digits for n up to 10^6 and beyond; tail sums start at their term
 * nearest the mode and walk outwards until the terms no longer change the sum, O(√n) terms at most.
 *
 * @see C. Loader (2000), "Fast and accurate computation of binomial probabilities"
 * @see R's src/nmath/dbinom.c, stirlerr.c, bd0.c and src/library/stats/R/binom.test.R, poisson.test.R
 */

const logTwoPi = Math.log(2 * Math.PI);

/** stirlerr(n) = log(n!) - log(√(2πn) (n/e)^n) for n = 0…15, R's table (sferr_halves at whole numbers). */
const stirlingErrors = [
  0, 0.0810614667953272582196702, 0.0413406959554092940938221, 0.02767792568499833914878929,
  0.02079067210376509311152277, 0.01664469118982119216319487, 0.01387612882307074799874573,
  0.01189670994589177009505572, 0.010411265261972096497478567, 0.009255462182712732917728637,
  0.008330563433362871256469318, 0.007573675487951840794972024, 0.006942840107209529865664152,
  0.006408994188004207068439631, 0.005951370112758847735624416, 0.00555473355196280137103869,
];

function stirlerr(n: number): number {
  if (n <= 15) return stirlingErrors[n] ?? 0;
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, np) = x log(x/np) + np - x, without the cancellation near x = np. */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** log P(X = x) for X ~ Binomial(n, p), 0 < p < 1, x an integer in [0, n]. */
export function binomialLogPmf(x: number, n: number, p: number): number {
  const q = 1 - p;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = logTwoPi + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/**
 * log P(X ≤ x) when `lower`, else log P(X ≥ x), for a tail that lies on one side of the mode: the sum starts at x
 * and walks away from the mode, each term from the last by the ratio of neighbouring densities.
 */
function logTailAwayFromMode(x: number, n: number, p: number, lower: boolean): number {
  const q = 1 - p;
  let term = 1;
  let sum = 1;
  if (lower) {
    for (let k = x; k > 0; k--) {
      term *= (k * q) / ((n - k + 1) * p); // P(k-1) / P(k)
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
  } else {
    for (let k = x; k < n; k++) {
      term *= ((n - k) * p) / ((k + 1) * q); // P(k+1) / P(k)
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
  }
  return binomialLogPmf(x, n, p) + Math.log(sum);
}

/** P(X ≤ x) for X ~ Binomial(n, p); 0 below 0, 1 from n on. */
function lowerTail(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  const mode = Math.floor((n + 1) * p);
  // Below the mode the terms shrink away from x; above it, the complement's do.
  return x < mode ? Math.exp(logTailAwayFromMode(x, n, p, true)) : 1 - upperTail(x + 1, n, p);
}

/** P(X ≥ x) for X ~ Binomial(n, p); 1 from 0 down, 0 above n. */
function upperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  const mode = Math.floor((n + 1) * p);
  return x > mode ? Math.exp(logTailAwayFromMode(x, n, p, false)) : 1 - lowerTail(x - 1, n, p);
}

/** R's tolerance for "no more likely than the observed outcome" (binom.test's relErr). */
const logRelErr = Math.log(1 + 1e-7);

/**
 * Two-sided exact binomial test of X = x against Binomial(n, p), as R's `binom.test(x, n, p)$p.value`: the
 * probability of every outcome whose density is at most the observed one's (times 1 + 10⁻⁷).
 */
export function binomialTestTwoSided(x: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid number of trials: ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`invalid count: ${x} of ${n}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`invalid probability: ${p}`);
  if (n === 0) return 1;
  const m = n * p;
  if (x === m) return 1;
  const limit = binomialLogPmf(x, n, p) + logRelErr;
  if (x < m) {
    // On [ceil(m), n] the density falls: the outcomes as unlikely as x there form a suffix [j, n].
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialLogPmf(mid, n, p) <= limit) hi = mid;
      else lo = mid + 1;
    }
    return Math.min(1, lowerTail(x, n, p) + upperTail(lo, n, p));
  }
  // On [0, floor(m)] the density rises: the outcomes as unlikely as x there form a prefix [0, j].
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (binomialLogPmf(mid, n, p) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(1, lowerTail(lo, n, p) + upperTail(x, n, p));
}

export interface PoissonTest {
  /** Two-sided exact p-value for equal rates. */
  pValue: number;
  /** The ratio of the rates, current over previous (null when the previous count is 0). */
  rateRatio: number | null;
}

/**
 * Exact comparison of two Poisson rates, as R's `poisson.test(c(current, previous), c(currentExposure,
 * previousExposure))`: given n = current + previous, current ~ Binomial(n, t₁ / (t₁ + t₂)) when the rates are
 * equal. Exposures are the days each count covers, so a year-to-date through 29 February (60 days) is fairly
 * compared with one through 28 February (59 days).
 */
export function poissonRateTest(
  current: number,
  previous: number,
  currentExposure: number,
  previousExposure: number,
): PoissonTest {
  if (!(currentExposure > 0 && previousExposure > 0)) {
    throw new RangeError(`invalid exposures: ${currentExposure}, ${previousExposure}`);
  }
  const n = current + previous;
  const p = currentExposure / (currentExposure + previousExposure);
  return {
    pValue: binomialTestTwoSided(current, n, p),
    rateRatio: previous === 0 ? null : current / currentExposure / (previous / previousExposure),
  };
}
