/**
 * Kernel density estimation of points (crime "black spots") onto a regular grid, computed the way R's spatstat
 * computes `density.ppp(X, sigma, kernel, edge = FALSE)` at pixels, and fast enough for a million points.
 *
 * Coordinates are projected metres (x east, y north). The result is an intensity: the sum over points of
 * weight × kernel, per square metre, at each cell centre.
 *
 * How it is computed (spatstat.explore 3.0, `second.moment.engine`, does the same):
 *   1. Binning. Each point is added to a cell of the grid. `simple` binning (the default, spatstat's `pixellate`)
 *      gives its whole weight to the cell that contains it, i.e. to the nearest cell centre; `linear` binning
 *      shares it between the four nearest cell centres in proportion to bilinear weights (Wand 1994), which
 *      makes the discretisation error smaller for the same cell size.
 *   2. The kernel is sampled at the cell-centre offsets (whole numbers of cells) and the samples are scaled to
 *      sum to 1, so every point puts exactly its weight on the grid (mass is conserved even when the bandwidth is
 *      only a few cells).
 *   3. The binned weights are convolved with the sampled kernel, by FFT (zero-padded so nothing wraps round) or,
 *      when it costs less (few occupied cells, a small kernel), by adding the kernel around each occupied cell.
 *      Both give the same numbers up to rounding.
 *   4. Division by the cell area turns the weight per cell into weight per square metre.
 * The result therefore matches spatstat's cell for cell up to floating-point rounding (the golden test in
 * test/analytics/kde-golden.test.ts checks it on real data, within 2e-7 of the peak), as long as the grid and the
 * points agree: spatstat drops points outside its window, whereas here points outside the grid but within the
 * kernel's reach still add to the cells they reach (a map tile's edge is then no different from its middle),
 * unless edge correction is on. Two small differences remain: spatstat samples the gaussian over its whole padded
 * grid where this cuts it at 5 sd (a difference of up to 4e-6 of the peak), and a point exactly on an edge between
 * cells goes to the cell east (north) of it here, while spatstat's round() sends half of such points west (south).
 * FFT rounding leaves values of about 1e-16 of the peak where no kernel reaches; negative ones are set to zero
 * when no weight is negative. spatstat's kernels are quartic, epanechnikov, disc (uniform here) and gaussian; the
 * triangular kernel has no counterpart there.
 *
 * Kernels, all radially symmetric and integrating to 1 over the plane. With ρ = distance / support radius:
 *   quartic (biweight, the default)   (3/π)(1 − ρ²)²   for ρ < 1   sd = radius / √8
 *   epanechnikov                      (2/π)(1 − ρ²)    for ρ < 1   sd = radius / √6
 *   triangular (cone)                 (3/π)(1 − ρ)     for ρ < 1   sd = radius · √(3/20)
 *   uniform (disc)                    1/π              for ρ ≤ 1   sd = radius / 2
 *   gaussian                          exp(−u²/2)/(2π) with u = distance / sd, truncated at u = 5 (the mass beyond
 *                                     is e^(−12.5) ≈ 4e−6 and is given back by the scaling in step 2)
 * each divided by radius² (or sd² for the gaussian). "sd" is the standard deviation of one coordinate of the
 * kernel, E[x²]^½ = (E[r²]/2)^½: for the quartic, E[r²] = ∫₀¹ r² (3/π)(1 − r²)² 2πr dr = 1/4, so sd = radius/√8;
 * the others follow the same way.
 *
 * Bandwidth, one of:
 *   { radiusM }      the support radius: the distance at which the kernel falls to zero (not for the gaussian);
 *   { sdM }          the kernel's standard deviation per axis — what spatstat calls `sigma` for EVERY kernel
 *                    (`density.ppp(X, sigma = 100, kernel = "quartic")` has support radius 100·√8 ≈ 283 m);
 *   { rule: 'scott' } the normal-reference rule as spatstat's `bw.scott(X, isotropic = TRUE)`:
 *                    sd = √(sdₓ·sd_y) · n^(−1/6), with sdₓ, sd_y the sample standard deviations (n − 1 divisor)
 *                    of the x and y coordinates (weights ignored) — the geometric mean of Scott's per-axis
 *                    bandwidths sdₓ·n^(−1/(d+4)) for d = 2. It is a standard deviation, used as `sdM`, so every
 *                    kernel gets the spread a gaussian would.
 *
 * Grid: given exactly ({ originXM, originYM, cellSizeM, nx, ny }, the origin being the south-west corner), or as an
 * extent with an optional cell size, or left out, when it is the points' bounding box grown by the kernel's reach
 * (support radius; 5 sd for the gaussian). Without a cell size, the cell is the extent's shorter side / 250 and the
 * grid has ceil(side / cell) cells along each side, starting at the extent's south-west corner.
 *
 * Edge correction: none by default (spatstat's default is edge = TRUE; the fixtures turn it off). With `uniform`,
 * each cell is divided by the share of its kernel that falls inside the grid (spatstat's edge = TRUE,
 * diggle = FALSE, the grid being the window), and points outside the grid are ignored.
 *
 * @see Silverman (1986) Density Estimation for Statistics and Data Analysis, ch. 4; Wand (1994) Fast computation
 * of multivariate kernel estimators, JCGS 3(4); Baddeley, Rubak & Turner (2015) Spatial Point Patterns, ch. 6;
 * spatstat.explore 3.0 `density.ppp`, `second.moment.engine`, `pixellate.ppp`, `bw.scott`.
 */

export const kdeKernels = ['quartic', 'gaussian', 'epanechnikov', 'triangular', 'uniform'] as const;
export type KdeKernel = (typeof kdeKernels)[number];

