import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { emptyCollection } from './features.js';
import { mapBackground } from './style.js';

/** The black-spot map's sources; the density surface's image source is added once there is a surface. */
export const hotspotSources = {
  outlines: 'outlines',
  gistar: 'gistar',
  classes: 'classes',
  spots: 'spots',
  incidents: 'spot-incidents',
  forecast: 'forecast',
  density: 'density',
  tiles: 'tiles',
} as const;

export const hotspotLayers = {
  areaFill: 'hs-area-fill',
  density: 'hs-density',
  gistarFill: 'hs-gistar-fill',
  classesFill: 'hs-classes-fill',
  forecastFill: 'hs-forecast-fill',
  areaLine: 'hs-area-line',
  spotFill: 'hs-spot-fill',
  spotHalo: 'hs-spot-halo',
  spotLine: 'hs-spot-line',
  spotSelected: 'hs-spot-selected',
  incidents: 'hs-incidents',
} as const;

/** The layers a pointer can hover or click, topmost first. */
export const hotspotInteractive = [
  hotspotLayers.spotFill,
  hotspotLayers.gistarFill,
  hotspotLayers.classesFill,
  hotspotLayers.forecastFill,
] as const;

/**
 * Gi* bins, the usual diverging scheme of hot-spot maps: reds for hot cells, blues for cold ones, darker with
 * more confidence (ColorBrewer "RdYlBu" ends).
 */
export const binColours: Record<string, string> = {
  '3': '#d73027',
  '2': '#f46d43',
  '1': '#fdae61',
  '-1': '#abd9e9',
  '-2': '#74add1',
  '-3': '#4575b4',
};

/** The bins in the order a legend lists them: hot from the most confident, then cold. */
export const legendBins = [3, 2, 1, -1, -2, -3] as const;

/**
 * The classes of cells over time (the API's labels), in the order a legend lists them: hot classes in reds and
 * oranges, darker the longer or the more recently hot, cold ones mirrored in blues; mixed and cycling patterns
 * in purples, faded ones (former, historical) in muted tones.
 */
export const classColours: Record<string, string> = {
  // sfhotspot
  'persistent hotspot': '#b2182b',
  'emerging hotspot': '#f46d43',
  'intermittent hotspot': '#fdb863',
  'former hotspot': '#c9a18f',
  'persistent coldspot': '#2166ac',
  'emerging coldspot': '#4393c3',
  'intermittent coldspot': '#92c5de',
  'former coldspot': '#9fa8c4',
  'mixed hot/coldspot': '#8e63b5',
  // Emerging Hot Spot Analysis
  'new hot spot': '#67000d',
  'consecutive hot spot': '#a50f15',
  'intensifying hot spot': '#d7301f',
  'persistent hot spot': '#ef6548',
  'diminishing hot spot': '#fc8d59',
  'sporadic hot spot': '#fdbb84',
  'oscillating hot spot': '#dd3497',
  'historical hot spot': '#c9a18f',
  'new cold spot': '#08306b',
  'consecutive cold spot': '#08519c',
  'intensifying cold spot': '#2171b5',
  'persistent cold spot': '#4292c6',
  'diminishing cold spot': '#6baed6',
  'sporadic cold spot': '#9ecae1',
  'oscillating cold spot': '#807dba',
  'historical cold spot': '#9fa8c4',
};

/** Every class the layer can show, in legend order (the keys of the translations under `hotspots.class.`). */
export const classLabels = Object.keys(classColours);

/** The translation key of a class label: "persistent hotspot" → "hotspots.class.persistent_hotspot". */
export const classKey = (label: string) => `hotspots.class.${label.replace(/[^a-z]+/g, '_')}`;

export const spotColour = '#1b1b1b';
export const incidentColour = '#1d4ed8';

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

const binColour: ExpressionSpecification = [
  'match',
  ['to-string', ['get', 'bin']],
  ...Object.entries(binColours).flat(),
  'rgba(0,0,0,0)',
] as unknown as ExpressionSpecification;

const classColour: ExpressionSpecification = [
  'match',
  ['get', 'label'],
  ...Object.entries(classColours).flat(),
  'rgba(0,0,0,0)',
] as unknown as ExpressionSpecification;

