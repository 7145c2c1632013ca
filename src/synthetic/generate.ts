import type { AreaGeometry, Position } from '../domain/area.js';
import type { CallOutcome, CallPriority, CallType, NewCall } from '../domain/call.js';
import { categoryCodes, type CategoryCode } from '../domain/category.js';
import { provenances, type IncidentStatus, type NewIncident, type Provenance } from '../domain/incident.js';
import { addDays, daysBetween, sameDayYearsBefore, zonedInstant, zoneOffsetMinutes } from '../domain/time.js';
import {
  cumulativeOf,
  exponential,
  logNormal,
  normal,
  pickWeighted,
  poisson,
  seededRandom,
  type Random,
} from '../analytics/random.js';
import { localProjection, PreparedGeometry } from '../geo/geometry.js';
import {
  categoryModels,
  hotspotCount,
  hourProfiles,
  monthFactors,
  nationalCases,
  nearRepeat,
  nonCrimeCallRatio,
  nonCrimeCalls,
  response,
  specialDays,
  weekdayFactors,
} from './model.js';

/** What the generator needs to know of one city. */
export interface CityPlan {
  code: string;
  population: number;
  /** The city's boundary; every generated point falls inside it. */
  footprint: AreaGeometry;
  /** The city's districts with their populations: events away from black spots are spread by population. */
  districts: readonly { geometry: AreaGeometry; population: number }[];
  centre: Position;
  /** 0 for a big city, up to 1 for a city 400 km or more from one (see model.ts). */
  remoteness: number;
  /** The city's share of national cases (the shares of all cities add up to 1). */
  weight: number;
}

export interface GenerateOptions {
  seed: number;
  /** The last instant generated; history starts `years` calendar years before its day. */
  until: Date;
  years?: number;
  /** 1 gives national volumes; 0.01 a hundredth of them. */
  scale?: number;
  timeZone?: string;
}

export interface SyntheticCall extends NewCall {
  /** Index in the same city's incidents of the incident this call reported, if any. */
  incidentIndex: number | null;
}

export interface CityData {
  incidents: NewIncident[];
  calls: SyntheticCall[];
}

/** Receives a city's records as they are generated; a call comes right after the incident it reported. */
export interface CitySink {
  incident(incident: NewIncident): void;
  call(call: SyntheticCall): void;
}

export const syntheticSource = 'istibaq-demo';

/** The calendar days covered and each day's share of its year's national cases. */
export interface Calendar {
  days: string[];
  /** Expected national cases on each day at scale 1. */
  expected: number[];
  /** UTC milliseconds of each day's local midnight, and the zone offset (minutes) if constant all day. */
  dayStart: number[];
  steadyOffset: (number | null)[];
  untilMs: number;
  timeZone: string;
}

export function buildCalendar(until: Date, years: number, timeZone: string): Calendar {
  const untilDay = new Intl.DateTimeFormat('en-CA', { timeZone }).format(until);
  // The day after the same date `years` earlier (29 February becomes 28 February in a year without it).
  const firstDay = addDays(sameDayYearsBefore(untilDay, years), 1);
  const count = daysBetween(firstDay, untilDay) + 1;
  const days = Array.from({ length: count }, (_, i) => addDays(firstDay, i));
  const factor = (day: string) => {
    const date = new Date(`${day}T12:00:00Z`);
    const weekday = weekdayFactors[(date.getUTCDay() + 6) % 7] as number;
    const month = monthFactors[date.getUTCMonth()] as number;
    return weekday * month * (specialDays[day.slice(5)] ?? 1);
  };
  // Each year's factors are normalised over the whole calendar year, so a year's expected total is its figure.
  const yearTotals = new Map<number, number>();
  const yearOf = (day: string) => Number(day.slice(0, 4));
  for (const year of new Set(days.map(yearOf))) {
    let sum = 0;
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) sum += factor(day);
    yearTotals.set(year, sum);
  }
  const expected = days.map(
    (day) => (nationalCases(yearOf(day)) * factor(day)) / (yearTotals.get(yearOf(day)) as number),
  );
  const dayStart: number[] = [];
  const steadyOffset: (number | null)[] = [];
  for (const day of days) {
    const start = zonedInstant(day, 0, timeZone).getTime();
    const end = zonedInstant(day, 23 * 60 + 59, timeZone).getTime();
    const startOffset = zoneOffsetMinutes(new Date(start), timeZone);
    dayStart.push(start);
    steadyOffset.push(startOffset === zoneOffsetMinutes(new Date(end), timeZone) ? startOffset : null);
  }
  return { days, expected, dayStart, steadyOffset, untilMs: until.getTime(), timeZone };
}