export type KdeBandwidth = { radiusM: number } | { sdM: number } | { rule: 'scott' };

/** A regular grid: `nx` × `ny` square cells of `cellSizeM` metres, south-west corner at (originXM, originYM). */
export interface KdeGrid {
  originXM: number;
  originYM: number;
  cellSizeM: number;
  nx: number;
  ny: number;
}

/** An area to cover; the grid starts at its south-west corner and covers it with whole cells. */
export interface KdeExtent {
  minXM: number;
  minYM: number;
  maxXM: number;
  maxYM: number;
  /** Default: the shorter side / 250. */
  cellSizeM?: number;
}

/** Points as parallel arrays (no object per point): x and y in metres, optional weights (default 1). */
export interface KdePoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface KdeOptions {
  /** Default `quartic`. */
  kernel?: KdeKernel;
  bandwidth: KdeBandwidth;
  /** Default: the points' bounding box grown by the kernel's reach. */
  grid?: KdeGrid | KdeExtent;
  /** Default `simple` (spatstat's). */
  binning?: 'simple' | 'linear';
  /** Default `none`. */
  edgeCorrection?: 'none' | 'uniform';
  /** Default `auto`: whichever of FFT and direct convolution the cost model expects to be faster. */
  method?: 'auto' | 'fft' | 'direct';
}

export interface DensitySurface extends KdeGrid {
  /**
   * Intensity (weight per square metre) at each cell centre, row by row from the south-west: `values[j * nx + i]`
   * is the cell centred at (originXM + (i + ½)·cellSizeM, originYM + (j + ½)·cellSizeM). This is spatstat's
   * `as.vector(t(im$v))`: row j of the image is `yrow[j]`, rising northward.
   */
  values: Float64Array;
  kernel: KdeKernel;
  /** The kernel's standard deviation per axis (spatstat's sigma). */
  sdM: number;
  /** Where the kernel ends: its support radius, or 5 sd for the truncated gaussian. */
  supportRadiusM: number;
  binning: 'simple' | 'linear';
  edgeCorrection: 'none' | 'uniform';
  method: 'fft' | 'direct';
  /** The total weight of the points that reached the grid (binned within the kernel's reach of it). */
  binnedWeight: number;
}

/** The gaussian kernel is cut at this many standard deviations. */
export const gaussianTruncationSd = 5;

/** Standard deviation per axis of each compact kernel with unit support radius (derivation in the module doc). */
const sdPerUnitRadius = {
  quartic: 1 / Math.sqrt(8),
  epanechnikov: 1 / Math.sqrt(6),
  triangular: Math.sqrt(3 / 20),
  uniform: 1 / 2,
} as const;

/** The largest grid this will make, and the largest grid grown by the kernel's reach (cells): about 1 GB. */
const maxCells = 25_000_000;
const maxPaddedCells = 36_000_000;

/** The support radius of a kernel with standard deviation `sdM` per axis (5 sd for the truncated gaussian). */
export function kernelSupportRadius(kernel: KdeKernel, sdM: number): number {
  return kernel === 'gaussian' ? gaussianTruncationSd * sdM : sdM / sdPerUnitRadius[kernel];
}

/** The standard deviation per axis of a compact kernel with support radius `radiusM`. */
export function kernelSd(kernel: Exclude<KdeKernel, 'gaussian'>, radiusM: number): number {
  return radiusM * sdPerUnitRadius[kernel];
}

/**
 * The kernel's density (per square metre) at `distanceM` from its centre, for standard deviation `sdM` per axis:
 * the continuous formula, integrating to 1 over the plane (the gaussian here is not truncated).
 */
export function kernelValue(kernel: KdeKernel, distanceM: number, sdM: number): number {
  if (kernel === 'gaussian') {
    const u = distanceM / sdM;
    return Math.exp(-0.5 * u * u) / (2 * Math.PI * sdM * sdM);
  }
  const radius = kernelSupportRadius(kernel, sdM);
  const rho = distanceM / radius;
  return unitProfile(kernel, rho * rho) / (radius * radius);
}

/** A kernel with unit support radius (unit sd for the gaussian) at squared standardised distance `rho2`. */
function unitProfile(kernel: KdeKernel, rho2: number): number {
  switch (kernel) {
    case 'quartic':
      return rho2 < 1 ? (3 / Math.PI) * (1 - rho2) * (1 - rho2) : 0;
    case 'epanechnikov':
      return rho2 < 1 ? (2 / Math.PI) * (1 - rho2) : 0;
    case 'triangular':
      return rho2 < 1 ? (3 / Math.PI) * (1 - Math.sqrt(rho2)) : 0;
    case 'uniform':
      return rho2 <= 1 ? 1 / Math.PI : 0;
    case 'gaussian':
      return rho2 <= gaussianTruncationSd * gaussianTruncationSd ? Math.exp(-0.5 * rho2) / (2 * Math.PI) : 0;
  }
}

/**
 * Scott's normal-reference bandwidth, isotropic as spatstat's `bw.scott(X, isotropic = TRUE)`:
 * √(sdₓ·sd_y) · n^(−1/6) metres, a standard deviation. Null with fewer than two points or no spread along an axis.
 */
export function scottBandwidth(points: KdePoints): number | null {
  const n = checkedLength(points);
  if (n < 2) return null;
  const sdX = sampleSd(points.x, n);
  const sdY = sampleSd(points.y, n);
  if (!Number.isFinite(sdX) || !Number.isFinite(sdY)) throw new RangeError('non-finite coordinates');
  if (!(sdX > 0) || !(sdY > 0)) return null;
  return Math.sqrt(sdX * sdY) * Math.pow(n, -1 / 6);
}

