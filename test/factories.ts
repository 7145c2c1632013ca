import type { AreaGeometry } from '../src/domain/area.js';
import type { NewCall } from '../src/domain/call.js';
import type { NewIncident } from '../src/domain/incident.js';

/** An incident as an import would write it: real (not synthetic), recorded, in central Casablanca (Anfa). */
export function makeIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    category: 'theft',
    occurredAt: new Date('2026-11-10T20:15:00Z'),
    reportedAt: new Date('2026-11-10T21:00:00Z'),
    lat: 33.5823,
    lon: -7.6836,
    status: 'recorded',
    solvedAt: null,
    provenance: 'citizen_report',
    source: 'test-import',
    externalId: null,
    synthetic: false,
    ...overrides,
  };
}

/** A call for service answered in the usual order, in central Casablanca (Anfa). */
export function makeCall(overrides: Partial<NewCall> = {}): NewCall {
  return {
    receivedAt: new Date('2026-11-10T20:16:00Z'),
    dispatchedAt: new Date('2026-11-10T20:18:00Z'),
    onSceneAt: new Date('2026-11-10T20:26:00Z'),
    closedAt: new Date('2026-11-10T21:05:00Z'),
    priority: 2,
    callType: 'theft',
    lat: 33.5823,
    lon: -7.6836,
    outcome: 'incident_recorded',
    source: 'test-import',
    externalId: null,
    synthetic: false,
    ...overrides,
  };
}

/** An axis-aligned rectangle as a polygon, for geometry tests. */
export function box(minLon: number, minLat: number, maxLon: number, maxLat: number): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}
