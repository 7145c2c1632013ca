import Type, { type Static } from 'typebox';
import { callOutcomes, callTypes } from '../domain/call.js';
import { categoryCodes } from '../domain/category.js';
import { incidentStatuses, provenances } from '../domain/incident.js';
import { Nullable } from './common.js';

/**
 * Istibaq's native exchange format: one record per line of JSON (or per row of CSV with these column names).
 * The `istibaq` and `istibaq-calls` presets read it; docs/schemas/*.schema.json are generated from here.
 */

const Time = Type.String({
  description:
    'ISO 8601 with an offset (2026-11-20T21:15:00+01:00 or …Z); without one, local time in Africa/Casablanca. ' +
    'A day (2026-11-20) or a month (2026-11) says the time is known only that precisely.',
  minLength: 7,
});
const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 latitude (EPSG:4326)' });
const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 longitude (EPSG:4326)' });
const Area = Type.String({
  description: 'an Istibaq area code, for a record without a location (or outside every boundary)',
});
const Id = Type.String({
  minLength: 1,
  maxLength: 200,
  description:
    'the id in the system the record comes from; with the source name, the key that makes re-imports idempotent',
});

export const NativeIncident = Type.Object(
  {
    id: Id,
    category: Type.Enum(categoryCodes, {
      description: 'Istibaq category; each belongs to a UN ICCS code (GET /api/categories)',
    }),
    occurred_at: Time,
    reported_at: Type.Optional(Nullable(Time)),
    solved_at: Type.Optional(Nullable(Time)),
    status: Type.Optional(
      Type.Enum(incidentStatuses, { description: 'default: solved with solved_at, else recorded' }),
    ),
    provenance: Type.Optional(Type.Enum(provenances, { description: 'default: citizen_report' })),
    lat: Type.Optional(Nullable(Latitude)),
    lon: Type.Optional(Nullable(Longitude)),
    area: Type.Optional(Nullable(Area)),
  },
  { title: 'Istibaq native incident', additionalProperties: true },
);
export type NativeIncident = Static<typeof NativeIncident>;

export const NativeCall = Type.Object(
  {
    id: Id,
    received_at: Time,
    dispatched_at: Type.Optional(Nullable(Time)),
    on_scene_at: Type.Optional(Nullable(Time)),
    closed_at: Type.Optional(Nullable(Time)),
    priority: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Enum(['1', '2', '3', '4'])], {
      description: '1 is the most urgent',
    }),
    call_type: Type.Enum(callTypes),
    outcome: Type.Optional(
      Type.Enum(callOutcomes, { description: 'default: incident_recorded when closed, else pending' }),
    ),
    lat: Type.Optional(Nullable(Latitude)),
    lon: Type.Optional(Nullable(Longitude)),
    area: Type.Optional(Nullable(Area)),
  },
  { title: 'Istibaq native call for service', additionalProperties: true },
);
export type NativeCall = Static<typeof NativeCall>;
