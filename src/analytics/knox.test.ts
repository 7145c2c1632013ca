import { describe, expect, it } from 'vitest';
import { knox, type KnoxEvent } from './knox.js';
import { seededRandom } from './random.js';

const spatialEdgesM = [100, 200, 300, 400];
const temporalEdgesDays = [7, 14, 21, 28];

/** Every pair by brute force, in the same bands: the reference for the grid index and the "beyond" arithmetic. */
function bruteForce(events: readonly KnoxEvent[], spatial: number[], temporal: number[], manhattan = false) {
  const band = (value: number, edges: number[]) => {
    const k = edges.findIndex((edge) => value <= edge);
    return k < 0 ? edges.length : k;
  };
  const table = Array.from({ length: spatial.length + 1 }, () => new Array<number>(temporal.length + 1).fill(0));
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const a = events[i] as KnoxEvent;
      const b = events[j] as KnoxEvent;
      const d = manhattan ? Math.abs(a.x - b.x) + Math.abs(a.y - b.y) : Math.hypot(a.x - b.x, a.y - b.y);
      const row = table[band(d, spatial)] as number[];
      const t = band(Math.abs(a.t - b.t), temporal);
      row[t] = (row[t] as number) + 1;
    }
  }
  return table;
}

/** Background events uniform over 5 × 5 km and a year, plus planted repeats: within 80 m and 1–6 days after. */
function plantedEvents(seed: number): KnoxEvent[] {
  const random = seededRandom(seed, 'knox-test');
  const events: KnoxEvent[] = Array.from({ length: 400 }, () => ({
    x: 5000 * random(),
    y: 5000 * random(),
    t: Math.floor(365 * random()),
  }));
  for (let k = 0; k < 60; k++) {
    const source = events[Math.floor(random() * 400)] as KnoxEvent;
    const angle = 2 * Math.PI * random();
    const distance = 80 * random();
    events.push({
      x: source.x + distance * Math.cos(angle),
      y: source.y + distance * Math.sin(angle),
      t: source.t + 1 + Math.floor(6 * random()),
    });
  }
  return events;
}

/** The same locations with their times shuffled (a seeded Fisher–Yates): near repeats broken up. */
function shuffledTimes(events: readonly KnoxEvent[], seed: number): KnoxEvent[] {
  const random = seededRandom(seed, 'knox-shuffle');
  const times = events.map((event) => event.t);
  for (let i = times.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [times[i], times[j]] = [times[j] as number, times[i] as number];
  }
  return events.map((event, i) => ({ ...event, t: times[i] as number }));
}

