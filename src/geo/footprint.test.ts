import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../domain/area.js';
import { seededRandom } from '../analytics/random.js';
import { areaKm2, containsPoint } from './geometry.js';
import { cityFootprints, footprintRadiusKm, type FootprintCity } from './footprint.js';
import { box } from '../../test/factories.js';

// A province whose coastline runs along longitude −6.3 (the sea to the west).
const province = box(-6.3, 34, -5.5, 34.6);

describe('footprintRadiusKm', () => {
  it('gives a disc of the population over 7,000 inhabitants a km², at least 600 m wide', () => {
    expect(footprintRadiusKm(700_000)).toBeCloseTo(Math.sqrt(100 / Math.PI), 10);
    expect(footprintRadiusKm(100)).toBe(0.6);
    expect(footprintRadiusKm(700_000, { densityPerKm2: 70_000, minRadiusKm: 3 })).toBe(3);
  });
});

describe('cityFootprints', () => {
  it('cuts a coastal city to its province and keeps its point inside', () => {
    const city: FootprintCity = { code: 'coast', point: [-6.28, 34.3], population: 200_000, province };
    const footprint = cityFootprints([city], []).get('coast') as AreaGeometry;
    expect(containsPoint(footprint, -6.28, 34.3)).toBe(true);
    expect(containsPoint(footprint, -6.31, 34.3)).toBe(false);
    expect(areaKm2(footprint)).toBeLessThan(Math.PI * footprintRadiusKm(200_000) ** 2);
  });

  it('keeps the point of a city lying just outside its coarse province outline inside its footprint', () => {
    const city: FootprintCity = { code: 'edge', point: [-6.305, 34.3], population: 40_000, province };
    const footprint = cityFootprints([city], []).get('edge') as AreaGeometry;
    expect(containsPoint(footprint, -6.305, 34.3)).toBe(true);
  });

  it('keeps neighbouring cities apart and out of areas with real boundaries', () => {
    const reserved = box(-5.88, 34.25, -5.8, 34.35);
    const cities: FootprintCity[] = [
      { code: 'west', point: [-5.95, 34.3], population: 300_000, province },
      { code: 'east', point: [-5.91, 34.3], population: 300_000, province: null },
    ];
    const footprints = cityFootprints(cities, [reserved]);
    const west = footprints.get('west') as AreaGeometry;
    const east = footprints.get('east') as AreaGeometry;
    expect(containsPoint(west, -5.95, 34.3)).toBe(true);
    expect(containsPoint(east, -5.91, 34.3)).toBe(true);
    const random = seededRandom(3, 'neighbours');
    let inEast = 0;
    for (let i = 0; i < 5000; i++) {
      const lon = -6.05 + random() * 0.3;
      const lat = 34.2 + random() * 0.2;
      const owners = [west, east, reserved].filter((g) => containsPoint(g, lon, lat)).length;
      expect(owners, `${lon},${lat}`).toBeLessThanOrEqual(1);
      if (containsPoint(east, lon, lat)) inEast++;
    }
    expect(inEast).toBeGreaterThan(100);
  });
});
