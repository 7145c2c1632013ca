import type { FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import {
  AttributionControl,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type ImageSource,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { densityPixels } from './density.js';
import type { Bounds } from './features.js';
import { hotspotInteractive, hotspotLayers, hotspotSources, hotspotStyle, spotFillOpacity } from './hotspot-style.js';
import { attribution } from './style.js';
import './map.css';

setWorkerUrl(workerUrl);

type Corner = [number, number];

/** A density surface: expected incidents per cell, rows from the south-west, and the grid's corners (SW, SE, NE, NW). */
export interface DensitySurface {
  values: readonly (number | null)[];
  nx: number;
  ny: number;
  peak: number;
  corners: readonly [Corner, Corner, Corner, Corner];
}

export type OutlineFeatures = FeatureCollection<Polygon | MultiPolygon, { code: string }>;
export type GistarFeatures = FeatureCollection<Polygon, { cell: number; bin: number; count: number }>;
export type ClassFeatures = FeatureCollection<
  Polygon,
  { cell: number; label: string; hotPeriods: number; coldPeriods: number }
>;
export interface SpotProperties {
  rank: number;
  /** The rank as the language writes it, shown on the spot. */
  label: string;
  /** The marker's accessible name. */
  name: string;
  centre: Position;
}
export type SpotFeatures = FeatureCollection<MultiPolygon, SpotProperties>;
export type IncidentFeatures = FeatureCollection<Point, { id: number }>;
/** Forecast cells: their rank (1 the highest score), score and fill colour. */
export type ForecastFeatures = FeatureCollection<Polygon, { rank: number; score: number; colour: string }>;

export type HotspotTarget =
  | { kind: 'spot'; rank: number }
  | { kind: 'cell'; cell: number }
  | { kind: 'class'; cell: number }
  | { kind: 'forecast'; rank: number };

export interface HotspotMapProps {
  label: string;
  controlLabels: Record<string, string>;
  unavailable: ReactNode;
  tileUrl: string | null;
  tileAttribution?: string | null;
  /** The area's districts (or the area itself), drawn as outlines. */
  outlines: OutlineFeatures;
  density: DensitySurface | null;
  gistar: GistarFeatures;
  /** The cells classified over time. */
  classes: ClassFeatures;
  spots: SpotFeatures;
  /** Fill the spots (the black-spot layer) rather than only outline them over a surface. */
  filledSpots: boolean;
  selected: number | null;
  /** The incidents of the selected spot. */
  incidents: IncidentFeatures;
  /** Forecast cells, coloured by score (the forecast page's layer); none by default. */
  forecast?: ForecastFeatures | undefined;
  /** Where to look: the selected spot's box (`close`: shown with room around it), else the area's. */
  focus: { bounds: Bounds; close: boolean } | null;
  describe: (target: HotspotTarget) => ReactNode;
  onSelect: (rank: number) => void;
}

interface Hover {
  target: HotspotTarget;
  x: number;
  y: number;
}

/**
 * The black-spot map: a density surface (an image stretched over the study grid's corners) or the Gi* cells,
 * the black spots outlined and numbered, the incidents of the one selected. It owns its MapLibre instance; the
 * page gives it plain data and hears which spot was clicked.
 *
 * `data-map-state` is "idle" once the data last given are drawn; `data-density` (cells drawn), `data-gistar`,
 * `data-classes`, `data-spots`, `data-incidents` and `data-forecast` say what was given, so a test can wait for it.
 */
export function HotspotMap(props: HotspotMapProps) {
  const { outlines, density, gistar, classes, spots, filledSpots, selected, incidents, focus, tileUrl, controlLabels } =
    props;
  const tileAttribution = props.tileAttribution ?? null;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const labelsKey = JSON.stringify(controlLabels);
  const select = useEffectEvent((rank: number) => props.onSelect(rank));

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: element,
        style: hotspotStyle(tileUrl, tileAttribution),
        attributionControl: false,
        locale: JSON.parse(labelsKey) as Record<string, string>,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        maxZoom: 17,
      });
    } catch {
      setFailed(true);
      return;
    }
    instance.touchZoomRotate.disableRotation();
    instance.keyboard.disableRotation();
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new AttributionControl({ compact: false, customAttribution: attribution }), 'bottom-right');

    let hovered: { source: string; id: number } | null = null;
    const setHovered = (next: { source: string; id: number } | null) => {
      if (hovered) instance.setFeatureState(hovered, { hover: false });
      hovered = next;
      if (hovered) instance.setFeatureState(hovered, { hover: true });
    };
    const targetAt = (event: MapMouseEvent): { target: HotspotTarget; source: string; id: number } | null => {
      const feature = instance.queryRenderedFeatures(event.point, { layers: [...hotspotInteractive] })[0];
      const id = Number(feature?.id);
      if (!feature || !Number.isInteger(id)) return null;
      if (feature.layer.id === hotspotLayers.spotFill) {
        return { target: { kind: 'spot', rank: id }, source: hotspotSources.spots, id };
      }
      if (feature.layer.id === hotspotLayers.forecastFill) {
        return { target: { kind: 'forecast', rank: id }, source: hotspotSources.forecast, id };
      }
      if (feature.layer.id === hotspotLayers.classesFill) {
        return { target: { kind: 'class', cell: id }, source: hotspotSources.classes, id };
      }
      return { target: { kind: 'cell', cell: id }, source: hotspotSources.gistar, id };
    };
    instance.on('mousemove', (event) => {
      const found = targetAt(event);
      setHovered(found ? { source: found.source, id: found.id } : null);
      instance.getCanvas().style.cursor = found?.target.kind === 'spot' ? 'pointer' : '';
      setHover(found ? { target: found.target, x: event.point.x, y: event.point.y } : null);
    });
    instance.on('mouseout', () => {
      setHovered(null);
      setHover(null);
    });
    instance.on('click', (event) => {
      const found = targetAt(event);
      if (found?.target.kind === 'spot') select(found.target.rank);
    });
    instance.on('idle', () => {
      element.dataset.mapState = 'idle';
    });
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      setHover(null);
      instance.remove();
    };
  }, [tileUrl, tileAttribution, labelsKey]);

  useEffect(() => {
    if (!map) return;
    busy(container.current);
    void map.getSource<GeoJSONSource>(hotspotSources.outlines)?.setData(outlines);
  }, [map, outlines]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    const layer = hotspotLayers.density;
    if (!density) {
      if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', 'none');
      delete element.dataset.density;
      return;
    }
    const url = densityImage(density);
    if (url === null) return;
    // MapLibre wants the image's corners from its top-left, clockwise: NW, NE, SE, SW.
    const [sw, se, ne, nw] = density.corners;
    const coordinates: [Corner, Corner, Corner, Corner] = [nw, ne, se, sw];
    busy(element);
    const source = map.getSource<ImageSource>(hotspotSources.density);
    if (source) source.updateImage({ url, coordinates });
    else {
      map.addSource(hotspotSources.density, { type: 'image', url, coordinates });
      map.addLayer(
        {
          id: layer,
          type: 'raster',
          source: hotspotSources.density,
          paint: { 'raster-opacity': 0.8, 'raster-resampling': 'linear', 'raster-fade-duration': 0 },
        },
        hotspotLayers.gistarFill,
      );
    }
    map.setLayoutProperty(layer, 'visibility', 'visible');
    element.dataset.density = String(density.values.filter((v) => v !== null).length);
  }, [map, density]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    busy(element);
    element.dataset.gistar = String(gistar.features.length);
    void map.getSource<GeoJSONSource>(hotspotSources.gistar)?.setData(gistar);
  }, [map, gistar]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    busy(element);
    element.dataset.classes = String(classes.features.length);
    void map.getSource<GeoJSONSource>(hotspotSources.classes)?.setData(classes);
  }, [map, classes]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    busy(element);
    element.dataset.spots = String(spots.features.length);
    void map.getSource<GeoJSONSource>(hotspotSources.spots)?.setData(spots);
    // The ranks are HTML (the style has no glyphs): a button on each spot's centre, the first drawn on top.
    const markers = [...spots.features].reverse().map(({ properties }) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'spot-marker';
      button.textContent = properties.label;
      button.setAttribute('aria-label', properties.name);
      button.dataset.rank = String(properties.rank);
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        select(properties.rank);
      });
      const [lon = 0, lat = 0] = properties.centre;
      return new Marker({ element: button }).setLngLat([lon, lat]).addTo(map);
    });
    return () => {
      for (const marker of markers) marker.remove();
    };
  }, [map, spots]);

  useEffect(() => {
    map?.setPaintProperty(hotspotLayers.spotFill, 'fill-opacity', spotFillOpacity(filledSpots));
  }, [map, filledSpots]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    map.setFilter(hotspotLayers.spotSelected, ['==', ['get', 'rank'], selected ?? -1]);
    for (const marker of element.querySelectorAll<HTMLElement>('.spot-marker')) {
      marker.classList.toggle('spot-marker-selected', marker.dataset.rank === String(selected));
    }
  }, [map, selected, spots]);

  useEffect(() => {
    const element = container.current;
    if (!map || !element) return;
    busy(element);
    element.dataset.incidents = String(incidents.features.length);
    void map.getSource<GeoJSONSource>(hotspotSources.incidents)?.setData(incidents);
  }, [map, incidents]);

  const forecast = props.forecast ?? null;
  useEffect(() => {
    const element = container.current;
    if (!map || !element || !forecast) return;
    busy(element);
    element.dataset.forecast = String(forecast.features.length);
    void map.getSource<GeoJSONSource>(hotspotSources.forecast)?.setData(forecast);
  }, [map, forecast]);

  const focusKey = focus ? `${focus.bounds.join(',')}:${focus.close}` : null;
  useEffect(() => {
    const element = container.current;
    if (!map || !element || focusKey === null) return;
    const [box = '', close] = focusKey.split(':');
    const [minLon = 0, minLat = 0, maxLon = 0, maxLat = 0] = box.split(',').map(Number);
    // A spot fills the middle half of the map, so the streets and spots around it stay in sight.
    const padding = close === 'true' ? Math.round(Math.min(element.clientWidth, element.clientHeight) / 4) : 24;
    busy(element);
    map.fitBounds(
      [
        [minLon, minLat],
        [maxLon, maxLat],
      ],
      { padding, maxZoom: 16, animate: false },
    );
  }, [map, focusKey]);

  return (
    <div className="area-map">
      <div
        ref={container}
        className="area-map-canvas"
        role="region"
        aria-label={props.label}
        data-map-state="loading"
        hidden={failed}
      />
      {failed && <p className="area-map-unavailable">{props.unavailable}</p>}
      {hover && (
        <div className="area-map-tooltip" role="tooltip" style={{ transform: `translate(${hover.x}px, ${hover.y}px)` }}>
          {props.describe(hover.target)}
        </div>
      )}
    </div>
  );
}

/** The surface drawn on a canvas, one pixel a cell, as a PNG data URL; null when the browser has no 2D canvas. */
function densityImage({ values, nx, ny, peak }: DensitySurface): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.putImageData(new ImageData(densityPixels(values, nx, ny, peak), nx, ny), 0, 0);
  return canvas.toDataURL('image/png');
}

function busy(element: HTMLDivElement | null): void {
  if (element) element.dataset.mapState = 'busy';
}
