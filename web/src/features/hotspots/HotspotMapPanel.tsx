import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ClassifiedCells, type GistarCells } from '../../api.js';
import type { AreaDetail, BoundaryCollection } from '../../../../src/contract/areas.js';
import type { BlackSpotList, KdeResult, SpotIncidents } from '../../../../src/contract/hotspots.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import type { Resource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { rampStops, rampTicks } from '../../map/density.js';
import { emptyCollection, featureBounds, type Bounds } from '../../map/features.js';
import { binColours, classColours, classKey, classLabels, legendBins } from '../../map/hotspot-style.js';
import {
  HotspotMap,
  type ClassFeatures,
  type DensitySurface,
  type GistarFeatures,
  type HotspotTarget,
  type IncidentFeatures,
  type OutlineFeatures,
  type SpotFeatures,
} from '../../map/HotspotMap.js';
import { LegendScale, LegendSymbols, RampLegend, type LegendSymbol } from '../../map/Legend.js';
import { mapLayers, type MapLayer } from './settings.js';
import { mapControlLabels } from '../../map/control-labels.js';

/** The Gi* bin of a confidence: ±3 at 99 %, ±2 at 95 %, ±1 at 90 %. */
const binConfidence: Record<number, number> = { 3: 99, 2: 95, 1: 90 };

/**
 * The map and what it needs around it: the choice of layer, the layer's legend and how it was computed, the
 * black spots on top and the selected one's incidents.
 */
