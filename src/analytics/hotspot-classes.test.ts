import { describe, expect, it } from 'vitest';
import {
  ehsaClassify,
  ehsaPatterns,
  sfhotspotCategories,
  sfhotspotClassify,
  type EhsaPattern,
  type PeriodGistar,
  type SfhotspotCategory,
} from './hotspot-classes.js';
import { mannKendall } from './mann-kendall.js';

// Periods written as letters: H a significant hot spot, C a significant cold spot, . neither.
const hot: PeriodGistar = { z: 3, p: 0.001 };
const cold: PeriodGistar = { z: -3, p: 0.001 };
const none: PeriodGistar = { z: 0.2, p: 0.8 };
function series(pattern: string): PeriodGistar[] {
  return [...pattern].map((letter) => (letter === 'H' ? hot : letter === 'C' ? cold : none));
}

describe('sfhotspotClassify', () => {
  // Defaults: hotspotProp 0.1, persistentProp 0.8, recentProp 0.2, criticalP 0.05. With 10 periods, 2 are recent;
  // sfhotspot's code takes the recent share over periods 8–10 (divided by 2) and the earlier one over periods 1–8.
  const cases: [string, SfhotspotCategory][] = [
    ['HHHHHHHH..', 'persistent hotspot'],
    ['..HHHHHHHH', 'persistent hotspot'],
    ['.........H', 'emerging hotspot'],
    ['........HH', 'emerging hotspot'],
    ['.H..H.....', 'former hotspot'],
    ['..H.....H.', 'intermittent hotspot'],
    ['HHHHHHH...', 'former hotspot'],
    ['HHHHHH...H', 'intermittent hotspot'],
    ['CCCCCCCCC.', 'persistent coldspot'],
    ['.........C', 'emerging coldspot'],
    ['C.........', 'former coldspot'],
    ['.C......C.', 'intermittent coldspot'],
    ['HHHHHHHHCC', 'mixed hot/coldspot'],
    ['H........C', 'mixed hot/coldspot'],
    ['..........', 'no pattern'],
  ];
  for (const [pattern, expected] of cases) {
    it(`classifies ${pattern} as ${expected}`, () => {
      expect(sfhotspotClassify(series(pattern)).category).toBe(expected);
    });
  }

  it('names every category in the list', () => {
    const seen = new Set(cases.map(([, category]) => category));
    expect([...seen].sort()).toEqual([...sfhotspotCategories].sort());
  });

  it('needs 80 % of periods for persistent: 8 of 10 is, 7 of 10 is not', () => {
    expect(sfhotspotClassify(series('HHHH.HHHH.')).category).toBe('persistent hotspot');
    expect(sfhotspotClassify(series('HHH..HHHH.')).category).toBe('intermittent hotspot');
  });

  it('reports the shares it compared, as sfhotspot computes them', () => {
    // Period 8 counts both as earlier (1–8) and as recent (8–10): sfhotspot's own window.
    const result = sfhotspotClassify(series('.......H..'));
    expect(result.recentPeriods).toBe(2);
    expect(result.hot).toEqual({ all: 0.1, recent: 0.5, older: 1 / 8 });
    expect(result.category).toBe('intermittent hotspot');
  });

  it('follows the help page instead with rules "documentation"', () => {
    // The last 2 periods are the recent ones: period 8 is only earlier, so the cell is a former hot spot.
    const result = sfhotspotClassify(series('.......H..'), { rules: 'documentation' });
    expect(result.hot).toEqual({ all: 0.1, recent: 0, older: 1 / 8 });
    expect(result.category).toBe('former hotspot');
    // 30 periods, 6 recent, hot only in the last: a recent share of 1/6 is at least hotspotProp (the help page)
    // but below recentProp (the code).
    const late = series('.'.repeat(29) + 'H');
    expect(sfhotspotClassify(late, { rules: 'documentation' }).category).toBe('emerging hotspot');
    expect(sfhotspotClassify(late).category).toBe('no pattern');
  });

  it('compares p strictly with criticalP, and counts only positive z as hot', () => {
    expect(sfhotspotClassify(series('..........').map(() => ({ z: 2, p: 0.05 }))).category).toBe('no pattern');
    expect(sfhotspotClassify(series('..........').map(() => ({ z: 2, p: 0.0499 }))).category).toBe(
      'persistent hotspot',
    );
    expect(sfhotspotClassify(series('..........').map(() => ({ z: 0, p: 0.01 }))).category).toBe('persistent coldspot');
  });

  it("can adjust each cell's p-values across periods, as sfhotspot 0.9 did (Holm)", () => {
    // p = 0.01 in each of 10 periods: significant as given, but Holm makes the smallest 0.1.
    const periods = series('..........').map(() => ({ z: 2.6, p: 0.01 }));
    expect(sfhotspotClassify(periods).category).toBe('persistent hotspot');
    expect(sfhotspotClassify(periods, { pAdjustAcrossPeriods: 'holm' }).category).toBe('no pattern');
  });

  it('treats a missing p-value as not significant', () => {
    const periods = series('HHHHHHHHH.').map((period, t) => (t === 0 ? { z: NaN, p: NaN } : period));
    expect(sfhotspotClassify(periods).category).toBe('persistent hotspot');
    expect(sfhotspotClassify(periods).hot.all).toBe(0.8);
  });

  it('takes one recent period when the share gives none, and needs two periods', () => {
    // 3 periods: floor(0.6) = 0 recent, so 1; earlier periods 1–2, recent share over periods 2–3.
    const result = sfhotspotClassify(series('..H'));
    expect(result.recentPeriods).toBe(1);
    expect(result.category).toBe('emerging hotspot');
    expect(() => sfhotspotClassify(series('H'))).toThrow(RangeError);
    expect(() => sfhotspotClassify([])).toThrow(RangeError);
  });

  it('rejects parameters outside (0, 1), as hotspot_classify_params does', () => {
    expect(() => sfhotspotClassify(series('..H'), { hotspotProp: 0 })).toThrow(RangeError);
    expect(() => sfhotspotClassify(series('..H'), { persistentProp: 1 })).toThrow(RangeError);
    expect(() => sfhotspotClassify(series('..H'), { recentProp: 1.5 })).toThrow(RangeError);
    expect(() => sfhotspotClassify(series('..H'), { criticalP: NaN })).toThrow(RangeError);
  });
});

