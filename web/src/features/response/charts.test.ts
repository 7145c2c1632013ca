import { describe, expect, it } from 'vitest';
import { axisTop } from './charts.js';

describe('axisTop', () => {
  it('rounds the largest value up to 1, 2 or 5 times a power of ten, small values included', () => {
    expect(axisTop([3, 17, null])).toBe(20);
    expect(axisTop([0.13, 0.04])).toBe(0.2);
    expect(axisTop([2.5])).toBe(5);
    expect(axisTop([100])).toBe(100);
  });

  it('gives 1 without a positive value', () => {
    expect(axisTop([])).toBe(1);
    expect(axisTop([null, 0])).toBe(1);
  });
});
