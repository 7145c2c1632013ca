import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { etasForecast, fitEtas, simulateEtas } from './etas.js';

describe('fitEtas', () => {
  const cells = 300;
  const truth = { theta: 0.4, omega: 0.2 };
  const mu = new Float64Array(cells);
  const random = seededRandom(2015, 'etas-recovery');
  for (let c = 0; c < cells; c++) mu[c] = 0.005 + 0.05 * random();
  const events = simulateEtas(random, { mu, ...truth, from: 0, to: 2000 });

  it('recovers θ and ω within 10 % from events simulated with known parameters', () => {
    expect(events.time.length).toBeGreaterThan(20_000);
    const model = fitEtas(events, cells, { from: 0, to: 2000 });
    expect(model.converged).toBe(true);
    expect(Math.abs(model.theta - truth.theta) / truth.theta).toBeLessThan(0.1);
    expect(Math.abs(model.omega - truth.omega) / truth.omega).toBeLessThan(0.1);
    let fitted = 0;
    let trueTotal = 0;
    for (let c = 0; c < cells; c++) {
      fitted += model.mu[c] as number;
      trueTotal += mu[c] as number;
    }
    expect(Math.abs(fitted - trueTotal) / trueTotal).toBeLessThan(0.1);
  });

  it('gives the same fit with the pairwise E-step as with the recursive one', () => {
    const a = fitEtas(events, cells, { from: 0, to: 2000, maxIterations: 20 });
    const b = fitEtas(events, cells, { from: 0, to: 2000, maxIterations: 20, eStep: 'pairwise' });
    expect(b.theta).toBeCloseTo(a.theta, 10);
    expect(b.omega).toBeCloseTo(a.omega, 10);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 6);
  });

  it('lets only strictly earlier events trigger: events at one instant do not excite each other', () => {
    // Ten events in one cell at the same instant, nothing else: all background, nothing triggered.
    const same = { cell: new Int32Array(10), time: new Float64Array(10).fill(5) };
    for (const eStep of ['recursive', 'pairwise'] as const) {
      const model = fitEtas(same, 1, { from: 0, to: 10, eStep });
      expect(model.theta).toBe(0);
      expect(model.mu[0]).toBeCloseTo(1, 12);
    }
    // With an earlier event, the tied pair at t = 2 is triggered by it alone: the same as two distinct instants.
    const tied = fitEtas({ cell: new Int32Array(3), time: Float64Array.of(1, 2, 2) }, 1, {
      from: 0,
      to: 10,
      maxIterations: 1,
      initial: { theta: 0.5, omega: 1 },
    });
    const apart = fitEtas({ cell: new Int32Array(3), time: Float64Array.of(1, 2, 2) }, 1, {
      from: 0,
      to: 10,
      maxIterations: 1,
      initial: { theta: 0.5, omega: 1 },
      eStep: 'pairwise',
    });
    expect(tied.theta).toBeCloseTo(apart.theta, 12);
    // By hand: μ = 1.5/10; each event at 2 has trigger 0.5·e⁻¹, so Σ p_ij = 2·0.5e⁻¹/(0.15 + 0.5e⁻¹).
    const trig = 0.5 * Math.exp(-1);
    const triggered = (2 * trig) / (0.15 + trig);
    const compensator = 1 - Math.exp(-9) + 2 * (1 - Math.exp(-8));
    expect(tied.theta).toBeCloseTo(triggered / compensator, 12);
  });

  it('forecasts μh plus what each past event still triggers within the horizon', () => {
    const model = fitEtas({ cell: Int32Array.of(0, 1, 1), time: Float64Array.of(1, 3, 6) }, 3, {
      from: 0,
      to: 10,
      maxIterations: 5,
    });
    const f = etasForecast(model, 10, 7);
    const { theta, omega } = model;
    const part = (t: number) => theta * (Math.exp(-omega * (10 - t)) - Math.exp(-omega * (17 - t)));
    expect(f[0]).toBeCloseTo((model.mu[0] as number) * 7 + part(1), 12);
    expect(f[1]).toBeCloseTo((model.mu[1] as number) * 7 + part(3) + part(6), 12);
    expect(f[2]).toBe(0);
    expect(() => etasForecast(model, 9, 7)).toThrow(RangeError);
  });
});