/** The default cell size for an extent: its shorter side / 250. */
export function defaultCellSize(extent: KdeExtent): number {
  return Math.min(extent.maxXM - extent.minXM, extent.maxYM - extent.minYM) / 250;
}

/** Expected number of points (total weight) in each cell: density × cell area. */
export function expectedCounts(surface: DensitySurface): Float64Array {
  const area = surface.cellSizeM * surface.cellSizeM;
  const out = new Float64Array(surface.values.length);
  for (let k = 0; k < out.length; k++) out[k] = (surface.values[k] as number) * area;
  return out;
}

/**
 * The kernel density surface of `points` (module doc: kernels, bandwidths, grid, binning, edge correction).
 *
 * @returns the surface, or null when the bandwidth or the grid must come from the data and cannot: Scott's rule
 *   with fewer than two points or no spread, or no grid given and no points
 * @throws RangeError for arrays of different lengths, a non-finite coordinate or weight, a non-positive
 *   bandwidth or cell size, a gaussian given a radius, or a grid too large to allocate
 */
export function kde(
  points: KdePoints,
  options: KdeOptions & { bandwidth: { radiusM: number } | { sdM: number }; grid: KdeGrid },
): DensitySurface;
export function kde(points: KdePoints, options: KdeOptions): DensitySurface | null;
export function kde(points: KdePoints, options: KdeOptions): DensitySurface | null {
  const n = checkedLength(points);
  const kernel = options.kernel ?? 'quartic';
  if (!kdeKernels.includes(kernel)) throw new RangeError(`unknown kernel: ${String(kernel)}`);
  const binning = options.binning ?? 'simple';
  const edgeCorrection = options.edgeCorrection ?? 'none';
  const resolved = resolveBandwidth(kernel, options.bandwidth, points);
  if (resolved === null) return null;
  const { sdM, supportRadiusM } = resolved;
  const grid = resolveGrid(options.grid, points, n, supportRadiusM);
  if (grid === null) return null;

  const reach = kernelReach(kernel, sdM, supportRadiusM, grid.cellSizeM);
  const nxB = grid.nx + 2 * reach;
  const nyB = grid.ny + 2 * reach;
  if (nxB * nyB > maxPaddedCells) {
    throw new RangeError(
      `the kernel reaches ${reach} cells beyond a ${grid.nx} × ${grid.ny} grid: too many cells; use larger cells`,
    );
  }
  const stencil = kernelStencil(kernel, sdM, supportRadiusM, grid.cellSizeM);
  const { bins, total } = binPoints(points, n, grid, reach, binning, edgeCorrection === 'none');

  let occupied = 0;
  for (let k = 0; k < bins.length; k++) if (bins[k] !== 0) occupied++;
  const nxF = fftSize(nxB);
  const nyF = fftSize(nyB);
  const method =
    options.method === 'fft' || options.method === 'direct'
      ? options.method
      : directCost(occupied, stencil.taps) <= fftCost(nxF, nyF)
        ? 'direct'
        : 'fft';

  const values = new Float64Array(grid.nx * grid.ny);
  if (occupied > 0) {
    if (method === 'direct') convolveDirect(bins, nxB, nyB, stencil, grid.nx, grid.ny, values);
    else convolveFft(bins, nxB, nyB, stencil, grid.nx, grid.ny, nxF, nyF, values);
  }

  const area = grid.cellSizeM * grid.cellSizeM;
  let anyNegativeWeight = false;
  if (points.weight) {
    for (let i = 0; i < n; i++) {
      if ((points.weight[i] as number) < 0) {
        anyNegativeWeight = true;
        break;
      }
    }
  }
  const edge = edgeCorrection === 'uniform' ? edgeFactors(stencil, grid.nx, grid.ny) : null;
  for (let k = 0; k < values.length; k++) {
    let v = (values[k] as number) / area;
    if (edge) v /= edge[k] as number;
    values[k] = v < 0 && !anyNegativeWeight ? 0 : v;
  }

  return {
    ...grid,
    values,
    kernel,
    sdM,
    supportRadiusM,
    binning,
    edgeCorrection,
    method,
    binnedWeight: total,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

function checkedLength(points: KdePoints): number {
  const n = points.x.length;
  if (points.y.length !== n) throw new RangeError(`x (${n}) and y (${points.y.length}) differ in length`);
  if (points.weight && points.weight.length !== n) {
    throw new RangeError(`x (${n}) and weight (${points.weight.length}) differ in length`);
  }
  return n;
}

function sampleSd(values: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (n - 1));
}

/** The kernel's sd and support radius; a radius given is kept as given rather than recomputed from the sd. */
function resolveBandwidth(
  kernel: KdeKernel,
  bandwidth: KdeBandwidth,
  points: KdePoints,
): { sdM: number; supportRadiusM: number } | null {
  let sdM: number | null;
  let radiusM: number | null = null;
  if ('rule' in bandwidth) {
    if (bandwidth.rule !== 'scott') throw new RangeError(`unknown bandwidth rule: ${String(bandwidth.rule)}`);
    sdM = scottBandwidth(points);
  } else if ('sdM' in bandwidth) {
    sdM = bandwidth.sdM;
  } else {
    if (kernel === 'gaussian') {
      throw new RangeError('the gaussian kernel has no support radius: give its standard deviation (sdM)');
    }
    radiusM = bandwidth.radiusM;
    sdM = kernelSd(kernel, radiusM);
  }
  if (sdM === null) return null;
  if (!(sdM > 0 && Number.isFinite(sdM))) throw new RangeError(`invalid bandwidth: ${JSON.stringify(bandwidth)}`);
  return { sdM, supportRadiusM: radiusM ?? kernelSupportRadius(kernel, sdM) };
}

function resolveGrid(
  grid: KdeGrid | KdeExtent | undefined,
  points: KdePoints,
  n: number,
  supportRadiusM: number,
): KdeGrid | null {
  if (grid && 'nx' in grid) {
    const { originXM, originYM, cellSizeM, nx, ny } = grid;
    if (!Number.isFinite(originXM) || !Number.isFinite(originYM)) {
      throw new RangeError(`invalid grid origin: ${originXM}, ${originYM}`);
    }
    if (!(cellSizeM > 0 && Number.isFinite(cellSizeM))) throw new RangeError(`invalid cell size: ${cellSizeM}`);
    if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) {
      throw new RangeError(`invalid grid size: ${nx} × ${ny}`);
    }
    if (nx * ny > maxCells) throw new RangeError(`grid too large: ${nx} × ${ny} cells`);
    return { originXM, originYM, cellSizeM, nx, ny };
  }
  let extent: KdeExtent;
  if (grid) {
    extent = grid;
    if (![extent.minXM, extent.minYM, extent.maxXM, extent.maxYM].every(Number.isFinite)) {
      throw new RangeError(`invalid extent: ${JSON.stringify(extent)}`);
    }
    if (!(extent.maxXM > extent.minXM && extent.maxYM > extent.minYM)) {
      throw new RangeError(`empty extent: ${JSON.stringify(extent)}`);
    }
  } else {
    if (n === 0) return null;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = points.x[i] as number;
      const y = points.y[i] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (![minX, minY, maxX, maxY].every(Number.isFinite)) throw new RangeError('non-finite coordinates');
    extent = {
      minXM: minX - supportRadiusM,
      minYM: minY - supportRadiusM,
      maxXM: maxX + supportRadiusM,
      maxYM: maxY + supportRadiusM,
    };
  }
  const cellSizeM = extent.cellSizeM ?? defaultCellSize(extent);
  if (!(cellSizeM > 0 && Number.isFinite(cellSizeM))) throw new RangeError(`invalid cell size: ${cellSizeM}`);
  // A side that is a whole number of cells up to rounding gets exactly that many.
  const nx = Math.max(1, Math.ceil((extent.maxXM - extent.minXM) / cellSizeM - 1e-9));
  const ny = Math.max(1, Math.ceil((extent.maxYM - extent.minYM) / cellSizeM - 1e-9));
  if (nx * ny > maxCells) throw new RangeError(`grid too large: ${nx} × ${ny} cells of ${cellSizeM} m`);
  return { originXM: extent.minXM, originYM: extent.minYM, cellSizeM, nx, ny };
}

