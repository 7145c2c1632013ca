import { describe, expect, it } from 'vitest';
import { dailyExpectation, indicatorWindows, judgeDay, seasonalFactor, thresholdVerdict } from './daily-indicators.js';

describe('indicatorWindows', () => {
  it('reads the 8 same weekdays before the day and, in each prior year, 28 days around the date and 56 before', () => {
    const w = indicatorWindows('2024-03-08');
    expect(w.weekdays).toEqual([
      '2024-03-01',
      '2024-02-23',
      '2024-02-16',
      '2024-02-09',
      '2024-02-02',
      '2024-01-26',
      '2024-01-19',
      '2024-01-12',
    ]);
    expect(w.prior).toEqual([
      {
        yearsBefore: 1,
        season: { from: '2023-02-23', to: '2023-03-22' },
        before: { from: '2023-01-11', to: '2023-03-07' },
      },
      {
        yearsBefore: 2,
        season: { from: '2022-02-23', to: '2022-03-22' },
        before: { from: '2022-01-11', to: '2022-03-07' },
      },
      {
        yearsBefore: 3,
        season: { from: '2021-02-23', to: '2021-03-22' },
        before: { from: '2021-01-11', to: '2021-03-07' },
      },
    ]);
  });

  it('centres a prior year on 28 February for 29 February', () => {
    expect(indicatorWindows('2024-02-29', { seasonYears: 1 }).prior[0]?.season).toEqual({
      from: '2023-02-15',
      to: '2023-03-14',
    });
  });

  it('rejects a number of weeks that is not a positive whole number', () => {
    expect(() => indicatorWindows('2024-03-08', { weeks: 0 })).toThrow(RangeError);
  });
});

describe('dailyExpectation', () => {
  it('gives the weekday mean and Poisson 3σ limits when the counts vary less than Poisson', () => {
    // Mean 4; sample variance 10/7 < 4, so the dispersion stays 1: σ = √4 = 2, limits 4 ± 6 (the lower one 0).
    const e = dailyExpectation({ weekdayCounts: [3, 5, 4, 4, 6, 2, 4, 4], prior: [] });
    expect(e).toEqual({ expected: 4, lower: 0, upper: 10, weekdayMean: 4, seasonalFactor: 1, dispersion: 1 });
  });

  it('widens the band by the variance-to-mean ratio and scales by the seasonal factor', () => {
    // Mean 5, sample variance 8 × 25 / 7 = 200/7, dispersion 40/7. A prior year twice as busy around the date as in
    // the 56 days before: factor 2, expected 10, σ² = 40/7 × 10, σ = 20/√7.
    const e = dailyExpectation({
      weekdayCounts: [0, 10, 0, 10, 0, 10, 0, 10],
      prior: [{ season: 56, seasonDays: 28, before: 56, beforeDays: 56 }],
    });
    expect(e?.seasonalFactor).toBe(2);
    expect(e?.expected).toBe(10);
    expect(e?.dispersion).toBeCloseTo(40 / 7, 12);
    expect(e?.upper).toBeCloseTo(10 + 60 / Math.sqrt(7), 12);
    expect(e?.lower).toBe(0);
  });

  it('gives no expectation with fewer than four weekdays of history', () => {
    expect(dailyExpectation({ weekdayCounts: [5, 5, 5], prior: [] })).toBeNull();
    expect(dailyExpectation({ weekdayCounts: [5, 5, 5, 5], prior: [] })?.expected).toBe(5);
  });

  it('keeps a lower limit above zero when the level is high', () => {
    // Mean 100, variance 0: σ = 10, limits 70 and 130.
    const e = dailyExpectation({ weekdayCounts: Array.from({ length: 8 }, () => 100), prior: [] });
    expect([e?.lower, e?.upper]).toEqual([70, 130]);
  });
});

describe('seasonalFactor', () => {
  it('pools the prior years: the rate around the date over the rate of the 56 days before', () => {
    // (30 + 42) / 56 days against (90 + 78) / 112 days: 9/7 over 3/2 = 6/7.
    const prior = [
      { season: 30, seasonDays: 28, before: 90, beforeDays: 56 },
      { season: 42, seasonDays: 28, before: 78, beforeDays: 56 },
    ];
    expect(seasonalFactor(prior)).toBeCloseTo(6 / 7, 12);
  });

  it('is 1 with too few prior incidents, and stays within one half and two', () => {
    expect(seasonalFactor([{ season: 19, seasonDays: 28, before: 19, beforeDays: 56 }])).toBe(1);
    expect(seasonalFactor([])).toBe(1);
    expect(seasonalFactor([{ season: 280, seasonDays: 28, before: 56, beforeDays: 56 }])).toBe(2);
    expect(seasonalFactor([{ season: 1, seasonDays: 28, before: 560, beforeDays: 56 }])).toBe(0.5);
  });
});

describe('judgeDay', () => {
  const e = { expected: 4, lower: 0, upper: 10, weekdayMean: 4, seasonalFactor: 1, dispersion: 1 };

  it('flags a count above the upper limit as an excess, with its score in standard deviations', () => {
    expect(judgeDay(11, e)).toEqual({ outside: true, excess: true, score: 3.5 });
  });

  it('counts the limit itself as inside', () => {
    expect(judgeDay(10, e)).toEqual({ outside: false, excess: false, score: 3 });
  });

  it('flags a count below a positive lower limit as outside but not an excess', () => {
    const high = { ...e, expected: 100, lower: 70, upper: 130 };
    expect(judgeDay(60, high)).toEqual({ outside: true, excess: false, score: -4 });
  });
});

describe('thresholdVerdict', () => {
  it('flags a count above the prior mean plus two sample standard deviations', () => {
    // Prior 10 and 20: mean 15, sd √50, limit 15 + 2√50 ≈ 29.14.
    const v = thresholdVerdict(30, [10, 20]);
    expect(v.mean).toBe(15);
    expect(v.sd).toBeCloseTo(Math.sqrt(50), 12);
    expect(v.limit).toBeCloseTo(15 + 2 * Math.sqrt(50), 12);
    expect(v.exceeds).toBe(true);
    expect(thresholdVerdict(29, [10, 20]).exceeds).toBe(false);
  });

  it('needs two prior years and says so otherwise', () => {
    expect(thresholdVerdict(50, [10])).toEqual({
      mean: null,
      sd: null,
      limit: null,
      exceeds: null,
      note: 'insufficient_history',
    });
  });

  it('does not flag a count equal to a limit with no spread', () => {
    expect(thresholdVerdict(10, [10, 10, 10])).toMatchObject({ limit: 10, exceeds: false, note: null });
  });
});
