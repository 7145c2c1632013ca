import { describe, expect, it } from 'vitest';
import { disparity, gini, median, theil } from './disparity.js';

const plain = (values: number[]) => values.map((value) => ({ value }));

describe('gini', () => {
  it('is 0.2667 for 1…5, as R’s ineq::Gini (no small-sample correction)', () => {
    expect(gini(plain([1, 2, 3, 4, 5]))).toBeCloseTo(4 / 15, 12);
  });

  it('is 0 for equal values and (n − 1)/n when one area has everything', () => {
    expect(gini(plain([7, 7, 7]))).toBe(0);
    expect(gini(plain([0, 0, 0, 10]))).toBeCloseTo(3 / 4, 12);
  });

  it('weights areas as if each were repeated by its weight', () => {
    const weighted = gini([
      { value: 10, weight: 1 },
      { value: 20, weight: 1 },
      { value: 30, weight: 2 },
      { value: 40, weight: 2 },
      { value: 50, weight: 4 },
    ]);
    expect(weighted).toBeCloseTo(gini(plain([10, 20, 30, 30, 40, 40, 50, 50, 50, 50])) ?? Number.NaN, 12);
    // Σ wᵢwⱼ|xᵢ−xⱼ| = 2 × 1460 over 2 × 10² × 37, computed by hand.
    expect(weighted).toBeCloseTo(1460 / 7400, 12);
  });

  it('is null for no areas or nothing to share', () => {
    expect(gini([])).toBeNull();
    expect(gini(plain([0, 0]))).toBeNull();
  });

  it('refuses negative values and non-positive weights', () => {
    expect(() => gini(plain([1, -1]))).toThrow(RangeError);
    expect(() => gini([{ value: 1, weight: 0 }])).toThrow(RangeError);
  });
});

describe('theil', () => {
  it('is 0.1197 for 1…5, as R’s ineq::Theil', () => {
    const mean = 3;
    const byHand = [1, 2, 3, 4, 5].reduce((s, x) => s + (x / mean) * Math.log(x / mean), 0) / 5;
    expect(theil(plain([1, 2, 3, 4, 5]))).toBeCloseTo(byHand, 12);
    expect(theil(plain([1, 2, 3, 4, 5]))?.toFixed(4)).toBe('0.1197');
  });

  it('is 0 for equality and ln n when one of n areas has everything', () => {
    expect(theil(plain([3, 3, 3, 3]))).toBe(0);
    expect(theil(plain([0, 0, 0, 8]))).toBeCloseTo(Math.log(4), 12);
  });

  it('weights areas as if each were repeated by its weight', () => {
    const weighted = theil([
      { value: 10, weight: 1 },
      { value: 50, weight: 3 },
    ]);
    expect(weighted).toBeCloseTo(theil(plain([10, 50, 50, 50])) ?? Number.NaN, 12);
  });
});

describe('disparity', () => {
  it('takes the largest over the median where more is worse (response times)', () => {
    // Minutes at the 90th percentile in five provinces: median 12, worst 30.
    const d = disparity(plain([10, 12, 11, 30, 14]), 'higher');
    expect(d).toMatchObject({ areas: 5, median: 12, worst: 30 });
    expect(d.worstToMedian).toBeCloseTo(2.5, 12);
  });

  it('takes the median over the smallest where less is worse (clearance), null at a zero', () => {
    const d = disparity(plain([0.9, 0.95, 0.6, 0.92]), 'lower');
    expect(d.median).toBeCloseTo(0.91, 12);
    expect(d.worst).toBe(0.6);
    expect(d.worstToMedian).toBeCloseTo(0.91 / 0.6, 12);
    expect(disparity(plain([0, 1, 2]), 'lower').worstToMedian).toBeNull();
  });

  it('is empty for no areas', () => {
    expect(disparity([], 'higher')).toEqual({
      areas: 0,
      gini: null,
      theil: null,
      worstToMedian: null,
      median: null,
      worst: null,
    });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
