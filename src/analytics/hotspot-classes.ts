/**
 * Classes of hot spots over time: from one cell's series of per-period Gi* results (z-score and p-value, in time
 * order) to a class, in two established schemes.
 *
 * 1. sfhotspot's `hotspot_classify()` (Ashby; after Chainey 2020, "Understanding Crime"): persistent, emerging,
 *    former and intermittent hot and cold spots, "mixed hot/coldspot", "no pattern".
 * 2. ArcGIS's Emerging Hot Spot Analysis: new, consecutive, intensifying, persistent, diminishing, sporadic,
 *    oscillating and historical hot and cold spots, "no pattern detected", with a Mann-Kendall trend test on the
 *    z-scores.
 *
 * The rules, their sources and the choices where a source is silent are written at each function.
 */
import { adjustPValues, type PAdjustMethod } from './gistar.js';
import { mannKendall, type MannKendallResult } from './mann-kendall.js';

/** One period's Gi* result for a cell: the z-score and its two-sided p-value (adjusted or not, as the caller chose). */
export interface PeriodGistar {
  z: number;
  p: number;
}

function checkPeriods(periods: readonly PeriodGistar[]): void {
  if (periods.length === 0) throw new RangeError('no periods to classify');
}

function checkProportion(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`invalid ${name}; not in (0, 1): ${value}`);
}

// ---------------------------------------------------------------------------------------------------------------
// sfhotspot

export const sfhotspotCategories = [
  'persistent hotspot',
  'emerging hotspot',
  'former hotspot',
  'intermittent hotspot',
  'persistent coldspot',
  'emerging coldspot',
  'former coldspot',
  'intermittent coldspot',
  'mixed hot/coldspot',
  'no pattern',
] as const;
export type SfhotspotCategory = (typeof sfhotspotCategories)[number];

export interface SfhotspotParams {
  /** Minimum share of periods significant for any class (sfhotspot `hotspot_prop`, default 0.1). */
  hotspotProp?: number;
  /** Minimum share of periods significant for a persistent spot (`persistent_prop`, default 0.8). */
  persistentProp?: number;
  /** Share of the periods that are "recent" (`recent_prop`, default 0.2). */
  recentProp?: number;
  /** A period is significant when p < this (`critical_p`, default 0.05). */
  criticalP?: number;
  /**
   * An adjustment of each cell's p-values across its periods before the comparison. Default none, as sfhotspot
   * since its issue #94; sfhotspot 0.9 and earlier applied R's `p.adjust` default, Holm, here ("holm").
   */
  pAdjustAcrossPeriods?: PAdjustMethod;
  /**
   * "source" (default): the rules as sfhotspot's code applies them (R/hotspot_classify.R), including two
   * departures from its documentation: the recent share counts the last `recent + 1` periods over `recent`, and
   * "emerging" asks for a recent share of at least `recentProp`. "documentation": the recent periods are exactly
   * the last `recent`, and "emerging" asks for a recent share of at least `hotspotProp`, as the help page says.
   */
  rules?: 'source' | 'documentation';
}

export interface SfhotspotShares {
  /** Share of all periods in which the cell was a significant hot (or cold) spot. */
  all: number;
  /** The same over the recent periods (see `rules`). */
  recent: number;
  /** The same over the earlier periods. */
  older: number;
}

export interface SfhotspotClassification {
  category: SfhotspotCategory;
  /** How many periods counted as recent: floor(recentProp × periods), at least 1. */
  recentPeriods: number;
  hot: SfhotspotShares;
  cold: SfhotspotShares;
}

/**
 * sfhotspot's `hotspot_classify()` class for one cell.
 *
 * A period is a significant hot spot when z > 0 and p < criticalP, a cold spot when p < criticalP otherwise. With
 * n periods and r = floor(recentProp · n) recent ones (r = 1 when that leaves no recent or no earlier period;
 * sfhotspot warns), for hot spots and, separately, for cold spots:
 *
 *   persistent    share of all periods ≥ persistentProp
 *   emerging      share of earlier periods < hotspotProp and share of recent periods ≥ recentProp
 *   former        share of earlier periods ≥ hotspotProp and share of recent periods < hotspotProp
 *   intermittent  share of all periods ≥ hotspotProp
 *
 * the first that holds, in that order, else no pattern. A cell with both a hot and a cold class is "mixed
 * hot/coldspot". With rules "source", the earlier periods are periods 1…n − r and the recent share is the number
 * of significant periods among n − r … n (r + 1 of them) divided by r — so period n − r counts in both and the
 * share can exceed 1, as sfhotspot computes it.
 *
 * @throws RangeError with fewer than two periods (sfhotspot: "there must be at least one recent and one
 *   non-recent period") or a parameter outside (0, 1)
 * @see mpjashby/sfhotspot R/hotspot_classify.R and R/hotspot_classify_params.R (read at commit c36b28a7), the
 *   package's help page for `hotspot_classify`, and its issue #94 on the p-value adjustment
 */
