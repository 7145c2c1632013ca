import Type, { type Static } from 'typebox';
import { callOutcomes, callTypes } from '../domain/call.js';
import { categoryCodes } from '../domain/category.js';
import { incidentStatuses, provenances } from '../domain/incident.js';
import { Nullable } from './common.js';

/**
 * How the columns of a source file become Istibaq records: a preset is one of these with a name, and
 * `istibaq import --mapping FILE` reads one from JSON (the schema below is its documentation: docs/import.md).
 */

const Column = Type.String({ minLength: 1, description: 'a column (CSV) or property (JSON, GeoJSON, KML) name' });

export const TimeSpec = Type.Union([
  Type.Object(
    {
      column: Column,
      format: Type.Optional(
        Type.String({ description: 'a named format or pattern (see docs/import.md); default: detected' }),
      ),
      timeZone: Type.Optional(
        Type.String({ description: 'zone of times written without an offset; default: the mapping’s' }),
      ),
      dayFirst: Type.Optional(Type.Boolean({ description: 'read 03/04/2026 as 3 April (default true)' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      parts: Type.Object(
        {
          year: Column,
          month: Column,
          day: Type.Optional(Column),
          hour: Type.Optional(Column),
          minute: Type.Optional(Column),
          second: Type.Optional(Column),
        },
        { additionalProperties: false },
      ),
      timeZone: Type.Optional(Type.String()),
    },
    { additionalProperties: false, description: 'a date split over several columns' },
  ),
]);
export type TimeSpec = Static<typeof TimeSpec>;

/** A value taken as it is, or read from a column and translated through a table. */
const valueSpec = <T extends readonly string[]>(values: T, description: string) =>
  Type.Union(
    [
      Type.Object({ value: Type.Enum(values) }, { additionalProperties: false }),
      Type.Object(
        {
          column: Column,
          map: Type.Optional(
            Type.Record(Type.String(), Type.Enum(values), { description: 'source value → Istibaq value' }),
          ),
          default: Type.Optional(Type.Enum(values, { description: 'for values the map does not name' })),
        },
        { additionalProperties: false },
      ),
    ],
    { description },
  );

export const LocationSpec = Type.Union([
  Type.Object(
    {
      x: Column,
      y: Column,
      crs: Type.Optional(Type.Integer({ description: 'EPSG code of x/y (default 4326: x = longitude, y = latitude)' })),
      decimalComma: Type.Optional(Type.Boolean({ description: 'numbers written 6,25 rather than 6.25' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { geometry: Type.Literal(true), crs: Type.Optional(Type.Integer()) },
    { additionalProperties: false, description: 'the point geometry of a GeoJSON or KML feature' },
  ),
]);
export type LocationSpec = Static<typeof LocationSpec>;

export const AreaSpec = Type.Object(
  {
    column: Column,
    prefix: Type.Optional(Type.String({ description: 'prepended to the value: "chicago-" + "7" → chicago-07' })),
    pad: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'left-pad numeric values with zeros' })),
  },
  { additionalProperties: false, description: 'the area a record names, used when it has no location' },
);
export type AreaSpec = Static<typeof AreaSpec>;

const common = {
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'default source name' })),
  timeZone: Type.Optional(Type.String({ description: 'zone of local times (default Africa/Casablanca)' })),
  externalId: Type.Optional(
    Type.Object({ column: Column }, { additionalProperties: false, description: 'the source’s own record id' }),
  ),
  location: Type.Optional(LocationSpec),
  area: Type.Optional(AreaSpec),
  defaultArea: Type.Optional(
    Type.String({ description: 'area code for records whose point falls in no known boundary' }),
  ),
};

export const IncidentMapping = Type.Object(
  {
    kind: Type.Literal('incidents'),
    ...common,
    occurredAt: TimeSpec,
    reportedAt: Type.Optional(TimeSpec),
    solvedAt: Type.Optional(TimeSpec),
    category: valueSpec(categoryCodes, 'the Istibaq category (each tied to an ICCS code)'),
    status: Type.Optional(valueSpec(incidentStatuses, 'default: solved when solvedAt is given, else recorded')),
    provenance: Type.Optional(valueSpec(provenances, 'default: citizen_report')),
  },
  { additionalProperties: false },
);
export type IncidentMapping = Static<typeof IncidentMapping>;

export const CallMapping = Type.Object(
  {
    kind: Type.Literal('calls'),
    ...common,
    receivedAt: TimeSpec,
    dispatchedAt: Type.Optional(TimeSpec),
    onSceneAt: Type.Optional(TimeSpec),
    closedAt: Type.Optional(TimeSpec),
    priority: valueSpec(['1', '2', '3', '4'] as const, 'priority, 1 most urgent'),
    callType: valueSpec(callTypes, 'what the call was about'),
    outcome: Type.Optional(valueSpec(callOutcomes, 'default: incident_recorded')),
  },
  { additionalProperties: false },
);
export type CallMapping = Static<typeof CallMapping>;

export const Mapping = Type.Union([IncidentMapping, CallMapping]);
export type Mapping = Static<typeof Mapping>;

export const RowError = Type.Object({
  line: Type.Integer({ description: '1-based line of the file' }),
  column: Type.Optional(Type.String()),
  reason: Type.String(),
});
export type RowError = Static<typeof RowError>;

export const ImportSummary = Type.Object({
  file: Type.String(),
  kind: Type.Enum(['incidents', 'calls']),
  preset: Nullable(Type.String()),
  source: Type.String(),
  format: Type.String(),
  encoding: Type.String(),
  dryRun: Type.Boolean(),
  rows: Type.Integer({ description: 'records read (good and rejected)' }),
  inserted: Type.Integer(),
  duplicates: Type.Integer({ description: 'records already in the database (same source and id or content)' }),
  updated: Type.Integer({ description: 'records changed since an earlier import (with --update)' }),
  rejected: Type.Integer(),
  errors: Type.Array(RowError, { description: 'the first 10,000 rejected rows with their reasons' }),
  errorsTruncated: Type.Boolean(),
  unmappedCategories: Type.Record(Type.String(), Type.Integer(), {
    description: 'source categories the mapping does not name, with their counts',
  }),
  seconds: Type.Number(),
  rowsPerSecond: Type.Number(),
});
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportQuery = Type.Object(
  {
    preset: Type.Optional(Type.String({ maxLength: 100 })),
    mapping: Type.Optional(Type.String({ maxLength: 8000, description: 'a mapping document, as JSON' })),
    kind: Type.Optional(Type.Enum(['incidents', 'calls'])),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    format: Type.Optional(Type.Enum(['csv', 'jsonl', 'geojson', 'kml'])),
    encoding: Type.Optional(Type.Enum(['utf-8', 'windows-1256', 'latin1'])),
    delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1 })),
    update: Type.Optional(Type.Boolean()),
    strict: Type.Optional(Type.Boolean()),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(['incidents', 'calls']),
  preset: Nullable(Type.String()),
  source: Type.String(),
  fileName: Type.String(),
  status: Type.Enum(['queued', 'running', 'done', 'failed']),
  bytesTotal: Nullable(Type.Integer()),
  bytesRead: Type.Integer(),
  rowsRead: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  error: Nullable(Type.String({ description: 'why the file could not be read, when it failed' })),
  summary: Nullable(ImportSummary),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ImportJob = Static<typeof ImportJob>;

export const ImportJobList = Type.Object({ items: Type.Array(ImportJob) });

export const PresetList = Type.Object({
  items: Type.Array(
    Type.Object({ name: Type.String(), kind: Type.Enum(['incidents', 'calls']), description: Type.String() }),
  ),
});
