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

  it('names an area in the chosen language', () => {
    const area = { nameAr: 'مراكش', nameFr: 'Marrakech', nameEn: 'Marrakesh' };
    expect([areaName(area, 'ar'), areaName(area, 'fr'), areaName(area, 'en')]).toEqual([
      'مراكش',
      'Marrakech',
      'Marrakesh',
    ]);
  });
});
