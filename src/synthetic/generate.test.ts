import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../domain/area.js';
import { callProblems } from '../domain/call.js';
import { incidentProblems, type NewIncident } from '../domain/incident.js';
import { seededRandom } from '../analytics/random.js';
import { areaKm2, circlePolygon, containsPoint } from '../geo/geometry.js';
import { splitIntoSectors } from '../geo/sectors.js';
import {
  buildCalendar,
  generateCity,
  streamCity,
  syntheticSource,
  type CityPlan,
  type SyntheticCall,
} from './generate.js';

const centre: Position = [-9.58, 30.42];
const footprint: AreaGeometry = { type: 'Polygon', coordinates: circlePolygon(centre, 5) };
const sectors = splitIntoSectors(footprint, 4, seededRandom(1, 'sectors'));
const totalArea = areaKm2(footprint);

function makePlan(overrides: Partial<CityPlan> = {}): CityPlan {
  return {
    code: 'test-city',
    population: 400_000,
    footprint,
    districts: sectors.map((geometry) => ({
      geometry,
      population: Math.round((400_000 * areaKm2(geometry)) / totalArea),
    })),
    centre,
    remoteness: 0,
    weight: 0.004,
    ...overrides,
  };
}

const until = new Date('2026-11-20T12:00:00Z');
const calendar = buildCalendar(until, 1, 'Africa/Casablanca');
const options = { seed: 7, scale: 1 };
const data = generateCity(makePlan(), calendar, options);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('generateCity', () => {
  it('gives identical records for the same plan, calendar and seed', () => {
    expect(generateCity(makePlan(), calendar, options)).toEqual(data);
  });

  it('gives different records for another seed', () => {
    const other = generateCity(makePlan(), calendar, { seed: 8, scale: 1 });
    expect(other.incidents.length).not.toBe(0);
    expect(other.incidents.slice(0, 20)).not.toEqual(data.incidents.slice(0, 20));
  });

  it('generates about the city’s share of the national cases', () => {
    const expected = calendar.expected.reduce((s, e) => s + e, 0) * 0.004;
    expect(expected).toBeGreaterThan(2500);
    expect(Math.abs(data.incidents.length - expected) / expected).toBeLessThan(0.1);
  });

  it('scales volumes with the scale option', () => {
    const tenth = generateCity(makePlan(), calendar, { seed: 7, scale: 0.1 });
    expect(tenth.incidents.length / data.incidents.length).toBeGreaterThan(0.07);
    expect(tenth.incidents.length / data.incidents.length).toBeLessThan(0.13);
  });

  it('places every incident and call inside the footprint', () => {
    const outside = [...data.incidents, ...data.calls].filter(
      (r) => r.lat === null || r.lon === null || !containsPoint(footprint, r.lon, r.lat),
    );
    expect(outside).toEqual([]);
  });

  it('dates every record within the calendar, up to the last instant', () => {
    const first = calendar.dayStart[0] as number;
    for (const incident of data.incidents) {
      expect(incident.occurredAt.getTime()).toBeGreaterThanOrEqual(first);
      expect(incident.occurredAt.getTime()).toBeLessThanOrEqual(until.getTime());
      expect((incident.reportedAt as Date).getTime()).toBeLessThanOrEqual(until.getTime());
    }
    for (const call of data.calls) {
      for (const at of [call.receivedAt, call.dispatchedAt, call.onSceneAt, call.closedAt]) {
        if (at !== null) expect(at.getTime()).toBeLessThanOrEqual(until.getTime());
      }
    }
  });

  it('keeps every incident consistent and every call’s times in order', () => {
    expect(data.incidents.flatMap((i) => incidentProblems(i))).toEqual([]);
    expect(data.calls.flatMap((c) => callProblems(c))).toEqual([]);
    expect(data.calls.filter((c) => c.dispatchedAt !== null && c.onSceneAt !== null).length).toBeGreaterThan(500);
  });

  it('leaves calls still open at the end pending', () => {
    for (const call of data.calls) expect(call.closedAt === null).toBe(call.outcome === 'pending');
  });

  it('marks every record synthetic and from the demo source', () => {
    for (const r of [...data.incidents, ...data.calls]) {
      expect(r.synthetic).toBe(true);
      expect(r.source).toBe(syntheticSource);
    }
  });

  it('links each crime call to a phoned-in incident received when it was reported', () => {
    const linked = data.calls.filter((c) => c.incidentIndex !== null);
    expect(linked.length).toBe(data.incidents.filter((i) => i.provenance === 'call_for_service').length);
    for (const call of linked) {
      const incident = data.incidents[call.incidentIndex as number] as NewIncident;
      expect(incident.provenance).toBe('call_for_service');
      expect(call.receivedAt).toEqual(incident.reportedAt);
      expect(call.outcome === 'incident_recorded' || call.outcome === 'pending').toBe(true);
    }
    expect(data.calls.length).toBeGreaterThan(linked.length);
  });

  it('solves most incidents, as the model says', () => {
    const solved = data.incidents.filter((i) => i.status === 'solved').length / data.incidents.length;
    expect(solved).toBeGreaterThan(0.85);
    expect(solved).toBeLessThan(0.97);
  });
});

describe('streamCity', () => {
  it('hands each call right after the incident it reported and counts what it handed', () => {
    const incidents: NewIncident[] = [];
    const calls: SyntheticCall[] = [];
    const counted = streamCity(makePlan(), calendar, options, {
      incident: (i) => incidents.push(i),
      call: (c) => {
        if (c.incidentIndex !== null) expect(c.incidentIndex).toBe(incidents.length - 1);
        calls.push(c);
      },
    });
    expect(counted).toEqual({ incidents: incidents.length, calls: calls.length });
    expect({ incidents, calls }).toEqual(data);
  });
});

describe('response times and remoteness', () => {
  const travelMinutes = (plan: CityPlan) =>
    generateCity(plan, calendar, options).calls.flatMap((c) =>
      c.dispatchedAt && c.onSceneAt ? [(c.onSceneAt.getTime() - c.dispatchedAt.getTime()) / 60_000] : [],
    );
  const dispatchMinutes = (plan: CityPlan) =>
    generateCity(plan, calendar, options).calls.flatMap((c) =>
      c.dispatchedAt ? [(c.dispatchedAt.getTime() - c.receivedAt.getTime()) / 60_000] : [],
    );

  it('takes longer to reach a scene in a remote city than in a big one', () => {
    const big = travelMinutes(makePlan({ code: 'big-city', remoteness: 0 }));
    const remote = travelMinutes(makePlan({ code: 'remote-town', remoteness: 1 }));
    expect(big.length).toBeGreaterThan(500);
    expect(remote.length).toBeGreaterThan(500);
    // The model multiplies travel medians by 1 + 1.5 × remoteness: 2.5 for the remote town.
    expect(median(remote) / median(big)).toBeGreaterThan(2);
    expect(median(remote) / median(big)).toBeLessThan(3);
  });

  it('takes longer to dispatch in a remote city than in a big one', () => {
    const big = dispatchMinutes(makePlan({ code: 'big-city', remoteness: 0 }));
    const remote = dispatchMinutes(makePlan({ code: 'remote-town', remoteness: 1 }));
    expect(median(remote)).toBeGreaterThan(median(big) * 1.2);
  });
});
