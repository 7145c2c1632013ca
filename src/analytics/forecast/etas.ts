import { exponential, poisson, type Random } from '../random.js';
import { type CellEvents } from './events.js';
import type { BackgroundModulation } from './modulation.js';

/**
 * A self-exciting point process on a grid of cells, the model of Mohler et al. (2015, "Randomized controlled field
 * trials of predictive policing", JASA 110(512), eq. 1): each cell n has its own background rate and every event
 * raises the rate of its own cell for a while,
 *
 *   λₙ(t) = μₙ + Σ_{i : cellᵢ = n, tᵢ < t} θ ω e^{−ω (t − tᵢ)}
 *
 * with μₙ events per day, θ the expected number of events one event triggers (its offspring), 1/ω their mean delay
 * in days.
 *
 * Fitting is by expectation-maximisation over a training window [from, to):
 *   E-step: each event j is background with probability p_jj = μₙ / λₙ(t_j), and triggered by each earlier event i
 *           of its cell with probability p_ij = θω e^{−ω(t_j − t_i)} / λₙ(t_j).
 *   M-step: μₙ = Σ_{j in n} p_jj / (to − from);
 *           θ = Σ_{i<j} p_ij / Σ_i (1 − e^{−ω(to − t_i)}) — an event near the end of the window has had no time to
 *               show all its offspring, so each counts for the share of its triggering kernel that falls inside the
 *               window (the compensator; this is the maximum of the likelihood in θ for the current ω). Mohler et
 *               al. divide by N, which is the limit when the window is long against 1/ω; `edgeCorrection: false`
 *               does that;
 *           ω = Σ_{i<j} p_ij / Σ_{i<j} p_ij (t_j − t_i) (Mohler et al.'s update, which leaves delays cut off by the
 *               end of the window out, as they do).
 * Identical times: many records share a time (to the minute, or midnight when only the day is known), and such
 * events are not one the consequence of another. Only STRICTLY earlier events trigger: events at the same instant
 * in a cell see the same past and add to the rate only after that instant.
 *
 * The trigger sums are exact and O(1) per event: with an exponential kernel, Aₙ(t) = Σ_{tᵢ<t} e^{−ω(t−tᵢ)} and
 * Bₙ(t) = Σ_{tᵢ<t} (t − tᵢ) e^{−ω(t−tᵢ)} move from one event time t to the next t' = t + d as
 *   A' = e^{−ωd} (A + k),   B' = e^{−ωd} (B + d (A + k)),
 * k being the number of events at t. An iteration is therefore O(N) whatever ω; the pairwise E-step (`eStep:
 * 'pairwise'`, every earlier event of the cell, cut where ω Δt > 36, e^{−36} ≈ 2·10⁻¹⁶) gives the same numbers and
 * is kept as the reference.
 *
 * A known temporal modulation of the background (`modulation`, src/analytics/forecast/modulation.ts) makes it
 * μₙ m(t): the E-step uses μₙ m(t_j) in place of μₙ, and since m averages 1 over the window (∫ m = to − from) the
 * M-step and the compensator are unchanged. Forecasts then use μₙ ∫ m over the horizon.
 */

export interface EtasOptions {
  /** Start of the training window, days (default the first event's time). */
  from?: number;
  /** End of the training window, days: every event must be strictly before it. */
  to: number;
  /** Default 500. */
  maxIterations?: number;
  /** Stop when θ, ω and the total background rate each change by less than this share (default 1e-6). */
  tolerance?: number;
  /** Starting values (default θ = 0.5, ω = 0.1 per day; μ from half of each cell's count). */
  initial?: { theta: number; omega: number };
  /** Default true: θ's denominator is the compensator, not N (see above). */
  edgeCorrection?: boolean;
  /** Default 'recursive'. */
  eStep?: 'recursive' | 'pairwise';
  /** m(t), averaging 1 over [from, to) (default none: m ≡ 1). */
  modulation?: BackgroundModulation | undefined;
  /**
   * Re-estimates m after each iteration from every event's probability of being background (in the events' order),
   * starting from `modulation`; without it m stays fixed.
   */
  updateModulation?: ((background: Float64Array) => BackgroundModulation) | undefined;
}

export interface EtasModel {
  /** Background events per day in each cell. */
  mu: Float64Array;
  theta: number;
  /** Per day. */
  omega: number;
  from: number;
  to: number;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
  /** The training events, kept for the triggering part of forecasts. */
  events: CellEvents;
  /** The background's temporal modulation, when fitted with one. */
  modulation?: BackgroundModulation | undefined;
}

/** Events grouped by cell, each group in time order: `order[start[k] … start[k+1])` are the events of `cells[k]`. */
interface ByCell {
  cells: Int32Array;
  start: Int32Array;
  times: Float64Array;
  /** The index in the events handed in of each grouped event. */
  index: Int32Array;
}

