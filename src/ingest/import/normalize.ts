import type {
  AreaSpec,
  CallMapping,
  IncidentMapping,
  LocationSpec,
  Mapping,
  RowError,
  TimeSpec,
} from '../../contract/import.js';
import {
  callOutcomes,
  callProblems,
  callTypes,
  type CallOutcome,
  type CallPriority,
  type CallType,
  type NewCall,
} from '../../domain/call.js';
import { categoryCodes, type CategoryCode } from '../../domain/category.js';
import {
  incidentProblems,
  incidentStatuses,
  provenances,
  type IncidentStatus,
  type NewIncident,
  type Provenance,
  type TimePrecision,
} from '../../domain/incident.js';
import { defaultTimeZone } from '../../domain/time.js';
import { projectionFor } from '../../geo/projection.js';
import { dateFromParts, parseDate } from '../dates.js';
import type { FieldValue, SourceRecord } from '../readers/types.js';

/**
 * Turns a source record into an Istibaq record through a mapping: every problem is collected with the column at
 * fault, so a bad row is reported whole, and a good row comes out with its location in WGS 84.
 */

export interface Normalized<T> {
  record: T;
  /** How precise the record's main time is. */
  precision: TimePrecision;
  /** The area the record names (for records without a location, or as the fallback), already templated. */
  areaCode: string | null;
  /** A source category the mapping did not name, mapped to its default or to `other`. */
  unmappedCategory: string | null;
}

export type NormalizeResult<T> = { ok: true; value: Normalized<T> } | { ok: false; errors: RowError[] };

export interface NormalizeOptions {
  source: string;
  /** Reject rows whose category the mapping does not name, instead of counting them as `other`. */
  strict: boolean;
}

function text(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

function readTime(
  spec: TimeSpec,
  record: SourceRecord,
  zone: string,
  errors: RowError[],
  field: string,
): { at: Date; precision: TimePrecision } | null {
  const timeZone = spec.timeZone ?? zone;
  if ('column' in spec) {
    const raw = text(record.fields[spec.column]);
    if (raw === '') {
      errors.push({ line: record.line, column: spec.column, reason: `${field}: empty` });
      return null;
    }
    const parsed = parseDate(raw, {
      timeZone,
      ...(spec.format ? { format: spec.format } : {}),
      ...(spec.dayFirst === undefined ? {} : { dayFirst: spec.dayFirst }),
    });
    if ('error' in parsed) {
      errors.push({ line: record.line, column: spec.column, reason: `${field}: ${parsed.error}` });
      return null;
    }
    return parsed;
  }
  const parts: Record<string, number> = {};
  for (const [part, column] of Object.entries(spec.parts)) {
    if (column === undefined) continue;
    const raw = text(record.fields[column]);
    const value = Number(raw);
    if (raw === '' || !Number.isInteger(value)) {
      errors.push({ line: record.line, column, reason: `${field}: ${part} is not a whole number: "${raw}"` });
      return null;
    }
    parts[part] = value;
  }
  const parsed = dateFromParts(
    {
      year: parts.year as number,
      month: parts.month as number,
      ...(parts.day === undefined ? {} : { day: parts.day }),
      ...(parts.hour === undefined ? {} : { hour: parts.hour }),
      ...(parts.minute === undefined ? {} : { minute: parts.minute }),
      ...(parts.second === undefined ? {} : { second: parts.second }),
    },
    timeZone,
  );
  if ('error' in parsed) {
    errors.push({ line: record.line, column: spec.parts.year, reason: `${field}: ${parsed.error}` });
    return null;
  }
  return parsed;
}

function optionalTime(
  spec: TimeSpec | undefined,
  record: SourceRecord,
  zone: string,
  errors: RowError[],
  field: string,
): Date | null {
  if (!spec) return null;
  if ('column' in spec && text(record.fields[spec.column]) === '') return null;
  return readTime(spec, record, zone, errors, field)?.at ?? null;
}

/** How exports write a missing number: R's NA, spreadsheets' #N/A, databases' NULL, … */
const missing = new Set(['', 'NA', 'N/A', '#N/A', 'NaN', 'NULL', 'null', 'None', 'none', '-']);

function readNumber(raw: string, decimalComma: boolean): number {
  if (raw === '') return NaN;
  const normalised = decimalComma ? raw.replace(/\./g, '').replace(',', '.') : raw;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalised) ? Number(normalised) : NaN;
}

