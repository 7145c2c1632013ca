/**
 * The classes of the hour × weekday heatmap: zero apart, then up to five classes of equal width from 1 to the
 * largest count (fewer when the largest count is smaller than five, so that no class is empty). Equal widths keep
 * the legend's ranges plain integers a reader can check against a cell.
 */
export interface HeatScale {
  /** Classes above zero (1 to `maxClasses`). */
  classes: number;
  /** 0 for zero, else 1 … `classes`. */
  classOf: (value: number) => number;
  /** Each class above zero with the counts it covers, both ends included. */
  legend: { cls: number; from: number; to: number }[];
}

export function heatScale(max: number, maxClasses = 5): HeatScale {
  if (!(Number.isInteger(maxClasses) && maxClasses >= 1)) throw new RangeError(`invalid class count: ${maxClasses}`);
  const top = Math.max(0, Math.floor(max));
  const classes = Math.max(1, Math.min(maxClasses, top));
  const classOf = (value: number) =>
    value <= 0 || top === 0 ? 0 : Math.min(classes, Math.ceil((value * classes) / top));
  const legend =
    top === 0
      ? []
      : Array.from({ length: classes }, (_, i) => ({
          cls: i + 1,
          from: Math.floor((i * top) / classes) + 1,
          to: Math.floor(((i + 1) * top) / classes),
        }));
  return { classes, classOf, legend };
}

/** Colours of the classes, light to dark in the app's accent; index 0 is zero. */
export const heatColours = ['#f3f5f7', '#d3ebe4', '#9fd1c2', '#5fae98', '#2a8671', '#0f5c4d'] as const;

/** The colour of a class when there are `classes` of them, spread over the palette. */
export function heatColour(cls: number, classes: number): string {
  if (cls <= 0) return heatColours[0];
  const index = Math.ceil((cls * (heatColours.length - 1)) / classes);
  return heatColours[Math.min(index, heatColours.length - 1)] ?? heatColours[5];
}