export function HotspotMapPanel({
  area,
  layer,
  onLayer,
  boundaries,
  kde,
  gistar,
  classes,
  spots: spotsResource,
  selected,
  incidents,
  onSelect,
}: {
  area: AreaDetail;
  layer: MapLayer;
  onLayer: (layer: MapLayer) => void;
  boundaries: Resource<BoundaryCollection>;
  kde: Resource<KdeResult>;
  gistar: Resource<GistarCells>;
  classes: Resource<ClassifiedCells>;
  spots: Resource<BlackSpotList>;
  selected: number | null;
  incidents: SpotIncidents | null;
  onSelect: (rank: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language, count } = format;
  const health = useHealth();

  const boundaryData = boundaries.status === 'ready' ? boundaries.data : null;
  const spots = spotsResource.status === 'ready' ? spotsResource.data : null;
  const kdeData = layer === 'density' && kde.status === 'ready' ? kde.data : null;
  const gistarData = layer === 'gistar' && gistar.status === 'ready' ? gistar.data : null;
  const classData = layer === 'classes' && classes.status === 'ready' ? classes.data : null;

  const outlines = useMemo<OutlineFeatures>(
    () =>
      boundaryData
        ? {
            type: 'FeatureCollection',
            features: boundaryData.features.map((f) => ({
              type: 'Feature',
              id: f.id,
              geometry: f.geometry,
              properties: { code: f.properties.code },
            })),
          }
        : emptyCollection(),
    [boundaryData],
  );
  const density = useMemo<DensitySurface | null>(
    () =>
      kdeData
        ? {
            values: kdeData.values,
            nx: kdeData.grid.nx,
            ny: kdeData.grid.ny,
            peak: kdeData.peakPerCell,
            corners: kdeData.grid.corners,
          }
        : null,
    [kdeData],
  );
  const cells = useMemo<GistarFeatures>(
    () =>
      gistarData
        ? {
            type: 'FeatureCollection',
            features: gistarData.features.map((f) => ({
              type: 'Feature',
              geometry: f.geometry,
              properties: { cell: f.properties.cell, bin: f.properties.bin, count: f.properties.count },
            })),
          }
        : emptyCollection(),
    [gistarData],
  );
  const classCells = useMemo<ClassFeatures>(
    () =>
      classData
        ? {
            type: 'FeatureCollection',
            features: classData.features.map((f) => ({
              type: 'Feature',
              geometry: f.geometry,
              properties: {
                cell: f.properties.cell,
                label: f.properties.label,
                hotPeriods: f.properties.hotPeriods,
                coldPeriods: f.properties.coldPeriods,
              },
            })),
          }
        : emptyCollection(),
    [classData],
  );
  const spotFeatures = useMemo<SpotFeatures>(
    () =>
      spots
        ? {
            type: 'FeatureCollection',
            features: spots.spots.map((spot) => ({
              type: 'Feature',
              geometry: spot.geometry,
              properties: {
                rank: spot.rank,
                label: count(spot.rank),
                name: t('hotspots.spot', { rank: count(spot.rank) }),
                centre: spot.centre,
              },
            })),
          }
        : emptyCollection(),
    [spots, count, t],
  );
  const points = useMemo<IncidentFeatures>(
    () =>
      incidents
        ? {
            type: 'FeatureCollection',
            features: incidents.items.map((item) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [item.lon, item.lat] },
              properties: { id: item.id },
            })),
          }
        : emptyCollection(),
    [incidents],
  );

  const selectedSpot = spots?.spots.find((s) => s.rank === selected) ?? null;
  const areaBounds: Bounds | null = area.bbox ?? (boundaryData ? featureBounds(boundaryData) : null);
  const focus = selectedSpot
    ? { bounds: selectedSpot.bbox, close: true }
    : areaBounds
      ? { bounds: areaBounds, close: false }
      : null;

  const controlLabels = useMemo(() => mapControlLabels(t), [t]);

  const binLabel = (bin: number) =>
    t(bin > 0 ? 'hotspots.bin.hot' : 'hotspots.bin.cold', {
      confidence: format.percent(binConfidence[Math.abs(bin)] ?? 0),
    });
  const incidentsLabel = (n: number) => t('figures.incidents', { count: n, value: format.count(n) });
  const describe = (target: HotspotTarget) => {
    if (target.kind === 'spot') {
      const spot = spots?.spots.find((s) => s.rank === target.rank);
      if (!spot) return null;
      return (
        <>
          <strong>{t('hotspots.spot', { rank: format.count(spot.rank) })}</strong>
          {spot.district && <span>{areaName(spot.district, language)} · </span>}
          <span>{incidentsLabel(spot.incidents)}</span>
        </>
      );
    }
    if (target.kind === 'class') {
      const cell = classData?.features.find((f) => f.properties.cell === target.cell)?.properties;
      if (!cell || !classData) return null;
      return (
        <>
          <strong>{t(classKey(cell.label))}</strong>
          <span>
            {t('hotspots.classPeriods', {
              unit: t(`hotspots.period.${classData.properties.period === 'week' ? 'week' : 'month'}`),
              hot: format.count(cell.hotPeriods),
              cold: format.count(cell.coldPeriods),
              total: format.count(classData.properties.periods.length),
            })}
          </span>
        </>
      );
    }
    if (target.kind === 'forecast') return null;
    const cell = gistarData?.features.find((f) => f.properties.cell === target.cell)?.properties;
    if (!cell) return null;
    return (
      <>
        <strong>{binLabel(cell.bin)}</strong>
        <span>{incidentsLabel(cell.count)}</span>
      </>
    );
  };

  const symbols: LegendSymbol[] = [{ shape: 'spot', label: t('hotspots.legend.spot') }];
  if (points.features.length > 0) symbols.push({ shape: 'dot', label: t('hotspots.legend.incident') });

  const layerResource = layer === 'density' ? kde : layer === 'gistar' ? gistar : layer === 'classes' ? classes : null;
  const computing = layerResource?.status === 'loading' || spotsResource.status === 'loading';
  // When the spots failed too, the list says why; the map does not say it a second time.
  const layerFailure = layerResource?.status === 'error' && spotsResource.status !== 'error' ? layerResource : null;
  const synthetic =
    spots?.synthetic || kdeData?.synthetic || gistarData?.properties.synthetic || classData?.properties.synthetic;
  const presentClasses = classData ? classLabels.filter((label) => (classData.properties.classes[label] ?? 0) > 0) : [];

  return (
    <section className="panel hotspot-map" aria-labelledby="hotspot-map-title" data-layer={layer}>
      <div className="hotspot-map-top">
        <h2 id="hotspot-map-title">{t('map.heading')}</h2>
        <fieldset className="layer-switch">
          <legend className="visually-hidden">{t('hotspots.layer.label')}</legend>
          {mapLayers.map((option) => (
            <label key={option} className={option === layer ? 'active' : undefined}>
              <input
                type="radio"
                name="layer"
                value={option}
                checked={option === layer}
                onChange={() => onLayer(option)}
              />
              {t(`hotspots.layer.${option}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="map-frame">
        <HotspotMap
          label={t('hotspots.map.label', { name: areaName(area, language) })}
          controlLabels={controlLabels}
          unavailable={t('map.unavailable')}
          tileUrl={health?.tileUrl ?? null}
          tileAttribution={health?.tileAttribution ?? null}
          outlines={outlines}
          density={density}
          gistar={cells}
          classes={classCells}
          spots={spotFeatures}
          filledSpots={layer === 'spots'}
          selected={selected}
          incidents={points}
          focus={focus}
          describe={describe}
          onSelect={onSelect}
        />
        {synthetic && (
          <span className="map-badge-synthetic" data-testid="map-synthetic">
            {t('hotspots.syntheticBadge')}
          </span>
        )}
        {computing && (
          <div className="map-overlay">
            <Loading label={t('hotspots.map.computing')} />
          </div>
        )}
      </div>
      {layerFailure && <ErrorNotice error={layerFailure.error} title={t('hotspots.map.failed')} />}
      {layerFailure &&
        layer === 'classes' &&
        layerFailure.error instanceof ApiError &&
        layerFailure.error.field === 'period' && <p className="field-error">{t('hotspots.tooFewPeriods')}</p>}
      <div className="map-legend" data-testid="hotspot-legend">
        {kdeData && (
          <RampLegend
            title={t('hotspots.legend.density')}
            colours={rampStops(16)}
            ticks={rampTicks(kdeData.peakPerCell).map((v) => format.significant(v))}
          />
        )}
        {gistarData && (
          <LegendScale
            title={t('hotspots.legend.gistar')}
            classes={legendBins.map((bin) => ({ colour: binColours[String(bin)] ?? '#fff', label: binLabel(bin) }))}
          />
        )}
        {classData && presentClasses.length > 0 && (
          <LegendScale
            title={t(`hotspots.legend.classes.${classData.properties.scheme === 'ehsa' ? 'ehsa' : 'sfhotspot'}`)}
            classes={presentClasses.map((label) => ({
              colour: classColours[label] ?? '#fff',
              label: t('hotspots.legend.classCount', {
                label: t(classKey(label)),
                value: format.count(classData.properties.classes[label] ?? 0),
              }),
            }))}
          />
        )}
        <LegendSymbols symbols={symbols} />
      </div>
      <p className="map-hint">
        {kdeData && (
          <span>
            {t('hotspots.legend.densityNote', {
              size: format.metres(kdeData.grid.cellSize),
              kernel: t(`hotspots.kernel.${kdeData.kernel}`),
              meaning: t(`hotspots.bandwidth.${kdeData.bandwidth?.meaning ?? 'radius'}`),
              bandwidth: kdeData.bandwidth ? format.metres(kdeData.bandwidth.metres) : '—',
              rule: t(`hotspots.bandwidth.${kdeData.bandwidth?.rule ?? 'scott'}`),
            })}
          </span>
        )}
        {gistarData && (
          <span>
            {t('hotspots.legend.gistarNote', {
              hot: format.count(countBins(gistarData, 1)),
              cold: format.count(countBins(gistarData, -1)),
              neighbours:
                gistarData.properties.neighbours === 'band' && gistarData.properties.distance !== null
                  ? t('hotspots.neighbours.band', { distance: format.metres(gistarData.properties.distance) })
                  : t('hotspots.neighbours.queen'),
              adjust: t(`hotspots.adjust.${gistarData.properties.adjust}`),
            })}
          </span>
        )}
        {classData && (
          <span data-testid="classes-note">
            {presentClasses.length === 0 && <strong>{t('hotspots.legend.noClasses')} </strong>}
            {t('hotspots.legend.classesNote', {
              unit: t(`hotspots.period.${classData.properties.period === 'week' ? 'week' : 'month'}`),
              value: format.count(classData.properties.periods.length),
              cells: format.count(classData.features.length),
              size: format.metres(classData.properties.grid.cellSize),
            })}
          </span>
        )}
        {spots && <span>{t('hotspots.legend.spotsNote', { confidence: format.percent(spots.confidence) })}</span>}
        <span>{t('hotspots.map.hint')}</span>
      </p>
    </section>
  );
}

/** Cells hot (sign 1) or cold (sign -1) at any confidence. */
function countBins({ properties: { bins } }: GistarCells, sign: 1 | -1): number {
  return sign > 0 ? bins['1'] + bins['2'] + bins['3'] : bins['-1'] + bins['-2'] + bins['-3'];
}
