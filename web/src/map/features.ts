import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { cellToBoundary } from 'h3-js';
import type { BoundaryCollection } from '../../../src/contract/areas.js';
import type { AreaSummary } from '../../../src/contract/common.js';
import type { AreaCounts, CellCounts } from '../../../src/contract/stats.js';
import { classIndex, noDataColour } from './classes.js';

export type Bounds = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** What the map needs of an area polygon: its code, its name for the tooltip, and its class colour. */
export interface AreaProperties {
  code: string;
  name: string;
  colour: string;
  /** Incidents per 100,000 inhabitants in the window, or null without a population. */
  rate: number | null;
  /** The boundary was drawn by the demo generator, not taken from a survey (dashed on the map). */
  generated: boolean;
  synthetic: boolean;
}

export interface CircleProperties {
  code: string;
  name: string;
  current: number;
  radius: number;
}

export interface CellProperties {
  h3: string;
  count: number;
  colour: string;
}

export type AreaFeatures = FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
export type CircleFeatures = FeatureCollection<Point, CircleProperties>;
export type CellFeatures = FeatureCollection<Polygon, CellProperties>;

export const emptyCollection = <G extends Polygon | MultiPolygon | Point, P>(): FeatureCollection<G, P> => ({
  type: 'FeatureCollection',
  features: [],
});

interface ColourScale {
  breaks: readonly number[];
  palette: readonly string[];
}

const colourOf = (value: number | null, { breaks, palette }: ColourScale) =>
  palette[classIndex(value, breaks)] ?? noDataColour;

/** Area polygons coloured by their rate, named in the current language. */
export function areaFeatures(
  boundaries: BoundaryCollection,
  rates: ReadonlyMap<string, number | null>,
  scale: ColourScale,
  name: (area: AreaSummary) => string,
): AreaFeatures {
  return {
    type: 'FeatureCollection',
    features: boundaries.features.map((feature) => {
      const rate = rates.get(feature.properties.code) ?? null;
      return {
        type: 'Feature',
        id: feature.id,
        geometry: feature.geometry,
        properties: {
          code: feature.properties.code,
          name: name(feature.properties),
          colour: colourOf(rate, scale),
          rate,
          generated: feature.properties.boundarySource === 'generated',
          synthetic: feature.properties.synthetic,
        },
      };
    }),
  };
}

/**
 * Circles at city centroids whose area is proportional to the incidents (radius ∝ √count), the largest drawn
 * first so that small cities stay visible on top; cities without incidents or a centroid are left out.
 */
export function circleFeatures(
  items: AreaCounts['items'],
  name: (area: AreaSummary) => string,
  maxRadiusPx = 28,
): CircleFeatures {
  const max = Math.max(0, ...items.map((item) => item.current));
  const features: Feature<Point, CircleProperties>[] = [];
  for (const item of items) {
    if (item.centroid === null || item.current <= 0) continue;
    features.push({
      type: 'Feature',
      id: item.area.code,
      geometry: { type: 'Point', coordinates: item.centroid },
      properties: {
        code: item.area.code,
        name: name(item.area),
        current: item.current,
        radius: Math.max(2, maxRadiusPx * Math.sqrt(item.current / max)),
      },
    });
  }
  features.sort((a, b) => b.properties.current - a.properties.current);
  return { type: 'FeatureCollection', features };
}

/** H3 cells as hexagons (h3-js gives GeoJSON order, [lon, lat], with closed rings), coloured by count. */
export function cellFeatures(cells: CellCounts['cells'], scale: ColourScale): CellFeatures {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => ({
      type: 'Feature',
      id: cell.h3,
      geometry: { type: 'Polygon', coordinates: [cellToBoundary(cell.h3, true)] },
      properties: { h3: cell.h3, count: cell.count, colour: colourOf(cell.count, scale) },
    })),
  };
}

/** The box around every polygon of a collection, or null when it has none. */
export function featureBounds(collection: {
  features: readonly { geometry: Polygon | MultiPolygon }[];
}): Bounds | null {
  let bounds: Bounds | null = null;
  const extend = ([lon, lat]: Position) => {
    if (lon === undefined || lat === undefined) return;
    if (bounds === null) bounds = [lon, lat, lon, lat];
    else {
      bounds = [Math.min(bounds[0], lon), Math.min(bounds[1], lat), Math.max(bounds[2], lon), Math.max(bounds[3], lat)];
    }
  };
  for (const { geometry } of collection.features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const ring of polygons.flat()) ring.forEach(extend);
  }
  return bounds;
}
