import { describe, expect, it } from 'vitest';
import {
  defaultCellSize,
  expectedCounts,
  kde,
  kdeKernels,
  kernelSd,
  kernelSupportRadius,
  kernelValue,
  scottBandwidth,
  type DensitySurface,
  type KdeGrid,
  type KdeKernel,
} from './kde.js';
import { normal, seededRandom } from './random.js';

const compactKernels = ['quartic', 'epanechnikov', 'triangular', 'uniform'] as const;

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs((a[k] as number) - (b[k] as number)));
  return worst;
}

function peakOf(surface: DensitySurface): number {
  return Math.max(...surface.values);
}

/** Clustered points with weights, inside a 1 km × 800 m box. */
function clusteredPoints(n: number, seed: number) {
  const random = seededRandom(seed, 'kde-test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const centre = i % 3;
    x[i] = 250 + 250 * centre + 60 * normal(random);
    y[i] = 300 + 100 * centre + 50 * normal(random);
    weight[i] = 0.5 + random();
  }
  return { x, y, weight };
}

describe('kernels', () => {
  // A fine grid over the support (±8 sd for the gaussian), the midpoint rule.
  function integrate(kernel: KdeKernel, sdM: number, f: (r: number) => number): number {
    const extent = kernel === 'gaussian' ? 8 * sdM : kernelSupportRadius(kernel, sdM);
    const steps = 800;
    const h = (2 * extent) / steps;
    let total = 0;
    for (let a = 0; a < steps; a++) {
      const u = -extent + (a + 0.5) * h;
      for (let b = 0; b < steps; b++) {
        const v = -extent + (b + 0.5) * h;
        const r = Math.hypot(u, v);
        total += f(r) * kernelValue(kernel, r, sdM);
      }
    }
    return total * h * h;
  }

  for (const kernel of kdeKernels) {
    it(`integrates to 1: ${kernel}`, () => {
      expect(Math.abs(integrate(kernel, 37, () => 1) - 1)).toBeLessThan(1e-3);
    });

    it(`has standard deviation sd per axis, E[r²] = 2 sd²: ${kernel}`, () => {
      const sd = 37;
      expect(Math.abs(integrate(kernel, sd, (r) => r * r) / (2 * sd * sd) - 1)).toBeLessThan(1e-3);
    });
  }

  it('converts between support radius and standard deviation exactly', () => {
    // E[r²] = ∫₀¹ r² k(r) 2πr dr for unit radius, and sd = (E[r²]/2)^½:
    //   quartic (3/π)(1 − r²)²: E[r²] = 6(1/4 − 2/6 + 1/8) = 1/4, sd = 1/√8
    //   epanechnikov (2/π)(1 − r²): E[r²] = 4(1/4 − 1/6) = 1/3, sd = 1/√6
    //   triangular (3/π)(1 − r): E[r²] = 6(1/4 − 1/5) = 3/10, sd = √(3/20)
    //   uniform 1/π: E[r²] = 2/4 = 1/2, sd = 1/2
    expect(kernelSupportRadius('quartic', 100)).toBeCloseTo(100 * Math.sqrt(8), 10);
    expect(kernelSupportRadius('epanechnikov', 100)).toBeCloseTo(100 * Math.sqrt(6), 10);
    expect(kernelSupportRadius('triangular', 100)).toBeCloseTo(100 * Math.sqrt(20 / 3), 10);
    expect(kernelSupportRadius('uniform', 100)).toBeCloseTo(200, 10);
    expect(kernelSupportRadius('gaussian', 100)).toBeCloseTo(500, 10);
    for (const kernel of compactKernels) {
      expect(kernelSd(kernel, kernelSupportRadius(kernel, 123))).toBeCloseTo(123, 10);
    }
  });

  it('gives the textbook formula at the centre and zero at the support radius', () => {
    expect(kernelValue('quartic', 0, 100 / Math.sqrt(8))).toBeCloseTo(3 / (Math.PI * 100 * 100), 15);
    expect(kernelValue('quartic', 50, 100 / Math.sqrt(8))).toBeCloseTo((3 / Math.PI) * 0.75 ** 2 * 1e-4, 15);
    expect(kernelValue('epanechnikov', 100, 100 / Math.sqrt(6))).toBe(0);
    expect(kernelValue('uniform', 100, 50)).toBeCloseTo(1 / (Math.PI * 100 * 100), 15);
    expect(kernelValue('uniform', 100.001, 50)).toBe(0);
    expect(kernelValue('gaussian', 10, 10)).toBeCloseTo(Math.exp(-0.5) / (2 * Math.PI * 100), 15);
  });
});

