import { describe, expect, it } from 'vitest';
import { isWeek, shiftWeek } from './week.js';

describe('meeting weeks', () => {
  it('steps across the turn of the year, including a year of 53 weeks', () => {
    expect(shiftWeek('2026-W47', 1)).toBe('2026-W48');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -1)).toBe('2026-W53');
    expect(shiftWeek('2025-W01', -1)).toBe('2024-W52');
  });

  it('refuses text that names no week', () => {
    expect(isWeek('2026-W47')).toBe(true);
    expect(isWeek('2025-W53')).toBe(false);
    expect(isWeek('2026-47')).toBe(false);
    expect(shiftWeek('soon', 1)).toBeNull();
  });
});
