import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import type { AreaFeatures, Bounds, CellFeatures, CircleFeatures } from './features.js';
import { areaFillOpacity, attribution, interactiveLayers, layers, mapStyle, sources } from './style.js';
import './map.css';

// The worker ships with the app (Vite copies it next to the bundle); nothing is fetched from elsewhere.
setWorkerUrl(workerUrl);

export type MapTarget = { kind: 'area' | 'city' | 'cell'; id: string };

const targets: Record<string, { kind: MapTarget['kind']; source: string }> = {
  [layers.areaFill]: { kind: 'area', source: sources.areas },
  [layers.cellFill]: { kind: 'cell', source: sources.cells },
  [layers.circles]: { kind: 'city', source: sources.circles },
};

export interface AreaMapProps {
  /** The map's accessible name. */
  label: string;
  areas: AreaFeatures;
  circles: CircleFeatures;
  cells: CellFeatures;
  /** Where to look: the current area's box. */
  bounds: Bounds | null;
  tileUrl: string | null;
  /** Credit line of those tiles. */
  tileAttribution?: string | null;
  /** MapLibre's own control labels (zoom in, zoom out…) in the current language. */
  controlLabels: Record<string, string>;
  /** The tooltip of what the pointer is over. */
  describe: (target: MapTarget) => ReactNode;
  onSelect: (target: MapTarget) => void;
  /** Said instead of the map when the browser cannot draw it (no WebGL 2). */
  unavailable: ReactNode;
}

interface Hover extends MapTarget {
  source: string;
  x: number;
  y: number;
}

/**
 * The map: the current area's children coloured by rate, H3 cells, proportional circles. It owns its MapLibre
 * instance; the page gives it plain GeoJSON and gets back what was hovered or clicked.
 */
export function AreaMap(props: AreaMapProps) {
  const { areas, circles, cells, bounds, tileUrl, controlLabels } = props;
  const tileAttribution = props.tileAttribution ?? null;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const labelsKey = JSON.stringify(controlLabels);

  const select = useEffectEvent((target: MapTarget) => props.onSelect(target));

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: element,
        style: mapStyle(tileUrl, tileAttribution),
        attributionControl: false,
        locale: JSON.parse(labelsKey) as Record<string, string>,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        maxZoom: 16,
      });
    } catch {
      setFailed(true);
      return;
    }
    instance.touchZoomRotate.disableRotation();
    instance.keyboard.disableRotation();
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new AttributionControl({ compact: false, customAttribution: attribution }), 'bottom-right');

    let hovered: { source: string; id: string } | null = null;
    const setHovered = (next: { source: string; id: string } | null) => {
      if (hovered) instance.setFeatureState(hovered, { hover: false });
      hovered = next;
      if (hovered) instance.setFeatureState(hovered, { hover: true });
    };
    const targetAt = (event: MapMouseEvent) => {
      const feature = instance.queryRenderedFeatures(event.point, { layers: [...interactiveLayers] })[0];
      const target = feature ? targets[feature.layer.id] : undefined;
      const id = feature?.id;
      if (!target || id === undefined) return null;
      return { ...target, id: String(id) };
    };
    instance.on('mousemove', (event) => {
      const target = targetAt(event);
      setHovered(target ? { source: target.source, id: target.id } : null);
      instance.getCanvas().style.cursor = target && target.kind !== 'cell' ? 'pointer' : '';
      setHover(target ? { ...target, x: event.point.x, y: event.point.y } : null);
    });
    instance.on('mouseout', () => {
      setHovered(null);
      setHover(null);
    });
    instance.on('click', (event) => {
      const target = targetAt(event);
      if (target) select({ kind: target.kind, id: target.id });
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
    const element = container.current;
    if (!map || !element) return;
    // Set with the data, not at render, so the count never says "drawn" before the map has started drawing.
    element.dataset.areaCount = String(areas.features.length);
    busy(element);
    void map.getSource<GeoJSONSource>(sources.areas)?.setData(areas);
  }, [map, areas]);

  useEffect(() => {
    if (!map) return;
    busy(container.current);
    void map.getSource<GeoJSONSource>(sources.circles)?.setData(circles);
  }, [map, circles]);

  const hasCells = cells.features.length > 0;
  useEffect(() => {
    if (!map) return;
    busy(container.current);
    void map.getSource<GeoJSONSource>(sources.cells)?.setData(cells);
  }, [map, cells]);
  useEffect(() => {
    map?.setPaintProperty(layers.areaFill, 'fill-opacity', areaFillOpacity(hasCells));
  }, [map, hasCells]);

  const boundsKey = bounds?.join(',') ?? null;
  useEffect(() => {
    if (!map || boundsKey === null) return;
    const [minLon = 0, minLat = 0, maxLon = 0, maxLat = 0] = boundsKey.split(',').map(Number);
    busy(container.current);
    map.fitBounds(
      [
        [minLon, minLat],
        [maxLon, maxLat],
      ],
      { padding: 24, animate: false },
    );
  }, [map, boundsKey]);

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
          {props.describe(hover)}
        </div>
      )}
    </div>
  );
}

/**
 * Marks the map as drawing until its next `idle`, so that a test (or a print) can wait for it: `data-map-state`
 * is "idle" once the data last given (`data-area-count` polygons) are drawn.
 */
function busy(element: HTMLDivElement | null): void {
  if (element) element.dataset.mapState = 'busy';
}
