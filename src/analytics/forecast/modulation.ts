import { zoneOffsetMinutes } from '../../domain/time.js';
import type { CellEvents } from './events.js';

/**
 * A known temporal modulation of the background rate, m(t), learned from the training events: the background of a
 * cell is μₙ · m(t) instead of μₙ. m is a product of a day-of-week × hour-of-day factor (168 slots of the area's
 * local week) and, with two years of training or more, a month-of-year factor; it is normalised to a mean of 1 over
 * the training window, so ∫ m over the window is its length and μₙ keeps its meaning (events per day on average).
 * This is the "temporal modulation of the background" of Mohler (2014, "Marked point process hotspot maps for
 * homicide and gun crime prediction in Chicago", International Journal of Forecasting 30(3)), who multiplies a
 * spatial background by daily and weekly factors estimated beforehand; here they are estimated from counts.
 *
 * Estimation: each slot's rate ratio is (nₛ + k) / (Eₛ + k), nₛ the training events in the slot and Eₛ those
 * expected there if events were spread evenly over the window's hours (the slot's share of the window's hours × N):
 * k pseudo-events (default 5) shrink sparse slots towards 1, so a slot without events does not get a zero rate.
 * Within ETAS the events are weighted by their probability of being background, and m is re-estimated at every EM
 * iteration (an M-step for m with μ held), as in Zhuang, Ogata & Vere-Jones (2002, "Stochastic declustering of
 * space-time earthquake occurrences", JASA 97(458)), who re-estimate the background from those weights.
 * The hourly ratios are then smoothed around the week with weights ¼, ½, ¼ (the week is a circle). The month factor
 * is estimated the same way from the events left after dividing by the week factor. m is kept as one value per
 * hour from the window's start to the end of the forecast, with prefix sums, so m(t) and ∫ m are O(1).
 *
 * Hours are counted from time 0, which the caller puts at a local midnight (`clock.zeroMs`); with a zone whose
 * offsets are whole hours (Chicago, Casablanca), each such hour is one local clock hour, across clock changes too.
 */

export const modulationKinds = ['none', 'weekly', 'weekly+seasonal'] as const;
export type ModulationKind = (typeof modulationKinds)[number];

/** Where time 0 is and in which zone local hours, weekdays and months are read. */
export interface ForecastClock {
  /** The instant of time 0, ms since the epoch. */
  zeroMs: number;
  timeZone: string;
}

/** What ETAS needs of a modulation. */
export interface BackgroundModulation {
  /** m(t). */
  at(t: number): number;
  /** ∫ m over [a, b). */
  integral(a: number, b: number): number;
}

export interface TemporalModulation extends BackgroundModulation {
  kind: ModulationKind;
  /** Factors by local weekday (0 Monday … 6 Sunday) × 24 + hour, before normalisation. */
  weekly: Float64Array;
  /** Factors by local month (0 January), or null when not estimated. */
  monthly: Float64Array | null;
  /** The first hour covered, days (a whole number of hours). */
  start: number;
  /** m for each hour from `start`. */
  hourly: Float64Array;
}

export interface ModulationOptions {
  kind: ModulationKind;
  clock: ForecastClock;
  /** The training window [from, to), days. */
  from: number;
  to: number;
  /** The last instant m must cover (the end of the forecast horizon), days; default `to`. */
  until?: number;
  /** Pseudo-events shrinking each slot towards 1 (default 5). */
  priorEvents?: number;
  /** Training needed for the month factor, days (default 730). */
  seasonalMinDays?: number;
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

interface LocalHour {
  /** weekday × 24 + hour. */
  slot: number;
  month: number;
}

function localHour(clock: ForecastClock, hourIndex: number): LocalHour {
  // The middle of the hour, so an hour that starts on a clock change reads the offset in force during it.
  const ms = clock.zeroMs + (hourIndex + 0.5) * hourMs;
  const local = ms + zoneOffsetMinutes(new Date(ms), clock.timeZone) * 60_000;
  const day = Math.floor(local / dayMs);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const hour = Math.floor((local - day * dayMs) / hourMs);
  return { slot: weekday * 24 + hour, month: new Date(local).getUTCMonth() };
}

function ratios(counts: Float64Array, expected: Float64Array, prior: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let s = 0; s < counts.length; s++) {
    out[s] = ((counts[s] as number) + prior) / ((expected[s] as number) + prior);
  }
  return out;
}

/**
 * The local hours of a window, computed once: the weekday × hour slot and the month of each hour from `from` to
 * `until`, and the hour of each training event. `fitModulation` then estimates m from weighted events in O(N + hours).
 */
export interface ModulationCalendar {
  kind: ModulationKind;
  from: number;
  to: number;
  firstHour: number;
  /** Hours from `firstHour` to the end of the training window. */
  trainingHours: number;
  slots: Int16Array;
  months: Int8Array;
  /** Each event's hour index from `firstHour`, −1 for events outside [from, to). */
  eventHours: Int32Array;
  prior: number;
  seasonal: boolean;
}