// ---------------------------------------------------------------------------------------------------------------
// Binning

/**
 * Bins the points onto the grid grown by `reach` cells on every side (`keepOutside`), or onto the grid alone.
 * Padded cell (bx, by) is grid cell (bx − reach, by − reach).
 */
function binPoints(
  points: KdePoints,
  n: number,
  grid: KdeGrid,
  reach: number,
  binning: 'simple' | 'linear',
  keepOutside: boolean,
): { bins: Float64Array; total: number } {
  const nxB = grid.nx + 2 * reach;
  const nyB = grid.ny + 2 * reach;
  const bins = new Float64Array(nxB * nyB);
  const lo = keepOutside ? 0 : reach;
  const hiX = keepOutside ? nxB : reach + grid.nx;
  const hiY = keepOutside ? nyB : reach + grid.ny;
  const { originXM: x0, originYM: y0, cellSizeM: cell } = grid;
  const xs = points.x;
  const ys = points.y;
  const ws = points.weight;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const w = ws ? (ws[i] as number) : 1;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`point ${i} has coordinates ${x}, ${y}`);
    if (!Number.isFinite(w)) throw new RangeError(`point ${i} has weight ${w}`);
    if (binning === 'simple') {
      // The cell containing the point is the one whose centre is nearest (spatstat's nearest.raster.point).
      const bx = Math.floor((x - x0) / cell) + reach;
      const by = Math.floor((y - y0) / cell) + reach;
      if (bx >= lo && bx < hiX && by >= lo && by < hiY) {
        bins[by * nxB + bx] = (bins[by * nxB + bx] as number) + w;
        total += w;
      }
    } else {
      const fx = (x - x0) / cell - 0.5 + reach;
      const fy = (y - y0) / cell - 0.5 + reach;
      const bx = Math.floor(fx);
      const by = Math.floor(fy);
      if (bx < lo - 1 || bx >= hiX || by < lo - 1 || by >= hiY) continue;
      const tx = fx - bx;
      const ty = fy - by;
      const inX0 = bx >= lo;
      const inX1 = bx + 1 < hiX;
      if (by >= lo) {
        const row = by * nxB + bx;
        const wy = w * (1 - ty);
        if (inX0) bins[row] = (bins[row] as number) + wy * (1 - tx);
        if (inX1) bins[row + 1] = (bins[row + 1] as number) + wy * tx;
        total += wy * ((inX0 ? 1 - tx : 0) + (inX1 ? tx : 0));
      }
      if (by + 1 < hiY) {
        const row = (by + 1) * nxB + bx;
        const wy = w * ty;
        if (inX0) bins[row] = (bins[row] as number) + wy * (1 - tx);
        if (inX1) bins[row + 1] = (bins[row + 1] as number) + wy * tx;
        total += wy * ((inX0 ? 1 - tx : 0) + (inX1 ? tx : 0));
      }
    }
  }
  return { bins, total };
}

// ---------------------------------------------------------------------------------------------------------------
// The sampled kernel

