import Type, { type Static } from 'typebox';
import { callOutcomes, callTypes } from '../domain/call.js';
import { categoryCodes } from '../domain/category.js';
import { incidentStatuses, provenances } from '../domain/incident.js';
import { AreaCode, Instant, Nullable } from './common.js';

const literals = <T extends readonly string[]>(values: T) => Type.Enum(values);
export const CategoryCode = literals(categoryCodes);

const Bbox = Type.String({
  pattern: '^-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?$',
  description: 'minLon,minLat,maxLon,maxLat',
});
const DayOrInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description:
    'a day (YYYY-MM-DD, local time in Africa/Casablanca; as `to`, the whole day is included) or an instant with its offset (`to` exclusive)',
});

export const IncidentQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    category: Type.Optional(Type.Array(CategoryCode, { description: 'repeat for several' })),
    from: Type.Optional(DayOrInstant),
    to: Type.Optional(DayOrInstant),
    bbox: Type.Optional(Bbox),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { default: 'json' })),
  },
  { additionalProperties: false },
);
export type IncidentQuery = Static<typeof IncidentQuery>;

const IncidentFields = {
  id: Type.Integer(),
  category: CategoryCode,
  iccs: Type.String(),
  occurredAt: Instant,
  reportedAt: Nullable(Instant),
  area: Type.String({ description: 'code of the finest area the incident falls in' }),
  status: literals(incidentStatuses),
  solvedAt: Nullable(Instant),
  provenance: literals(provenances),
  source: Type.String(),
  externalId: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  h3: Nullable(Type.String({ description: 'H3 cell at resolution 9' })),
};

export const Incident = Type.Object({ ...IncidentFields, lat: Nullable(Type.Number()), lon: Nullable(Type.Number()) });
export type Incident = Static<typeof Incident>;

export const IncidentPage = Type.Object({ items: Type.Array(Incident), nextCursor: Nullable(Type.String()) });
export type IncidentPage = Static<typeof IncidentPage>;

export const IncidentFeatures = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      geometry: Nullable(
        Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
      ),
      properties: Type.Object(IncidentFields),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
export type IncidentFeatures = Static<typeof IncidentFeatures>;

export const CallQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    priority: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 4 }))),
    from: Type.Optional(DayOrInstant),
    to: Type.Optional(DayOrInstant),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export type CallQuery = Static<typeof CallQuery>;

export const Call = Type.Object({
  id: Type.Integer(),
  receivedAt: Instant,
  dispatchedAt: Nullable(Instant),
  onSceneAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  priority: Type.Integer({ minimum: 1, maximum: 4 }),
  callType: literals(callTypes),
  incidentId: Nullable(Type.Integer()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  area: Type.String(),
  outcome: literals(callOutcomes),
  source: Type.String(),
  synthetic: Type.Boolean(),
});
export type Call = Static<typeof Call>;

export const CallPage = Type.Object({ items: Type.Array(Call), nextCursor: Nullable(Type.String()) });
export type CallPage = Static<typeof CallPage>;
