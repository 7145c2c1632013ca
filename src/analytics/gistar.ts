/**
 * Getis-Ord Gi* hot spots on a regular grid of cell counts, with the normal distribution and the p-value
 * adjustments that go with it.
 *
 * Gi* as a z-score (Getis & Ord 1992; Ord & Getis 1995, "Local spatial autocorrelation statistics: distributional
 * issues and an application", Geographical Analysis 27), with binary weights and each cell its own neighbour:
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S · sqrt((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))
 *
 * with X̄ and S = sqrt(Σ_j x_j² / n − X̄²) over the n cells that exist. It is what spdep's `localG` computes for a
 * neighbour list through `include.self` with style "B" (test/fixtures/golden/gistar holds spdep's values for real
 * counts), and the formula ArcGIS's Hot Spot Analysis documents for its GiZScore.
 *
 * Cells are indexed row-major: cell (row, col) is `row * nx + col`, `nx` columns a row, `ny` rows. Neighbours are
 * stencils, never matrices: queen contiguity (the 3 × 3 block around a cell) or a distance band (every cell whose
 * centre lies within `distanceM` of the cell's centre, boundary included). Both are clipped at the grid's edges,
 * without wrapping, and skip cells outside the mask.
 */
export const pAdjustMethods = ['none', 'holm', 'bh'] as const;
/** How p-values are adjusted for multiple comparisons: not at all, Holm (1979), or Benjamini & Hochberg (1995). */
export type PAdjustMethod = (typeof pAdjustMethods)[number];

export type GistarNeighbours =
  | { kind: 'queen' }
  | {
      kind: 'band';
      /** Cells whose centres are at most this far from the cell's centre are its neighbours (itself included). */
      distanceM: number;
      /** The side of a (square) cell. */
      cellSizeM: number;
    };

export interface GistarOptions {
  /** Columns (cells a row). */
  nx: number;
  /** Rows. */
  ny: number;
  /**
   * The cells that exist (inside the study area): nonzero or true. A cell outside is no observation at all: it is
   * nobody's neighbour, does not count in n, X̄ or S, and gets NaN. Default: every cell.
   */
  mask?: ArrayLike<number | boolean> | null;
  /** Default: queen contiguity. */
  neighbours?: GistarNeighbours;
  /** Adjustment of the two-sided p-values over all cells, for `pAdjusted` and `bin`. Default: none. */
  pAdjust?: PAdjustMethod;
}

