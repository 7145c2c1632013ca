import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { backtest } from './backtest.js';
import { simulateEtas } from './etas.js';
import type { CellEvents, ForecastGrid } from './events.js';
import { forecastModels, modelForecast, prospectiveScores } from './models.js';

const grid: ForecastGrid = { nx: 20, ny: 20, inside: new Uint8Array(400).fill(1), cellSizeM: 100 };
const mu = new Float64Array(400);
const random = seededRandom(7, 'backtest');
for (let c = 0; c < 400; c++) mu[c] = random() < 0.1 ? 0.05 : 0.002;
const events = simulateEtas(random, { mu, theta: 0.5, omega: 0.3, from: 0, to: 400 });

/** The events with others added at or after `t` and the times after `t` moved. */
function alteredAfter(e: CellEvents, t: number): CellEvents {
  const cells = [...e.cell];
  const times = [...e.time].map((time) => (time >= t ? time + 0.5 : time));
  for (let k = 0; k < 200; k++) {
    cells.push(k % 400);
    times.push(t + (k % 10));
  }
  const order = times.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return {
    cell: Int32Array.from(order, (i) => cells[i] as number),
    time: Float64Array.from(order, (i) => times[i] as number),
  };
}

describe('backtest', () => {
  it('lets no model see the future: events changed or added at or after an origin leave its forecast identical', () => {
    const origin = 300;
    const changed = alteredAfter(events, origin);
    for (const model of forecastModels) {
      const run = (e: CellEvents) => {
        const cut = backtest(e, grid, {
          origins: [origin],
          horizonDays: 7,
          trainingDays: 200,
          models: [model],
          shares: [0.05],
        });
        return cut;
      };
      const a = run(events);
      const b = run(changed);
      // Same flagged cells and the same training-side numbers; only the test window's crimes differ.
      const training = (e: CellEvents) => {
        const keep = [...e.time].map((t, i) => [t, i] as const).filter(([t]) => t >= 100 && t < origin);
        return {
          cell: Int32Array.from(keep, ([, i]) => e.cell[i] as number),
          time: Float64Array.from(keep, ([t]) => t),
        };
      };
      const input = (e: CellEvents) => ({ events: training(e), grid, at: origin, horizonDays: 7, from: 100 });
      expect([...modelForecast(model, input(changed)).scores]).toEqual([...modelForecast(model, input(events)).scores]);
      expect(a.etas).toEqual(b.etas);
      expect(a.origins[0]?.crimes).not.toBe(b.origins[0]?.crimes);
    }
  });

  it('refuses to forecast from events that are not strictly before the origin', () => {
    const input = { events, grid, at: 200, horizonDays: 7, from: 0 };
    expect(() => modelForecast('naive', input)).toThrow(RangeError);
  });

  it('ranks the simulated hot cells well above chance with every model', () => {
    const origins = Array.from({ length: 10 }, (_, k) => 300 + 7 * k);
    const result = backtest(events, grid, {
      origins,
      horizonDays: 7,
      trainingDays: 200,
      models: forecastModels,
      shares: [0.05, 0.1],
    });
    for (const model of forecastModels) {
      const [five] = result.summary[model] ?? [];
      expect(five?.cells).toBe(20);
      expect(five?.pai, model).toBeGreaterThan(2);
    }
    // Ten per cent of cells are hot (about 0.05 a day against 0.002): ETAS finds them.
    expect(result.summary.etas?.[1]?.hitRate).toBeGreaterThan(0.5);
  });

  it('refuses cells outside the size bounds and marks flagged areas outside the area bounds', () => {
    const options = {
      origins: [300],
      horizonDays: 7,
      trainingDays: 200,
      models: ['naive'] as const,
      shares: [0.01, 0.1],
    };
    expect(() => backtest(events, grid, { ...options, constraints: { cellSizeM: { min: 150 } } })).toThrow(/150/);
    const r = backtest(events, grid, { ...options, constraints: { areaKm2: { min: 0.1, max: 0.5 } } });
    expect(r.summary.naive?.map((s) => [s.cells, s.withinConstraints])).toEqual([
      [4, false],
      [40, true],
    ]);
  });
});

describe('prospectiveScores', () => {
  it('weighs each past event by 1/((1 + cells away)(1 + weeks ago)) within the bands', () => {
    const g: ForecastGrid = { nx: 5, ny: 1, inside: new Uint8Array(5).fill(1), cellSizeM: 100 };
    // One event in cell 2, ten days before the origin (one whole week); one in cell 0, 70 days before (too old).
    const e = { cell: Int32Array.of(0, 2), time: Float64Array.of(30, 90) };
    const s = prospectiveScores(
      { events: e, grid: g, at: 100, horizonDays: 7, from: 0 },
      { bandwidthM: 200, bandwidthDays: 60 },
    );
    const expected = [1 / 3 / 2, 1 / 2 / 2, 1 / 2, 1 / 2 / 2, 1 / 3 / 2];
    expected.forEach((value, k) => expect(s[k]).toBeCloseTo(value, 12));
  });
});
