import { cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { BoundaryCollection } from '../../../src/contract/areas.js';
import type { AreaSummary } from '../../../src/contract/common.js';
import { noDataColour } from './classes.js';
import { areaFeatures, cellFeatures, circleFeatures, featureBounds } from './features.js';

const summary = (code: string, overrides: Partial<AreaSummary> = {}): AreaSummary => ({
  code,
  level: 'city',
  kind: 'urban_commune',
  nameAr: `ع-${code}`,
  nameFr: `f-${code}`,
  nameEn: `e-${code}`,
  population: 100_000,
  synthetic: false,
  ...overrides,
});

const square = (lon: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat] as [number, number],
      [lon + 1, lat] as [number, number],
      [lon + 1, lat + 1] as [number, number],
      [lon, lat] as [number, number],
    ],
  ],
});

describe('areaFeatures', () => {
  it('colours each area by the class of its rate and marks generated boundaries', () => {
    const boundaries: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a', properties: { ...summary('a'), boundarySource: 'osm' }, geometry: square(0, 0) },
        {
          type: 'Feature',
          id: 'b',
          properties: { ...summary('b', { synthetic: true }), boundarySource: 'generated' },
          geometry: square(2, 0),
        },
        { type: 'Feature', id: 'c', properties: { ...summary('c'), boundarySource: 'osm' }, geometry: square(4, 0) },
      ],
    };
    const rates = new Map([
      ['a', 5],
      ['b', 50],
      ['c', null],
    ]);
    const out = areaFeatures(boundaries, rates, { breaks: [10], palette: ['#light', '#dark'] }, (a) => a.nameFr);
    expect(out.features.map((f) => f.properties)).toEqual([
      { code: 'a', name: 'f-a', colour: '#light', rate: 5, generated: false, synthetic: false },
      { code: 'b', name: 'f-b', colour: '#dark', rate: 50, generated: true, synthetic: true },
      { code: 'c', name: 'f-c', colour: noDataColour, rate: null, generated: false, synthetic: false },
    ]);
  });
});

describe('circleFeatures', () => {
  it('sizes circles by the square root of the count and leaves out empty cities', () => {
    const out = circleFeatures(
      [
        { area: summary('small'), centroid: [1, 1], current: 25, ratePer100k: 1 },
        { area: summary('big'), centroid: [2, 2], current: 100, ratePer100k: 1 },
        { area: summary('none'), centroid: [3, 3], current: 0, ratePer100k: 0 },
        { area: summary('nowhere'), centroid: null, current: 9, ratePer100k: 1 },
      ],
      (a) => a.nameAr,
      20,
    );
    expect(out.features.map((f) => [f.properties.code, f.properties.radius])).toEqual([
      ['big', 20],
      ['small', 10],
    ]);
    expect(out.features[0]?.properties.name).toBe('ع-big');
  });
});

describe('cellFeatures', () => {
  it('turns an H3 cell into a closed hexagon around its centre, in [lon, lat] order', () => {
    const h3 = latLngToCell(31.63, -8.0, 8);
    const out = cellFeatures([{ h3, count: 3 }], { breaks: [2], palette: ['#a', '#b'] });
    const ring = out.features[0]?.geometry.coordinates[0] ?? [];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    const [lat, lon] = cellToLatLng(h3);
    const lons = ring.map((p) => p[0] ?? 0);
    expect(Math.min(...lons)).toBeLessThan(lon);
    expect(Math.max(...lons)).toBeGreaterThan(lon);
    expect(Math.abs((ring[0]?.[1] ?? 0) - lat)).toBeLessThan(0.01);
    expect(out.features[0]?.properties).toEqual({ h3, count: 3, colour: '#b' });
  });
});

describe('featureBounds', () => {
  it('spans every polygon and multipolygon', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [square(-3, -2).coordinates, square(5, 7).coordinates],
    };
    expect(featureBounds({ features: [{ geometry: square(0, 0) }, { geometry: multi }] })).toEqual([-3, -2, 6, 8]);
    expect(featureBounds({ features: [] })).toBeNull();
  });
});