export interface GistarResult {
  /** Gi* z-score per cell; NaN outside the mask, and where it is undefined (S = 0, or a neighbourhood of all n). */
  z: Float64Array;
  /** Two-sided p-value from the standard normal, per cell; NaN where z is. */
  p: Float64Array;
  /** `p` adjusted by `pAdjust` over the cells that have one. */
  pAdjusted: Float64Array;
  /** ArcGIS's Gi_Bin from z and `pAdjusted`: ±3 (99 % confidence), ±2 (95 %), ±1 (90 %), 0 otherwise. */
  bin: Int8Array;
  /** Cells that exist. */
  n: number;
  mean: number;
  /** S: the population standard deviation of the values of the cells that exist. */
  sd: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The normal distribution

const twoOverSqrtPi = 1.1283791670955126;
const oneOverSqrtPi = 0.5641895835477563;
const sqrt1_2 = Math.SQRT1_2;

/**
 * exp(−x²) without the error of rounding x² first: x = h + l with h a multiple of 1/16, so h² is exact and
 * x² = h² + l·(x + h) (W. J. Cody's device in his erf/erfc routines).
 */
function expMinusSquare(x: number): number {
  const h = Math.trunc(x * 16) / 16;
  return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
}

/**
 * erf(x) for 0 ≤ x < 1.5 by its series with positive terms, erf(x) = (2/√π) x e^{−x²} Σ_k (2x²)^k / (1·3·…·(2k+1)),
 * which has no cancellation (Abramowitz & Stegun 7.1.6).
 */
function erfSeries(x: number): number {
  const twoX2 = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= twoX2 / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return twoOverSqrtPi * x * expMinusSquare(x) * sum;
}

/**
 * erfc(x) for x ≥ 1.5 by the continued fraction erfc(x) = (x e^{−x²}/√π) · 1/(x² + 1/2 − (1·2/4)/(x² + 5/2 −
 * (3·4/4)/(x² + 9/2 − …))) (A&S 7.1.14, contracted), evaluated forward by the modified Lentz method.
 */
function erfcContinuedFraction(x: number): number {
  const x2 = x * x;
  const tiny = 1e-300;
  // f = b0 + a1/(b1 + a2/(b2 + …)) with b_k = x² + 2k + 1/2 and a_k = −k(2k − 1)/2.
  let f = x2 + 0.5;
  let c = f;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = (-k * (2 * k - 1)) / 2;
    const b = x2 + 2 * k + 0.5;
    d = b + a * d;
    if (d === 0) d = tiny;
    c = b + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (x * expMinusSquare(x) * oneOverSqrtPi) / f;
}

/** erfc at x ≥ 0 from the series or the continued fraction: slower, and the table's source. */
function erfcDirect(x: number): number {
  return x < 1.5 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

// Taylor expansion about the nearest of the points k/64 (0 ≤ k/64 ≤ 27.5), from a table of erfc and e^{−x²} made
// once with the direct methods. erfc⁽ᵏ⁺¹⁾(x) = −(2/√π) (−1)ᵏ Hₖ(x) e^{−x²}, Hₖ the Hermite polynomials, so
// erfc(x₀ + d) = erfc(x₀) − (2/√π) e^{−x₀²} Σₖ Hₖ(x₀) (−d)ᵏ d / (k + 1)!; with |d| ≤ 1/128 a handful of terms
// suffice, and no exponential is evaluated.
const tableStep = 64;
const tableEnd = 27.5;
const tableErfc = new Float64Array(Math.ceil(tableEnd * tableStep) + 1);
const tableDensity = new Float64Array(tableErfc.length);
for (let k = 0; k < tableErfc.length; k++) {
  tableErfc[k] = erfcDirect(k / tableStep);
  tableDensity[k] = twoOverSqrtPi * expMinusSquare(k / tableStep);
}

/** The complementary error function, erfc(x) = 1 − erf(x), to a relative error of about 1e-14 (tested). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > 27.3) return 0; // below the smallest subnormal double
  const k = Math.round(x * tableStep);
  const x0 = k / tableStep;
  const d = x - x0;
  const base = tableErfc[k] as number;
  if (d === 0) return base;
  const scale = tableDensity[k] as number;
  const tolerance = (1e-17 * base) / scale;
  // Σ Hₖ(x₀) qₖ with qₖ = (−d)ᵏ d / (k + 1)!, stopped after two terms in a row below the tolerance.
  let hPrevious = 1;
  let h = 2 * x0;
  let q = d;
  let sum = d;
  let small = 0;
  for (let j = 1; j < 60; j++) {
    q *= -d / (j + 1);
    const term = h * q;
    sum += term;
    small = Math.abs(term) < tolerance ? small + 1 : 0;
    if (small === 2) break;
    const hNext = 2 * x0 * h - 2 * j * hPrevious;
    hPrevious = h;
    h = hNext;
  }
  return base - scale * sum;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  return x < 1.5 ? erfSeries(x) : 1 - erfc(x);
}

/** The standard normal distribution function Φ(x) = P(Z ≤ x), accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * sqrt1_2);
}

/** The two-sided p-value of a standard normal z-score, 2 Φ(−|z|) = erfc(|z|/√2). */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) * sqrt1_2);
}

// ---------------------------------------------------------------------------------------------------------------
// p-value adjustments

/**
 * Adjusted p-values, as R's `p.adjust` gives them: NaN entries are left NaN and not counted in the number of
 * tests m. Holm: the i-th smallest becomes max over k ≤ i of min(1, (m − k + 1) p_(k)). Benjamini–Hochberg: min
 * over k ≥ i of min(1, (m / k) p_(k)). Tied p-values get the same adjusted value.
 */
