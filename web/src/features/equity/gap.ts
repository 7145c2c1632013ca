import type { EquityFigure } from '../../../../src/contract/equity.js';
import { noDataColour } from '../../map/classes.js';

/**
 * An area's gap to the national standard, as the map colours it: how far it is from the national figure, in per
 * cent of that figure, positive when worse whichever way the measure runs (a longer time, a lower share).
 */
export function worseByPct(figure: EquityFigure, worse: 'higher' | 'lower'): number | null {
  if (figure.ratio === null) return null;
  const pct = (figure.ratio - 1) * 100;
  return worse === 'higher' ? pct : -pct;
}

/** Class bounds in per cent worse than the standard: much better, better, about the same, worse, much worse. */
export const gapBreaks = [-25, -10, 10, 25] as const;

/** ColorBrewer's diverging "RdBu", blue for better than the standard and red for worse. */
export const gapColours = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'] as const;

export const gapClasses = ['muchBetter', 'better', 'same', 'worse', 'muchWorse'] as const;

/** The class of a gap (an index into `gapColours`), or -1 without one. */
export function gapClass(pct: number | null): number {
  if (pct === null || !Number.isFinite(pct)) return -1;
  let index = 0;
  while (index < gapBreaks.length && pct >= (gapBreaks[index] ?? Infinity)) index++;
  return index;
}

export const gapColour = (pct: number | null) => gapColours[gapClass(pct)] ?? noDataColour;