interface Stencil {
  /** Offsets run over −reach … reach cells along each axis. */
  reach: number;
  /** (2·reach + 1)² samples, row by row from offset (−reach, −reach), summing to 1. */
  weights: Float64Array;
  /** For each row of offsets, the largest |dx| with a non-zero sample (−1 for none). */
  rowHalfWidth: Int32Array;
  /** Non-zero samples. */
  taps: number;
}

/** How many whole cells the kernel reaches from its centre. */
function kernelReach(kernel: KdeKernel, sdM: number, supportRadiusM: number, cellSizeM: number): number {
  const radius = kernel === 'gaussian' ? gaussianTruncationSd * sdM : supportRadiusM;
  return Math.floor(radius / cellSizeM + 1e-9);
}

function kernelStencil(kernel: KdeKernel, sdM: number, supportRadiusM: number, cellSizeM: number): Stencil {
  // Distances are standardised by the support radius (sd for the gaussian), as in spatstat's evaluate2Dkernel.
  const scale = kernel === 'gaussian' ? sdM : supportRadiusM;
  const reach = kernelReach(kernel, sdM, supportRadiusM, cellSizeM);
  const width = 2 * reach + 1;
  const weights = new Float64Array(width * width);
  const rowHalfWidth = new Int32Array(width).fill(-1);
  const step = cellSizeM / scale;
  let sum = 0;
  let taps = 0;
  for (let dy = -reach; dy <= reach; dy++) {
    const v = dy * step;
    for (let dx = -reach; dx <= reach; dx++) {
      const u = dx * step;
      const value = unitProfile(kernel, u * u + v * v);
      if (value > 0) {
        weights[(dy + reach) * width + dx + reach] = value;
        sum += value;
        taps++;
        const row = dy + reach;
        if (Math.abs(dx) > (rowHalfWidth[row] as number)) rowHalfWidth[row] = Math.abs(dx);
      }
    }
  }
  for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) / sum;
  return { reach, weights, rowHalfWidth, taps };
}

/**
 * For each grid cell, the share of its sampled kernel that falls on grid cells: spatstat's edge image (the
 * window's indicator convolved with the kernel). A summed-area table of the stencil gives each cell's share in
 * four look-ups.
 */
