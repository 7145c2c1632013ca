import { describe, expect, it } from 'vitest';
import { gregorianDayOf, hijriDate, periodSpan } from './special-periods.js';

describe('special periods', () => {
  it('reads Umm al-Qura dates: 1 Ramadan 1447 is 18 February 2026', () => {
    expect(hijriDate('2026-02-18')).toEqual({ year: 1447, month: 9, day: 1 });
    expect(hijriDate('2026-02-17')).toEqual({ year: 1447, month: 8, day: 29 });
    expect(gregorianDayOf(2026, 9, 1)).toBe('2026-02-18');
  });

  it('gives Ramadan as whole days up to the first of Shawwal', () => {
    expect(periodSpan({ kind: 'named', name: 'ramadan' }, 2026)).toEqual({
      fromDay: '2026-02-18',
      fromMinutes: 0,
      toDay: '2026-03-20',
      toMinutes: 0,
    });
    expect(periodSpan({ kind: 'named', name: 'ramadan' }, 2025)?.fromDay).toBe('2025-03-01');
    expect(periodSpan({ kind: 'named', name: 'ramadan' }, 2024)?.fromDay).toBe('2024-03-11');
  });

  it('gives the Eids as three days from 1 Shawwal and from 10 Dhu al-Hijjah', () => {
    expect(periodSpan({ kind: 'named', name: 'eid-al-fitr' }, 2026)).toEqual({
      fromDay: '2026-03-20',
      fromMinutes: 0,
      toDay: '2026-03-23',
      toMinutes: 0,
    });
    expect(periodSpan({ kind: 'named', name: 'eid-al-adha' }, 2026)?.fromDay).toBe('2026-05-27');
    expect(periodSpan({ kind: 'named', name: 'eid-al-adha' }, 2025)?.fromDay).toBe('2025-06-06');
    expect(periodSpan({ kind: 'named', name: 'eid-al-fitr' }, 2024)?.fromDay).toBe('2024-04-10');
  });

  it('takes the first of two Ramadans in a Gregorian year that holds two', () => {
    // 1 Ramadan 1451 and 1 Ramadan 1452 both fall in 2030 (January and December).
    const first = gregorianDayOf(2030, 9, 1);
    expect(first?.startsWith('2030-01')).toBe(true);
  });

  it('gives New Year from 18:00 on 31 December to 06:00 on 2 January', () => {
    expect(periodSpan({ kind: 'named', name: 'new-year' }, 2026)).toEqual({
      fromDay: '2025-12-31',
      fromMinutes: 1080,
      toDay: '2026-01-02',
      toMinutes: 360,
    });
  });

  it('moves a custom period to the same calendar days of another year, its last day included', () => {
    const spec = { kind: 'custom', name: 'festival', from: '2025-06-20', to: '2025-06-28' } as const;
    expect(periodSpan(spec, 2023)).toEqual({
      fromDay: '2023-06-20',
      fromMinutes: 0,
      toDay: '2023-06-29',
      toMinutes: 0,
    });
    const leap = { kind: 'custom', name: 'x', from: '2024-02-29', to: '2024-03-01' } as const;
    expect(periodSpan(leap, 2023)?.fromDay).toBe('2023-02-28');
    const crossing = { kind: 'custom', name: 'y', from: '2025-12-30', to: '2026-01-02' } as const;
    expect(periodSpan(crossing, 2022)).toEqual({
      fromDay: '2022-12-30',
      fromMinutes: 0,
      toDay: '2023-01-03',
      toMinutes: 0,
    });
    expect(() => periodSpan({ kind: 'custom', name: 'z', from: '2025-06-28', to: '2025-06-20' }, 2025)).toThrow(
      RangeError,
    );
  });
});
