import { describe, expect, it } from 'vitest';
import { isoWeekDays, isoWeekOf } from './iso-week.js';

describe('ISO weeks', () => {
  it('names the week of a day by the year of its Thursday', () => {
    expect(isoWeekOf('2026-11-20')).toBe('2026-W47');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
  });

  it('gives a week’s Monday and Sunday', () => {
    expect(isoWeekDays('2026-W47')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(isoWeekDays('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(isoWeekDays('2020-W53')).toEqual({ from: '2020-12-28', to: '2021-01-03' });
  });

  it('refuses weeks that do not exist', () => {
    for (const week of ['2025-W53', '2026-W54', '2026-W00', '2026-47', '26-W47']) {
      expect(isoWeekDays(week), week).toBeNull();
    }
  });
});
