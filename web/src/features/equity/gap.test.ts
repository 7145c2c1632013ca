import { describe, expect, it } from 'vitest';
import { gapClass, gapColour, worseByPct } from './gap.js';

const figure = (ratio: number | null) => ({ value: 1, n: 10, difference: 0, ratio, worse: null, rank: 1 });

describe('the gap to the national standard', () => {
  it('counts a longer time and a lower share as worse', () => {
    expect(worseByPct(figure(1.5), 'higher')).toBeCloseTo(50, 9);
    expect(worseByPct(figure(0.8), 'lower')).toBeCloseTo(20, 9);
    expect(worseByPct(figure(0.8), 'higher')).toBeCloseTo(-20, 9);
    expect(worseByPct(figure(null), 'higher')).toBeNull();
  });

  it('puts gaps into five classes from much better to much worse, and none without a figure', () => {
    expect([-40, -25, -15, -10, 0, 9.9, 10, 24, 25, 150].map(gapClass)).toEqual([0, 1, 1, 2, 2, 2, 3, 3, 4, 4]);
    expect(gapClass(null)).toBe(-1);
    expect(gapColour(80)).toBe('#b2182b');
    expect(gapColour(null)).toBe('#d4d4d4');
  });
});
