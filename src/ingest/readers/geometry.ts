/** Checking GeoJSON geometries and property values read from JSON (GeoJSON and JSON lines). */
import type { FieldValue, SourceGeometry } from './types.js';

export type GeometryResult = { ok: true; geometry: SourceGeometry } | { ok: false; reason: string };

/**
 * A GeoJSON geometry object checked for shape: a known type, and coordinates nested as deep as the type says, each
 * position at least two finite numbers (RFC 7946, 3.1). Rings are not checked for closure or winding.
 */
export function checkGeometry(value: unknown): GeometryResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'is not an object' };
  }
  const { type, coordinates, geometries } = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection') {
    if (!Array.isArray(geometries)) return { ok: false, reason: 'is a GeometryCollection without a geometries array' };
    const members: SourceGeometry[] = [];
    for (const member of geometries) {
      const result = checkGeometry(member);
      if (!result.ok) return { ok: false, reason: `has a member that ${result.reason}` };
      members.push(result.geometry);
    }
    return { ok: true, geometry: { type, geometries: members } };
  }
  const depth = typeof type === 'string' ? depths[type] : undefined;
  if (depth === undefined) return { ok: false, reason: `has an unknown type ${JSON.stringify(type)}` };
  if (!isNested(coordinates, depth)) return { ok: false, reason: `is a ${String(type)} with malformed coordinates` };
  return { ok: true, geometry: { type, coordinates } as SourceGeometry };
}

/** How many array levels hold a geometry's positions: a Point's coordinates are a position, depth 0. */
const depths: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function isNested(value: unknown, depth: number): boolean {
  if (depth === 0) return isPosition(value);
  return Array.isArray(value) && value.every((member) => isNested(member, depth - 1));
}

function isPosition(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((number) => typeof number === 'number' && Number.isFinite(number))
  );
}

/** A JSON value as a field: strings, numbers, booleans and null as they are; objects and arrays as JSON text. */
export function fieldValue(value: unknown): FieldValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value) ?? null;
}

/** An object's properties as fields (nested values as JSON text); anything else gives no fields. */
export function fieldsOf(properties: unknown): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return fields;
  for (const [key, value] of Object.entries(properties)) fields[key] = fieldValue(value);
  return fields;
}