const minute = 60_000;
const day = 86_400_000;

interface Hotspot {
  centre: Position;
  sigmaKm: number;
  weight: number;
  activeFrom: number;
  activeTo: number;
}

type Placement = PreparedGeometry;

/** One city's incidents and calls over the calendar, in arrays. */
export function generateCity(
  plan: CityPlan,
  calendar: Calendar,
  options: Pick<GenerateOptions, 'seed' | 'scale'>,
): CityData {
  const data: CityData = { incidents: [], calls: [] };
  streamCity(plan, calendar, options, { incident: (i) => data.incidents.push(i), call: (c) => data.calls.push(c) });
  return data;
}

/**
 * Generates one city's incidents and calls over the calendar into a sink, without keeping them; the same plan,
 * calendar and seed give the same records in the same order.
 */
export function streamCity(
  plan: CityPlan,
  calendar: Calendar,
  options: Pick<GenerateOptions, 'seed' | 'scale'>,
  sink: CitySink,
): { incidents: number; calls: number } {
  const random = seededRandom(options.seed, 'city', plan.code);
  const scale = options.scale ?? 1;
  const projection = localProjection(plan.centre[0], plan.centre[1]);
  const footprint = new PreparedGeometry(plan.footprint);
  const districts = plan.districts.map((d) => new PreparedGeometry(d.geometry));
  const districtCumulative = cumulativeOf(plan.districts.map((d) => Math.max(d.population, 1)));
  const first = calendar.dayStart[0] ?? 0;
  const span = calendar.untilMs - first;

  const hotspots: Hotspot[] = Array.from({ length: hotspotCount(plan.population) }, (_, i) => {
    const centre = i === 0 && footprint.contains(...plan.centre) ? plan.centre : uniformIn(footprint, random);
    // Most black spots last the whole period; some emerge half-way through, some fade away.
    const kind = random();
    const activeFrom = kind < 0.15 ? first + span * (0.4 + 0.4 * random()) : first;
    const activeTo = kind > 0.85 ? first + span * (0.2 + 0.5 * random()) : Infinity;
    return { centre, sigmaKm: 0.12 + 0.23 * random(), weight: logNormal(random, 1, 0.5), activeFrom, activeTo };
  });

  const categoryList = categoryCodes;
  const background = categoryList.map((c) => categoryModels[c].share * (1 - categoryModels[c].branching));
  const backgroundShare = background.reduce((s, w) => s + w, 0);
  const backgroundCumulative = cumulativeOf(background);
  const hourCumulative = new Map(
    Object.entries(hourProfiles).map(([name, weights]) => [name, cumulativeOf(weights)] as const),
  );
  const provenanceCumulative = new Map(
    categoryList.map((c) => [c, cumulativeOf(provenances.map((p) => categoryModels[c].provenance[p]))] as const),
  );
  const callShare = categoryList.reduce(
    (s, c) => s + categoryModels[c].share * categoryModels[c].provenance.call_for_service,
    0,
  );
  const nonCrimeCumulative = cumulativeOf(nonCrimeCalls.map((c) => c.share));

  let incidents = 0;
  let calls = 0;
  // The black spots active on the current day, with their weights' running totals.
  let active: Hotspot[] = [];
  let activeCumulative: number[] = [];

  const placeUniform = (): Position => {
    const district = districts[pickWeighted(random, districtCumulative)];
    return district ? uniformIn(district, random) : uniformIn(footprint, random);
  };
  const placeNear = (centre: Position, sigmaKm: number): Position | null => {
    const [cx, cy] = projection.forward(centre[0], centre[1]);
    for (let attempt = 0; attempt < 8; attempt++) {
      const point = projection.inverse(cx + sigmaKm * normal(random), cy + sigmaKm * normal(random));
      if (footprint.contains(point[0], point[1])) return point;
    }
    return null;
  };
  const placeBackground = (category: CategoryCode): Position => {
    if (random() < categoryModels[category].hotspotShare) {
      if (active.length > 0) {
        const spot = active[pickWeighted(random, activeCumulative)] as Hotspot;
        const point = placeNear(spot.centre, spot.sigmaKm);
        if (point) return point;
      }
    }
    return placeUniform();
  };
  const localTime = (dayIndex: number, hours: Readonly<number[]>): number => {
    const minuteOfDay = pickWeighted(random, hours) * 60 + Math.floor(random() * 60);
    const offset = calendar.steadyOffset[dayIndex];
    const base =
      offset === null
        ? zonedInstant(calendar.days[dayIndex] as string, minuteOfDay, calendar.timeZone).getTime()
        : (calendar.dayStart[dayIndex] as number) + minuteOfDay * minute;
    return base + Math.floor(random() * 60) * 1000;
  };

  const record = (category: CategoryCode, occurredMs: number, point: Position) => {
    const model = categoryModels[category];
    const provenance = provenances[pickWeighted(random, provenanceCumulative.get(category) as number[])] as Provenance;
    let reportedMs = occurredMs;
    if (provenance === 'call_for_service') reportedMs = occurredMs + exponential(random, 4) * minute;
    else if (provenance === 'citizen_report') {
      reportedMs = occurredMs + Math.min(logNormal(random, 6, 1.2), 30 * 24) * 3_600_000;
    }
    reportedMs = Math.min(Math.round(reportedMs), calendar.untilMs);

    let status: IncidentStatus;
    let solvedAt: Date | null = null;
    const age = calendar.untilMs - occurredMs;
    if (random() < model.solveRate) {
      const lag =
        model.solveMedianDays === 0 ? random() * 2 * 3_600_000 : logNormal(random, model.solveMedianDays, 1) * day;
      const solvedMs = Math.max(reportedMs, Math.round(occurredMs + lag));
      if (solvedMs <= calendar.untilMs) {
        status = 'solved';
        solvedAt = new Date(solvedMs);
      } else status = age < 2 * day ? 'recorded' : 'under_investigation';
    } else {
      status = age < 2 * day ? 'recorded' : age > 180 * day && random() < 0.5 ? 'closed' : 'under_investigation';
    }
    const index = incidents++;
    sink.incident({
      category,
      occurredAt: new Date(occurredMs),
      reportedAt: new Date(reportedMs),
      lat: round6(point[1]),
      lon: round6(point[0]),
      status,
      solvedAt,
      provenance,
      source: syntheticSource,
      externalId: null,
      synthetic: true,
    });
    if (provenance === 'call_for_service') {
      calls++;
      sink.call(call(reportedMs, model.call.priority, model.call.type, point, 'incident_recorded', index));
    }
  };

  const call = (
    receivedMs: number,
    priority: CallPriority,
    callType: CallType,
    point: Position,
    outcome: CallOutcome,
    incidentIndex: number | null,
  ): SyntheticCall => {
    const r = plan.remoteness;
    let dispatched: number | null = null;
    let onScene: number | null = null;
    let closed: number | null;
    if (random() < response.neverDispatchedShare[priority]) {
      closed = receivedMs + logNormal(random, 10, 0.5) * minute;
      if (incidentIndex === null) outcome = 'cancelled';
    } else {
      dispatched =
        receivedMs +
        logNormal(
          random,
          response.dispatchMedian[priority] * (1 + response.dispatchRemoteFactor * r),
          response.dispatchSigma,
        ) *
          minute;
      if (random() < response.neverArrivedShare) {
        closed = dispatched + logNormal(random, 15, 0.5) * minute;
        if (incidentIndex === null) outcome = 'cancelled';
      } else {
        const travelMedian =
          response.travelMedian * (1 + response.travelRemoteFactor * r) * response.travelPriorityFactor[priority];
        onScene = dispatched + logNormal(random, travelMedian, response.travelSigma) * minute;
        closed = onScene + logNormal(random, response.onSceneMedian, response.onSceneSigma) * minute;
      }
    }
    const cut = (ms: number | null) => (ms === null || ms > calendar.untilMs ? null : new Date(Math.round(ms)));
    const closedAt = cut(closed);
    return {
      receivedAt: new Date(receivedMs),
      dispatchedAt: cut(dispatched),
      onSceneAt: cut(onScene),
      closedAt,
      priority,
      callType,
      lat: round6(point[1]),
      lon: round6(point[0]),
      outcome: closedAt === null ? 'pending' : outcome,
      source: syntheticSource,
      externalId: null,
      synthetic: true,
      incidentIndex,
    };
  };

  calendar.days.forEach((_, dayIndex) => {
    const noon = (calendar.dayStart[dayIndex] as number) + day / 2;
    active = hotspots.filter((h) => noon >= h.activeFrom && noon < h.activeTo);
    activeCumulative = cumulativeOf(active.map((h) => h.weight));
    const expected = (calendar.expected[dayIndex] as number) * plan.weight * scale;
    const count = poisson(random, expected * backgroundShare);
    for (let i = 0; i < count; i++) {
      const category = categoryList[pickWeighted(random, backgroundCumulative)] as CategoryCode;
      const at = localTime(dayIndex, hourCumulative.get(categoryModels[category].hours) as number[]);
      if (at > calendar.untilMs) continue;
      const point = placeBackground(category);
      record(category, at, point);
      // Near repeats: each event may trigger follow-ups close by and soon after, which may trigger their own.
      const queue: [number, Position][] = [[at, point]];
      while (queue.length > 0) {
        const [parentAt, parentPoint] = queue.pop() as [number, Position];
        const children = poisson(random, categoryModels[category].branching);
        for (let c = 0; c < children; c++) {
          const childAt = Math.round(parentAt + exponential(random, nearRepeat.meanDelayDays) * day);
          if (childAt > calendar.untilMs) continue;
          const childPoint = placeNear(parentPoint, nearRepeat.offsetMetres / 1000);
          if (!childPoint) continue;
          record(category, childAt, childPoint);
          queue.push([childAt, childPoint]);
        }
      }
    }
    const nonCrime = poisson(random, expected * callShare * nonCrimeCallRatio);
    for (let i = 0; i < nonCrime; i++) {
      const kind = nonCrimeCalls[pickWeighted(random, nonCrimeCumulative)] as (typeof nonCrimeCalls)[number];
      const at = localTime(dayIndex, hourCumulative.get('day') as number[]);
      if (at > calendar.untilMs) continue;
      const point = random() < 0.3 ? placeBackground('other') : placeUniform();
      const outcome: CallOutcome = random() < 0.7 ? 'assistance_given' : random() < 0.6 ? 'no_offence' : 'unfounded';
      calls++;
      sink.call(call(at, kind.priority, kind.type, point, outcome, null));
    }
  });
  return { incidents, calls };
}

function uniformIn(placement: Placement, random: Random): Position {
  const box = placement.bbox;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const point: Position = [
      box.minLon + random() * (box.maxLon - box.minLon),
      box.minLat + random() * (box.maxLat - box.minLat),
    ];
    if (placement.contains(point[0], point[1])) return point;
  }
  throw new RangeError('cannot place a point in an empty geometry');
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
