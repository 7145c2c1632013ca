import { classRanges, noDataColour } from './classes.js';
import type { LegendClass } from './Legend.js';

/**
 * The legend's line for each colour class of a map: below the first break, between two, from the last one up;
 * one class alone shows the range of the values it holds.
 */
export function legendClasses(
  breaks: readonly number[],
  palette: readonly string[],
  values: readonly number[],
  show: (value: number) => string,
  t: (key: string, options?: Record<string, string>) => string,
): LegendClass[] {
  if (values.length === 0) return [];
  return classRanges(breaks).map((range, index) => {
    const colour = palette[index] ?? noDataColour;
    if (range.from === null && range.to === null) {
      const low = Math.min(...values);
      const high = Math.max(...values);
      return { colour, label: low === high ? show(low) : t('legend.range', { from: show(low), to: show(high) }) };
    }
    if (range.from === null) return { colour, label: t('legend.below', { value: show(range.to ?? 0) }) };
    if (range.to === null) return { colour, label: t('legend.atLeast', { value: show(range.from) }) };
    return { colour, label: t('legend.range', { from: show(range.from), to: show(range.to) }) };
  });
}
