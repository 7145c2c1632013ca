import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/time.js';
import { seededRandom } from '../random.js';
import type { CellEvents } from './events.js';
import { modelForecast, type ModelInput } from './models.js';
import { estimateModulation, fitModulation, modulationCalendar } from './modulation.js';

const dayMs = 86_400_000;

/** Events at the given times (days), all in cell 0. */
const at = (times: number[]): CellEvents => ({
  cell: new Int32Array(times.length),
  time: Float64Array.from([...times].sort((a, b) => a - b)),
});

describe('estimateModulation', () => {
  const utc = { zeroMs: 0, timeZone: 'UTC' }; // time 0: Thursday 1 January 1970, 00:00
  const random = seededRandom(7, 'modulation');
  // Four weeks; three events in every 20:00–21:00 hour and none at other hours.
  const times: number[] = [];
  for (let d = 0; d < 28; d++) {
    for (let k = 0; k < 3; k++) times.push(d + (20 + random()) / 24);
  }
  const events = at(times);

  it('averages 1 over the training window, so ∫ m is the window length', () => {
    const m = estimateModulation(events, { kind: 'weekly', clock: utc, from: 0, to: 28, until: 35 });
    expect(m.integral(0, 28)).toBeCloseTo(28, 9);
    expect(m.integral(3.25, 3.75)).toBeGreaterThan(0);
  });

  it('raises the hours that hold the events and never gives a zero to an empty hour', () => {
    const m = estimateModulation(events, { kind: 'weekly', clock: utc, from: 0, to: 28, until: 35 });
    const evening = m.at(30 + 20.5 / 24);
    const morning = m.at(30 + 9.5 / 24);
    expect(evening).toBeGreaterThan(1.5 * morning);
    // An empty hour is shrunk towards the mean, not set to zero.
    expect(morning).toBeGreaterThan(0.5);
    // The smoothing spreads a little to the neighbouring hours.
    expect(m.at(30 + 19.5 / 24)).toBeGreaterThan(morning);
  });

  it('gives m ≡ 1 for kind none', () => {
    const m = estimateModulation(events, { kind: 'none', clock: utc, from: 0, to: 28, until: 35 });
    expect([...m.hourly].every((v) => v === 1)).toBe(true);
    expect(m.integral(1, 8)).toBeCloseTo(7, 12);
  });

  it('reads weekdays and hours in the local time zone, across a clock change', () => {
    // Chicago: time 0 is local midnight on Monday 2 March 2020; clocks go forward on Sunday 8 March. Events every
    // Saturday at 23:30 local time, before and after the change.
    const zeroMs = zonedInstant('2020-03-02', 0, 'America/Chicago').getTime();
    const saturdays = ['2020-03-07', '2020-03-14', '2020-03-21', '2020-03-28'];
    const local = saturdays.flatMap((day) =>
      [0, 1, 2, 3].map(() => (zonedInstant(day, 23 * 60 + 30, 'America/Chicago').getTime() - zeroMs) / dayMs),
    );
    const m = estimateModulation(at(local), {
      kind: 'weekly',
      clock: { zeroMs, timeZone: 'America/Chicago' },
      from: 0,
      to: 28,
    });
    // Slot 5 × 24 + 23: Saturday 23:00. The next-highest are its neighbours, through the smoothing.
    const top = [...m.weekly.keys()].sort((a, b) => (m.weekly[b] as number) - (m.weekly[a] as number));
    expect(top[0]).toBe(5 * 24 + 23);
  });

  it('estimates a month factor only with two years of training or more', () => {
    const summers: number[] = [];
    for (let d = 0; d < 3 * 365; d++) {
      const month = new Date(d * dayMs).getUTCMonth();
      const n = month >= 5 && month <= 7 ? 4 : 1;
      for (let k = 0; k < n; k++) summers.push(d + random());
    }
    const short = estimateModulation(at(summers.filter((t) => t < 365)), {
      kind: 'weekly+seasonal',
      clock: utc,
      from: 0,
      to: 365,
    });
    expect(short.monthly).toBeNull();
    const long = estimateModulation(at(summers), { kind: 'weekly+seasonal', clock: utc, from: 0, to: 3 * 365 });
    const july = long.monthly?.[6] as number;
    const january = long.monthly?.[0] as number;
    expect(july / january).toBeGreaterThan(3);
    expect(long.integral(0, 3 * 365)).toBeCloseTo(3 * 365, 6);
  });

  it('weights events, so events weighted 0 leave m flat', () => {
    const calendar = modulationCalendar(events, { kind: 'weekly', clock: utc, from: 0, to: 28 });
    const m = fitModulation(calendar, new Float64Array(times.length));
    expect(Math.max(...m.hourly) - Math.min(...m.hourly)).toBeLessThan(1e-12);
  });
});

describe('modelForecast with a modulation', () => {
  const grid = { nx: 3, ny: 1, inside: new Uint8Array([1, 1, 1]), cellSizeM: 100 };
  // Two weeks of events, all between 22:00 and midnight: twenty a night, in cells 0 and 1.
  const times: number[] = [];
  const cells: number[] = [];
  for (let d = 0; d < 14; d++) {
    for (let k = 0; k < 20; k++) {
      times.push(d + (22 + k / 10) / 24);
      cells.push(k % 4 === 0 ? 1 : 0);
    }
  }
  const events: CellEvents = { cell: Int32Array.from(cells), time: Float64Array.from(times) };
  const input = (at: number, horizonDays: number): ModelInput => ({ events, grid, at, horizonDays, from: 0 });
  const origin = (at: number) => ({ instantMs: at * dayMs, timeZone: 'UTC' });

  it('gives the same scores with modulation none as without the option', () => {
    for (const model of ['etas', 'naive', 'kde', 'prospective'] as const) {
      const plain = modelForecast(model, input(14, 1));
      const none = modelForecast(model, input(14, 1), { modulation: 'none', origin: origin(14) });
      expect(none.scores).toEqual(plain.scores);
    }
  });

  it('scales the naive forecast by the horizon’s mean m over the counted period’s, keeping its ranking', () => {
    // At 06:00 the naive model counts the night before (22:00–06:00, busy) and forecasts 06:00–14:00 (quiet).
    const at = 14 + 6 / 24;
    const plain = modelForecast('naive', input(at, 1 / 3));
    const modulated = modelForecast('naive', input(at, 1 / 3), { modulation: 'weekly', origin: origin(at) });
    const m = modulated.modulation;
    if (!m) throw new Error('no modulation returned');
    const factor = m.integral(at, at + 1 / 3) / m.integral(at - 1 / 3, at);
    expect(factor).toBeLessThan(0.6);
    expect(plain.scores[0]).toBeGreaterThan(0);
    for (let c = 0; c < 3; c++) expect(modulated.scores[c]).toBeCloseTo((plain.scores[c] as number) * factor, 12);
  });

  it('refuses a modulation without the origin’s instant and zone', () => {
    expect(() => modelForecast('etas', input(14, 1), { modulation: 'weekly' })).toThrow(RangeError);
  });
});
