import { describe, expect, it } from 'vitest';
import { categories, categoryCodes, categoryOf, iccsSections, isCategoryCode, sectionOf } from './category.js';

describe('offence categories', () => {
  it('lists 16 categories with distinct codes', () => {
    expect(categories).toHaveLength(16);
    expect(new Set(categoryCodes).size).toBe(16);
  });

  it('labels every category in Arabic, French and English', () => {
    for (const c of categories) {
      expect(c.labels.ar, c.code).toMatch(/[\u0600-\u06ff]/);
      expect(c.labels.fr, c.code).not.toBe('');
      expect(c.labels.en, c.code).not.toBe('');
    }
  });

  it('ties every category to an ICCS section that exists', () => {
    for (const c of categories) {
      expect(c.iccs, c.code).toMatch(/^\d{2,6}$/);
      expect(Object.keys(iccsSections), c.code).toContain(sectionOf(c.code));
    }
    expect(sectionOf('robbery')).toBe('04');
    expect(sectionOf('other')).toBe('11');
  });

  it('marks homicide, serious assault, sexual violence and robbery as violent', () => {
    expect(categories.filter((c) => c.violent).map((c) => c.code)).toEqual([
      'homicide',
      'assault_serious',
      'sexual_violence',
      'robbery',
    ]);
  });

  it('throws a RangeError naming an unknown category', () => {
    expect(isCategoryCode('arson')).toBe(false);
    expect(isCategoryCode('theft')).toBe(true);
    expect(() => categoryOf('arson')).toThrow(new RangeError('unknown category: arson'));
  });
});
