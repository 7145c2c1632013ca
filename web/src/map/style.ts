import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { emptyCollection } from './features.js';

/** The sources the map's data go to; components hand over GeoJSON, the map puts it here. */
export const sources = { areas: 'areas', cells: 'cells', circles: 'circles', tiles: 'tiles' } as const;

export const layers = {
  areaFill: 'area-fill',
  cellFill: 'cell-fill',
  areaLine: 'area-line',
  generatedLine: 'area-line-generated',
  areaHover: 'area-hover',
  circles: 'city-circles',
} as const;

/** The layers a pointer can hover or click, topmost first. */
export const interactiveLayers = [layers.circles, layers.cellFill, layers.areaFill] as const;

/** The colour around the areas: land outside them and sea alike, since no tiles are drawn by default. */
export const mapBackground = '#e9eef2';

export const attribution = '© OpenStreetMap contributors (ODbL) · HCP RGPH 2024 · GeoNames (CC BY 4.0)';

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/** How opaque the area colours are: lighter under H3 cells so the cells read first. */
export const areaFillOpacity = (underCells: boolean): ExpressionSpecification => [
  'case',
  hovered,
  underCells ? 0.55 : 0.95,
  underCells ? 0.3 : 0.8,
];

/**
 * The whole style: no glyphs, no sprite, no text layers (names appear in HTML tooltips), so the map needs
 * nothing but the shipped boundaries and the API's figures. A raster tile source, when configured, lies under
 * the boundaries.
 */
export function mapStyle(tileUrl: string | null, tileAttribution: string | null = null): StyleSpecification {
  return {
    version: 8,
    sources: {
      ...(tileUrl
        ? {
            [sources.tiles]: {
              type: 'raster' as const,
              tiles: [tileUrl],
              tileSize: 256,
              maxzoom: 19,
              ...(tileAttribution ? { attribution: tileAttribution } : {}),
            },
          }
        : {}),
      [sources.areas]: { type: 'geojson', data: emptyCollection(), promoteId: 'code' },
      [sources.cells]: { type: 'geojson', data: emptyCollection(), promoteId: 'h3' },
      [sources.circles]: { type: 'geojson', data: emptyCollection(), promoteId: 'code' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': mapBackground } },
      ...(tileUrl ? [{ id: 'tiles', type: 'raster' as const, source: sources.tiles }] : []),
      {
        id: layers.areaFill,
        type: 'fill',
        source: sources.areas,
        paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': areaFillOpacity(false) },
      },
      {
        id: layers.cellFill,
        type: 'fill',
        source: sources.cells,
        paint: {
          'fill-color': ['get', 'colour'],
          'fill-opacity': ['case', hovered, 1, 0.8],
          'fill-outline-color': '#ffffff',
        },
      },
      {
        id: layers.areaLine,
        type: 'line',
        source: sources.areas,
        filter: ['!', ['get', 'generated']],
        paint: { 'line-color': '#4a5560', 'line-width': 1 },
      },
      {
        id: layers.generatedLine,
        type: 'line',
        source: sources.areas,
        filter: ['get', 'generated'],
        paint: { 'line-color': '#4a5560', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: layers.areaHover,
        type: 'line',
        source: sources.areas,
        paint: { 'line-color': '#14213d', 'line-width': 2.5, 'line-opacity': ['case', hovered, 1, 0] },
      },
      {
        id: layers.circles,
        type: 'circle',
        source: sources.circles,
        paint: {
          'circle-radius': ['get', 'radius'],
          'circle-color': '#1d3557',
          'circle-opacity': ['case', hovered, 0.8, 0.5],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
    ],
  };
}
