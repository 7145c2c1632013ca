import type { TFunction } from 'i18next';

/** The map controls' labels (title, zoom, attribution) in the page's language, as MapLibre names them. */
export function mapControlLabels(t: TFunction): Record<string, string> {
  return {
    'Map.Title': t('map.title'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'AttributionControl.ToggleAttribution': t('map.attribution'),
  };
}