function edgeFactors(stencil: Stencil, nx: number, ny: number): Float64Array {
  const { reach, weights } = stencil;
  const width = 2 * reach + 1;
  const table = new Float64Array((width + 1) * (width + 1));
  for (let r = 0; r < width; r++) {
    let rowSum = 0;
    for (let c = 0; c < width; c++) {
      rowSum += weights[r * width + c] as number;
      table[(r + 1) * (width + 1) + c + 1] = (table[r * (width + 1) + c + 1] as number) + rowSum;
    }
  }
  // Offsets d = cell − source with the source on the grid: d ∈ [cell − (n − 1), cell] ∩ [−reach, reach].
  const out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const r0 = Math.max(-reach, j - (ny - 1)) + reach;
    const r1 = Math.min(reach, j) + reach + 1;
    for (let i = 0; i < nx; i++) {
      const c0 = Math.max(-reach, i - (nx - 1)) + reach;
      const c1 = Math.min(reach, i) + reach + 1;
      out[j * nx + i] =
        (table[r1 * (width + 1) + c1] as number) -
        (table[r0 * (width + 1) + c1] as number) -
        (table[r1 * (width + 1) + c0] as number) +
        (table[r0 * (width + 1) + c0] as number);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Convolution

/**
 * Rough costs in one unit, a multiply-add of the direct method: the direct method visits every non-zero kernel
 * sample around every occupied cell; the FFT method's transforms (the data's, forward and back, and the kernel's)
 * cost about 1.6 units per cell of the FFT grid and bit of its size (timed on Node 20, x86-64: 1000 × 1000 cells
 * and a million points break even at a quartic radius of about 8 cells).
 */
function directCost(occupied: number, taps: number): number {
  return occupied * taps;
}

function fftCost(nxF: number, nyF: number): number {
  return 1.6 * nxF * nyF * Math.log2(nxF * nyF);
}

/** Adds the stencil around every occupied padded cell, into the grid cells it reaches. */
function convolveDirect(
  bins: Float64Array,
  nxB: number,
  nyB: number,
  stencil: Stencil,
  nx: number,
  ny: number,
  out: Float64Array,
): void {
  const { reach, weights, rowHalfWidth } = stencil;
  const width = 2 * reach + 1;
  for (let by = 0; by < nyB; by++) {
    for (let bx = 0; bx < nxB; bx++) {
      const c = bins[by * nxB + bx] as number;
      if (c === 0) continue;
      // Grid cell (i, j) = (bx − reach + dx, by − reach + dy).
      const j0 = Math.max(0, by - 2 * reach);
      const j1 = Math.min(ny - 1, by);
      for (let j = j0; j <= j1; j++) {
        const row = j - by + 2 * reach;
        const half = rowHalfWidth[row] as number;
        if (half < 0) continue;
        const i0 = Math.max(0, bx - reach - half);
        const i1 = Math.min(nx - 1, bx - reach + half);
        const outRow = j * nx;
        const kRow = row * width - bx + 2 * reach;
        for (let i = i0; i <= i1; i++) {
          out[outRow + i] = (out[outRow + i] as number) + c * (weights[kRow + i] as number);
        }
      }
    }
  }
}

/**
 * Circular convolution of the padded bins with the stencil on an nxF × nyF torus (nxF ≥ nxB, nyF ≥ nyB, so
 * contributions that wrap round fall outside the grid cells kept), by real-input 2-D FFTs.
 */
function convolveFft(
  bins: Float64Array,
  nxB: number,
  nyB: number,
  stencil: Stencil,
  nx: number,
  ny: number,
  nxF: number,
  nyF: number,
  out: Float64Array,
): void {
  const { reach, weights } = stencil;
  const width = 2 * reach + 1;
  const half = (nxF >> 1) + 1;
  const rowPlan = fftPlan(nxF);
  const colPlan = fftPlan(nyF);
  const size = nyF * half;
  const work = { re: new Float64Array(size), im: new Float64Array(size) };
  const row = {
    re: new Float64Array(nxF),
    im: new Float64Array(nxF),
    wre: new Float64Array(nxF),
    wim: new Float64Array(nxF),
  };

  // The kernel's transform: its samples wrapped onto the torus (offset d at index d mod n). It is real and even
  // in both axes, so its transform is real.
  const kernelRows = new Float64Array(width * nxF);
  for (let r = 0; r < width; r++) {
    for (let dx = -reach; dx <= reach; dx++) {
      kernelRows[r * nxF + ((dx + nxF) % nxF)] = weights[r * width + dx + reach] as number;
    }
  }
  const kernelRowOf = new Int32Array(nyF).fill(-1);
  for (let dy = -reach; dy <= reach; dy++) kernelRowOf[(dy + nyF) % nyF] = (dy + reach) * nxF;
  const kernelRe = new Float64Array(size);
  const kernelIm = new Float64Array(size);
  forwardReal2d(kernelRows, kernelRowOf, nxF, rowPlan, colPlan, half, nyF, kernelRe, kernelIm, work, row);
  const scale = 1 / (nxF * nyF);
  for (let k = 0; k < size; k++) kernelRe[k] = (kernelRe[k] as number) * scale;

  // The data's transform, times the kernel's, transformed back.
  const dataRowOf = new Int32Array(nyF).fill(-1);
  for (let r = 0; r < nyB; r++) dataRowOf[r] = r * nxB;
  const re = kernelIm; // the kernel's imaginary part is zero up to rounding, and no longer needed
  const im = new Float64Array(size);
  re.fill(0);
  forwardReal2d(bins, dataRowOf, nxB, rowPlan, colPlan, half, nyF, re, im, work, row);
  for (let k = 0; k < size; k++) {
    const kv = kernelRe[k] as number;
    re[k] = (re[k] as number) * kv;
    im[k] = (im[k] as number) * kv;
  }
  // Inverse transform: the forward one applied to the swapped real and imaginary parts, swapped back.
  fft(colPlan, im, re, work.im, work.re, half);
  for (let j = 0; j < ny; j += 2) {
    const a = (j + reach) * half;
    const two = j + 1 < ny;
    const b = two ? a + half : -1;
    // The full spectrum of row a + i·row b, from the halves of two real rows (Hermitian symmetry).
    for (let k = 0; k < nxF; k++) {
      let aRe: number, aIm: number, bRe: number, bIm: number;
      if (k < half) {
        aRe = re[a + k] as number;
        aIm = im[a + k] as number;
        bRe = two ? (re[b + k] as number) : 0;
        bIm = two ? (im[b + k] as number) : 0;
      } else {
        const m = nxF - k;
        aRe = re[a + m] as number;
        aIm = -(im[a + m] as number);
        bRe = two ? (re[b + m] as number) : 0;
        bIm = two ? -(im[b + m] as number) : 0;
      }
      row.re[k] = aRe - bIm;
      row.im[k] = aIm + bRe;
    }
    fft(rowPlan, row.im, row.re, row.wim, row.wre, 1);
    const outA = j * nx;
    for (let i = 0; i < nx; i++) out[outA + i] = row.re[i + reach] as number;
    if (two) {
      const outB = outA + nx;
      for (let i = 0; i < nx; i++) out[outB + i] = row.im[i + reach] as number;
    }
  }
}

interface RowBuffers {
  re: Float64Array;
  im: Float64Array;
  wre: Float64Array;
  wim: Float64Array;
}

/**
 * The 2-D DFT of a real nxF × nyF array, columns 0 … nxF/2 only (the rest follow by Hermitian symmetry), into
 * outRe/outIm (nyF rows of `half`). Row r of the input is `width` values at src[rowOf[r]], zero beyond, or all
 * zero when rowOf[r] < 0. Two real rows go through one complex FFT; then the columns are transformed together.
 */
function forwardReal2d(
  src: Float64Array,
  rowOf: Int32Array,
  width: number,
  rowPlan: FftPlan,
  colPlan: FftPlan,
  half: number,
  nyF: number,
  outRe: Float64Array,
  outIm: Float64Array,
  work: { re: Float64Array; im: Float64Array },
  row: RowBuffers,
): void {
  const nxF = rowPlan.n;
  const rows: number[] = [];
  for (let r = 0; r < nyF; r++) if ((rowOf[r] as number) >= 0) rows.push(r);
  for (let p = 0; p < rows.length; p += 2) {
    const ra = rows[p] as number;
    const rb = p + 1 < rows.length ? (rows[p + 1] as number) : -1;
    const offA = rowOf[ra] as number;
    const offB = rb >= 0 ? (rowOf[rb] as number) : -1;
    row.re.fill(0);
    row.im.fill(0);
    for (let i = 0; i < width; i++) row.re[i] = src[offA + i] as number;
    if (offB >= 0) for (let i = 0; i < width; i++) row.im[i] = src[offB + i] as number;
    fft(rowPlan, row.re, row.im, row.wre, row.wim, 1);
    // Z = A + iB with A, B the transforms of two real rows: A = (Z[k] + conj Z[−k])/2, B = (Z[k] − conj Z[−k])/2i.
    const baseA = ra * half;
    const baseB = rb * half;
    for (let k = 0; k < half; k++) {
      const m = k === 0 ? 0 : nxF - k;
      const zr = row.re[k] as number;
      const zi = row.im[k] as number;
      const cr = row.re[m] as number;
      const ci = row.im[m] as number;
      outRe[baseA + k] = 0.5 * (zr + cr);
      outIm[baseA + k] = 0.5 * (zi - ci);
      if (rb >= 0) {
        outRe[baseB + k] = 0.5 * (zi + ci);
        outIm[baseB + k] = -0.5 * (zr - cr);
      }
    }
  }
  fft(colPlan, outRe, outIm, work.re, work.im, half);
}

// ---------------------------------------------------------------------------------------------------------------
// FFT: mixed radix (4, 2, 3, 5), Stockham autosort (no bit reversal), decimation in frequency.

/** The smallest 2^a·3^b·5^c at least `n`. */
function fftSize(n: number): number {
  let best = Infinity;
  for (let p2 = 1; p2 < 2 * n; p2 *= 2) {
    for (let p3 = p2; p3 < 2 * n; p3 *= 3) {
      for (let p5 = p3; p5 < 2 * n; p5 *= 5) {
        if (p5 >= n && p5 < best) best = p5;
      }
    }
  }
  return best;
}

interface FftStage {
  radix: number;
  /** Length of the sub-transforms after this stage. */
  m: number;
  /** w^(j·k) for j < m, k = 1 … radix − 1, w = exp(−2πi / (m·radix)), at [j·(radix − 1) + k − 1]. */
  twRe: Float64Array;
  twIm: Float64Array;
}

interface FftPlan {
  n: number;
  stages: FftStage[];
}

function fftPlan(n: number): FftPlan {
  const radices: number[] = [];
  let rest = n;
  for (const p of [4, 2, 3, 5]) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  if (rest !== 1) throw new RangeError(`FFT length ${n} has a prime factor above 5`);
  const stages: FftStage[] = [];
  let length = n;
  for (const p of radices) {
    const m = length / p;
    const twRe = new Float64Array(m * (p - 1));
    const twIm = new Float64Array(m * (p - 1));
    for (let j = 0; j < m; j++) {
      for (let k = 1; k < p; k++) {
        const angle = (-2 * Math.PI * ((j * k) % length)) / length;
        twRe[j * (p - 1) + k - 1] = Math.cos(angle);
        twIm[j * (p - 1) + k - 1] = Math.sin(angle);
      }
    }
    stages.push({ radix: p, m, twRe, twIm });
    length = m;
  }
  return { n, stages };
}

/**
 * In-place forward DFT (X[k] = Σ x[j]·e^(−2πijk/n)) of `batch` interleaved sequences: element j of sequence q is
 * at q + batch·j. `wRe`, `wIm` are scratch of the same length. Passing (im, re, wIm, wRe) gives n × the inverse.
 */
function fft(
  plan: FftPlan,
  re: Float64Array,
  im: Float64Array,
  wRe: Float64Array,
  wIm: Float64Array,
  batch: number,
): void {
  let xr = re;
  let xi = im;
  let yr = wRe;
  let yi = wIm;
  let s = batch;
  for (const stage of plan.stages) {
    const { m, twRe, twIm } = stage;
    if (stage.radix === 4) radix4(xr, xi, yr, yi, s, m, twRe, twIm);
    else if (stage.radix === 2) radix2(xr, xi, yr, yi, s, m, twRe, twIm);
    else if (stage.radix === 3) radix3(xr, xi, yr, yi, s, m, twRe, twIm);
    else radix5(xr, xi, yr, yi, s, m, twRe, twIm);
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
    s *= stage.radix;
  }
  if (xr !== re) {
    const length = plan.n * batch;
    re.set(xr.subarray(0, length));
    im.set(xi.subarray(0, length));
  }
}

// One stage: for each j < m and each of the s interleaved sequences q, the radix-p DFT of x[q + s(j + m·r)],
// r < p, times w^(j·k), goes to y[q + s(p·j + k)].

function radix2(
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  s: number,
  m: number,
  twRe: Float64Array,
  twIm: Float64Array,
): void {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const wr = twRe[j] as number;
    const wi = twIm[j] as number;
    const inBase = s * j;
    const outBase = 2 * s * j;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const ar = xr[i0] as number;
      const ai = xi[i0] as number;
      const br = xr[i1] as number;
      const bi = xi[i1] as number;
      const o = outBase + q;
      yr[o] = ar + br;
      yi[o] = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      yr[o + s] = dr * wr - di * wi;
      yi[o + s] = dr * wi + di * wr;
    }
  }
}

