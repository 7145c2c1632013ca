import { describe, expect, it } from 'vitest';
import { flaggedCount, hitMetrics, rankCells } from './metrics.js';

describe('rankCells', () => {
  it('ranks inside cells by score, ties in increasing index, and leaves outside cells out', () => {
    const scores = Float64Array.of(1, 3, 3, 0, 5, 3);
    const inside = Uint8Array.of(1, 1, 1, 1, 0, 1);
    expect([...rankCells(scores, inside)]).toEqual([1, 2, 5, 0, 3]);
  });
});

describe('hitMetrics', () => {
  // A 2 × 5 grid, every cell inside. Test window: 10 crimes; training window: 20.
  const test = Float64Array.of(4, 0, 1, 2, 0, 0, 3, 0, 0, 0);
  const training = Float64Array.of(5, 5, 0, 2, 0, 0, 8, 0, 0, 0);

  it('computes hit rate, PAI, PEI and RRI by hand on a tiny grid', () => {
    // Scores rank cells 6, 1, 0, … : with 20 % of the area, cells 6 and 1 are flagged.
    const ranked = rankCells(Float64Array.of(5, 8, 0, 1, 0, 0, 9, 0, 0, 0), new Uint8Array(10).fill(1));
    const m = hitMetrics(ranked, 0.2, test, training);
    expect(m.cells).toBe(2);
    expect(m.areaShare).toBe(0.2);
    expect(m.captured).toBe(3);
    expect(m.crimes).toBe(10);
    expect(m.hitRate).toBeCloseTo(0.3, 12);
    expect(m.pai).toBeCloseTo(1.5, 12); // 0.3 / 0.2
    expect(m.pei).toBeCloseTo(3 / 7, 12); // the best two cells held 4 + 3
    // n₁ = 8 + 5 = 13 in training, n₂ = 3; N₁ = 20, N₂ = 10: (3/13) / (10/20).
    expect(m.rri).toBeCloseTo(3 / 13 / 0.5, 12);
  });

  it('breaks ties by cell index, so equal scores always flag the same cells', () => {
    const ranked = rankCells(new Float64Array(10).fill(1), new Uint8Array(10).fill(1));
    const m = hitMetrics(ranked, 0.3, test, training); // cells 0, 1, 2
    expect(m.captured).toBe(5);
    expect(m.pei).toBeCloseTo(5 / 9, 12); // best three: 4 + 3 + 2
  });

  it('agrees with the PAI and PEI of the worked example of Wheeler’s ptools::pai (six equal areas)', () => {
    // Observed 6, 7, 3, 2, 1, 0 and predicted 8, 4, 4, 2, 1, 0; ptools breaks the tie of the two 4s towards the
    // smaller count (3 before 7), as the cell order does here. Its definitions give PAI 1.8947 / 1.4211 / 1.6842 and PEI
    // 0.8571 / 0.6923 / 1 at the top 1, 2 and 3 areas.
    const observed = Float64Array.of(6, 3, 7, 2, 1, 0);
    const ranked = rankCells(Float64Array.of(8, 4, 4, 2, 1, 0), new Uint8Array(6).fill(1));
    const at = (cells: number) => hitMetrics(ranked, cells / 6, observed);
    expect([1, 2, 3].map((k) => at(k).pai?.toFixed(4))).toEqual(['1.8947', '1.4211', '1.6842']);
    expect([1, 2, 3].map((k) => at(k).pei?.toFixed(4))).toEqual(['0.8571', '0.6923', '1.0000']);
  });

  it('gives null where a denominator is zero', () => {
    const ranked = rankCells(new Float64Array(10), new Uint8Array(10).fill(1));
    const m = hitMetrics(ranked, 0.1, new Float64Array(10), new Float64Array(10));
    expect(m).toMatchObject({ captured: 0, crimes: 0, hitRate: null, pai: null, pei: null, rri: null });
  });

  it('flags at least one cell and never more than there are', () => {
    expect(flaggedCount(0.005, 100)).toBe(1);
    expect(flaggedCount(0.01, 1000)).toBe(10);
    expect(flaggedCount(0.05, 30)).toBe(1);
    expect(flaggedCount(1, 7)).toBe(7);
    expect(() => flaggedCount(0, 10)).toThrow(RangeError);
  });
});
