import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../domain/area.js';
import { seededRandom } from '../analytics/random.js';
import { areaKm2, circlePolygon, containsPoint } from './geometry.js';
import { randomPointIn, sectorCount, splitIntoSectors } from './sectors.js';

// A city-sized footprint: a 7 km disc around Agadir with a bite taken out of it by the sea (a notch) and a hole.
function footprint(): AreaGeometry {
  const [disc] = circlePolygon([-9.58, 30.42], 7, 96) as [Position[]];
  const notched = disc.filter(([lon]) => lon > -9.64);
  notched.push(notched[0] as Position);
  const hole = (circlePolygon([-9.55, 30.44], 1.2, 24)[0] as Position[]).reverse();
  return { type: 'Polygon', coordinates: [notched, hole] };
}

describe('sectorCount', () => {
  it('gives one sector per 50,000 inhabitants, rounded', () => {
    expect(sectorCount(75_000)).toBe(2);
    expect(sectorCount(124_999)).toBe(2);
    expect(sectorCount(125_000)).toBe(3);
    expect(sectorCount(500_000)).toBe(10);
  });

  it('gives at least one sector and at most sixteen', () => {
    expect(sectorCount(0)).toBe(1);
    expect(sectorCount(20_000)).toBe(1);
    expect(sectorCount(799_999)).toBe(16);
    expect(sectorCount(3_215_935)).toBe(16);
  });
});

describe('randomPointIn', () => {
  it('draws points inside the geometry, never in its hole', () => {
    const geometry = footprint();
    const random = seededRandom(5, 'points');
    for (let i = 0; i < 500; i++) {
      const [lon, lat] = randomPointIn(geometry, random);
      expect(containsPoint(geometry, lon, lat)).toBe(true);
    }
  });

  it('throws a RangeError for an empty geometry', () => {
    const flat: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
          [0, 0],
        ],
      ],
    };
    expect(() => randomPointIn(flat, seededRandom(1))).toThrow(RangeError);
  });
});

describe('splitIntoSectors', () => {
  const geometry = footprint();
  const sectors = splitIntoSectors(geometry, 6, seededRandom(1, 'sectors', 'agadir'));

  it('makes the requested number of sectors', () => {
    expect(sectors).toHaveLength(6);
  });

  it('covers the footprint: the sectors’ areas add up to the footprint’s within 1 %', () => {
    const total = sectors.reduce((s, g) => s + areaKm2(g), 0);
    expect(Math.abs(total - areaKm2(geometry)) / areaKm2(geometry)).toBeLessThan(0.01);
  });

  it('puts every point of the footprint in exactly one sector', () => {
    const random = seededRandom(2, 'cover');
    let misses = 0;
    for (let i = 0; i < 2000; i++) {
      const [lon, lat] = randomPointIn(geometry, random);
      const hits = sectors.filter((s) => containsPoint(s, lon, lat)).length;
      if (hits !== 1) misses++;
    }
    expect(misses).toBe(0);
  });

  it('makes sectors of comparable size', () => {
    const areas = sectors.map(areaKm2);
    expect(Math.max(...areas) / Math.min(...areas)).toBeLessThan(4);
  });

  it('gives the same sectors for the same seed and different ones for another', () => {
    expect(splitIntoSectors(geometry, 6, seededRandom(1, 'sectors', 'agadir'))).toEqual(sectors);
    expect(splitIntoSectors(geometry, 6, seededRandom(2, 'sectors', 'agadir'))).not.toEqual(sectors);
  });

  it('keeps the footprint whole for one sector and refuses a count below one', () => {
    expect(splitIntoSectors(geometry, 1, seededRandom(1))).toEqual([geometry]);
    expect(() => splitIntoSectors(geometry, 0, seededRandom(1))).toThrow(RangeError);
    expect(() => splitIntoSectors(geometry, 2.5, seededRandom(1))).toThrow(RangeError);
  });
});
