/**
 * The density surface as an image: one pixel per grid cell, coloured on a sequential ramp from nothing to the
 * densest cell, transparent outside the area. MapLibre stretches it over the grid's four corners.
 */

/** ColorBrewer's sequential "YlOrRd" (9 classes), light to dark: more expected incidents, darker and redder. */
export const densityRamp = [
  '#ffffcc',
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
] as const;

type Rgb = [number, number, number];

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const rampRgb = densityRamp.map(rgb);

/** The colour of a position on the ramp, `t` in [0, 1] (clamped), interpolated between its stops. */
export function rampColour(t: number): Rgb {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (rampRgb.length - 1);
  const index = Math.min(rampRgb.length - 2, Math.floor(position));
  const within = position - index;
  const low = rampRgb[index] ?? [0, 0, 0];
  const high = rampRgb[index + 1] ?? low;
  return [0, 1, 2].map((k) => Math.round((low[k] ?? 0) + ((high[k] ?? 0) - (low[k] ?? 0)) * within)) as Rgb;
}

/** The ramp as CSS colours from the lightest to the darkest, for a legend drawn in HTML. */
export const rampStops = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => {
    const [r, g, b] = rampColour(count === 1 ? 1 : i / (count - 1));
    return `rgb(${r} ${g} ${b})`;
  });

/**
 * RGBA pixels of the surface, `nx` wide and `ny` high, top row first as images are. The values come row by row
 * from the grid's south-west corner, so the grid's last row (the northernmost) is the image's first. A cell
 * outside the area (null) is transparent; inside, its value over `peak` picks the colour.
 */
export function densityPixels(
  values: readonly (number | null)[],
  nx: number,
  ny: number,
  peak: number,
): Uint8ClampedArray<ArrayBuffer> {
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) {
    throw new RangeError(`invalid grid; not positive whole numbers: ${nx} × ${ny}`);
  }
  if (values.length !== nx * ny) {
    throw new RangeError(`values (${values.length}) do not fill a ${nx} × ${ny} grid`);
  }
  const pixels = new Uint8ClampedArray(nx * ny * 4);
  const scale = peak > 0 ? 1 / peak : 0;
  for (let row = 0; row < ny; row++) {
    const top = ny - 1 - row;
    for (let col = 0; col < nx; col++) {
      const value = values[row * nx + col];
      if (value === null || value === undefined) continue;
      const [r, g, b] = rampColour(value * scale);
      const at = (top * nx + col) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

/** Ticks for the ramp's legend: `count` evenly spaced values from 0 to the peak. */
export function rampTicks(peak: number, count = 5): number[] {
  if (!(peak > 0)) return [0];
  return Array.from({ length: count }, (_, i) => (peak * i) / (count - 1));
}
