import type { CallPriority, CallType } from '../domain/call.js';
import type { CategoryCode } from '../domain/category.js';
import type { Provenance } from '../domain/incident.js';

/**
 * The assumptions of Istibaq's synthetic demo data, in one place. Morocco publishes no incident-level crime data,
 * so the demo is generated; these numbers say what it was generated from. docs/synthetic-data.md explains them.
 */

/**
 * Cases recorded nationally by the DGSN per year, as the press reported its annual figures (PRODUCT.md).
 * Years without a published figure take the nearest published year's.
 */
export const nationalCasesByYear: Readonly<Record<number, number>> = {
  2022: 820_274,
  2023: 738_748,
  2024: 755_541,
};

export function nationalCases(year: number): number {
  const years = Object.keys(nationalCasesByYear).map(Number);
  const nearest = years.reduce((best, y) => (Math.abs(y - year) < Math.abs(best - year) ? y : best));
  return nationalCasesByYear[nearest] as number;
}

/** Hour-of-day shapes (local time, 24 weights): when each kind of offence tends to happen. */
export const hourProfiles = {
  evening: [3, 2, 1.5, 1, 0.8, 0.8, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4, 4, 4.5, 5, 6, 7, 7.5, 7.5, 7, 6, 4.5],
  day: [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2.5, 4, 5, 5.5, 6, 6, 5.5, 5.5, 5.5, 5.5, 5, 4.5, 4, 3, 2.5, 2, 1.5],
  night: [5, 5.5, 5.5, 5, 4, 3, 2, 1.5, 2, 2.5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 5],
  flat: [2, 1.5, 1, 1, 1, 1, 1.5, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3.5, 3, 2.5],
} as const satisfies Record<string, readonly number[]>;
export type HourProfile = keyof typeof hourProfiles;

export interface CategoryModel {
  /** Share of all recorded cases. The violent ones add up to about 7 %, as in 2024. */
  share: number;
  /** Share eventually solved; overall about 95 %, violent crime about 92 % (2023–2024). */
  solveRate: number;
  /** Median days from the offence to its solving, for cases that are solved. */
  solveMedianDays: number;
  /** Shares of citizen reports, calls for service and police-initiated records. */
  provenance: Readonly<Record<Provenance, number>>;
  hours: HourProfile;
  /** Share of background events that happen around a city's black spots rather than anywhere in it. */
  hotspotShare: number;
  /** Mean number of near-repeat follow-ups each event triggers (the branching ratio of the self-exciting part). */
  branching: number;
  /** The call that reports it, when it comes in by phone. */
  call: { type: CallType; priority: CallPriority };
}

const p = (citizen: number, call: number, police: number): Record<Provenance, number> => ({
  citizen_report: citizen,
  call_for_service: call,
  police_initiated: police,
});