export function adjustPValues(p: ArrayLike<number>, method: PAdjustMethod): Float64Array {
  const out = Float64Array.from(p);
  if (method === 'none') return out;
  if (!(pAdjustMethods as readonly string[]).includes(method)) throw new RangeError(`invalid p adjustment: ${method}`);
  let m = 0;
  for (let i = 0; i < out.length; i++) if (!Number.isNaN(out[i])) m++;
  const sorted = new Float64Array(m);
  for (let i = 0, k = 0; i < out.length; i++) {
    const value = out[i] as number;
    if (!Number.isNaN(value)) sorted[k++] = value;
  }
  sorted.sort();
  const adjusted = new Float64Array(m);
  if (method === 'holm') {
    let running = 0;
    for (let k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, (m - k) * (sorted[k] as number)));
      adjusted[k] = running;
    }
  } else {
    let running = Infinity;
    for (let k = m - 1; k >= 0; k--) {
      // R computes n / i first, then multiplies: the same rounding here.
      running = Math.min(running, (m / (k + 1)) * (sorted[k] as number));
      adjusted[k] = Math.min(1, running);
    }
  }
  // An adjusted value depends only on the p-value itself (ties share one), so find each in the sorted copy.
  for (let i = 0; i < out.length; i++) {
    const value = out[i] as number;
    if (Number.isNaN(value)) continue;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    out[i] = adjusted[lo] as number;
  }
  return out;
}

/**
 * ArcGIS's Gi_Bin: +3/−3 for a hot/cold spot at 99 % confidence (p < 0.01), ±2 at 95 % (p < 0.05), ±1 at 90 %
 * (p < 0.10), 0 when not significant or undefined.
 */
export function giBin(z: number, p: number): -3 | -2 | -1 | 0 | 1 | 2 | 3 {
  if (!(p < 0.1) || z === 0 || Number.isNaN(z)) return 0;
  const level = p < 0.01 ? 3 : p < 0.05 ? 2 : 1;
  return z > 0 ? level : (-level as -3 | -2 | -1);
}

// ---------------------------------------------------------------------------------------------------------------
// Gi*

interface Grid {
  nx: number;
  ny: number;
  /** The value of each cell, 0 outside the mask. */
  values: Float64Array;
  /** 1 for a cell that exists, 0 otherwise. */
  exists: Float64Array;
  n: number;
  mean: number;
  sd: number;
}

function prepareGrid(values: ArrayLike<number>, options: GistarOptions): Grid {
  const { nx, ny } = options;
  if (!Number.isInteger(nx) || nx < 1) throw new RangeError(`invalid nx: ${nx}`);
  if (!Number.isInteger(ny) || ny < 1) throw new RangeError(`invalid ny: ${ny}`);
  const size = nx * ny;
  if (values.length !== size) throw new RangeError(`values (${values.length}) is not nx × ny (${size}) long`);
  const mask = options.mask ?? null;
  if (mask && mask.length !== size) throw new RangeError(`mask (${mask.length}) is not nx × ny (${size}) long`);
  const grid = new Float64Array(size);
  const exists = new Float64Array(size);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    if (mask && !mask[i]) continue;
    const value = values[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`value of cell ${i} is not a finite number: ${value}`);
    grid[i] = value;
    exists[i] = 1;
    n++;
    sum += value;
  }
  const mean = n > 0 ? sum / n : NaN;
  // Two passes, as spdep does (Σ (x − X̄)² / n), which equals Σ x² / n − X̄² without its cancellation.
  let squares = 0;
  for (let i = 0; i < size; i++) {
    if (exists[i] === 1) squares += ((grid[i] as number) - mean) ** 2;
  }
  return { nx, ny, values: grid, exists, n, mean, sd: Math.sqrt(squares / n) };
}

