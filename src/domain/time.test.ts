import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDay,
  sameDayYearsBefore,
  zonedDay,
  zonedInstant,
  zonedParts,
  zoneOffsetMinutes,
} from './time.js';

// Morocco keeps UTC+1 all year except during Ramadan. In 2026 its clocks went back an hour at 03:00 local on
// 15 February (02:00 UTC) and forward again at 02:00 local on 22 March (02:00 UTC).
const ramadanStart = Date.parse('2026-02-15T02:00:00Z');
const ramadanEnd = Date.parse('2026-03-22T02:00:00Z');
const minute = 60_000;

describe('isIsoDay', () => {
  it('accepts real calendar days, 29 February of leap years included', () => {
    for (const day of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29']) expect(isIsoDay(day)).toBe(true);
  });

  it('rejects days that do not exist and strings that are not days', () => {
    for (const day of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '2026-1-1',
      '20260101',
      '',
    ]) {
      expect(isIsoDay(day), day).toBe(false);
    }
  });
});

describe('addDays and daysBetween', () => {
  it('cross month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-03-01', -365)).toBe('2025-03-01');
  });

  it('counts 366 days across a leap year and a negative count backwards', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-03-22', '2026-02-15')).toBe(-35);
  });
});

describe('sameDayYearsBefore', () => {
  it('maps 29 February to 28 February in a year without it', () => {
    expect(sameDayYearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(sameDayYearsBefore('2028-02-29', 3)).toBe('2025-02-28');
  });

  it('keeps 29 February when the earlier year has one', () => {
    expect(sameDayYearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('maps 28 February and 1 March to themselves across a leap year', () => {
    expect(sameDayYearsBefore('2025-02-28', 1)).toBe('2024-02-28');
    expect(sameDayYearsBefore('2025-03-01', 1)).toBe('2024-03-01');
  });

  it('moves year-boundary days to the same boundary', () => {
    expect(sameDayYearsBefore('2026-01-01', 1)).toBe('2025-01-01');
    expect(sameDayYearsBefore('2026-12-31', 2)).toBe('2024-12-31');
  });
});

describe('Africa/Casablanca wall clock', () => {
  it('is one hour ahead of UTC outside Ramadan and level with it during Ramadan', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-10T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-03-01T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-07-01T12:00:00Z'))).toBe(60);
  });

  it('changes offset exactly at the 2026 Ramadan clock changes', () => {
    expect(zoneOffsetMinutes(new Date(ramadanStart - 1000))).toBe(60);
    expect(zoneOffsetMinutes(new Date(ramadanStart))).toBe(0);
    expect(zoneOffsetMinutes(new Date(ramadanEnd - 1000))).toBe(0);
    expect(zoneOffsetMinutes(new Date(ramadanEnd))).toBe(60);
  });

  it('reads the wall clock going back from 02:59:59 to 02:00 and forward from 01:59:59 to 03:00', () => {
    expect(zonedParts(new Date(ramadanStart - 1000))).toEqual({ day: '2026-02-15', hour: 2, minute: 59, second: 59 });
    expect(zonedParts(new Date(ramadanStart))).toEqual({ day: '2026-02-15', hour: 2, minute: 0, second: 0 });
    expect(zonedParts(new Date(ramadanEnd - 1000))).toEqual({ day: '2026-03-22', hour: 1, minute: 59, second: 59 });
    expect(zonedParts(new Date(ramadanEnd))).toEqual({ day: '2026-03-22', hour: 3, minute: 0, second: 0 });
  });

  it('places local midnight at 23:00 UTC the day before outside Ramadan and at 00:00 UTC during it', () => {
    expect(zonedInstant('2026-01-10', 0).toISOString()).toBe('2026-01-09T23:00:00.000Z');
    expect(zonedInstant('2026-02-15', 0).toISOString()).toBe('2026-02-14T23:00:00.000Z');
    expect(zonedInstant('2026-02-16', 0).toISOString()).toBe('2026-02-16T00:00:00.000Z');
    expect(zonedInstant('2026-03-22', 0).toISOString()).toBe('2026-03-22T00:00:00.000Z');
    expect(zonedInstant('2026-03-23', 0).toISOString()).toBe('2026-03-22T23:00:00.000Z');
  });

  it('gives wall-clock times on either side of a clock change the right instant', () => {
    expect(zonedInstant('2026-02-15', 60).toISOString()).toBe('2026-02-15T00:00:00.000Z');
    expect(zonedInstant('2026-02-15', 4 * 60).toISOString()).toBe('2026-02-15T04:00:00.000Z');
    expect(zonedInstant('2026-03-22', 60).toISOString()).toBe('2026-03-22T01:00:00.000Z');
    expect(zonedInstant('2026-03-22', 4 * 60).toISOString()).toBe('2026-03-22T03:00:00.000Z');
  });

  it('moves a wall-clock time skipped when the clocks go forward on by the size of the gap', () => {
    // 02:30 does not exist on 22 March 2026: the clocks jump from 02:00 to 03:00.
    const instant = zonedInstant('2026-03-22', 2 * 60 + 30);
    expect(instant.toISOString()).toBe('2026-03-22T02:30:00.000Z');
    expect(zonedParts(instant)).toMatchObject({ day: '2026-03-22', hour: 3, minute: 30 });
  });

  it('gives a wall-clock time repeated when the clocks go back one of its two instants', () => {
    // 02:30 happens twice on 15 February 2026: at 01:30 UTC (UTC+1) and at 02:30 UTC (UTC+0).
    const instant = zonedInstant('2026-02-15', 2 * 60 + 30).getTime();
    expect([Date.parse('2026-02-15T01:30:00Z'), Date.parse('2026-02-15T02:30:00Z')]).toContain(instant);
    expect(zonedParts(new Date(instant))).toMatchObject({ day: '2026-02-15', hour: 2, minute: 30 });
  });

  it('round-trips every quarter hour of the days around both clock changes', () => {
    for (const day of ['2026-02-14', '2026-02-15', '2026-02-16', '2026-03-21', '2026-03-22', '2026-03-23']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const parts = zonedParts(zonedInstant(day, m));
        const skipped = day === '2026-03-22' && m >= 120 && m < 180;
        const expected = skipped ? m + 60 : m;
        expect(parts.day, `${day} ${m}`).toBe(day);
        expect(parts.hour * 60 + parts.minute, `${day} ${m}`).toBe(expected);
      }
    }
  });

  it('puts an instant on the local day it falls in at local midnight and just before it', () => {
    const summerMidnight = zonedInstant('2026-07-01', 0).getTime();
    expect(zonedDay(new Date(summerMidnight))).toBe('2026-07-01');
    expect(zonedDay(new Date(summerMidnight - 1000))).toBe('2026-06-30');
    expect(zonedDay(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    const ramadanMidnight = zonedInstant('2026-03-01', 0).getTime();
    expect(zonedDay(new Date(ramadanMidnight))).toBe('2026-03-01');
    expect(zonedDay(new Date(ramadanMidnight - 1000))).toBe('2026-02-28');
    expect(zonedDay(new Date('2026-02-28T23:30:00Z'))).toBe('2026-02-28');
  });

  it('starts the new year an hour before UTC does', () => {
    expect(zonedDay(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
    expect(zonedDay(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
    expect(zonedInstant('2026-01-01', 0).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('ignores the milliseconds of an instant when measuring the offset', () => {
    expect(zoneOffsetMinutes(new Date(Date.parse('2026-07-01T12:00:00Z') + 999))).toBe(60);
  });
});

describe('zonedInstant in other zones', () => {
  it('moves a skipped time forward by the gap west of Greenwich too', () => {
    // New York skipped 02:00–02:59 on 8 March 2026 (EST −5 h → EDT −4 h at 07:00 UTC).
    const instant = zonedInstant('2026-03-08', 2 * 60 + 30, 'America/New_York');
    expect(zonedParts(instant, 'America/New_York')).toMatchObject({ day: '2026-03-08', hour: 3, minute: 30 });
    expect(instant.getTime() - zonedInstant('2026-03-08', 60, 'America/New_York').getTime()).toBe(90 * minute);
  });

  it('moves a skipped time forward by the gap east of Greenwich', () => {
    // Paris skipped 02:00–02:59 on 29 March 2026 (CET +1 h → CEST +2 h at 01:00 UTC).
    const instant = zonedInstant('2026-03-29', 2 * 60 + 30, 'Europe/Paris');
    expect(zonedParts(instant, 'Europe/Paris')).toMatchObject({ day: '2026-03-29', hour: 3, minute: 30 });
  });

  it('handles zones without clock changes on either side of UTC', () => {
    expect(zonedInstant('2026-06-01', 0, 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(zonedInstant('2026-06-01', 0, 'Asia/Tokyo').toISOString()).toBe('2026-05-31T15:00:00.000Z');
    expect(zonedInstant('2026-06-01', 0, 'America/Sao_Paulo').toISOString()).toBe('2026-06-01T03:00:00.000Z');
  });
});