function radix4(
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  s: number,
  m: number,
  twRe: Float64Array,
  twIm: Float64Array,
): void {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[3 * j] as number;
    const w1i = twIm[3 * j] as number;
    const w2r = twRe[3 * j + 1] as number;
    const w2i = twIm[3 * j + 1] as number;
    const w3r = twRe[3 * j + 2] as number;
    const w3i = twIm[3 * j + 2] as number;
    const inBase = s * j;
    const outBase = 4 * s * j;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const i2 = i1 + sm;
      const i3 = i2 + sm;
      const a0r = xr[i0] as number;
      const a0i = xi[i0] as number;
      const a1r = xr[i1] as number;
      const a1i = xi[i1] as number;
      const a2r = xr[i2] as number;
      const a2i = xi[i2] as number;
      const a3r = xr[i3] as number;
      const a3i = xi[i3] as number;
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = a1r - a3r;
      const t3i = a1i - a3i;
      // b1 = t1 − i·t3, b3 = t1 + i·t3 (w₄ = −i).
      const b1r = t1r + t3i;
      const b1i = t1i - t3r;
      const b2r = t0r - t2r;
      const b2i = t0i - t2i;
      const b3r = t1r - t3i;
      const b3i = t1i + t3r;
      const o = outBase + q;
      yr[o] = t0r + t2r;
      yi[o] = t0i + t2i;
      yr[o + s] = b1r * w1r - b1i * w1i;
      yi[o + s] = b1r * w1i + b1i * w1r;
      yr[o + 2 * s] = b2r * w2r - b2i * w2i;
      yi[o + 2 * s] = b2r * w2i + b2i * w2r;
      yr[o + 3 * s] = b3r * w3r - b3i * w3i;
      yi[o + 3 * s] = b3r * w3i + b3i * w3r;
    }
  }
}