/** For a distance band: the half-width of the stencil's run of cells at each row offset 0…R. */
function bandHalfWidths(neighbours: { distanceM: number; cellSizeM: number }): number[] {
  const { distanceM, cellSizeM } = neighbours;
  if (!(distanceM >= 0) || !Number.isFinite(distanceM)) throw new RangeError(`invalid band distance: ${distanceM}`);
  if (!(cellSizeM > 0) || !Number.isFinite(cellSizeM)) throw new RangeError(`invalid cell size: ${cellSizeM}`);
  const limit = distanceM * distanceM;
  const within = (dx: number, dy: number) => (dx * dx + dy * dy) * cellSizeM * cellSizeM <= limit;
  const widths: number[] = [];
  for (let dy = 0; within(0, dy); dy++) {
    let h = Math.floor(Math.sqrt(Math.max(0, limit / (cellSizeM * cellSizeM) - dy * dy)));
    while (within(h + 1, dy)) h++;
    while (h > 0 && !within(h, dy)) h--;
    widths.push(h);
  }
  return widths;
}

/** Writes the z-score of every cell, given the neighbourhood sums Σ_j x_j (`sums`) and Σ_j w_ij (`weights`). */
function zScores(grid: Grid, sums: Float64Array, weights: Float64Array, z: Float64Array): void {
  const { n, mean, sd, exists } = grid;
  const nMinus1 = n - 1;
  for (let i = 0; i < z.length; i++) {
    if (exists[i] !== 1) {
      z[i] = NaN;
      continue;
    }
    const w = weights[i] as number;
    const variance = (n * w - w * w) / nMinus1;
    z[i] = ((sums[i] as number) - mean * w) / (sd * Math.sqrt(variance));
  }
}

/** Queen sums by separable 3-wide box sums: along each row, then down the columns. */
function queenSums(grid: Grid, sums: Float64Array, weights: Float64Array): void {
  const { nx, ny, values, exists } = grid;
  const rowSums = new Float64Array(nx * ny);
  const rowWeights = new Float64Array(nx * ny);
  for (let row = 0; row < ny; row++) {
    const start = row * nx;
    const end = start + nx - 1;
    for (let i = start; i <= end; i++) {
      let s = values[i] as number;
      let w = exists[i] as number;
      if (i > start) {
        s += values[i - 1] as number;
        w += exists[i - 1] as number;
      }
      if (i < end) {
        s += values[i + 1] as number;
        w += exists[i + 1] as number;
      }
      rowSums[i] = s;
      rowWeights[i] = w;
    }
  }
  const size = nx * ny;
  for (let i = 0; i < size; i++) {
    let s = rowSums[i] as number;
    let w = rowWeights[i] as number;
    if (i >= nx) {
      s += rowSums[i - nx] as number;
      w += rowWeights[i - nx] as number;
    }
    if (i + nx < size) {
      s += rowSums[i + nx] as number;
      w += rowWeights[i + nx] as number;
    }
    sums[i] = s;
    weights[i] = w;
  }
}

/**
 * Distance-band sums from running totals along each row: the band is a stack of horizontal runs (half-width
 * h(dy) at row offset dy), and each run's sum is a difference of two running totals of its row.
 */
function bandSums(grid: Grid, halfWidths: readonly number[], sums: Float64Array, weights: Float64Array): void {
  const { nx, ny, values, exists } = grid;
  const stride = nx + 1;
  const totals = new Float64Array(ny * stride);
  const counts = new Float64Array(ny * stride);
  for (let row = 0; row < ny; row++) {
    let s = 0;
    let w = 0;
    for (let col = 0; col < nx; col++) {
      s += values[row * nx + col] as number;
      w += exists[row * nx + col] as number;
      totals[row * stride + col + 1] = s;
      counts[row * stride + col + 1] = w;
    }
  }
  const reach = halfWidths.length - 1;
  for (let row = 0; row < ny; row++) {
    const firstRow = Math.max(0, row - reach);
    const lastRow = Math.min(ny - 1, row + reach);
    for (let col = 0; col < nx; col++) {
      let s = 0;
      let w = 0;
      for (let r = firstRow; r <= lastRow; r++) {
        const h = halfWidths[Math.abs(r - row)] as number;
        const from = r * stride + Math.max(0, col - h);
        const to = r * stride + Math.min(nx, col + h + 1);
        s += (totals[to] as number) - (totals[from] as number);
        w += (counts[to] as number) - (counts[from] as number);
      }
      sums[row * nx + col] = s;
      weights[row * nx + col] = w;
    }
  }
}

