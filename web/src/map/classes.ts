/**
 * Class breaks for a choropleth: quantiles of the values, rounded to two significant digits so the legend reads
 * "12 – 18" rather than "11.87 – 18.23". Returns the lower bounds of classes 2…n, ascending and distinct; fewer
 * than `count - 1` when the values do not spread that far (a single value gives no breaks, one class).
 */
export function classBreaks(values: readonly number[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`invalid class count; not a positive integer: ${count}`);
  }
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined) return [];
  const breaks: number[] = [];
  for (let i = 1; i < count; i++) {
    const quantile = sorted[Math.floor((i * sorted.length) / count)];
    if (quantile === undefined) continue;
    const rounded = roundSignificant(quantile);
    const last = breaks[breaks.length - 1];
    // Rounding may carry a break past every value (7.55 → 7.6 when 7.55 is the largest): that class would be empty.
    if (rounded > min && rounded <= max && (last === undefined || rounded > last)) breaks.push(rounded);
  }
  return breaks;
}

function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(2));
}

/** The class of a value: 0 below the first break, breaks.length at or above the last; -1 for no value. */
export function classIndex(value: number | null, breaks: readonly number[]): number {
  if (value === null || !Number.isFinite(value)) return -1;
  let index = 0;
  while (index < breaks.length && value >= (breaks[index] ?? Infinity)) index++;
  return index;
}

/** ColorBrewer's sequential "OrRd" (light to dark): more incidents per inhabitant, darker area. */
const rateColours = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
/** ColorBrewer's sequential "PuBu" for H3 cells, so cells never read as areas. */
const cellColours = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'];
export const noDataColour = '#d4d4d4';

function spread(colours: readonly string[], classes: number): string[] {
  if (classes <= 1) return [colours[Math.floor(colours.length / 2)] ?? noDataColour];
  return Array.from(
    { length: classes },
    (_, i) => colours[Math.round((i * (colours.length - 1)) / (classes - 1))] ?? noDataColour,
  );
}

/** One colour per class (breaks.length + 1 of them), from light to dark. */
export const ratePalette = (breaks: readonly number[]) => spread(rateColours, breaks.length + 1);
export const cellPalette = (breaks: readonly number[]) => spread(cellColours, breaks.length + 1);

/** The range of each class, for a legend: the first has no lower bound, the last no upper one. */
export function classRanges(breaks: readonly number[]): { from: number | null; to: number | null }[] {
  return Array.from({ length: breaks.length + 1 }, (_, i) => ({ from: breaks[i - 1] ?? null, to: breaks[i] ?? null }));
}
