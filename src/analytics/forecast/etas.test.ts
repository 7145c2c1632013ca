import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { etasForecast, fitEtas, simulateEtas } from './etas.js';
import { estimateModulation, fitModulation, modulationCalendar } from './modulation.js';

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

describe('fitEtas with a modulated background', () => {
  const cells = 300;
  const truth = { theta: 0.4, omega: 0.2 };
  const mu = new Float64Array(cells);
  const random = seededRandom(2014, 'etas-modulated');
  for (let c = 0; c < cells; c++) mu[c] = 0.005 + 0.05 * random();
  // Time 0 is 1970-01-01 00:00 UTC, a Thursday. Nights peak at 02:00 and weekends are busier; the factor is
  // constant within each hour and averages 1 over every whole week.
  const hourFactor = (hour: number) => 1 + 0.7 * Math.cos((2 * Math.PI * (hour + 0.5 - 2.5)) / 24);
  const dayFactor = (day: number) => ((((day + 3) % 7) + 7) % 7 >= 5 ? 1.3 : (7 - 2 * 1.3) / 5);
  const trueAt = (t: number) => {
    const hours = Math.floor(t * 24);
    return hourFactor(hours % 24) * dayFactor(Math.floor(hours / 24));
  };
  const trueModulation = {
    at: trueAt,
    max: 1.7 * 1.3,
    integral(a: number, b: number) {
      let sum = 0;
      for (let h = Math.floor(a * 24); h < Math.ceil(b * 24); h++) {
        const lo = Math.max(a, h / 24);
        const hi = Math.min(b, (h + 1) / 24);
        if (hi > lo) sum += (hi - lo) * trueAt(h / 24);
      }
      return sum;
    },
  };
  const to = 2002; // a whole number of weeks: 286
  const events = simulateEtas(random, { mu, ...truth, from: 0, to, modulation: trueModulation });
  const calendar = modulationCalendar(events, {
    kind: 'weekly',
    clock: { zeroMs: 0, timeZone: 'UTC' },
    from: 0,
    to,
    until: to + 2,
  });
  const model = fitEtas(events, cells, {
    from: 0,
    to,
    modulation: fitModulation(calendar),
    updateModulation: (background) => fitModulation(calendar, background),
  });

  it('recovers θ and ω within 10 % when the background varies by hour and weekday', () => {
    expect(model.converged).toBe(true);
    expect(Math.abs(model.theta - truth.theta) / truth.theta).toBeLessThan(0.1);
    expect(Math.abs(model.omega - truth.omega) / truth.omega).toBeLessThan(0.1);
  });

  it('forecasts more for the night shift than the day shift, as the true model does', () => {
    const trueModel = { ...model, mu, ...truth, modulation: trueModulation };
    const night = to + 22 / 24; // a Saturday 22:00 to Sunday 06:00 (day 2002 is a Saturday)
    const day = to + 6 / 24; // Saturday 06:00 to 14:00
    const total = (f: Float64Array) => f.reduce((a, b) => a + b, 0);
    const fitted = { night: total(etasForecast(model, night, 1 / 3)), day: total(etasForecast(model, day, 1 / 3)) };
    const expected = {
      night: total(etasForecast(trueModel, night, 1 / 3)),
      day: total(etasForecast(trueModel, day, 1 / 3)),
    };
    expect(expected.night / expected.day).toBeGreaterThan(1.3);
    expect(Math.abs(fitted.night - expected.night) / expected.night).toBeLessThan(0.1);
    expect(Math.abs(fitted.day - expected.day) / expected.day).toBeLessThan(0.1);
    const ratio = expected.night / expected.day;
    expect(Math.abs(fitted.night / fitted.day - ratio) / ratio).toBeLessThan(0.1);
    // Without the modulation the two shifts differ only by the decay of past events' offspring.
    const flat = fitEtas(events, cells, { from: 0, to });
    const flatRatio = total(etasForecast(flat, night, 1 / 3)) / total(etasForecast(flat, day, 1 / 3));
    expect(flatRatio).toBeLessThan(1);
  });

  it('fits exactly as before when m ≡ 1', () => {
    const flat = fitEtas(events, cells, { from: 0, to, maxIterations: 30 });
    const ones = estimateModulation(events, { kind: 'none', clock: { zeroMs: 0, timeZone: 'UTC' }, from: 0, to });
    const withOnes = fitEtas(events, cells, { from: 0, to, maxIterations: 30, modulation: ones });
    expect(withOnes.theta).toBe(flat.theta);
    expect(withOnes.omega).toBe(flat.omega);
    expect(withOnes.logLikelihood).toBe(flat.logLikelihood);
    expect(withOnes.mu).toEqual(flat.mu);
  });
});