export function sfhotspotClassify(
  periods: readonly PeriodGistar[],
  params: SfhotspotParams = {},
): SfhotspotClassification {
  checkPeriods(periods);
  const hotspotProp = params.hotspotProp ?? 0.1;
  const persistentProp = params.persistentProp ?? 0.8;
  const recentProp = params.recentProp ?? 0.2;
  const criticalP = params.criticalP ?? 0.05;
  checkProportion('hotspotProp', hotspotProp);
  checkProportion('persistentProp', persistentProp);
  checkProportion('recentProp', recentProp);
  checkProportion('criticalP', criticalP);
  const rules = params.rules ?? 'source';
  const n = periods.length;
  let recent = Math.floor(recentProp * n);
  if (recent < 1 || n - recent < 1) recent = 1;
  if (n - recent < 1) {
    throw new RangeError(`${n} period: there must be at least one recent and one earlier period`);
  }

  const p = adjustPValues(
    periods.map((period) => period.p),
    params.pAdjustAcrossPeriods ?? 'none',
  );
  const hot = periods.map((period, t) => (p[t] as number) < criticalP && period.z > 0);
  const cold = periods.map((period, t) => (p[t] as number) < criticalP && !(period.z > 0));
  const count = (flags: boolean[], from: number, to: number) => flags.slice(from, to).filter(Boolean).length;
  // 0-based: earlier periods are 0 … n − r − 1; recent ones n − r … n − 1, or from n − r − 1 under "source".
  const recentFrom = rules === 'source' ? n - recent - 1 : n - recent;
  const shares = (flags: boolean[]): SfhotspotShares => ({
    all: count(flags, 0, n) / n,
    recent: count(flags, recentFrom, n) / recent,
    older: count(flags, 0, n - recent) / (n - recent),
  });
  const emergingShare = rules === 'source' ? recentProp : hotspotProp;
  const classify = (s: SfhotspotShares, kind: 'hotspot' | 'coldspot'): SfhotspotCategory => {
    if (s.all >= persistentProp) return `persistent ${kind}`;
    if (s.older < hotspotProp && s.recent >= emergingShare) return `emerging ${kind}`;
    if (s.older >= hotspotProp && s.recent < hotspotProp) return `former ${kind}`;
    if (s.all >= hotspotProp) return `intermittent ${kind}`;
    return 'no pattern';
  };
  const hotShares = shares(hot);
  const coldShares = shares(cold);
  const hotCategory = classify(hotShares, 'hotspot');
  const coldCategory = classify(coldShares, 'coldspot');
  const category =
    hotCategory !== 'no pattern' && coldCategory !== 'no pattern'
      ? 'mixed hot/coldspot'
      : hotCategory !== 'no pattern'
        ? hotCategory
        : coldCategory;
  return { category, recentPeriods: recent, hot: hotShares, cold: coldShares };
}

// ---------------------------------------------------------------------------------------------------------------
// ArcGIS Emerging Hot Spot Analysis

/** The patterns, in the order of ArcGIS's CATEGORY codes: 0, then 1…8 for hot spots, then −1…−8 for cold. */
export const ehsaPatterns = [
  'no pattern detected',
  'new hot spot',
  'consecutive hot spot',
  'intensifying hot spot',
  'persistent hot spot',
  'diminishing hot spot',
  'sporadic hot spot',
  'oscillating hot spot',
  'historical hot spot',
  'new cold spot',
  'consecutive cold spot',
  'intensifying cold spot',
  'persistent cold spot',
  'diminishing cold spot',
  'sporadic cold spot',
  'oscillating cold spot',
  'historical cold spot',
] as const;
export type EhsaPattern = (typeof ehsaPatterns)[number];

export interface EhsaOptions {
  /**
   * A period is a significant hot (cold) spot when p < alpha and z > 0 (z < 0). Default 0.10: ArcGIS counts every
   * bin with a nonzero Gi_Bin, whose lowest level is 90 % confidence.
   */
  alpha?: number;
  /** The Mann-Kendall trend of the z-scores is significant when its p < trendAlpha. Default 0.10, likewise. */
  trendAlpha?: number;
}

export interface EhsaClassification {
  pattern: EhsaPattern;
  /** ArcGIS's CATEGORY: 1 new … 8 historical hot spot, −1 … −8 the cold spots, 0 no pattern. */
  category: number;
  /** The Mann-Kendall test on the z-scores (null with a single period). */
  trend: MannKendallResult | null;
  /** Periods that were significant hot spots, and cold spots. */
  hotPeriods: number;
  coldPeriods: number;
}

