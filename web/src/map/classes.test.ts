import { describe, expect, it } from 'vitest';
import { classBreaks, classIndex, classRanges, ratePalette } from './classes.js';

describe('classBreaks', () => {
  it('splits values into quantile classes rounded to two significant digits', () => {
    const values = [1.04, 2.2, 3.31, 4.9, 5.56, 6.1, 7.77, 8.2, 9.93, 10.4];
    expect(classBreaks(values, 5)).toEqual([3.3, 5.6, 7.8, 9.9]);
  });

  it('gives no breaks for a single distinct value, and skips duplicate quantiles', () => {
    expect(classBreaks([4, 4, 4], 5)).toEqual([]);
    expect(classBreaks([1, 1, 1, 1, 9], 5)).toEqual([9]);
    expect(classBreaks([], 5)).toEqual([]);
    expect(classBreaks([7.56], 5)).toEqual([]);
    expect(classBreaks([7.4, 7.56], 2)).toEqual([]);
  });

  it('ignores values that are not finite numbers', () => {
    expect(classBreaks([Number.NaN, 1, 2, 3, 4], 2)).toEqual([3]);
  });

  it('rejects a class count that is not a positive integer', () => {
    expect(() => classBreaks([1, 2], 0)).toThrow(RangeError);
  });
});

describe('classIndex', () => {
  it('places a value in the class whose lower bound it reaches', () => {
    const breaks = [10, 20, 30];
    expect([0, 9.99, 10, 25, 30, 400].map((v) => classIndex(v, breaks))).toEqual([0, 0, 1, 2, 3, 3]);
  });

  it('returns -1 when there is no value', () => {
    expect(classIndex(null, [10])).toBe(-1);
  });

  it('has one colour per class', () => {
    expect(ratePalette([10, 20, 30])).toHaveLength(4);
    expect(ratePalette([])).toHaveLength(1);
  });
});

describe('classRanges', () => {
  it('gives open ends to the first and last classes', () => {
    expect(classRanges([10, 20])).toEqual([
      { from: null, to: 10 },
      { from: 10, to: 20 },
      { from: 20, to: null },
    ]);
    expect(classRanges([])).toEqual([{ from: null, to: null }]);
  });
});