/** How the spots are filled: lightly over a surface or cells (their outline carries them), solid when alone. */
export const spotFillOpacity = (filled: boolean): ExpressionSpecification => [
  'case',
  hovered,
  filled ? 0.75 : 0.25,
  filled ? 0.55 : 0,
];

/**
 * The style: the area's districts as outlines, the density image or the Gi* cells under them, the black spots
 * outlined on top and the incidents of the one selected as dots. No glyphs: ranks are HTML markers, names are
 * in tooltips.
 */
export function hotspotStyle(tileUrl: string | null, tileAttribution: string | null = null): StyleSpecification {
  const { outlines, gistar, classes, spots, incidents, forecast, tiles } = hotspotSources;
  return {
    version: 8,
    sources: {
      ...(tileUrl
        ? {
            [tiles]: {
              type: 'raster' as const,
              tiles: [tileUrl],
              tileSize: 256,
              maxzoom: 19,
              ...(tileAttribution ? { attribution: tileAttribution } : {}),
            },
          }
        : {}),
      [outlines]: { type: 'geojson', data: emptyCollection(), promoteId: 'code' },
      [gistar]: { type: 'geojson', data: emptyCollection(), promoteId: 'cell' },
      [classes]: { type: 'geojson', data: emptyCollection(), promoteId: 'cell' },
      [spots]: { type: 'geojson', data: emptyCollection(), promoteId: 'rank' },
      [incidents]: { type: 'geojson', data: emptyCollection() },
      [forecast]: { type: 'geojson', data: emptyCollection(), promoteId: 'rank' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': mapBackground } },
      ...(tileUrl ? [{ id: 'tiles', type: 'raster' as const, source: tiles }] : []),
      {
        id: hotspotLayers.areaFill,
        type: 'fill',
        source: outlines,
        paint: { 'fill-color': '#ffffff', 'fill-opacity': tileUrl ? 0 : 0.7 },
      },
      {
        id: hotspotLayers.gistarFill,
        type: 'fill',
        source: gistar,
        paint: {
          'fill-color': binColour,
          'fill-opacity': ['case', hovered, 1, 0.8],
          'fill-outline-color': 'rgba(255,255,255,0.6)',
        },
      },
      {
        id: hotspotLayers.classesFill,
        type: 'fill',
        source: classes,
        paint: {
          'fill-color': classColour,
          'fill-opacity': ['case', hovered, 1, 0.8],
          'fill-outline-color': 'rgba(255,255,255,0.6)',
        },
      },
      {
        // Forecast cells carry their colour (the density ramp at the cell's score over the highest).
        id: hotspotLayers.forecastFill,
        type: 'fill',
        source: forecast,
        paint: {
          'fill-color': ['get', 'colour'],
          'fill-opacity': ['case', hovered, 1, 0.85],
          'fill-outline-color': 'rgba(80,0,20,0.7)',
        },
      },
      {
        id: hotspotLayers.areaLine,
        type: 'line',
        source: outlines,
        paint: { 'line-color': '#4a5560', 'line-width': 1, 'line-opacity': 0.8 },
      },
      {
        id: hotspotLayers.spotFill,
        type: 'fill',
        source: spots,
        paint: { 'fill-color': '#7a0019', 'fill-opacity': spotFillOpacity(false) },
      },
      {
        id: hotspotLayers.spotHalo,
        type: 'line',
        source: spots,
        paint: { 'line-color': '#ffffff', 'line-width': 4.5, 'line-opacity': 0.85 },
      },
      {
        id: hotspotLayers.spotLine,
        type: 'line',
        source: spots,
        paint: { 'line-color': spotColour, 'line-width': 2 },
      },
      {
        id: hotspotLayers.spotSelected,
        type: 'line',
        source: spots,
        filter: ['==', ['get', 'rank'], -1],
        paint: { 'line-color': spotColour, 'line-width': 4 },
      },
      {
        id: hotspotLayers.incidents,
        type: 'circle',
        source: incidents,
        paint: {
          'circle-radius': 4,
          'circle-color': incidentColour,
          'circle-opacity': 0.85,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
    ],
  };
}
