import { describe, expect, it } from 'vitest';
import { areaName, formatters } from './format.js';

describe('formatters', () => {
  it('writes dates as Moroccans do, with Latin digits and Moroccan month names in Arabic', () => {
    expect(formatters('ar').day('2015-05-16')).toBe('16 ماي 2015');
    expect(formatters('fr').day('2015-05-16')).toBe('16 mai 2015');
    expect(formatters('en').day('2015-05-16')).toBe('May 16, 2015');
  });

  it('keeps a calendar day whatever the time zone', () => {
    expect(formatters('en').day('2026-01-01')).toBe('January 1, 2026');
    expect(formatters('en').year('2025-12-31')).toBe('2025');
  });

  it('groups thousands the Moroccan way in Arabic and French', () => {
    expect(formatters('ar').count(1234567)).toBe('1.234.567');
    expect(formatters('fr').count(1234567)).toBe('1.234.567');
    expect(formatters('en').count(1234567)).toBe('1,234,567');
  });

  it('writes class breaks with their two significant digits', () => {
    expect([0.35, 9.4, 140].map(formatters('fr').significant)).toEqual(['0,35', '9,4', '140']);
  });

  it('signs changes and rounds them to whole percents', () => {
    expect(formatters('en').change(12.4)).toBe('+12%');
    expect(formatters('en').change(-3.6)).toBe('-4%');
    expect(formatters('en').change(0)).toBe('0%');
  });

  it('writes file sizes in decimal units from the kilobyte up', () => {
    expect([512, 12_000, 3_450_000, 1_200_000_000].map(formatters('en').bytes)).toEqual([
      '0.5 kB',
      '12 kB',
      '3.5 MB',
      '1.2 GB',
    ]);
    // French puts a narrow no-break space before a unit's symbol.
    expect(formatters('fr').bytes(3_450_000)).toBe('3,5\u202fMo');
  });

  it('rounds measures to the tenth and drops a trailing zero', () => {
    expect([2.34, 11, 0.96].map(formatters('fr').tenths)).toEqual(['2,3', '11', '1']);
  });

  it('writes an instant with its day and minute in the browser’s time zone', () => {
    // The tests run in UTC (vitest.config.ts).
    expect(formatters('en').instant('2026-11-20T12:05:00Z')).toBe('November 20, 2026 at 12:05 PM');
    expect(formatters('fr').instant('2026-11-20T12:05:00Z')).toBe('20 novembre 2026 à 12:05');
  });

  it('writes shares to the tenth of a percent and lengths in metres', () => {
    expect(formatters('fr').share(0.14407)).toBe('14,4\u00a0%');
    expect(formatters('en').share(0.05)).toBe('5%');
    expect(formatters('ar').metres(1379.9)).toBe('1.380 مترًا');
    expect(formatters('en').metres(500)).toBe('500 m');
  });

  it('writes an instant on the clock of the zone it is asked for, whatever the browser’s', () => {
    // 22:28 UTC is 23:28 in Casablanca (UTC+1 outside Ramadan).
    expect(formatters('fr').dateTime('2026-11-11T22:28:46Z', 'Africa/Casablanca')).toBe('11 nov. 2026, 23:28');
    expect(formatters('ar').dateTime('2026-11-11T22:28:46Z', 'Africa/Casablanca')).toBe('11 نونبر 2026، 23:28');
    expect(formatters('en').dateTime('2026-11-11T22:28:46Z', 'UTC')).toBe('Nov 11, 2026, 22:28');
  });

  it('names an area in the chosen language', () => {
    const area = { nameAr: 'مراكش', nameFr: 'Marrakech', nameEn: 'Marrakesh' };
    expect([areaName(area, 'ar'), areaName(area, 'fr'), areaName(area, 'en')]).toEqual([
      'مراكش',
      'Marrakech',
      'Marrakesh',
    ]);
  });
});
