import { addDays, defaultTimeZone, isIsoDay, zonedInstant } from '../domain/time.js';
import { AppError, badRequest } from './errors.js';

/**
 * Days the API reads: real calendar days from 1900 on. Earlier years are no crime record's, and the zone rules,
 * Intl and PostgreSQL do not agree on them (local mean time, year 0).
 */
function isSupportedDay(value: string): boolean {
  return isIsoDay(value) && value >= '1900-01-01';
}

/** A calendar day given as YYYY-MM-DD, or a 400 naming the field. */
export function parseDay(value: string, field: string): string {
  if (!isSupportedDay(value)) throw badRequest(field, `${field}: not a calendar day: ${value}`);
  return value;
}

/** A day (local midnight in the display zone) or an instant with its offset, as a Date. */
export function parseTimeBound(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) return zonedInstant(parseDay(value, field), 0, defaultTimeZone);
  const date = new Date(value);
  // Date quietly rolls 30 February over into March: the day part must be a real day too.
  if (Number.isNaN(date.getTime()) || !isSupportedDay(value.slice(0, 10))) {
    throw badRequest(field, `${field}: not a valid time: ${value}`);
  }
  return date;
}

/**
 * A time range: `from` inclusive, `to` exclusive for an instant; a day as `to` includes that whole day (up to the
 * next local midnight), so `from=2026-11-01&to=2026-11-30` is November.
 */
export function parseRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const start = parseTimeBound(from, 'from');
  const end =
    to !== undefined && to.length === 10
      ? zonedInstant(addDays(parseDay(to, 'to'), 1), 0, defaultTimeZone)
      : parseTimeBound(to, 'to');
  if (start && end && start >= end) throw badRequest('to', 'to must be after from');
  return { ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) };
}

export function parseBbox(value: string | undefined): [number, number, number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  const valid =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!valid) throw badRequest('bbox', 'bbox: expected minLon,minLat,maxLon,maxLat within the world, min before max');
  return [minLon, minLat, maxLon, maxLat];
}

/** Cursors are opaque to clients: the (time, id) of the last row of the previous page. */
export function encodeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(value: string | undefined): { at: Date; id: number } | undefined {
  if (value === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = new Date(String(at));
    // Ids are positive 64-bit integers read as doubles; times stay within years PostgreSQL can compare.
    const year = date.getUTCFullYear();
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || !(year >= 1 && year <= 9999)) {
      throw new Error('bad cursor');
    }
    return { at: date, id };
  } catch {
    throw new AppError('INVALID_CURSOR', 400, 'cursor: not a cursor this API gave out', 'cursor');
  }
}