export const categoryModels: Readonly<Record<CategoryCode, CategoryModel>> = {
  homicide: {
    share: 0.0006,
    solveRate: 0.93,
    solveMedianDays: 4,
    provenance: p(0.3, 0.6, 0.1),
    hours: 'evening',
    hotspotShare: 0.3,
    branching: 0.05,
    call: { type: 'violence', priority: 1 },
  },
  assault_serious: {
    share: 0.015,
    solveRate: 0.93,
    solveMedianDays: 3,
    provenance: p(0.4, 0.5, 0.1),
    hours: 'evening',
    hotspotShare: 0.5,
    branching: 0.15,
    call: { type: 'violence', priority: 1 },
  },
  sexual_violence: {
    share: 0.009,
    solveRate: 0.9,
    solveMedianDays: 6,
    provenance: p(0.7, 0.25, 0.05),
    hours: 'evening',
    hotspotShare: 0.3,
    branching: 0.05,
    call: { type: 'violence', priority: 1 },
  },
  robbery: {
    share: 0.045,
    solveRate: 0.915,
    solveMedianDays: 7,
    provenance: p(0.55, 0.4, 0.05),
    hours: 'evening',
    hotspotShare: 0.6,
    branching: 0.25,
    call: { type: 'robbery', priority: 1 },
  },
  assault_minor: {
    share: 0.13,
    solveRate: 0.97,
    solveMedianDays: 2,
    provenance: p(0.55, 0.4, 0.05),
    hours: 'evening',
    hotspotShare: 0.4,
    branching: 0.1,
    call: { type: 'violence', priority: 2 },
  },
  threat: {
    share: 0.05,
    solveRate: 0.95,
    solveMedianDays: 3,
    provenance: p(0.7, 0.25, 0.05),
    hours: 'day',
    hotspotShare: 0.2,
    branching: 0.05,
    call: { type: 'violence', priority: 2 },
  },
  burglary: {
    share: 0.07,
    solveRate: 0.88,
    solveMedianDays: 14,
    provenance: p(0.6, 0.38, 0.02),
    hours: 'night',
    hotspotShare: 0.3,
    branching: 0.3,
    call: { type: 'burglary', priority: 2 },
  },
  vehicle_theft: {
    share: 0.03,
    solveRate: 0.85,
    solveMedianDays: 12,
    provenance: p(0.7, 0.28, 0.02),
    hours: 'night',
    hotspotShare: 0.4,
    branching: 0.2,
    call: { type: 'theft', priority: 3 },
  },
  theft: {
    share: 0.17,
    solveRate: 0.9,
    solveMedianDays: 10,
    provenance: p(0.75, 0.22, 0.03),
    hours: 'day',
    hotspotShare: 0.6,
    branching: 0.2,
    call: { type: 'theft', priority: 3 },
  },
  property_damage: {
    share: 0.04,
    solveRate: 0.92,
    solveMedianDays: 8,
    provenance: p(0.55, 0.4, 0.05),
    hours: 'night',
    hotspotShare: 0.3,
    branching: 0.1,
    call: { type: 'disturbance', priority: 3 },
  },
  fraud: {
    share: 0.06,
    solveRate: 0.94,
    solveMedianDays: 20,
    provenance: p(0.95, 0.03, 0.02),
    hours: 'day',
    hotspotShare: 0.2,
    branching: 0,
    call: { type: 'other', priority: 4 },
  },
  drug_trafficking: {
    share: 0.06,
    solveRate: 1,
    solveMedianDays: 0,
    provenance: p(0, 0.05, 0.95),
    hours: 'evening',
    hotspotShare: 0.85,
    branching: 0.1,
    call: { type: 'drugs', priority: 3 },
  },
  drug_possession: {
    share: 0.11,
    solveRate: 1,
    solveMedianDays: 0,
    provenance: p(0, 0.02, 0.98),
    hours: 'evening',
    hotspotShare: 0.75,
    branching: 0.05,
    call: { type: 'drugs', priority: 4 },
  },
  weapons: {
    share: 0.04,
    solveRate: 1,
    solveMedianDays: 0,
    provenance: p(0, 0.15, 0.85),
    hours: 'evening',
    hotspotShare: 0.6,
    branching: 0.05,
    call: { type: 'violence', priority: 2 },
  },
  public_order: {
    share: 0.09,
    solveRate: 1,
    solveMedianDays: 0,
    provenance: p(0.05, 0.35, 0.6),
    hours: 'evening',
    hotspotShare: 0.5,
    branching: 0.05,
    call: { type: 'disturbance', priority: 3 },
  },
  other: {
    share: 0.0804,
    solveRate: 0.96,
    solveMedianDays: 10,
    provenance: p(0.5, 0.2, 0.3),
    hours: 'flat',
    hotspotShare: 0.2,
    branching: 0,
    call: { type: 'other', priority: 4 },
  },
};

/** Day-of-week factors, Monday first: weekends a little busier. */
export const weekdayFactors = [0.97, 0.96, 0.97, 0.98, 1.03, 1.08, 1.01] as const;

