import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { decodeCursor, encodeCursor, parseBbox, parseDay, parseRange, parseTimeBound } from './params.js';

function failure(work: () => unknown): { code: string; status: number; field: string | undefined } {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, field: error.field };
    throw error;
  }
  throw new Error('expected an AppError');
}

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('parseTimeBound', () => {
  it('reads a day as local midnight in Africa/Casablanca', () => {
    expect(parseTimeBound('2026-07-01', 'from')?.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(parseTimeBound('2026-03-01', 'from')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('reads an instant with its offset', () => {
    expect(parseTimeBound('2026-07-01T10:00:00+01:00', 'to')?.toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(parseTimeBound(undefined, 'to')).toBeUndefined();
  });

  it('refuses a day that does not exist, naming the field', () => {
    expect(failure(() => parseTimeBound('2026-13-40', 'from'))).toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      field: 'from',
    });
    expect(failure(() => parseTimeBound('2026-02-29', 'to')).field).toBe('to');
  });

  it('refuses an instant on a day that does not exist rather than rolling it into the next month', () => {
    expect(failure(() => parseTimeBound('2026-02-30T10:00:00Z', 'from')).field).toBe('from');
    expect(failure(() => parseTimeBound('2026-04-31T00:00Z', 'to')).field).toBe('to');
  });
});

describe('parseDay', () => {
  it('keeps a real calendar day and refuses others, naming the field', () => {
    expect(parseDay('2024-02-29', 'asOf')).toBe('2024-02-29');
    for (const value of ['2026-11-31', '2026-02-29', '20261120']) {
      expect(
        failure(() => parseDay(value, 'asOf')),
        value,
      ).toEqual({ code: 'VALIDATION_FAILED', status: 400, field: 'asOf' });
    }
  });

  it('refuses days before 1900, which no record has and the zone rules do not cover', () => {
    for (const value of ['0000-01-01', '0099-06-01', '1899-12-31']) {
      expect(failure(() => parseDay(value, 'asOf')).field, value).toBe('asOf');
      expect(failure(() => parseTimeBound(value, 'from')).field, value).toBe('from');
      expect(failure(() => parseTimeBound(`${value}T12:00:00Z`, 'to')).field, value).toBe('to');
    }
    expect(parseDay('1900-01-01', 'asOf')).toBe('1900-01-01');
  });
});

describe('parseRange', () => {
  it('refuses a range that ends before it starts', () => {
    expect(failure(() => parseRange('2026-05-02', '2026-05-01')).field).toBe('to');
    expect(failure(() => parseRange('2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z')).field).toBe('to');
  });

  it('includes the whole day given as the end, up to the next local midnight', () => {
    expect(parseRange('2026-05-01', '2026-05-01')).toEqual({
      from: new Date('2026-04-30T23:00:00Z'),
      to: new Date('2026-05-01T23:00:00Z'),
    });
    expect(parseRange(undefined, '2026-05-01T10:00:00Z')).toEqual({ to: new Date('2026-05-01T10:00:00Z') });
  });

  it('keeps only the bounds given', () => {
    expect(parseRange(undefined, undefined)).toEqual({});
    expect(Object.keys(parseRange('2026-05-01', undefined))).toEqual(['from']);
  });
});

describe('parseBbox', () => {
  it('reads minLon,minLat,maxLon,maxLat', () => {
    expect(parseBbox('-7.7,33.5,-7.5,33.65')).toEqual([-7.7, 33.5, -7.5, 33.65]);
    expect(parseBbox(undefined)).toBeUndefined();
  });

  it('refuses boxes with three numbers, minimums after maximums or beyond the world', () => {
    for (const value of ['1,2,3', '1,2,3,4,5', '10,10,0,0', '-7,34,-8,33', '-181,0,0,1', '0,-91,1,0', 'a,b,c,d']) {
      expect(
        failure(() => parseBbox(value)),
        value,
      ).toEqual({ code: 'VALIDATION_FAILED', status: 400, field: 'bbox' });
    }
  });
});

describe('cursors', () => {
  it('round-trip the time and id of a row', () => {
    const at = new Date('2026-11-20T10:11:12.345Z');
    expect(decodeCursor(encodeCursor(at, 4321))).toEqual({ at, id: 4321 });
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuse garbage and well-formed JSON of the wrong shape as INVALID_CURSOR', () => {
    for (const value of ['garbage', forged({ at: 1 }), forged(null), forged(['2026-01-01T00:00:00Z', 'x'])]) {
      expect(
        failure(() => decodeCursor(value)),
        value,
      ).toEqual({ code: 'INVALID_CURSOR', status: 400, field: 'cursor' });
    }
  });

  it('refuse ids and times that no row can have instead of passing them to the database', () => {
    for (const value of [
      forged(['2026-01-01T00:00:00Z', 1e20]),
      forged(['2026-01-01T00:00:00Z', -5]),
      forged(['2026-01-01T00:00:00Z', 1.5]),
      forged(['-200000-01-01T00:00:00Z', 5]),
      forged(['+275000-01-01T00:00:00Z', 5]),
      forged(['not a time', 5]),
    ]) {
      expect(
        failure(() => decodeCursor(value)),
        value,
      ).toEqual({ code: 'INVALID_CURSOR', status: 400, field: 'cursor' });
    }
  });
});