describe('kde', () => {
  const grid: KdeGrid = { originXM: 0, originYM: 0, cellSizeM: 10, nx: 100, ny: 80 };

  it("puts a single point's kernel on the grid: each cell centre has the kernel's value there", () => {
    // A point at the centre of cell (50, 40), i.e. (505, 405); radius 300 m = 30 cells.
    for (const kernel of kdeKernels) {
      const bandwidth = kernel === 'gaussian' ? { sdM: 60 } : { radiusM: 300 };
      const surface = kde({ x: [505], y: [405] }, { kernel, bandwidth, grid });
      let worst = 0;
      for (let j = 0; j < grid.ny; j++) {
        for (let i = 0; i < grid.nx; i++) {
          const r = Math.hypot((i + 0.5) * 10 - 505, (j + 0.5) * 10 - 405);
          const expected = kernelValue(kernel, r, surface.sdM);
          worst = Math.max(worst, Math.abs((surface.values[j * grid.nx + i] as number) - expected));
        }
      }
      // The samples are scaled to sum to 1, which moves them by less than 1e-4 of the peak at 30 cells a radius;
      // except the disc's, which has 2,821 cell centres inside where its area is π·30² = 2,827.4 cells.
      expect(worst / kernelValue(kernel, 0, surface.sdM)).toBeLessThan(kernel === 'uniform' ? 2.5e-3 : 1e-4);
      expect(surface.values[40 * grid.nx + 50]).toBe(peakOf(surface));
    }
  });

  it('indexes cells row by row from the south-west', () => {
    // A point in cell (i, j) = (7, 3), with a kernel narrower than a cell.
    const surface = kde({ x: [75], y: [31] }, { bandwidth: { radiusM: 4 }, grid });
    expect(surface.values[3 * grid.nx + 7]).toBeCloseTo(1 / 100, 15);
    expect(sum(surface.values)).toBeCloseTo(1 / 100, 15);
  });

  it('conserves mass: sum × cell area is the total weight when the kernel stays on the grid', () => {
    const points = clusteredPoints(3000, 1);
    const total = sum(points.weight);
    const wide: KdeGrid = { originXM: -500, originYM: -500, cellSizeM: 10, nx: 200, ny: 180 };
    for (const kernel of kdeKernels) {
      for (const binning of ['simple', 'linear'] as const) {
        for (const method of ['fft', 'direct'] as const) {
          const surface = kde(points, { kernel, bandwidth: { sdM: 35 }, grid: wide, binning, method });
          expect(surface.binnedWeight).toBeCloseTo(total, 9);
          expect(sum(surface.values) * 100).toBeCloseTo(total, 8);
          expect(sum(expectedCounts(surface))).toBeCloseTo(total, 8);
        }
      }
    }
  });

  it('gives the same surface by FFT and by direct convolution, for grids whose FFTs need radices 2, 3, 4 and 5', () => {
    const points = clusteredPoints(500, 2);
    for (const [nx, ny, radiusM] of [
      [37, 29, 45],
      [100, 80, 120],
      [61, 125, 20],
      [13, 7, 200],
    ] as const) {
      const g = { originXM: 100, originYM: 150, cellSizeM: 10, nx, ny };
      for (const kernel of kdeKernels) {
        const bandwidth = kernel === 'gaussian' ? { sdM: radiusM / 3 } : { radiusM };
        const a = kde(points, { kernel, bandwidth, grid: g, method: 'fft' });
        const b = kde(points, { kernel, bandwidth, grid: g, method: 'direct' });
        expect(a.method).toBe('fft');
        expect(b.method).toBe('direct');
        expect(maxAbsDiff(a.values, b.values)).toBeLessThan(1e-12 * peakOf(b));
      }
    }
  });

  it('chooses direct convolution for a few points and FFT for many points under a wide kernel', () => {
    expect(kde({ x: [500], y: [400] }, { bandwidth: { radiusM: 100 }, grid }).method).toBe('direct');
    const many = clusteredPoints(20_000, 3);
    expect(kde(many, { bandwidth: { radiusM: 300 }, grid }).method).toBe('fft');
  });

  it('weighs points: the weighted surface is the weighted sum of single-point surfaces', () => {
    const options = { bandwidth: { radiusM: 120 }, grid } as const;
    const a = kde({ x: [300], y: [300] }, options);
    const b = kde({ x: [380], y: [330] }, options);
    const both = kde({ x: [300, 380], y: [300, 330], weight: [2.5, -1] }, options);
    const expected = a.values.map((v, k) => 2.5 * v - (b.values[k] as number));
    expect(maxAbsDiff(both.values, expected)).toBeLessThan(1e-15);
    // A weight of 2 is the same as the point twice.
    const twice = kde({ x: [300, 300], y: [300, 300] }, options);
    const double = kde({ x: [300], y: [300], weight: [2] }, options);
    expect(maxAbsDiff(twice.values, double.values)).toBe(0);
  });

  it('gives zeros for no points on a given grid, and null when the grid or the bandwidth must come from the data', () => {
    const empty = { x: [], y: [] };
    const surface = kde(empty, { bandwidth: { radiusM: 50 }, grid });
    expect(surface.values).toHaveLength(8000);
    expect(surface.values.every((v) => v === 0)).toBe(true);
    expect(kde(empty, { bandwidth: { radiusM: 50 } })).toBeNull();
    expect(kde(empty, { bandwidth: { rule: 'scott' }, grid })).toBeNull();
    expect(kde({ x: [1, 1], y: [2, 5] }, { bandwidth: { rule: 'scott' }, grid })).toBeNull();
  });

  it("computes Scott's rule on a hand-worked example and uses it as the kernel's standard deviation", () => {
    // x = 0, 2, 0, 2: sd² = 4/3; y = 0, 0, 4, 4: sd² = 16/3. √(sdₓ·sd_y) = (64/9)^¼ = √(8/3), times 4^(−1/6).
    const points = { x: [0, 2, 0, 2], y: [0, 0, 4, 4] };
    const expected = Math.sqrt(8 / 3) * 4 ** (-1 / 6);
    expect(scottBandwidth(points)).toBeCloseTo(expected, 14);
    const surface = kde(points, { kernel: 'quartic', bandwidth: { rule: 'scott' }, grid: { ...grid, cellSizeM: 0.1 } });
    expect(surface?.sdM).toBeCloseTo(expected, 14);
    expect(surface?.supportRadiusM).toBeCloseTo(expected * Math.sqrt(8), 14);
    expect(scottBandwidth({ x: [1], y: [1] })).toBeNull();
  });

  it('takes the bandwidth as a support radius or as a standard deviation', () => {
    const points = { x: [500], y: [400] };
    const byRadius = kde(points, { kernel: 'epanechnikov', bandwidth: { radiusM: 200 }, grid });
    const bySd = kde(points, { kernel: 'epanechnikov', bandwidth: { sdM: 200 / Math.sqrt(6) }, grid });
    expect(bySd.supportRadiusM).toBeCloseTo(200, 12);
    expect(maxAbsDiff(byRadius.values, bySd.values)).toBeLessThan(1e-18);
    expect(() => kde(points, { kernel: 'gaussian', bandwidth: { radiusM: 200 }, grid })).toThrow(RangeError);
  });

  it('lets points just outside the grid reach into it, unless edge correction makes the grid the window', () => {
    const outside = { x: [-30], y: [400] };
    const plain = kde(outside, { bandwidth: { radiusM: 100 }, grid });
    expect(plain.values[40 * grid.nx]).toBeGreaterThan(0);
    expect(plain.binnedWeight).toBe(1);
    const corrected = kde(outside, { bandwidth: { radiusM: 100 }, grid, edgeCorrection: 'uniform' });
    expect(sum(corrected.values)).toBe(0);
    const far = kde({ x: [-200], y: [400] }, { bandwidth: { radiusM: 100 }, grid });
    expect(sum(far.values)).toBe(0);
    expect(far.binnedWeight).toBe(0);
  });

  it('corrects for edges: one point at every cell centre gives one point per cell everywhere', () => {
    const x: number[] = [];
    const y: number[] = [];
    for (let j = 0; j < grid.ny; j++) {
      for (let i = 0; i < grid.nx; i++) {
        x.push((i + 0.5) * 10);
        y.push((j + 0.5) * 10);
      }
    }
    const corrected = kde({ x, y }, { bandwidth: { radiusM: 60 }, grid, edgeCorrection: 'uniform' });
    for (const v of corrected.values) expect(v).toBeCloseTo(1 / 100, 12);
    const plain = kde({ x, y }, { bandwidth: { radiusM: 60 }, grid });
    expect(plain.values[0]).toBeLessThan(0.4 / 100);
    expect(plain.values[40 * grid.nx + 50]).toBeCloseTo(1 / 100, 12);
  });

  it('shares a point between the four nearest cell centres with linear binning', () => {
    // (20, 20) is the corner shared by cells (1, 1), (2, 1), (1, 2), (2, 2).
    const surface = kde({ x: [20], y: [20] }, { bandwidth: { radiusM: 4 }, grid, binning: 'linear' });
    for (const [i, j] of [
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ] as const) {
      expect(surface.values[j * grid.nx + i]).toBeCloseTo(0.25 / 100, 15);
    }
    expect(sum(surface.values)).toBeCloseTo(1 / 100, 15);
  });

  it('makes a default grid: the bounding box grown by the support radius, the shorter side in 250 cells', () => {
    const surface = kde({ x: [0, 1000], y: [0, 500] }, { bandwidth: { radiusM: 100 } });
    expect(surface).not.toBeNull();
    if (!surface) return;
    expect(surface.originXM).toBe(-100);
    expect(surface.originYM).toBe(-100);
    expect(surface.cellSizeM).toBeCloseTo(700 / 250, 12);
    expect(surface.nx).toBe(429); // 1200 / 2.8 = 428.57…
    expect(surface.ny).toBe(250);
    expect(defaultCellSize({ minXM: 0, minYM: 0, maxXM: 5000, maxYM: 2500 })).toBe(10);
    const fromExtent = kde(
      { x: [10], y: [10] },
      { bandwidth: { radiusM: 50 }, grid: { minXM: 0, minYM: 0, maxXM: 100, maxYM: 55, cellSizeM: 10 } },
    );
    expect([fromExtent?.nx, fromExtent?.ny]).toEqual([10, 6]);
  });

  it('refuses arrays of different lengths, non-finite values, bad bandwidths and bad grids', () => {
    const ok = { bandwidth: { radiusM: 50 }, grid };
    expect(() => kde({ x: [1, 2], y: [1] }, ok)).toThrow(RangeError);
    expect(() => kde({ x: [1], y: [1], weight: [1, 2] }, ok)).toThrow(RangeError);
    expect(() => kde({ x: [NaN], y: [1] }, ok)).toThrow(/point 0/);
    expect(() => kde({ x: [1], y: [1], weight: [Infinity] }, ok)).toThrow(/weight/);
    expect(() => kde({ x: [1], y: [1] }, { bandwidth: { radiusM: 0 }, grid })).toThrow(RangeError);
    expect(() => kde({ x: [1], y: [1] }, { bandwidth: { sdM: -1 }, grid })).toThrow(RangeError);
    expect(() => kde({ x: [1], y: [1] }, { bandwidth: { radiusM: 50 }, grid: { ...grid, nx: 0 } })).toThrow(RangeError);
    expect(() => kde({ x: [1], y: [1] }, { bandwidth: { radiusM: 50 }, grid: { ...grid, cellSizeM: 0 } })).toThrow(
      RangeError,
    );
    expect(() =>
      kde({ x: [1], y: [1] }, { bandwidth: { radiusM: 50 }, grid: { ...grid, nx: 10_000, ny: 10_000 } }),
    ).toThrow(/too large/);
  });
});