/** Month factors, January first: a summer peak. */
export const monthFactors = [0.93, 0.92, 0.96, 0.98, 1.0, 1.04, 1.1, 1.12, 1.02, 0.99, 0.96, 0.98] as const;

/** Days busier than their season: New Year's Eve and New Year's Day. Keys are MM-DD. */
export const specialDays: Readonly<Record<string, number>> = { '12-31': 1.35, '01-01': 1.6 };

/**
 * Cities differ beyond their size: each city's rate is its population to the power `urbanScaling` (bigger cities
 * record more per inhabitant) times a seeded log-normal factor of spread `citySpread`.
 */
export const urbanScaling = 1.1;
export const citySpread = 0.25;

/** Near-repeat follow-ups happen around their parent: exponential delay, Gaussian offset. */
export const nearRepeat = { meanDelayDays: 2.5, offsetMetres: 150 } as const;

/** Black spots per city: 1 + √(population / 50,000), at most 12; each 120–350 m across (1 σ). */
export function hotspotCount(population: number): number {
  return Math.min(12, 1 + Math.floor(Math.sqrt(population / 50_000)));
}

/** Calls that report no crime (accidents, disputes, requests for help), as a share of crime calls. */
export const nonCrimeCallRatio = 0.6;
export const nonCrimeCalls: readonly { type: CallType; share: number; priority: CallPriority }[] = [
  { type: 'traffic_accident', share: 0.3, priority: 2 },
  { type: 'disturbance', share: 0.2, priority: 3 },
  { type: 'domestic', share: 0.1, priority: 2 },
  { type: 'suspicious', share: 0.15, priority: 3 },
  { type: 'assistance', share: 0.2, priority: 3 },
  { type: 'other', share: 0.05, priority: 4 },
];

/**
 * Response times. Remoteness r ∈ [0, 1] is the distance from a city to the nearest city of 500,000 or more
 * inhabitants over 400 km (capped at 1). Medians in minutes; every duration is log-normal.
 */
export const response = {
  majorCityPopulation: 500_000,
  remoteDistanceKm: 400,
  dispatchMedian: { 1: 1.5, 2: 3, 3: 8, 4: 15 } as Record<CallPriority, number>,
  dispatchRemoteFactor: 0.5,
  dispatchSigma: 0.6,
  travelMedian: 6,
  travelRemoteFactor: 1.5,
  travelPriorityFactor: { 1: 0.8, 2: 1, 3: 1.3, 4: 1.6 } as Record<CallPriority, number>,
  travelSigma: 0.5,
  onSceneMedian: 40,
  onSceneSigma: 0.6,
  neverDispatchedShare: { 1: 0.005, 2: 0.01, 3: 0.02, 4: 0.04 } as Record<CallPriority, number>,
  neverArrivedShare: 0.01,
} as const;

/**
 * Patrol units and the patrol log (src/synthetic/patrols.ts). Each district's station fields one unit per
 * `residentsPerUnit` residents (at least one), fewer the more remote its city: × (1 − remoteFactor · r). Units are
 * cars, motorcycles and foot patrols in these shares. Over the last `logDays` days each unit works one 8-hour shift
 * a day on `workDaysPerWeek` days out of 7 (morning, afternoon and night in turn, nights less often), each shift in
 * one cell of its district; its status on the last day follows `statusShares`.
 */
export const patrols = {
  residentsPerUnit: 25_000,
  remoteFactor: 0.5,
  kindShares: { car: 0.6, motorcycle: 0.25, foot: 0.15 },
  logDays: 28,
  workDaysPerWeek: 5,
  shiftShares: { morning: 0.4, afternoon: 0.35, night: 0.25 },
  statusShares: { available: 0.45, on_patrol: 0.3, responding: 0.05, off_duty: 0.15, out_of_service: 0.05 },
} as const;