function groupByCell(events: CellEvents, cellCount: number): ByCell {
  const counts = new Int32Array(cellCount);
  for (const cell of events.cell) counts[cell] = (counts[cell] as number) + 1;
  let occupied = 0;
  for (const c of counts) if (c > 0) occupied++;
  const cells = new Int32Array(occupied);
  const start = new Int32Array(occupied + 1);
  const offset = new Int32Array(cellCount);
  let k = 0;
  let at = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    const c = counts[cell] as number;
    if (c === 0) continue;
    cells[k] = cell;
    start[k] = at;
    offset[cell] = at;
    at += c;
    k++;
  }
  start[occupied] = at;
  // A counting sort keeps the time order within each cell.
  const times = new Float64Array(events.time.length);
  const index = new Int32Array(events.time.length);
  for (let i = 0; i < events.time.length; i++) {
    const cell = events.cell[i] as number;
    times[offset[cell] as number] = events.time[i] as number;
    index[offset[cell] as number] = i;
    offset[cell] = (offset[cell] as number) + 1;
  }
  return { cells, start, times, index };
}

interface EStepSums {
  background: Float64Array;
  triggered: number;
  triggeredDelay: number;
  logIntensity: number;
}

type Modulation = BackgroundModulation | undefined;

/** `pBackground`, when given, receives each event's probability of being background, in the events' order. */
type EStep = (
  g: ByCell,
  mu: Float64Array,
  theta: number,
  omega: number,
  mod: Modulation,
  pBackground?: Float64Array,
) => EStepSums;

const eStepRecursive: EStep = (g, mu, theta, omega, mod, pBackground) => {
  const background = new Float64Array(mu.length);
  let triggered = 0;
  let triggeredDelay = 0;
  let logIntensity = 0;
  const to = theta * omega;
  for (let k = 0; k < g.cells.length; k++) {
    const cell = g.cells[k] as number;
    const m = mu[cell] as number;
    let a = 0;
    let b = 0;
    let same = 0;
    let last = NaN;
    let bg = 0;
    for (let j = g.start[k] as number; j < (g.start[k + 1] as number); j++) {
      const t = g.times[j] as number;
      if (t !== last) {
        if (same > 0) {
          const d = t - last;
          const e = Math.exp(-omega * d);
          b = e * (b + d * (a + same));
          a = e * (a + same);
        }
        last = t;
        same = 0;
      }
      const trig = to * a;
      const base = mod ? m * mod.at(t) : m;
      const lambda = base + trig;
      bg += base / lambda;
      if (pBackground) pBackground[g.index[j] as number] = base / lambda;
      triggered += trig / lambda;
      triggeredDelay += (to * b) / lambda;
      logIntensity += Math.log(lambda);
      same++;
    }
    background[cell] = bg;
  }
  return { background, triggered, triggeredDelay, logIntensity };
};

const negligibleExponent = 36;

const eStepPairwise: EStep = (g, mu, theta, omega, mod, pBackground) => {
  const background = new Float64Array(mu.length);
  let triggered = 0;
  let triggeredDelay = 0;
  let logIntensity = 0;
  const horizon = negligibleExponent / omega;
  for (let k = 0; k < g.cells.length; k++) {
    const cell = g.cells[k] as number;
    const m = mu[cell] as number;
    const first = g.start[k] as number;
    let bg = 0;
    for (let j = first; j < (g.start[k + 1] as number); j++) {
      const t = g.times[j] as number;
      let sum = 0;
      let delay = 0;
      for (let i = j - 1; i >= first; i--) {
        const dt = t - (g.times[i] as number);
        if (dt === 0) continue;
        if (dt > horizon) break;
        const w = theta * omega * Math.exp(-omega * dt);
        sum += w;
        delay += w * dt;
      }
      const base = mod ? m * mod.at(t) : m;
      const lambda = base + sum;
      bg += base / lambda;
      if (pBackground) pBackground[g.index[j] as number] = base / lambda;
      triggered += sum / lambda;
      triggeredDelay += delay / lambda;
      logIntensity += Math.log(lambda);
    }
    background[cell] = bg;
  }
  return { background, triggered, triggeredDelay, logIntensity };
};