type Side = 'hot' | 'cold';

/**
 * The ArcGIS pattern of one side (hot or cold), or null. `mine` marks that side's significant periods, `other`
 * the opposite side's, `rising` whether the trend of the z-scores goes this side's way significantly (up for hot,
 * down for cold), `falling` the opposite way.
 */
function sidePattern(
  mine: readonly boolean[],
  other: readonly boolean[],
  rising: boolean,
  falling: boolean,
):
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical'
  | null {
  const n = mine.length;
  const count = mine.filter(Boolean).length;
  // "90 percent of the time-step intervals", compared in integers: count / n ≥ 0.9.
  const mostly = 10 * count >= 9 * n;
  const final = mine[n - 1] === true;
  if (!final) return mostly ? 'historical' : null;
  if (count === 1) return 'new';
  if (mostly) return rising ? 'intensifying' : falling ? 'diminishing' : 'persistent';
  let run = 0;
  while (run < n && mine[n - 1 - run]) run++;
  if (run === count) return 'consecutive'; // every significant period is in the final run, which has ≥ 2
  return other.some(Boolean) ? 'oscillating' : 'sporadic';
}

/**
 * ArcGIS Emerging Hot Spot Analysis pattern for one location's series of Gi* results.
 *
 * With n periods, H of them significant hot spots and the Mann-Kendall trend of the z-scores (significant when
 * p < trendAlpha), the hot-spot patterns are, as "How Emerging Hot Spot Analysis works" defines them:
 *
 *   new           hot in the final period, never hot before (H = 1)
 *   consecutive   a single uninterrupted run of at least two hot periods at the end, never hot before it, and
 *                 H < 90 % of n
 *   intensifying  H ≥ 90 % of n, hot in the final period, significant upward trend
 *   persistent    H ≥ 90 % of n, hot in the final period, no significant trend
 *   diminishing   H ≥ 90 % of n, hot in the final period, significant downward trend
 *   sporadic      hot in the final period, H < 90 %, on and off before, and never a significant cold spot
 *   oscillating   hot in the final period, H < 90 %, on and off before, and a significant cold spot at least once
 *   historical    not hot in the final period, H ≥ 90 % of n
 *
 * and the cold-spot patterns are their mirrors (cold for hot; for intensifying, a downward trend of the z-scores,
 * towards stronger cold). Where two definitions could both hold, these choices settle it: (a) "historical" takes
 * every H ≥ 90 % location whose final period is not hot, "persistent" only those whose final period is (the
 * documentation's persistent says nothing of the final period; historical is the more specific); (b) "new" and
 * "consecutive" do not look at cold periods, so they come before "oscillating"; (c) hot-spot patterns are tried
 * before cold-spot ones, so a location hot in 9 of 10 periods and cold in the 10th is a historical hot spot.
 * The result is one pattern for every series.
 *
 * @see ArcGIS Pro, Space Time Pattern Mining toolbox: "How Emerging Hot Spot Analysis works" and "Emerging Hot Spot
 *   Analysis" (tool reference; categories and the CATEGORY field)
 */
export function ehsaClassify(periods: readonly PeriodGistar[], options: EhsaOptions = {}): EhsaClassification {
  checkPeriods(periods);
  const alpha = options.alpha ?? 0.1;
  const trendAlpha = options.trendAlpha ?? 0.1;
  checkProportion('alpha', alpha);
  checkProportion('trendAlpha', trendAlpha);
  for (const [t, period] of periods.entries()) {
    if (!Number.isFinite(period.z)) throw new RangeError(`z of period ${t} is not a finite number: ${period.z}`);
  }
  const hot = periods.map((period) => period.p < alpha && period.z > 0);
  const cold = periods.map((period) => period.p < alpha && period.z < 0);
  const trend = mannKendall(periods.map((period) => period.z));
  const significant = trend !== null && trend.p < trendAlpha;
  const up = significant && trend.s > 0;
  const down = significant && trend.s < 0;
  const sides: [Side, boolean[], boolean[], boolean, boolean][] = [
    ['hot', hot, cold, up, down],
    ['cold', cold, hot, down, up],
  ];
  let pattern: EhsaPattern = 'no pattern detected';
  for (const [side, mine, other, rising, falling] of sides) {
    const found = sidePattern(mine, other, rising, falling);
    if (found) {
      pattern = `${found} ${side} spot`;
      break;
    }
  }
  const index = ehsaPatterns.indexOf(pattern);
  const category = index <= 8 ? index : -(index - 8);
  return {
    pattern,
    category,
    trend,
    hotPeriods: hot.filter(Boolean).length,
    coldPeriods: cold.filter(Boolean).length,
  };
}
