import { describe, expect, it } from 'vitest';
import { binBounds, histogramPercentile, histogramStats, type Histogram } from './response-histogram.js';
import { percentileCont } from './response-times.js';
import { seededRandom } from './random.js';

const edges = [1, 2, 4, 8, 16];
const binOf = (x: number) => edges.filter((e) => e < x).length;
const histogramOf = (values: number[]): Histogram => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(binOf(v), (counts.get(binOf(v)) ?? 0) + 1);
  const bins = [...counts.keys()].sort((a, b) => a - b);
  return { bins, counts: bins.map((b) => counts.get(b) as number) };
};

describe('histogramPercentile', () => {
  it('spreads a bin’s durations evenly over it', () => {
    // Four durations in (4, 8]: at 4.5, 5.5, 6.5 and 7.5; the median halfway between the middle two.
    expect(histogramPercentile(edges, { bins: [3], counts: [4] }, 0.5)).toBe(6);
    expect(histogramPercentile(edges, { bins: [3], counts: [4] }, 0)).toBe(4.5);
  });
  it('interpolates between two bins as percentile_cont does between two ranks', () => {
    // One duration in (1, 2] at 1.5, one in (8, 16] at 12: the median is halfway, 6.75.
    expect(histogramPercentile(edges, { bins: [1, 4], counts: [1, 1] }, 0.5)).toBe(6.75);
  });
  it('gives null for an empty histogram, and the last edge for the overflow', () => {
    expect(histogramStats(edges, { bins: [], counts: [] })).toEqual({ n: 0, medianSeconds: null, p90Seconds: null });
    expect(histogramPercentile(edges, { bins: [5], counts: [3] }, 0.9)).toBe(16);
    expect(binBounds(edges, 0)).toEqual([0, 1]);
  });
  it('stays within the width of the bins holding the two ranks of percentile_cont', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => 0.5 + random() * 15);
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        const h = p * (sorted.length - 1);
        const width = (x: number) => {
          const [lo, hi] = binBounds(edges, binOf(x));
          return hi - lo;
        };
        const f = h - Math.floor(h);
        const bound = (1 - f) * width(sorted[Math.floor(h)] as number) + f * width(sorted[Math.ceil(h)] as number);
        const estimate = histogramPercentile(edges, histogramOf(values), p) as number;
        expect(Math.abs(estimate - (percentileCont(sorted, p) as number))).toBeLessThanOrEqual(bound + 1e-12);
      }
    }
  });
});