/** Fits the model to the events in [from, to) by EM (see above). */
export function fitEtas(events: CellEvents, cellCount: number, options: EtasOptions): EtasModel {
  const n = events.time.length;
  const from: number = options.from ?? (n > 0 ? (events.time[0] ?? options.to) : options.to);
  const to = options.to;
  if (!(to > from)) throw new RangeError(`the training window [${from}, ${to}) is empty`);
  if (n > 0 && ((events.time[0] as number) < from || (events.time[n - 1] as number) >= to)) {
    throw new RangeError(`events fall outside the training window [${from}, ${to})`);
  }
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const edgeCorrection = options.edgeCorrection ?? true;
  const eStep = options.eStep === 'pairwise' ? eStepPairwise : eStepRecursive;
  let modulation = options.modulation;
  const pBackground = options.updateModulation ? new Float64Array(n) : undefined;
  const length = to - from;
  const g = groupByCell(events, cellCount);
  const mu = new Float64Array(cellCount);
  for (let k = 0; k < g.cells.length; k++) {
    mu[g.cells[k] as number] = (0.5 * ((g.start[k + 1] as number) - (g.start[k] as number))) / length;
  }
  let theta = options.initial?.theta ?? 0.5;
  let omega = options.initial?.omega ?? 0.1;
  let iterations = 0;
  let converged = false;
  let logLikelihood = -Infinity;
  if (n === 0) {
    return { mu, theta: 0, omega, from, to, iterations, converged: true, logLikelihood: 0, events, modulation };
  }
  let totalMu = 0;
  for (const m of mu) totalMu += m;
  while (iterations < maxIterations) {
    iterations++;
    const sums = eStep(g, mu, theta, omega, modulation, pBackground);
    let compensator = 0;
    for (let i = 0; i < n; i++) compensator += 1 - Math.exp(-omega * (to - (events.time[i] as number)));
    logLikelihood = sums.logIntensity - totalMu * length - theta * compensator;
    let newTotal = 0;
    for (let k = 0; k < g.cells.length; k++) {
      const cell = g.cells[k] as number;
      const m = (sums.background[cell] as number) / length;
      mu[cell] = m;
      newTotal += m;
    }
    const newTheta = sums.triggered / (edgeCorrection ? compensator : n);
    const newOmega = sums.triggeredDelay > 0 ? sums.triggered / sums.triggeredDelay : omega;
    const change = Math.max(
      Math.abs(newTheta - theta) / Math.max(theta, 1e-12),
      Math.abs(newOmega - omega) / omega,
      Math.abs(newTotal - totalMu) / totalMu,
    );
    theta = newTheta;
    omega = newOmega;
    totalMu = newTotal;
    if (options.updateModulation && pBackground) modulation = options.updateModulation(pBackground);
    if (change < tolerance || theta === 0) {
      converged = true;
      break;
    }
  }
  return { mu, theta, omega, from, to, iterations, converged, logLikelihood, events, modulation };
}

/**
 * Expected events per cell in [at, at + horizonDays): μₙ h (μₙ ∫ m with a modulation)
 * + Σ_{tᵢ<at, in n} θ (e^{−ω(at−tᵢ)} − e^{−ω(at+h−tᵢ)}).
 * The triggering part counts only the training events (offspring of offspring inside the horizon are left out, as
 * in Mohler et al.'s ranking by intensity). `at` may not be before the end of the training window.
 */
export function etasForecast(model: EtasModel, at: number, horizonDays: number): Float64Array {
  if (at < model.to) throw new RangeError(`a forecast at ${at} would be inside the training window (to ${model.to})`);
  if (!(horizonDays > 0)) throw new RangeError(`the horizon must be positive, not ${horizonDays}`);
  const out = new Float64Array(model.mu.length);
  const exposure = model.modulation ? model.modulation.integral(at, at + horizonDays) : horizonDays;
  for (let c = 0; c < out.length; c++) out[c] = (model.mu[c] as number) * exposure;
  const { theta, omega } = model;
  const spread = 1 - Math.exp(-omega * horizonDays);
  const horizon = negligibleExponent / omega;
  for (let i = model.events.time.length - 1; i >= 0; i--) {
    const dt = at - (model.events.time[i] as number);
    if (dt > horizon) break;
    const cell = model.events.cell[i] as number;
    out[cell] = (out[cell] as number) + theta * Math.exp(-omega * dt) * spread;
  }
  return out;
}

export interface EtasSimulation {
  mu: Float64Array;
  theta: number;
  omega: number;
  from: number;
  to: number;
  /** A background modulation m(t) ≤ `max` (default none), drawn by thinning (Lewis & Shedler 1979). */
  modulation?: { at(t: number): number; max: number };
}

/**
 * Events drawn from the model by its branching structure: Poisson(μₙ (to − from)) background events uniform in
 * each cell's window (with a modulation, Poisson(μₙ max (to − from)) candidates each kept with probability
 * m(t) / max), and every event's Poisson(θ) offspring in its cell after exponential delays of mean 1/ω,
 * those falling at or after `to` dropped. Sorted by time.
 */
export function simulateEtas(random: Random, s: EtasSimulation): CellEvents {
  if (!(s.theta >= 0 && s.theta < 1)) throw new RangeError(`θ must be in [0, 1), not ${s.theta}`);
  const cells: number[] = [];
  const times: number[] = [];
  const queue: number[] = [];
  for (let cell = 0; cell < s.mu.length; cell++) {
    const max = s.modulation?.max ?? 1;
    const count = poisson(random, (s.mu[cell] as number) * max * (s.to - s.from));
    for (let k = 0; k < count; k++) {
      const t = s.from + random() * (s.to - s.from);
      if (s.modulation && random() * max >= s.modulation.at(t)) continue;
      cells.push(cell);
      times.push(t);
      queue.push(cells.length - 1);
    }
  }
  while (queue.length > 0) {
    const parent = queue.pop() as number;
    const children = poisson(random, s.theta);
    for (let k = 0; k < children; k++) {
      const t = (times[parent] as number) + exponential(random, 1 / s.omega);
      if (t >= s.to) continue;
      cells.push(cells[parent] as number);
      times.push(t);
      queue.push(cells.length - 1);
    }
  }
  const order = times.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return {
    cell: Int32Array.from(order, (i) => cells[i] as number),
    time: Float64Array.from(order, (i) => times[i] as number),
  };
}
