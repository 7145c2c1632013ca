import { describe, expect, it } from 'vitest';
import {
  cumulativeOf,
  exponential,
  hashString,
  logGamma,
  logNormal,
  normal,
  pickWeighted,
  poisson,
  seededRandom,
  type Random,
} from './random.js';

const draw = (random: Random, n: number) => Array.from({ length: n }, () => random());

function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('seededRandom', () => {
  it('gives the same stream for the same seed', () => {
    expect(draw(seededRandom(2026, 'city', 'Casablanca'), 1000)).toEqual(
      draw(seededRandom(2026, 'city', 'Casablanca'), 1000),
    );
  });

  it('gives different streams for different names, seeds or part orders', () => {
    const first = draw(seededRandom(2026, 'city', 'Casablanca'), 20);
    for (const other of [
      seededRandom(2026, 'city', 'Agadir'),
      seededRandom(2027, 'city', 'Casablanca'),
      seededRandom(2026, 'Casablanca', 'city'),
      seededRandom(2026),
    ]) {
      const values = draw(other, 20);
      expect(values).not.toEqual(first);
      expect(values.filter((v, i) => v === first[i]).length).toBeLessThan(2);
    }
  });

  it('draws uniformly in [0, 1)', () => {
    const values = draw(seededRandom(1), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const deciles = new Array<number>(10).fill(0);
    for (const v of values) {
      const decile = Math.floor(v * 10);
      deciles[decile] = (deciles[decile] ?? 0) + 1;
    }
    for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    const { mean, variance } = moments(values);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('hashes names with FNV-1a', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('continuous deviates', () => {
  it('draws standard normals with mean 0 and variance 1', () => {
    const random = seededRandom(11, 'normal');
    const { mean, variance } = moments(Array.from({ length: 50_000 }, () => normal(random)));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it('draws exponentials with the requested mean', () => {
    const random = seededRandom(12, 'exponential');
    const { mean } = moments(Array.from({ length: 50_000 }, () => exponential(random, 4)));
    expect(Math.abs(mean - 4)).toBeLessThan(0.1);
  });

  it('draws log-normals around the requested median', () => {
    const random = seededRandom(13, 'log-normal');
    const values = Array.from({ length: 50_000 }, () => logNormal(random, 6, 0.5));
    expect(Math.abs(median(values) - 6) / 6).toBeLessThan(0.02);
    expect(Math.min(...values)).toBeGreaterThan(0);
  });
});

describe('poisson', () => {
  const sample = (mean: number, n: number, seed: number) => {
    const random = seededRandom(seed, 'poisson', String(mean));
    return Array.from({ length: n }, () => poisson(random, mean));
  };

  it.each([0.05, 0.8, 3, 9.5, 10, 25, 150, 4000])('has mean and variance near %d', (lambda) => {
    const n = 40_000;
    const values = sample(lambda, n, 21);
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const { mean, variance } = moments(values);
    // Four standard errors: the mean's is √(λ/n), the variance's about λ·√(2/n) (plus a small-λ term).
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    expect(Math.abs(variance - lambda)).toBeLessThan(4 * Math.sqrt((2 * lambda * lambda + lambda) / n));
  });

  it('matches the probability of zero and of the mode for a small and a large mean', () => {
    const n = 40_000;
    for (const lambda of [2, 30]) {
      const values = sample(lambda, n, 22);
      for (const k of [0, Math.floor(lambda)]) {
        const p = Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1));
        const observed = values.filter((v) => v === k).length / n;
        expect(Math.abs(observed - p), `λ=${lambda}, k=${k}`).toBeLessThan(4 * Math.sqrt(p / n) + 1e-4);
      }
    }
  });

  it('returns 0 for a zero mean without drawing', () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0.5;
    };
    expect(poisson(random, 0)).toBe(0);
    expect(draws).toBe(0);
  });

  it('throws a RangeError for a negative, infinite or missing mean', () => {
    const random = seededRandom(1);
    for (const mean of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => poisson(random, mean)).toThrow(RangeError);
    }
  });
});

describe('logGamma', () => {
  it('gives log factorials at the integers', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 10);
  });

  it('gives Γ(1/2) = √π and uses the reflection formula below 1/2', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // Γ(1/4) = 3.625609908221908…
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 12);
  });

  it('is accurate for large arguments (Stirling)', () => {
    const x = 1000;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
    expect(Math.abs(logGamma(x) - stirling) / stirling).toBeLessThan(1e-12);
  });
});

describe('pickWeighted and cumulativeOf', () => {
  it('picks indexes in proportion to their weights and never a zero weight', () => {
    const weights = [1, 0, 3, 6, 0];
    const cumulative = cumulativeOf(weights);
    expect(cumulative).toEqual([1, 1, 4, 10, 10]);
    const random = seededRandom(31, 'pick');
    const counts = new Array<number>(weights.length).fill(0);
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const index = pickWeighted(random, cumulative);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect(counts[4]).toBe(0);
    for (const [i, w] of weights.entries()) {
      const p = w / 10;
      expect(Math.abs((counts[i] as number) / n - p), `index ${i}`).toBeLessThan(
        4 * Math.sqrt((p * (1 - p)) / n) + 1e-9,
      );
    }
  });

  it('picks the first and last positive weights at the ends of the unit interval', () => {
    const cumulative = cumulativeOf([0, 2, 0, 5, 0]);
    expect(pickWeighted(() => 0, cumulative)).toBe(1);
    expect(pickWeighted(() => 0.9999999, cumulative)).toBe(3);
    expect(pickWeighted(() => 2 / 7 - 1e-12, cumulative)).toBe(1);
    expect(pickWeighted(() => 2 / 7, cumulative)).toBe(3);
  });

  it('refuses negative or missing weights', () => {
    expect(() => cumulativeOf([1, -1])).toThrow(RangeError);
    expect(() => cumulativeOf([1, Number.NaN])).toThrow(RangeError);
  });
});
