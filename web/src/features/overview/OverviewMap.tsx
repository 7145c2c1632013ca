import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaDetail } from '../../../../src/contract/areas.js';
import type { AreaSummary } from '../../../../src/contract/common.js';
import type { Overview } from '../../../../src/contract/stats.js';
import type { AreaLevel } from '../../../../src/domain/area.js';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import { navigate } from '../../app/router.js';
import { areaPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AreaMap, type MapTarget } from '../../map/AreaMap.js';
import { cellPalette, classBreaks, noDataColour, ratePalette } from '../../map/classes.js';
import {
  areaFeatures,
  cellFeatures,
  circleFeatures,
  emptyCollection,
  featureBounds,
  type AreaFeatures,
  type CellFeatures,
  type CircleFeatures,
} from '../../map/features.js';
import { Legend, type LegendSymbol } from '../../map/Legend.js';
import { legendClasses } from '../../map/legend-classes.js';
import { mapControlLabels } from '../../map/control-labels.js';

/** Levels small enough for H3 cells (the server counts cells for a province, a city or a district). */
const cellLevels: readonly AreaLevel[] = ['city', 'arrondissement_prefecture', 'district'];
const classCount = 5;

/**
 * The overview's map: the children of the area coloured by rate per 100,000, with proportional circles where
 * incidents concentrate (cities) above a province, or H3 cells inside a city or a district.
 */
export function OverviewMap({ area, overview, asOf }: { area: AreaDetail; overview: Overview; asOf: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const health = useHealth();
  const code = area.code;
  const leaf = area.childCount === 0;
  const showCells = cellLevels.includes(area.level);

  const boundaries = useResource(`boundaries:${code}`, (signal) =>
    api.boundaries(leaf ? { code } : { parent: code }, signal),
  );
  const cityCounts = useResource(showCells ? null : `cities:${code}:${asOf}`, (signal) =>
    api.areaCounts({ area: code, level: 'city', asOf }, signal),
  );
  const cellCounts = useResource(showCells ? `cells:${code}:${asOf}` : null, (signal) =>
    api.cells({ area: code, resolution: area.level === 'district' ? 9 : 8, asOf }, signal),
  );
  const boundaryData = boundaries.status === 'ready' ? boundaries.data : null;
  const cityData = cityCounts.status === 'ready' ? cityCounts.data : null;
  const cellData = cellCounts.status === 'ready' ? cellCounts.data : null;

  const rows = useMemo(
    () => (leaf ? [{ ...overview.total, area: overview.area }] : overview.children),
    [leaf, overview],
  );
  const rates = useMemo(() => new Map(rows.map((r) => [r.area.code, r.ratePer100k])), [rows]);
  const rateValues = useMemo(() => rows.flatMap((r) => (r.ratePer100k === null ? [] : [r.ratePer100k])), [rows]);
  const rateBreaks = useMemo(() => classBreaks(rateValues, classCount), [rateValues]);
  const cellBreaks = useMemo(() => classBreaks(cellData?.cells.map((c) => c.count) ?? [], classCount), [cellData]);

  const areas = useMemo<AreaFeatures>(() => {
    if (!boundaryData) return emptyCollection();
    const name = (a: AreaSummary) => areaName(a, language);
    return areaFeatures(boundaryData, rates, { breaks: rateBreaks, palette: ratePalette(rateBreaks) }, name);
  }, [boundaryData, rates, rateBreaks, language]);
  const circles = useMemo<CircleFeatures>(
    () => (cityData ? circleFeatures(cityData.items, (a) => areaName(a, language)) : emptyCollection()),
    [cityData, language],
  );
  const cells = useMemo<CellFeatures>(
    () =>
      cellData
        ? cellFeatures(cellData.cells, { breaks: cellBreaks, palette: cellPalette(cellBreaks) })
        : emptyCollection(),
    [cellData, cellBreaks],
  );
  const bounds = area.bbox ?? (boundaryData ? featureBounds(boundaryData) : null);

  const controlLabels = useMemo(() => mapControlLabels(t), [t]);

  const incidents = (n: number) => t('figures.incidents', { count: n, value: format.count(n) });
  const describe = (target: MapTarget) => {
    if (target.kind === 'cell') {
      const cell = cellData?.cells.find((c) => c.h3 === target.id);
      return (
        <>
          <strong>{t('map.cell')}</strong>
          {cell && incidents(cell.count)}
        </>
      );
    }
    if (target.kind === 'city') {
      const city = cityData?.items.find((c) => c.area.code === target.id);
      if (!city) return null;
      return (
        <>
          <strong>{areaName(city.area, language)}</strong>
          {incidents(city.current)}
        </>
      );
    }
    const row = rows.find((r) => r.area.code === target.id);
    if (!row) return null;
    return (
      <>
        <strong>{areaName(row.area, language)}</strong>
        {row.area.synthetic && <em className="tooltip-generated">{t('area.generatedTitle')}</em>}
        <span>{incidents(row.current)}</span>
        {row.ratePer100k !== null && (
          <span>
            {' · '}
            {t('figures.rate', { value: format.decimal(row.ratePer100k) })}
          </span>
        )}
      </>
    );
  };
  const select = (target: MapTarget) => {
    if (target.kind !== 'cell' && target.id !== code) navigate(areaPath(target.id));
  };

  const rateClasses = legendClasses(rateBreaks, ratePalette(rateBreaks), rateValues, format.significant, t);
  if (rateValues.length < rows.length) rateClasses.push({ colour: noDataColour, label: t('legend.noData') });
  const symbols: LegendSymbol[] = [];
  if (circles.features.length > 0) symbols.push({ shape: 'circle', label: t('legend.circles') });
  if (areas.features.some((f) => f.properties.generated)) {
    symbols.push({ shape: 'dashed', label: t('legend.generated') });
  }
  const cellLegend =
    cells.features.length > 0
      ? {
          title: t('legend.cells'),
          classes: legendClasses(
            cellBreaks,
            cellPalette(cellBreaks),
            cells.features.map((f) => f.properties.count),
            format.count,
            t,
          ),
        }
      : undefined;

  const failure = [boundaries, cityCounts, cellCounts].find((r) => r.status === 'error');
  return (
    <section className="panel overview-map" aria-labelledby="map-title">
      <h2 id="map-title">{t('map.heading')}</h2>
      <div className="map-frame">
        <AreaMap
          label={t('map.label', { name: areaName(area, language) })}
          areas={areas}
          circles={circles}
          cells={cells}
          bounds={bounds}
          tileUrl={health?.tileUrl ?? null}
          tileAttribution={health?.tileAttribution ?? null}
          controlLabels={controlLabels}
          describe={describe}
          onSelect={select}
          unavailable={t('map.unavailable')}
        />
        {boundaries.status === 'loading' && (
          <div className="map-overlay">
            <Loading label={t('map.loading')} />
          </div>
        )}
      </div>
      {failure?.status === 'error' && <ErrorNotice error={failure.error} title={t('map.failed')} />}
      <Legend title={t('legend.rate')} classes={rateClasses} cells={cellLegend} symbols={symbols} />
      <p className="map-hint">{t('map.hint')}</p>
    </section>
  );
}
