import { describe, expect, it } from 'vitest';
import { defaultPatternWindow, weekdayHourPattern } from './weekday-hour.js';
import { trendSpans, trendWeeks, weeklyTrends } from './weekly-trends.js';

describe('trendWeeks', () => {
  it('ends with the as-of day’s Monday–Sunday week, partial unless the as-of day is a Sunday', () => {
    // Thursday 29 February 2024: the week of Monday 26 February, four days of it.
    expect(trendWeeks('2024-02-29', 2)).toEqual([
      {
        from: '2024-02-19',
        to: '2024-02-25',
        days: 7,
        partial: false,
        lastYear: { from: '2023-02-20', to: '2023-02-26' },
      },
      {
        from: '2024-02-26',
        to: '2024-02-29',
        days: 4,
        partial: true,
        lastYear: { from: '2023-02-27', to: '2023-03-02' },
      },
    ]);
    expect(trendWeeks('2024-03-03', 1)).toEqual([
      {
        from: '2024-02-26',
        to: '2024-03-03',
        days: 7,
        partial: false,
        lastYear: { from: '2023-02-27', to: '2023-03-05' },
      },
    ]);
  });

  it('keeps the weeks and those a year earlier apart, up to 52 weeks', () => {
    const spans = trendSpans(trendWeeks('2026-11-19', 52));
    expect(spans.lastYear.to < spans.current.from).toBe(true);
    expect(() => trendWeeks('2026-11-19', 53)).toThrow(RangeError);
    expect(() => trendWeeks('2026-11-19', 0)).toThrow(RangeError);
  });
});

describe('weeklyTrends', () => {
  it('sums categories into the total and orders them as the vocabulary does', () => {
    const trends = weeklyTrends({
      asOf: '2024-03-03',
      weeks: 2,
      counts: [
        { span: 'current', week: 0, category: 'theft', incidents: 12 },
        { span: 'current', week: 1, category: 'robbery', incidents: 1 },
        { span: 'lastYear', week: 1, category: 'theft', incidents: 10 },
      ],
    });
    expect(trends.rows.map((r) => [r.category, r.current, r.lastYear])).toEqual([
      ['robbery', [0, 1], [0, 0]],
      ['theft', [12, 0], [0, 10]],
    ]);
    expect(trends.total).toMatchObject({ current: [12, 1], lastYear: [0, 10], currentTotal: 13, lastYearTotal: 10 });
    expect(trends.total.changePct).toBeCloseTo(30, 10);
    expect(trends.rows[0]?.changePct).toBeNull();
  });
});

describe('weekdayHourPattern', () => {
  it('places instants by weekday and hour and counts coarser times apart', () => {
    const pattern = weekdayHourPattern([
      { precision: 'instant', weekday: 7, hour: 23, incidents: 2 },
      { precision: 'instant', weekday: 1, hour: 0, incidents: 1 },
      { precision: 'day', weekday: 3, hour: 0, incidents: 4 },
      { precision: 'month', weekday: 5, hour: 0, incidents: 1 },
    ]);
    expect(pattern.matrix[6]?.[23]).toBe(2);
    expect(pattern.matrix[0]?.[0]).toBe(1);
    expect(pattern.matrix.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(pattern).toMatchObject({ placed: 3, unplaced: { day: 4, month: 1, total: 5 } });
    expect(pattern.dayOnlyByWeekday).toEqual([0, 0, 4, 0, 0, 0, 0]);
    expect(() => weekdayHourPattern([{ precision: 'instant', weekday: 0, hour: 1, incidents: 1 }])).toThrow(RangeError);
  });

  it('reads the 28 days ending on the as-of day by default', () => {
    expect(defaultPatternWindow('2024-02-29')).toEqual({ from: '2024-02-02', to: '2024-02-29' });
  });
});