/** The record's point in WGS 84, null when it has none; problems go to `errors`. */
function readLocation(
  spec: LocationSpec | undefined,
  record: SourceRecord,
  errors: RowError[],
): { lat: number; lon: number } | null {
  if (!spec) return null;
  let x: number;
  let y: number;
  let column: string | undefined;
  if ('geometry' in spec) {
    const geometry = record.geometry;
    if (!geometry) return null;
    if (geometry.type !== 'Point') {
      errors.push({ line: record.line, column: 'geometry', reason: `location: a ${geometry.type} is not a point` });
      return null;
    }
    [x, y] = geometry.coordinates as [number, number];
  } else {
    const rawX = text(record.fields[spec.x]);
    const rawY = text(record.fields[spec.y]);
    // A row without coordinates is a record without a location (placed by its area), not a bad row.
    if (missing.has(rawX) && missing.has(rawY)) return null;
    x = readNumber(rawX, spec.decimalComma ?? false);
    y = readNumber(rawY, spec.decimalComma ?? false);
    if (!Number.isFinite(x)) {
      errors.push({ line: record.line, column: spec.x, reason: `location: not a number: "${rawX}"` });
      return null;
    }
    if (!Number.isFinite(y)) {
      errors.push({ line: record.line, column: spec.y, reason: `location: not a number: "${rawY}"` });
      return null;
    }
    column = spec.x;
  }
  const crs = spec.crs ?? 4326;
  const [lon, lat] = crs === 4326 ? [x, y] : projectionFor(crs).toWgs84(x, y);
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    errors.push({
      line: record.line,
      ...(column ? { column } : {}),
      reason: `location: out of range: longitude ${x}, latitude ${y}${crs === 4326 ? '' : ` (EPSG:${crs})`}`,
    });
    return null;
  }
  // Exactly (0, 0) is how many exports write "no location".
  if (lat === 0 && lon === 0) return null;
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}

function readArea(spec: AreaSpec | undefined, record: SourceRecord): string | null {
  if (!spec) return null;
  const raw = text(record.fields[spec.column]);
  if (raw === '') return null;
  const padded = spec.pad !== undefined && /^\d+$/.test(raw) ? raw.padStart(spec.pad, '0') : raw;
  return `${spec.prefix ?? ''}${padded}`;
}

type ValueSpec = { value: string } | { column: string; map?: Record<string, string>; default?: string };

/**
 * A value from a value spec: the constant, the map's translation or the raw value when it is a valid one
 * (`known`), else the spec's default or null (not `known`).
 */
function readValue<T extends string>(
  spec: ValueSpec | undefined,
  record: SourceRecord,
  valid: readonly T[],
): { value: T | null; raw: string; known: boolean; column?: string } {
  // The mapping was checked against its schema; checking again here keeps the types honest.
  const member = (value: string | undefined): T | null =>
    value !== undefined && (valid as readonly string[]).includes(value) ? (value as T) : null;
  if (!spec) return { value: null, raw: '', known: false };
  if ('value' in spec) return { value: member(spec.value), raw: spec.value, known: member(spec.value) !== null };
  const raw = text(record.fields[spec.column]);
  const mapped = member(spec.map?.[raw]);
  if (mapped !== null) return { value: mapped, raw, known: true, column: spec.column };
  if (member(raw) !== null) return { value: raw as T, raw, known: true, column: spec.column };
  return { value: member(spec.default), raw, known: false, column: spec.column };
}

const at = (column: string | undefined) => (column === undefined ? {} : { column });

