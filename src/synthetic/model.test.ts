import { describe, expect, it } from 'vitest';
import { categoryCodes, categoryOf } from '../domain/category.js';
import { provenances } from '../domain/incident.js';
import { addDays } from '../domain/time.js';
import { buildCalendar } from './generate.js';
import { categoryModels, hotspotCount, hourProfiles, nationalCases, nationalCasesByYear } from './model.js';

const models = categoryCodes.map((code) => ({ code, violent: categoryOf(code).violent, ...categoryModels[code] }));
const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

describe('the synthetic model’s categories', () => {
  it('has shares adding up to 1', () => {
    expect(sum(models.map((m) => m.share))).toBeCloseTo(1, 12);
  });

  it('makes violent crime about 7 % of cases, as the DGSN reported for 2024', () => {
    const violent = sum(models.filter((m) => m.violent).map((m) => m.share));
    expect(Math.abs(violent - 0.07)).toBeLessThan(0.005);
  });

  it('solves about 95 % of all cases and about 92 % of violent ones, weighted by share', () => {
    const overall = sum(models.map((m) => m.share * m.solveRate));
    const violent = models.filter((m) => m.violent);
    const violentRate = sum(violent.map((m) => m.share * m.solveRate)) / sum(violent.map((m) => m.share));
    expect(Math.abs(overall - 0.95)).toBeLessThan(0.005);
    expect(Math.abs(violentRate - 0.92)).toBeLessThan(0.005);
  });

  it('gives every category provenance shares adding up to 1 and a valid hour profile', () => {
    for (const m of models) {
      expect(sum(provenances.map((p) => m.provenance[p])), m.code).toBeCloseTo(1, 12);
      expect(Object.keys(hourProfiles), m.code).toContain(m.hours);
      expect(m.solveRate, m.code).toBeLessThanOrEqual(1);
      expect(m.branching, m.code).toBeLessThan(1);
    }
  });

  it('draws 24 hourly weights in every hour profile', () => {
    for (const weights of Object.values(hourProfiles)) expect(weights).toHaveLength(24);
  });
});

describe('nationalCases', () => {
  it('gives the DGSN figure of each published year and the nearest one otherwise', () => {
    expect(nationalCases(2022)).toBe(820_274);
    expect(nationalCases(2023)).toBe(738_748);
    expect(nationalCases(2024)).toBe(755_541);
    expect(nationalCases(2026)).toBe(nationalCasesByYear[2024]);
    expect(nationalCases(2019)).toBe(nationalCasesByYear[2022]);
  });
});

describe('hotspotCount', () => {
  it('gives 1 + √(population / 50,000) black spots, at most 12', () => {
    expect(hotspotCount(10_000)).toBe(1);
    expect(hotspotCount(200_000)).toBe(3);
    expect(hotspotCount(3_215_935)).toBe(9);
    expect(hotspotCount(50_000_000)).toBe(12);
  });
});

describe('buildCalendar', () => {
  // Four years up to 20 November 2026: 2023, 2024 and 2025 are covered whole.
  const calendar = buildCalendar(new Date('2026-11-20T12:00:00Z'), 4, 'Africa/Casablanca');
  const yearTotal = (year: number) =>
    sum(calendar.expected.filter((_, i) => (calendar.days[i] as string).startsWith(String(year))));

  it('covers consecutive days from the day after the same date four years earlier up to the last day', () => {
    expect(calendar.days[0]).toBe('2022-11-21');
    expect(calendar.days.at(-1)).toBe('2026-11-20');
    calendar.days.slice(1).forEach((day, i) => expect(day).toBe(addDays(calendar.days[i] as string, 1)));
    expect(calendar.expected).toHaveLength(calendar.days.length);
  });

  it('expects each whole year’s national total to be that year’s DGSN figure', () => {
    expect(yearTotal(2023)).toBeCloseTo(738_748, 6);
    expect(yearTotal(2024)).toBeCloseTo(755_541, 6);
    expect(yearTotal(2025)).toBeCloseTo(nationalCases(2025), 6);
  });

  it('makes New Year’s Day the busiest day of each year', () => {
    for (const year of [2023, 2024, 2025, 2026]) {
      const days = calendar.days.flatMap((day, i) =>
        day.startsWith(String(year)) ? [[day, calendar.expected[i] as number] as const] : [],
      );
      const busiest = days.reduce((best, d) => (d[1] > best[1] ? d : best));
      expect(busiest[0]).toBe(`${year}-01-01`);
      expect(busiest[1] / (sum(days.map((d) => d[1])) / days.length)).toBeGreaterThan(1.4);
    }
  });

  it('starts each day at local midnight, an hour before UTC midnight except during Ramadan', () => {
    const at = (day: string) => calendar.dayStart[calendar.days.indexOf(day)];
    expect(at('2026-01-10')).toBe(Date.parse('2026-01-09T23:00:00Z'));
    expect(at('2026-03-01')).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(calendar.steadyOffset[calendar.days.indexOf('2026-03-01')]).toBe(0);
    expect(calendar.steadyOffset[calendar.days.indexOf('2026-07-01')]).toBe(60);
  });

  it('marks the days of the Ramadan clock changes as having no steady offset', () => {
    expect(calendar.steadyOffset[calendar.days.indexOf('2026-02-15')]).toBeNull();
    expect(calendar.steadyOffset[calendar.days.indexOf('2026-03-22')]).toBeNull();
    expect(calendar.steadyOffset.filter((o) => o === null).length).toBe(8);
  });

  it('begins a calendar ending on 29 February on 1 March', () => {
    const leap = buildCalendar(new Date('2028-02-29T12:00:00Z'), 1, 'Africa/Casablanca');
    expect(leap.days[0]).toBe('2027-03-01');
    expect(leap.days.at(-1)).toBe('2028-02-29');
    expect(buildCalendar(new Date('2028-02-29T12:00:00Z'), 4, 'Africa/Casablanca').days[0]).toBe('2024-03-01');
  });

  it('begins the day after the same date when the last day is the 29th, 30th or 31st of a month', () => {
    expect(buildCalendar(new Date('2026-03-31T12:00:00Z'), 3, 'Africa/Casablanca').days[0]).toBe('2023-04-01');
    expect(buildCalendar(new Date('2026-12-30T12:00:00Z'), 1, 'Africa/Casablanca').days).toHaveLength(365);
  });
});