describe('ehsaClassify', () => {
  /** Significant periods with z-scores that rise (or fall) steadily: a clear Mann-Kendall trend. */
  const rising = (sign: 1 | -1, n = 10) => Array.from({ length: n }, (_, t) => ({ z: sign * (2 + 0.2 * t), p: 0.01 }));
  const falling = (sign: 1 | -1, n = 10) => rising(sign, n).reverse();
  /** Significant periods whose z-scores wander with no trend. */
  const level = (sign: 1 | -1) =>
    [3, 2.5, 3.2, 2.6, 3.1, 2.4, 3.3, 2.7, 2.9, 2.8].map((z) => ({ z: sign * z, p: 0.01 }));

  const cases: [string, PeriodGistar[], EhsaPattern][] = [
    ['nothing significant', series('..........'), 'no pattern detected'],
    ['hot once, in the final period', series('.........H'), 'new hot spot'],
    ['hot in a final run of three, never before', series('.......HHH'), 'consecutive hot spot'],
    ['hot throughout, stronger each period', rising(1), 'intensifying hot spot'],
    ['hot throughout, level', level(1), 'persistent hot spot'],
    ['hot throughout, falling', falling(1), 'diminishing hot spot'],
    ['hot on and off, and in the final period', series('.H..H...HH'), 'sporadic hot spot'],
    ['hot in the final period, cold before', series('C.H..C..H.H'), 'oscillating hot spot'],
    ['hot 9 times in 10, but not in the final period', series('HHHHHHHHH.'), 'historical hot spot'],
    ['cold once, in the final period', series('.........C'), 'new cold spot'],
    ['cold in a final run of two', series('........CC'), 'consecutive cold spot'],
    ['cold throughout, weakening (z rising)', falling(-1), 'diminishing cold spot'],
    ['cold throughout, level', level(-1), 'persistent cold spot'],
    ['cold throughout, ever colder (z falling)', rising(-1), 'intensifying cold spot'],
    ['cold on and off, and in the final period', series('C..C.....C'), 'sporadic cold spot'],
    ['cold in the final period, hot before', series('.H...C...C'), 'oscillating cold spot'],
    ['cold 9 times in 10, but not in the final period', series('CCCCCCCCC.'), 'historical cold spot'],
  ];
  for (const [name, periods, expected] of cases) {
    it(`classifies ${name} as ${expected}`, () => {
      expect(ehsaClassify(periods).pattern).toBe(expected);
    });
  }

  it('names every pattern in the list', () => {
    const seen = new Set(cases.map(([, , pattern]) => pattern));
    expect([...seen].sort()).toEqual([...ehsaPatterns].sort());
  });

  it('has the trends the trend cases rely on', () => {
    const p = (periods: PeriodGistar[]) => mannKendall(periods.map((period) => period.z))?.p ?? 1;
    expect(p(rising(1))).toBeLessThan(0.1);
    expect(p(level(1))).toBeGreaterThan(0.1);
    expect(ehsaClassify(rising(1)).trend?.s).toBe(45);
    expect(ehsaClassify(rising(-1)).trend?.s).toBe(-45);
  });

  it("gives ArcGIS's CATEGORY codes", () => {
    expect(ehsaClassify(series('..........')).category).toBe(0);
    expect(ehsaClassify(series('.........H')).category).toBe(1);
    expect(ehsaClassify(series('HHHHHHHHH.')).category).toBe(8);
    expect(ehsaClassify(series('.........C')).category).toBe(-1);
    expect(ehsaClassify(rising(-1)).category).toBe(-3);
    expect(ehsaClassify(series('CCCCCCCCC.')).category).toBe(-8);
  });

  it('needs 90 % of periods: 9 of 10 (final included) is persistent, not consecutive; 8 of 10 is consecutive', () => {
    const nine = level(1).map((period, t) => (t === 0 ? none : period));
    expect(ehsaClassify(nine).pattern).toBe('persistent hot spot');
    expect(ehsaClassify(series('..HHHHHHHH')).pattern).toBe('consecutive hot spot');
    // With fewer than 10 periods, 90 % means all of them.
    expect(ehsaClassify(series('.HHHHHHHH')).pattern).toBe('consecutive hot spot');
    expect(ehsaClassify(series('HHHHHHHHH')).pattern).toBe('persistent hot spot');
  });

  it('calls a final run of one new when there is no earlier hot spot, sporadic when there is', () => {
    expect(ehsaClassify(series('.........H')).pattern).toBe('new hot spot');
    expect(ehsaClassify(series('...H.....H')).pattern).toBe('sporadic hot spot');
    expect(ehsaClassify(series('...HH..H.H')).pattern).toBe('sporadic hot spot');
  });

  it('lets new and consecutive ignore earlier cold spots (they come before oscillating)', () => {
    expect(ehsaClassify(series('C........H')).pattern).toBe('new hot spot');
    expect(ehsaClassify(series('C.......HH')).pattern).toBe('consecutive hot spot');
    expect(ehsaClassify(series('C..H....HH')).pattern).toBe('oscillating hot spot');
  });

  it('calls a location hot in 9 of 10 periods and cold in the final one a historical hot spot', () => {
    expect(ehsaClassify(series('HHHHHHHHHC')).pattern).toBe('historical hot spot');
  });

  it('calls a mostly-hot series that rises but ends not hot historical, not intensifying', () => {
    const periods = [...rising(1).slice(1), { z: 1, p: 0.3 }];
    expect(ehsaClassify(periods).pattern).toBe('historical hot spot');
  });

  it('compares p strictly with alpha (default 0.10), and the trend with trendAlpha', () => {
    const edge = series('.........H').map((period, t) => (t === 9 ? { z: 1.7, p: 0.1 } : period));
    expect(ehsaClassify(edge).pattern).toBe('no pattern detected');
    expect(ehsaClassify(edge, { alpha: 0.11 }).pattern).toBe('new hot spot');
    const trendP = ehsaClassify(rising(1)).trend?.p ?? 1;
    expect(ehsaClassify(rising(1), { trendAlpha: trendP }).pattern).toBe('persistent hot spot');
  });

  it('counts hot and cold periods', () => {
    const result = ehsaClassify(series('C.H..C..H.H'));
    expect(result.hotPeriods).toBe(3);
    expect(result.coldPeriods).toBe(2);
  });

  it('classifies a single period, and rejects none or a missing z', () => {
    expect(ehsaClassify(series('H')).pattern).toBe('new hot spot');
    expect(ehsaClassify(series('H')).trend).toBeNull();
    expect(() => ehsaClassify([])).toThrow(RangeError);
    expect(() => ehsaClassify([{ z: NaN, p: NaN }])).toThrow(RangeError);
    expect(() => ehsaClassify(series('H'), { alpha: 0 })).toThrow(RangeError);
  });
});