const sin60 = Math.sqrt(3) / 2;

function radix3(
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  s: number,
  m: number,
  twRe: Float64Array,
  twIm: Float64Array,
): void {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[2 * j] as number;
    const w1i = twIm[2 * j] as number;
    const w2r = twRe[2 * j + 1] as number;
    const w2i = twIm[2 * j + 1] as number;
    const inBase = s * j;
    const outBase = 3 * s * j;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const i1 = i0 + sm;
      const i2 = i1 + sm;
      const a0r = xr[i0] as number;
      const a0i = xi[i0] as number;
      const a1r = xr[i1] as number;
      const a1i = xi[i1] as number;
      const a2r = xr[i2] as number;
      const a2i = xi[i2] as number;
      const sr = a1r + a2r;
      const si = a1i + a2i;
      const mr = a0r - 0.5 * sr;
      const mi = a0i - 0.5 * si;
      // −i·(√3/2)·(a1 − a2)
      const nr = sin60 * (a1i - a2i);
      const ni = -sin60 * (a1r - a2r);
      const b1r = mr + nr;
      const b1i = mi + ni;
      const b2r = mr - nr;
      const b2i = mi - ni;
      const o = outBase + q;
      yr[o] = a0r + sr;
      yi[o] = a0i + si;
      yr[o + s] = b1r * w1r - b1i * w1i;
      yi[o + s] = b1r * w1i + b1i * w1r;
      yr[o + 2 * s] = b2r * w2r - b2i * w2i;
      yi[o + 2 * s] = b2r * w2i + b2i * w2r;
    }
  }
}

const cos72 = Math.cos((2 * Math.PI) / 5);
const cos144 = Math.cos((4 * Math.PI) / 5);
const sin72 = Math.sin((2 * Math.PI) / 5);
const sin144 = Math.sin((4 * Math.PI) / 5);

function radix5(
  xr: Float64Array,
  xi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  s: number,
  m: number,
  twRe: Float64Array,
  twIm: Float64Array,
): void {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[4 * j] as number;
    const w1i = twIm[4 * j] as number;
    const w2r = twRe[4 * j + 1] as number;
    const w2i = twIm[4 * j + 1] as number;
    const w3r = twRe[4 * j + 2] as number;
    const w3i = twIm[4 * j + 2] as number;
    const w4r = twRe[4 * j + 3] as number;
    const w4i = twIm[4 * j + 3] as number;
    const inBase = s * j;
    const outBase = 5 * s * j;
    for (let q = 0; q < s; q++) {
      const i0 = inBase + q;
      const a0r = xr[i0] as number;
      const a0i = xi[i0] as number;
      const a1r = xr[i0 + sm] as number;
      const a1i = xi[i0 + sm] as number;
      const a2r = xr[i0 + 2 * sm] as number;
      const a2i = xi[i0 + 2 * sm] as number;
      const a3r = xr[i0 + 3 * sm] as number;
      const a3i = xi[i0 + 3 * sm] as number;
      const a4r = xr[i0 + 4 * sm] as number;
      const a4i = xi[i0 + 4 * sm] as number;
      const t1r = a1r + a4r;
      const t1i = a1i + a4i;
      const t2r = a2r + a3r;
      const t2i = a2i + a3i;
      const t3r = a1r - a4r;
      const t3i = a1i - a4i;
      const t4r = a2r - a3r;
      const t4i = a2i - a3i;
      const c1r = a0r + cos72 * t1r + cos144 * t2r;
      const c1i = a0i + cos72 * t1i + cos144 * t2i;
      const c2r = a0r + cos144 * t1r + cos72 * t2r;
      const c2i = a0i + cos144 * t1i + cos72 * t2i;
      // u1 = sin72·t3 + sin144·t4, u2 = sin144·t3 − sin72·t4; b1 = c1 − i·u1, b4 = c1 + i·u1, b2 = c2 − i·u2, b3 = c2 + i·u2.
      const u1r = sin72 * t3r + sin144 * t4r;
      const u1i = sin72 * t3i + sin144 * t4i;
      const u2r = sin144 * t3r - sin72 * t4r;
      const u2i = sin144 * t3i - sin72 * t4i;
      const b1r = c1r + u1i;
      const b1i = c1i - u1r;
      const b4r = c1r - u1i;
      const b4i = c1i + u1r;
      const b2r = c2r + u2i;
      const b2i = c2i - u2r;
      const b3r = c2r - u2i;
      const b3i = c2i + u2r;
      const o = outBase + q;
      yr[o] = a0r + t1r + t2r;
      yi[o] = a0i + t1i + t2i;
      yr[o + s] = b1r * w1r - b1i * w1i;
      yi[o + s] = b1r * w1i + b1i * w1r;
      yr[o + 2 * s] = b2r * w2r - b2i * w2i;
      yi[o + 2 * s] = b2r * w2i + b2i * w2r;
      yr[o + 3 * s] = b3r * w3r - b3i * w3i;
      yi[o + 3 * s] = b3r * w3i + b3i * w3r;
      yr[o + 4 * s] = b4r * w4r - b4i * w4i;
      yi[o + 4 * s] = b4r * w4i + b4i * w4r;
    }
  }
}
