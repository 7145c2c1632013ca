/** The geometry of the small line charts, kept apart from React so it can be checked. */

/** The top of a count axis: the smallest 1, 2 or 5 × 10ⁿ at or above the largest value (at least 1). */
export function niceMax(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export interface PlotBox {
  width: number;
  height: number;
  /** The value at the top of the box. */
  max: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Where each value sits, left to right in order (time runs left to right), bottom at 0 and top at `max`. */
export function linePoints(values: readonly number[], box: PlotBox): [number, number][] {
  const n = values.length;
  return values.map((v, i) => [
    round(n === 1 ? box.width / 2 : (i * box.width) / (n - 1)),
    round(box.height - (Math.max(0, v) / box.max) * box.height),
  ]);
}

/** An SVG path through points ("M x y L x y …"); empty without points. */
export function pathOf(points: readonly [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}