function finish(grid: Grid, z: Float64Array, pAdjust: PAdjustMethod): GistarResult {
  const p = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) p[i] = twoSidedP(z[i] as number);
  const pAdjusted = adjustPValues(p, pAdjust);
  const bin = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    // giBin, inline: this loop runs over every cell.
    const q = pAdjusted[i] as number;
    const score = z[i] as number;
    if (!(q < 0.1) || score === 0 || Number.isNaN(score)) continue;
    const level = q < 0.01 ? 3 : q < 0.05 ? 2 : 1;
    bin[i] = score > 0 ? level : -level;
  }
  return { z, p, pAdjusted, bin, n: grid.n, mean: grid.mean, sd: grid.sd };
}

/**
 * Getis-Ord Gi* z-scores, two-sided p-values and Gi_Bin classes for every cell of a grid.
 *
 * Queen neighbours cost O(cells); a distance band reaching R rows costs O(cells × (2R + 1)), whatever its area.
 *
 * @param values one value (count) per cell, row-major
 * @see Ord & Getis (1995); spdep::localG; test/fixtures/golden/gistar/README.md for the reference values
 */
export function gistar(values: ArrayLike<number>, options: GistarOptions): GistarResult {
  const grid = prepareGrid(values, options);
  const size = grid.nx * grid.ny;
  const sums = new Float64Array(size);
  const weights = new Float64Array(size);
  const neighbours = options.neighbours ?? { kind: 'queen' };
  if (neighbours.kind === 'queen') queenSums(grid, sums, weights);
  else bandSums(grid, bandHalfWidths(neighbours), sums, weights);
  const z = new Float64Array(size);
  zScores(grid, sums, weights, z);
  return finish(grid, z, options.pAdjust ?? 'none');
}

/**
 * The same statistic the straightforward way: an explicit neighbour list per cell (as spdep builds one), then a
 * loop over each list. For checking `gistar` and as the benchmark's baseline; O(cells × neighbours) and the lists'
 * memory.
 */
export function gistarNaive(values: ArrayLike<number>, options: GistarOptions): GistarResult {
  const grid = prepareGrid(values, options);
  const { nx, ny, exists } = grid;
  const neighbours = options.neighbours ?? { kind: 'queen' };
  const offsets: [number, number][] = [];
  if (neighbours.kind === 'queen') {
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) offsets.push([dx, dy]);
  } else {
    const widths = bandHalfWidths(neighbours);
    const reach = widths.length - 1;
    for (let dy = -reach; dy <= reach; dy++) {
      const h = widths[Math.abs(dy)] as number;
      for (let dx = -h; dx <= h; dx++) offsets.push([dx, dy]);
    }
  }
  const lists: number[][] = [];
  for (let row = 0; row < ny; row++) {
    for (let col = 0; col < nx; col++) {
      const list: number[] = [];
      if (exists[row * nx + col] === 1) {
        for (const [dx, dy] of offsets) {
          const r = row + dy;
          const c = col + dx;
          if (r >= 0 && r < ny && c >= 0 && c < nx && exists[r * nx + c] === 1) list.push(r * nx + c);
        }
      }
      lists.push(list);
    }
  }
  const size = nx * ny;
  const sums = new Float64Array(size);
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let s = 0;
    for (const j of lists[i] ?? []) s += grid.values[j] as number;
    sums[i] = s;
    weights[i] = lists[i]?.length ?? 0;
  }
  const z = new Float64Array(size);
  zScores(grid, sums, weights, z);
  return finish(grid, z, options.pAdjust ?? 'none');
}
