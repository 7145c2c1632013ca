import { describe, expect, it } from 'vitest';
import { densityPixels, densityRamp, rampColour, rampStops, rampTicks } from './density.js';

const pixel = (pixels: Uint8ClampedArray, nx: number, x: number, y: number) =>
  Array.from(pixels.slice((y * nx + x) * 4, (y * nx + x) * 4 + 4));

describe('densityPixels', () => {
  it('puts the grid’s southern row at the bottom of the image', () => {
    // 2 × 2 grid, rows from the south-west: [SW, SE, NW, NE].
    const pixels = densityPixels([0, 0, 1, null], 2, 2, 1);
    expect(pixel(pixels, 2, 0, 0)).toEqual([128, 0, 38, 255]); // NW: the peak, darkest
    expect(pixel(pixels, 2, 1, 0)).toEqual([0, 0, 0, 0]); // NE: outside the area
    expect(pixel(pixels, 2, 0, 1)).toEqual([255, 255, 204, 255]); // SW: nothing expected, lightest
  });

  it('refuses values that do not fill the grid', () => {
    expect(() => densityPixels([1, 2, 3], 2, 2, 3)).toThrow(RangeError);
    expect(() => densityPixels([], 0, 0, 1)).toThrow(RangeError);
  });

  it('draws an empty surface (no incidents, peak 0) in the lightest colour', () => {
    expect(pixel(densityPixels([0], 1, 1, 0), 1, 0, 0)).toEqual([255, 255, 204, 255]);
  });
});

describe('the ramp', () => {
  it('runs from its first stop to its last, clamping outside [0, 1]', () => {
    expect(rampColour(-1)).toEqual([255, 255, 204]);
    expect(rampColour(2)).toEqual([128, 0, 38]);
    expect(rampStops(densityRamp.length)[4]).toBe('rgb(253 141 60)');
  });

  it('gives legend ticks from zero to the peak', () => {
    expect(rampTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(rampTicks(0)).toEqual([0]);
  });
});
