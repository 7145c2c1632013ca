import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import type { BoundaryCollection } from '../../../src/contract/areas.js';
import { emptyCollection } from './features.js';
import { attribution, mapBackground } from './style.js';
import './map.css';

setWorkerUrl(workerUrl);

export interface PointPickerProps {
  label: string;
  /** The outlines drawn for orientation (Morocco's regions). */
  outlines: BoundaryCollection | null;
  point: { lat: number; lon: number } | null;
  onPick: (point: { lat: number; lon: number }) => void;
  controlLabels: Record<string, string>;
  unavailable: ReactNode;
}

/** Morocco's extent, where the map opens. */
const morocco: [number, number, number, number] = [-17.2, 20.7, -0.9, 36.0];

/** A map to click a place on: the regions' outlines for orientation and a dot where the place is. */
export function PointPicker(props: PointPickerProps) {
  const { outlines, point, controlLabels } = props;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const labelsKey = JSON.stringify(controlLabels);
  const pick = useEffectEvent((p: { lat: number; lon: number }) => props.onPick(p));

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: element,
        style: {
          version: 8,
          sources: {
            outlines: { type: 'geojson', data: emptyCollection() },
            point: { type: 'geojson', data: emptyCollection() },
          },
          layers: [
            { id: 'background', type: 'background', paint: { 'background-color': mapBackground } },
            { id: 'land', type: 'fill', source: 'outlines', paint: { 'fill-color': '#fbfbf8' } },
            { id: 'outline', type: 'line', source: 'outlines', paint: { 'line-color': '#4a5560', 'line-width': 1 } },
            {
              id: 'point',
              type: 'circle',
              source: 'point',
              paint: {
                'circle-radius': 8,
                'circle-color': '#b3261e',
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 2,
              },
            },
          ],
        },
        bounds: morocco,
        attributionControl: false,
        locale: JSON.parse(labelsKey) as Record<string, string>,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
        maxZoom: 17,
      });
    } catch {
      setFailed(true);
      return;
    }
    instance.touchZoomRotate.disableRotation();
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new AttributionControl({ compact: true, customAttribution: attribution }), 'bottom-right');
    instance.getCanvas().style.cursor = 'crosshair';
    instance.on('click', (event) => pick({ lat: event.lngLat.lat, lon: event.lngLat.lng }));
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, [labelsKey]);

  useEffect(() => {
    if (map && outlines) void map.getSource<GeoJSONSource>('outlines')?.setData(outlines);
  }, [map, outlines]);

  useEffect(() => {
    if (!map) return;
    void map.getSource<GeoJSONSource>('point')?.setData({
      type: 'FeatureCollection',
      features: point
        ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [point.lon, point.lat] } }]
        : [],
    });
  }, [map, point]);

  if (failed) return <div className="map-unavailable">{props.unavailable}</div>;
  return <div ref={container} className="point-picker" role="application" aria-label={props.label} />;
}
