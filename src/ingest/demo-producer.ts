import type { AreaGeometry, Position } from '../domain/area.js';
import { categoryCodes } from '../domain/category.js';
import { AreaDirectory, type DirectoryArea } from '../geo/area-directory.js';
import { buildCalendar, streamCity } from '../synthetic/generate.js';
import { planCities, type PlanCity } from '../synthetic/plan.js';
import { responseRollupTables, type ResponseRollupTable } from '../store/migrations/0008-response-rollup.js';
import { callLine, incidentLine, type Place } from '../store/records.js';
import { locate } from './locate.js';
import type { Progress } from './progress.js';
import { ResponseRollupAccumulator } from './response-rollup-accumulator.js';
import { RollupAccumulator } from './rollup-accumulator.js';

/** Everything the demo's generation needs, as plain data (it may cross to a worker thread). */
export interface DemoInput {
  areas: DirectoryArea[];
  cities: { id: number; code: string; population: number; centroid: Position }[];
  countryId: number;
  seed: number;
  scale: number;
  untilMs: number;
  years: number;
  timeZone: string;
  firstIncidentId: number;
  batchRows: number;
}

export interface DemoChunk {
  incidents: string;
  calls: string;
  incidentCount: number;
  callCount: number;
}

export interface DemoSink {
  /** Takes a batch of COPY text as soon as it is full. */
  write(chunk: DemoChunk): void;
  /** Resolves when the writer has caught up enough; generation waits for it between cities. */
  drain(): Promise<void>;
  rollup(text: string): Promise<void>;
  /** Rows of a response roll-up table as COPY text, after the daily roll-up. */
  responseRollup(table: ResponseRollupTable, text: string): Promise<void>;
  progress(progress: Progress): void;
}

export interface DemoProduced {
  incidents: number;
  calls: number;
  unlocated: number;
  cities: number;
  from: string;
  lastIncidentId: number;
}

/** The index of the local day an instant falls on, given each day's local midnight in ascending order. */
export function dayIndexOf(dayStart: readonly number[], ms: number): number {
  let lo = 0;
  let hi = dayStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((dayStart[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Generates the synthetic demo city by city and hands it out as COPY text, with incidents located by
 * point-in-polygon, their H3 cells and ids, then the daily roll-up and the response roll-ups counted along the way.
 */
export async function produceDemo(input: DemoInput, sink: DemoSink): Promise<DemoProduced> {
  const directory = new AreaDirectory(input.areas);
  const cities: PlanCity[] = input.cities.flatMap((city) => {
    const area = directory.byId(city.id);
    if (!area?.geometry) return [];
    const districts = directory
      .descendants(city.id)
      .filter((d) => d.level === 'district' && d.geometry !== null)
      .map((d) => ({ geometry: d.geometry as AreaGeometry, population: d.population ?? 0 }));
    return [
      { code: city.code, population: city.population, centre: city.centroid, footprint: area.geometry, districts },
    ];
  });
  const plans = planCities(cities, input.seed);
  const calendar = buildCalendar(new Date(input.untilMs), input.years, input.timeZone);
  const cityIds = new Map(input.cities.map((c) => [c.code, c.id]));
  const categoryIndex = new Map<string, number>(categoryCodes.map((c, i) => [c, i]));
  const rollup = new RollupAccumulator(
    directory,
    [input.countryId, ...directory.descendants(input.countryId).map((a) => a.id)],
    calendar.days,
    categoryCodes,
  );
  const responseRollup = new ResponseRollupAccumulator(
    directory,
    [input.countryId, ...directory.descendants(input.countryId).map((a) => a.id)],
    calendar.days,
  );
  const seconds = (from: Date, to: Date | null) => (to === null ? null : (to.getTime() - from.getTime()) / 1000);

  let nextId = input.firstIncidentId;
  let incidents = 0;
  let calls = 0;
  let unlocated = 0;
  // Lines are gathered in arrays and joined once per batch: one flat string, no long chains of concatenations.
  let incidentLines: string[] = [];
  let callLines: string[] = [];
  const emit = () => {
    sink.write({
      incidents: incidentLines.join(''),
      calls: callLines.join(''),
      incidentCount: incidentLines.length,
      callCount: callLines.length,
    });
    incidentLines = [];
    callLines = [];
  };
  const totalWeight = plans.reduce((s, p) => s + p.weight, 0);
  let doneWeight = 0;

  for (const plan of plans) {
    const fallback = locate(directory, { lat: null, lon: null }, cityIds.get(plan.code)) as Place;
    // A call comes right after the incident it reported: only the latest incident needs remembering.
    let lastIndex = -1;
    let lastPlace = fallback;
    let lastId = 0;
    const counted = streamCity(
      plan,
      calendar,
      { seed: input.seed, scale: input.scale },
      {
        incident(incident) {
          let place = locate(directory, incident);
          if (!place) {
            unlocated++;
            place = fallback;
          }
          const id = nextId++;
          lastIndex++;
          lastPlace = place;
          lastId = id;
          incidentLines.push(incidentLine(id, incident, place));
          rollup.add(
            place.areaId,
            dayIndexOf(calendar.dayStart, incident.occurredAt.getTime()),
            categoryIndex.get(incident.category) as number,
            incident.solvedAt !== null,
          );
          if (incidentLines.length + callLines.length >= input.batchRows) emit();
        },
        call(call) {
          const index = call.incidentIndex;
          if (index !== null && index !== lastIndex) {
            throw new RangeError(`call for incident ${index} does not follow it (last incident: ${lastIndex})`);
          }
          let place = index === null ? locate(directory, call) : lastPlace;
          if (!place) {
            unlocated++;
            place = fallback;
          }
          callLines.push(callLine(call, place, index === null ? null : lastId));
          const day = dayIndexOf(calendar.dayStart, call.receivedAt.getTime());
          responseRollup.add(place.areaId, day, call.priority, [
            seconds(call.receivedAt, call.dispatchedAt),
            seconds(call.receivedAt, call.onSceneAt),
            seconds(call.receivedAt, call.closedAt),
          ]);
          if (incidentLines.length + callLines.length >= input.batchRows) emit();
        },
      },
    );
    await sink.drain();
    incidents += counted.incidents;
    calls += counted.calls;
    doneWeight += plan.weight;
    sink.progress({
      phase: 'generating',
      done: doneWeight,
      total: totalWeight,
      unit: 'share',
      rows: incidents + calls,
    });
  }
  if (incidentLines.length + callLines.length > 0) emit();
  await sink.drain();
  sink.progress({ phase: 'roll-up', done: 0, total: 1, unit: 'step', rows: incidents + calls });
  for (const text of rollup.copyChunks()) await sink.rollup(text);
  for (const table of responseRollupTables) {
    for (const text of responseRollup.copyChunks(table)) await sink.responseRollup(table, text);
  }
  return {
    incidents,
    calls,
    unlocated,
    cities: plans.length,
    from: calendar.days[0] as string,
    lastIncidentId: nextId - 1,
  };
}