export function normalizeIncident(
  record: SourceRecord,
  mapping: IncidentMapping,
  options: NormalizeOptions,
): NormalizeResult<NewIncident> {
  const errors: RowError[] = [];
  const zone = mapping.timeZone ?? defaultTimeZone;
  const occurred = readTime(mapping.occurredAt, record, zone, errors, 'occurredAt');
  const reportedAt = optionalTime(mapping.reportedAt, record, zone, errors, 'reportedAt');
  const solvedAt = optionalTime(mapping.solvedAt, record, zone, errors, 'solvedAt');
  const location = readLocation(mapping.location, record, errors);
  const areaCode = readArea(mapping.area, record);

  // A category the mapping does not name is counted as its default (or `other`) and reported, never dropped;
  // with --strict the row is rejected instead.
  const category = readValue<CategoryCode>(mapping.category, record, categoryCodes);
  let unmappedCategory: string | null = null;
  let categoryCode = category.value;
  if (!category.known) {
    if (category.raw === '') {
      errors.push({ line: record.line, ...at(category.column), reason: 'category: empty' });
    } else if (options.strict) {
      errors.push({
        line: record.line,
        ...at(category.column),
        reason: `category: not in the mapping: "${category.raw}"`,
      });
    } else {
      unmappedCategory = category.raw;
      categoryCode ??= 'other';
    }
  }

  const provenance = readValue<Provenance>(mapping.provenance, record, provenances);
  const status = readValue<IncidentStatus>(mapping.status, record, incidentStatuses);
  if (mapping.status && status.value === null && status.raw !== '') {
    errors.push({ line: record.line, ...at(status.column), reason: `status: unknown value "${status.raw}"` });
  }
  if (mapping.provenance && provenance.value === null && provenance.raw !== '') {
    errors.push({
      line: record.line,
      ...at(provenance.column),
      reason: `provenance: unknown value "${provenance.raw}"`,
    });
  }
  if (!location && areaCode === null && !mapping.defaultArea && errors.length === 0) {
    errors.push({ line: record.line, reason: 'no location and no area: the record cannot be placed' });
  }
  if (errors.length > 0 || !occurred || categoryCode === null) return { ok: false, errors };

  const incident: NewIncident = {
    category: categoryCode,
    occurredAt: occurred.at,
    reportedAt,
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    status: status.value ?? (solvedAt ? 'solved' : 'recorded'),
    solvedAt,
    provenance: provenance.value ?? 'citizen_report',
    source: options.source,
    externalId: null,
    synthetic: false,
  };
  const problems = incidentProblems(incident);
  if (problems.length > 0) return { ok: false, errors: problems.map((reason) => ({ line: record.line, reason })) };
  return { ok: true, value: { record: incident, precision: occurred.precision, areaCode, unmappedCategory } };
}

export function normalizeCall(
  record: SourceRecord,
  mapping: CallMapping,
  options: NormalizeOptions,
): NormalizeResult<NewCall> {
  const errors: RowError[] = [];
  const zone = mapping.timeZone ?? defaultTimeZone;
  const received = readTime(mapping.receivedAt, record, zone, errors, 'receivedAt');
  const dispatchedAt = optionalTime(mapping.dispatchedAt, record, zone, errors, 'dispatchedAt');
  const onSceneAt = optionalTime(mapping.onSceneAt, record, zone, errors, 'onSceneAt');
  const closedAt = optionalTime(mapping.closedAt, record, zone, errors, 'closedAt');
  const location = readLocation(mapping.location, record, errors);
  const areaCode = readArea(mapping.area, record);
  const priority = readValue<'1' | '2' | '3' | '4'>(mapping.priority, record, ['1', '2', '3', '4']);
  const callType = readValue<CallType>(mapping.callType, record, callTypes);
  const outcome = readValue<CallOutcome>(mapping.outcome, record, callOutcomes);
  if (priority.value === null) {
    errors.push({ line: record.line, ...at(priority.column), reason: `priority: not 1 to 4: "${priority.raw}"` });
  }
  if (callType.value === null) {
    errors.push({ line: record.line, ...at(callType.column), reason: `callType: unknown value "${callType.raw}"` });
  }
  if (mapping.outcome && outcome.value === null && outcome.raw !== '') {
    errors.push({ line: record.line, ...at(outcome.column), reason: `outcome: unknown value "${outcome.raw}"` });
  }
  if (!location && areaCode === null && !mapping.defaultArea && errors.length === 0) {
    errors.push({ line: record.line, reason: 'no location and no area: the call cannot be placed' });
  }
  if (errors.length > 0 || !received || priority.value === null || callType.value === null) {
    return { ok: false, errors };
  }
  const call: NewCall = {
    receivedAt: received.at,
    dispatchedAt,
    onSceneAt,
    closedAt,
    priority: Number(priority.value) as CallPriority,
    callType: callType.value,
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    outcome: outcome.value ?? (closedAt ? 'incident_recorded' : 'pending'),
    source: options.source,
    externalId: null,
    synthetic: false,
  };
  const problems = callProblems(call);
  if (problems.length > 0) return { ok: false, errors: problems.map((reason) => ({ line: record.line, reason })) };
  return { ok: true, value: { record: call, precision: received.precision, areaCode, unmappedCategory: null } };
}

export function normalize(
  record: SourceRecord,
  mapping: Mapping,
  options: NormalizeOptions,
): NormalizeResult<NewIncident> | NormalizeResult<NewCall> {
  return mapping.kind === 'incidents'
    ? normalizeIncident(record, mapping, options)
    : normalizeCall(record, mapping, options);
}