export function modulationCalendar(events: CellEvents, options: ModulationOptions): ModulationCalendar {
  const { kind, clock, from, to } = options;
  const until = Math.max(options.until ?? to, to);
  if (!(to > from)) throw new RangeError(`the training window [${from}, ${to}) is empty`);
  const prior = options.priorEvents ?? 5;
  if (!(prior > 0)) throw new RangeError(`priorEvents must be positive, not ${prior}`);
  const firstHour = Math.floor(from * 24);
  const hours = Math.ceil(until * 24) - firstHour;
  const slots = new Int16Array(hours);
  const months = new Int8Array(hours);
  for (let h = 0; h < hours; h++) {
    const local = localHour(clock, firstHour + h);
    slots[h] = local.slot;
    months[h] = local.month;
  }
  const eventHours = new Int32Array(events.time.length);
  for (let i = 0; i < events.time.length; i++) {
    const t = events.time[i] as number;
    eventHours[i] = t < from || t >= to ? -1 : Math.min(hours - 1, Math.floor(t * 24) - firstHour);
  }
  return {
    kind,
    from,
    to,
    firstHour,
    trainingHours: Math.ceil(to * 24) - firstHour,
    slots,
    months,
    eventHours,
    prior,
    seasonal: kind === 'weekly+seasonal' && to - from >= (options.seasonalMinDays ?? 730),
  };
}

/**
 * m from the calendar's events, each counted with its weight (default 1; ETAS passes each event's probability of
 * being background, so that m describes the background and not the offspring, which follow their parents).
 */
export function fitModulation(calendar: ModulationCalendar, weights?: Float64Array): TemporalModulation {
  const { kind, from, to, firstHour, trainingHours, slots, months, eventHours, prior } = calendar;
  const hours = slots.length;
  const weekly = new Float64Array(168).fill(1);
  let monthly: Float64Array | null = null;
  if (kind !== 'none') {
    const exposure = new Float64Array(168);
    for (let h = 0; h < trainingHours; h++) exposure[slots[h] as number] = (exposure[slots[h] as number] as number) + 1;
    const counts = new Float64Array(168);
    const monthCounts = new Float64Array(12);
    let n = 0;
    for (let i = 0; i < eventHours.length; i++) {
      const h = eventHours[i] as number;
      if (h < 0) continue;
      const w = weights ? (weights[i] as number) : 1;
      counts[slots[h] as number] = (counts[slots[h] as number] as number) + w;
      monthCounts[months[h] as number] = (monthCounts[months[h] as number] as number) + w;
      n += w;
    }
    const expected = exposure.map((e) => (n * e) / trainingHours);
    const raw = ratios(counts, expected, prior);
    for (let s = 0; s < 168; s++) {
      weekly[s] =
        0.25 * (raw[(s + 167) % 168] as number) + 0.5 * (raw[s] as number) + 0.25 * (raw[(s + 1) % 168] as number);
    }
    if (calendar.seasonal) {
      const monthExpected = new Float64Array(12);
      let weight = 0;
      for (let h = 0; h < trainingHours; h++) weight += weekly[slots[h] as number] as number;
      for (let h = 0; h < trainingHours; h++) {
        const m = months[h] as number;
        monthExpected[m] = (monthExpected[m] as number) + (n * (weekly[slots[h] as number] as number)) / weight;
      }
      monthly = ratios(monthCounts, monthExpected, prior);
    }
  }
  const hourly = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    hourly[h] = (weekly[slots[h] as number] as number) * (monthly ? (monthly[months[h] as number] as number) : 1);
  }
  const start = firstHour / 24;
  const cumulative = new Float64Array(hours + 1);
  const accumulate = () => {
    for (let h = 0; h < hours; h++) cumulative[h + 1] = (cumulative[h] as number) + (hourly[h] as number);
  };
  const integralRaw = (a: number, b: number): number => {
    const at = (u: number) => {
      const k = Math.min(hours - 1, Math.max(0, Math.floor(u)));
      return (cumulative[k] as number) + (u - k) * (hourly[k] as number);
    };
    return (at((b - start) * 24) - at((a - start) * 24)) / 24;
  };
  accumulate();
  // Normalise over the training window exactly: ∫_from^to m = to − from, partial first and last hours included.
  if (kind !== 'none') {
    const scale = (to - from) / integralRaw(from, to);
    for (let h = 0; h < hours; h++) hourly[h] = (hourly[h] as number) * scale;
    accumulate();
  }
  const lastT = (firstHour + hours) / 24;
  return {
    kind,
    weekly,
    monthly,
    start,
    hourly,
    at(t: number): number {
      if (t < start || t >= lastT) {
        throw new RangeError(`m(${t}) is outside the modulation's hours [${start}, ${lastT})`);
      }
      return hourly[Math.min(hours - 1, Math.max(0, Math.floor(t * 24) - firstHour))] as number;
    },
    integral(a: number, b: number): number {
      if (a < start - 1e-9 || b > lastT + 1e-9 || b < a) {
        throw new RangeError(`∫ m over [${a}, ${b}) is outside the modulation's hours [${start}, ${lastT})`);
      }
      return integralRaw(a, b);
    },
  };
}

/** Estimates m from the events in [from, to), each counted once (see above); kind 'none' gives m ≡ 1. */
export function estimateModulation(events: CellEvents, options: ModulationOptions): TemporalModulation {
  return fitModulation(modulationCalendar(events, options));
}

/** The modulation used, in words (printed with every forecast and backtest, like the records used). */
export function modulationNote(kind: ModulationKind): string {
  switch (kind) {
    case 'none':
      return 'background constant in time (no day-of-week or seasonal modulation)';
    case 'weekly':
      return 'background modulated by day of week × hour of day (local time), learned from the training events';
    case 'weekly+seasonal':
      return (
        'background modulated by day of week × hour of day and by month (local time), learned from the training ' +
        'events (months only with two years of training or more)'
      );
  }
}