describe('knox', () => {
  it('counts pairs as brute force does, every cell of the table', () => {
    const random = seededRandom(3, 'knox-small');
    const events: KnoxEvent[] = Array.from({ length: 250 }, () => ({
      x: Math.round(1500 * random()),
      y: Math.round(1500 * random()),
      t: Math.floor(60 * random()),
    }));
    // Pairs on the edges themselves: exactly 100 m apart, exactly 7 days apart, and at the same place.
    events.push({ x: 0, y: 0, t: 0 }, { x: 100, y: 0, t: 7 }, { x: 100, y: 0, t: 14 }, { x: 0, y: 0, t: 0 });
    for (const distance of ['euclidean', 'manhattan'] as const) {
      const result = knox(events, { spatialEdgesM, temporalEdgesDays, permutations: 5, distance });
      expect(result.observed).toEqual(bruteForce(events, spatialEdgesM, temporalEdgesDays, distance === 'manhattan'));
      expect(result.observed.flat().reduce((a, b) => a + b, 0)).toBe(result.pairs);
    }
    const sameLocation = knox(events, { spatialEdgesM: [0, 100], temporalEdgesDays: [0, 7], permutations: 5 });
    expect(sameLocation.observed).toEqual(bruteForce(events, [0, 100], [0, 7]));
    expect(sameLocation.observed[0]?.[0]).toBeGreaterThanOrEqual(1);
  });

  it('detects planted near repeats at the nearest band in space and time', () => {
    const result = knox(plantedEvents(1), { spatialEdgesM, temporalEdgesDays, seed: 7 });
    expect(result.permutations).toBe(99);
    expect(result.p[0]?.[0]).toBeLessThanOrEqual(0.05);
    expect(result.p[0]?.[0]).toBe(0.01);
    expect(result.ratio[0]?.[0]).toBeGreaterThan(2);
  });

  it('finds nothing there once the times are shuffled among the locations', () => {
    const result = knox(shuffledTimes(plantedEvents(1), 2), { spatialEdgesM, temporalEdgesDays, seed: 7 });
    expect(result.p[0]?.[0]).toBeGreaterThan(0.05);
  });

  it('keeps every permuted table summing to all pairs, so the expected one does too', () => {
    const result = knox(plantedEvents(2), { spatialEdgesM, temporalEdgesDays, permutations: 19 });
    const total = result.expected.flat().reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(result.pairs, 6);
    // The temporal margins do not change under permutation: every column's expected sum is its observed sum.
    for (let t = 0; t <= temporalEdgesDays.length; t++) {
      const observed = result.observed.reduce((sum, row) => sum + (row[t] as number), 0);
      const expected = result.expected.reduce((sum, row) => sum + (row[t] as number), 0);
      expect(expected).toBeCloseTo(observed, 6);
    }
  });

  it('gives the same result for the same seed, and p-values on the (1 + k)/(1 + permutations) scale', () => {
    const events = plantedEvents(3);
    const a = knox(events, { spatialEdgesM, temporalEdgesDays, permutations: 39, seed: 'x' });
    const b = knox(events, { spatialEdgesM, temporalEdgesDays, permutations: 39, seed: 'x' });
    expect(a).toEqual(b);
    for (const p of a.p.flat()) {
      expect(Math.abs(p * 40 - Math.round(p * 40))).toBeLessThan(1e-9);
      expect(p).toBeGreaterThanOrEqual(1 / 40);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('describes its bands, beyond last', () => {
    const result = knox(plantedEvents(4), { spatialEdgesM: [100, 200], temporalEdgesDays: [7], permutations: 1 });
    expect(result.spatialBands).toEqual([
      { from: 0, to: 100 },
      { from: 100, to: 200 },
      { from: 200, to: Infinity },
    ]);
    expect(result.temporalBands).toEqual([
      { from: 0, to: 7 },
      { from: 7, to: Infinity },
    ]);
    expect(result.observed).toHaveLength(3);
    expect(result.observed[0]).toHaveLength(2);
  });

  it('handles fewer than two events', () => {
    const result = knox([{ x: 0, y: 0, t: 0 }], { spatialEdgesM, temporalEdgesDays, permutations: 3 });
    expect(result.pairs).toBe(0);
    expect(result.observed.flat().every((count) => count === 0)).toBe(true);
    expect(result.ratio.flat().every(Number.isNaN)).toBe(true);
    expect(knox([], { spatialEdgesM, temporalEdgesDays }).pairs).toBe(0);
  });

  it('rejects bad edges, permutations and events', () => {
    const events = plantedEvents(5).slice(0, 10);
    expect(() => knox(events, { spatialEdgesM: [], temporalEdgesDays })).toThrow(RangeError);
    expect(() => knox(events, { spatialEdgesM: [200, 100], temporalEdgesDays })).toThrow(RangeError);
    expect(() => knox(events, { spatialEdgesM, temporalEdgesDays: [-1, 7] })).toThrow(RangeError);
    expect(() => knox(events, { spatialEdgesM, temporalEdgesDays, permutations: 0 })).toThrow(RangeError);
    expect(() => knox(events, { spatialEdgesM, temporalEdgesDays, permutations: 9.5 })).toThrow(RangeError);
    expect(() => knox([...events, { x: NaN, y: 0, t: 0 }], { spatialEdgesM, temporalEdgesDays })).toThrow(RangeError);
  });

  it('counts every pair of 5,000 events in the table, those beyond the bands included', () => {
    const random = seededRandom(9, 'knox-speed');
    const events = Array.from({ length: 5000 }, () => ({
      x: 20_000 * random(),
      y: 20_000 * random(),
      t: 730 * random(),
    }));
    const result = knox(events, { spatialEdgesM, temporalEdgesDays });
    expect(result.pairs).toBe((5000 * 4999) / 2);
    expect(result.observed.flat().reduce((a, b) => a + b, 0)).toBe(result.pairs);
  });
});
