import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forecast } from '../../../../src/contract/forecast.js';
import { forecastHorizons, forecastModelNames } from '../../../../src/contract/forecast.js';
import { addDays } from '../../../../src/domain/time.js';
import { api, ApiError } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import { Link, replaceQuery } from '../../app/router.js';
import { forecastPath, hotspotsPath, patrolsPath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { rampColour, rampStops } from '../../map/density.js';
import { emptyCollection, featureBounds, type Bounds } from '../../map/features.js';
import { HotspotMap, type ForecastFeatures, type HotspotTarget, type OutlineFeatures } from '../../map/HotspotMap.js';
import { RampLegend } from '../../map/Legend.js';
import { delayParts, readSettings, shareChoices, writeSettings, type Settings } from './settings.js';
import '../overview/overview.css';
import '../hotspots/hotspots.css';
import './forecast.css';
import { mapControlLabels } from '../../map/control-labels.js';

/** Failures that leave nothing to show: the area is not there, or not the user's to see. */
const pageFailures: Partial<Record<string, string>> = {
  OUT_OF_SCOPE: 'overview.outOfScopeTitle',
  AREA_NOT_FOUND: 'overview.notFoundTitle',
};

/** Models whose scores are expected incidents; the others rank cells by a relative risk. */
const countingModels = new Set(['etas', 'naive']);

/**
 * The forecast of an area (/forecast/CODE): the cells where incidents are most expected over the horizon after a
 * day, on the black-spot map, beside what the model learned from and, for ETAS, its fitted triggering. The
 * horizon, model, share and day live in the address.
 */
export function ForecastPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useHealth();
  const [settings, setSettings] = useState<Settings>(() => readSettings(window.location.search));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => replaceQuery(writeSettings(settings)), [settings]);
  const update = (change: Partial<Settings>) => setSettings((s) => ({ ...s, ...change }));

  const detail = useResource(`area:${code}:${attempt}`, (signal) => api.area(code, signal));
  const area = detail.status === 'ready' ? detail.data : null;
  const query = {
    area: code,
    horizon: settings.horizon,
    model: settings.model,
    share: settings.share,
    ...(settings.asOf === null ? {} : { asOf: settings.asOf }),
  };
  const forecast = useResource(`forecast:${JSON.stringify(query)}:${attempt}`, (signal) => api.forecast(query, signal));
  const boundaries = useResource(area ? `boundaries:${code}` : null, (signal) =>
    api.boundaries(area?.childCount === 0 ? { code } : { parent: code }, signal),
  );
  const data = forecast.status === 'ready' ? forecast.data : null;

  const name = area ? areaName(area, format.language) : null;
  useEffect(() => {
    document.title = name ? `${t('forecast.title')} — ${name} — ${t('app.name')}` : t('app.name');
  }, [name, t]);

  const boundaryData = boundaries.status === 'ready' ? boundaries.data : null;
  const outlines = useMemo<OutlineFeatures>(
    () =>
      boundaryData
        ? {
            type: 'FeatureCollection',
            features: boundaryData.features.map((f) => ({
              type: 'Feature',
              geometry: f.geometry,
              properties: { code: f.properties.code },
            })),
          }
        : emptyCollection(),
    [boundaryData],
  );
  const cells = useMemo<ForecastFeatures>(() => forecastLayer(data), [data]);
  const controlLabels = useMemo(() => mapControlLabels(t), [t]);

  const failed = detail.status === 'error' ? detail.error : null;
  if (failed !== null) {
    const key = failed instanceof ApiError ? pageFailures[failed.code] : undefined;
    return (
      <div className="forecast">
        <ErrorNotice
          error={failed}
          title={t(key ?? 'forecast.failed')}
          onRetry={key ? undefined : () => setAttempt((n) => n + 1)}
        >
          <Link to={forecastPath()} className="button-link">
            {t('forecast.backHome')}
          </Link>
        </ErrorNotice>
      </div>
    );
  }
  if (!area) return <Loading />;

  const areaBounds: Bounds | null = area.bbox ?? (boundaryData ? featureBounds(boundaryData) : null);
  const peak = data?.cells[0]?.score ?? 0;
  const describe = (target: HotspotTarget) => {
    if (target.kind !== 'forecast' || !data) return null;
    const cell = data.cells.find((c) => c.rank === target.rank);
    if (!cell) return null;
    return (
      <>
        <strong>{t('forecast.rank', { rank: format.count(cell.rank) })}</strong>
        <span>{scoreText(data, cell.score, t, format.significant)}</span>
      </>
    );
  };
  const forecastError = forecast.status === 'error' ? forecast.error : null;

  return (
    <div className="forecast" data-area={area.code} data-model={settings.model}>
      <header className="hotspots-header">
        <h1>
          {t('forecast.title')} — {name}
        </h1>
        <p className="hotspots-lead">{t('forecast.lead')}</p>
        <div className="hotspots-links">
          <Link to={hotspotsPath(area.code)}>{t('forecast.toHotspots')}</Link>
          <Link to={patrolsPath(area.code)}>{t('forecast.toPatrols')}</Link>
        </div>
      </header>
      <form className="hotspot-controls forecast-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('forecast.horizon')}
          <select
            name="horizon"
            value={settings.horizon}
            onChange={(e) => update({ horizon: forecastHorizons.find((h) => h === e.target.value) ?? 'week' })}
          >
            {forecastHorizons.map((h) => (
              <option key={h} value={h}>
                {t(`forecast.horizonName.${h}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('forecast.model')}
          <select
            name="model"
            value={settings.model}
            onChange={(e) => update({ model: forecastModelNames.find((m) => m === e.target.value) ?? 'etas' })}
          >
            {forecastModelNames.map((m) => (
              <option key={m} value={m}>
                {t(`forecast.modelName.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('forecast.share')}
          <select name="share" value={settings.share} onChange={(e) => update({ share: Number(e.target.value) })}>
            {shareChoices.map((s) => (
              <option key={s} value={s}>
                {format.share(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('forecast.asOf')}
          <input
            type="date"
            name="asOf"
            value={settings.asOf ?? data?.asOf ?? ''}
            onChange={(e) => e.target.value && update({ asOf: e.target.value })}
          />
        </label>
        {settings.asOf !== null && (
          <button type="button" className="secondary" onClick={() => update({ asOf: null })}>
            {t('forecast.latest')}
          </button>
        )}
      </form>
      {data?.synthetic && <SyntheticNotice />}
      <div className="hotspots-grid forecast-grid">
        <section className="panel hotspot-map" aria-labelledby="forecast-map-title">
          <div className="hotspot-map-top">
            <h2 id="forecast-map-title">{t('map.heading')}</h2>
          </div>
          <div className="map-frame">
            <HotspotMap
              label={t('forecast.mapLabel', { name })}
              controlLabels={controlLabels}
              unavailable={t('map.unavailable')}
              tileUrl={health?.tileUrl ?? null}
              tileAttribution={health?.tileAttribution ?? null}
              outlines={outlines}
              density={null}
              gistar={emptyCollection()}
              classes={emptyCollection()}
              spots={emptyCollection()}
              filledSpots={false}
              selected={null}
              incidents={emptyCollection()}
              forecast={cells}
              focus={areaBounds ? { bounds: areaBounds, close: false } : null}
              describe={describe}
              onSelect={() => undefined}
            />
            {data?.synthetic && (
              <span className="map-badge-synthetic" data-testid="map-synthetic">
                {t('hotspots.syntheticBadge')}
              </span>
            )}
            {forecast.status === 'loading' && (
              <div className="map-overlay">
                <Loading label={t('forecast.computing')} />
              </div>
            )}
          </div>
          {data && peak > 0 && (
            <div className="map-legend">
              <RampLegend
                title={t(countingModels.has(data.model) ? 'forecast.legendExpected' : 'forecast.legendRelative')}
                colours={rampStops(16)}
                ticks={[0, peak / 2, peak].map((v) => format.significant(Number(v.toPrecision(2))))}
              />
            </div>
          )}
        </section>
        <aside className="panel forecast-panel" data-testid="forecast-panel" aria-labelledby="forecast-panel-title">
          <h2 id="forecast-panel-title">{t('forecast.panel')}</h2>
          {forecastError !== null && (
            <ErrorNotice error={forecastError} title={t('forecast.failed')} onRetry={() => setAttempt((n) => n + 1)}>
              {forecastError instanceof ApiError && forecastError.code === 'VALIDATION_FAILED' && (
                <button type="button" className="secondary" onClick={() => update({ asOf: null })}>
                  {t('forecast.latest')}
                </button>
              )}
            </ErrorNotice>
          )}
          {forecast.status === 'loading' && <Loading label={t('forecast.computing')} />}
          {data && <ForecastFigures data={data} />}
        </aside>
      </div>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** A cell's score in words: expected incidents for ETAS and the naive model, a relative risk otherwise. */
function scoreText(data: Forecast, score: number, t: Translate, significant: (v: number) => string): string {
  const value = significant(Number(score.toPrecision(2)));
  return countingModels.has(data.model)
    ? t('forecast.expectedInCell', { value })
    : t('forecast.relativeScore', { value });
}

/** The side panel's figures: what the model learned from, its fit, what it expects, and what it flagged. */
function ForecastFigures({ data }: { data: Forecast }) {
  const { t } = useTranslation();
  const format = useFormat();
  const police = data.provenances.includes('police_initiated');
  const delay = data.etas ? delayParts(1 / data.etas.omega) : null;
  const zeros = data.cells.filter((c) => !(c.score > 0)).length;
  return (
    <div className="forecast-figures" data-flagged={data.cells.length} data-as-of={data.asOf} data-model={data.model}>
      <p className="notice forecast-provenance" role="note" data-testid="forecast-provenance">
        <strong>{t(police ? 'forecast.provenance.all' : 'forecast.provenance.citizen')}</strong>{' '}
        {t(police ? 'forecast.provenance.allWhy' : 'forecast.provenance.citizenWhy')}
      </p>
      <dl className="forecast-list">
        <dt>{t('forecast.window')}</dt>
        <dd>
          {t('forecast.windowRange', {
            horizon: t(`forecast.horizonName.${data.horizon}`),
            from: format.day(addDays(data.asOf, 1)),
          })}
        </dd>
        <dt>{t('forecast.training')}</dt>
        <dd>{t('forecast.trainingRange', { from: format.day(data.trainingFrom), to: format.day(data.asOf) })}</dd>
        <dt>{t('forecast.records')}</dt>
        <dd>{format.count(data.incidents)}</dd>
        <dt>{t('forecast.expected')}</dt>
        <dd data-testid="forecast-expected">
          {countingModels.has(data.model)
            ? format.decimal(data.total)
            : t('forecast.expectedRelative', { model: t(`forecast.modelName.${data.model}`) })}
        </dd>
        <dt>{t('forecast.cells')}</dt>
        <dd data-testid="forecast-cells">
          {t('forecast.cellsFlagged', {
            flagged: format.count(data.cells.length),
            inside: format.count(data.cellsInside),
            size: format.metres(data.cellSizeM),
          })}
        </dd>
        {data.etas && delay && (
          <>
            <dt>{t('forecast.theta')}</dt>
            <dd data-testid="forecast-theta">{format.share(data.etas.theta)}</dd>
            <dt>{t('forecast.omega')}</dt>
            <dd data-testid="forecast-omega">
              {t(`forecast.delay.${delay.unit}`, { value: format.tenths(delay.value) })}
            </dd>
          </>
        )}
      </dl>
      {zeros > 0 && (
        <p className="hint" data-testid="forecast-zeros">
          {t('forecast.zeroCells', { value: format.count(zeros) })}
        </p>
      )}
      {data.etas && !data.etas.converged && <p className="hint">{t('forecast.notConverged')}</p>}
      {data.cells.length > 0 && (
        <table className="forecast-table" data-testid="forecast-top">
          <caption>{t('forecast.topCells')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forecast.rankHeader')}</th>
              <th scope="col">{t('forecast.scoreHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {data.cells.slice(0, 10).map((c) => (
              <tr key={c.rank}>
                <th scope="row">{format.count(c.rank)}</th>
                <td>{format.significant(Number(c.score.toPrecision(2)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The flagged cells as map features, each coloured on the density ramp by its score over the highest. Cells that
 * score zero are flagged only to fill the share asked for (the model cannot tell them apart); they are not drawn.
 */
function forecastLayer(data: Forecast | null): ForecastFeatures {
  if (!data) return emptyCollection();
  const peak = data.cells[0]?.score ?? 0;
  return {
    type: 'FeatureCollection',
    features: data.cells
      .filter((c) => c.score > 0)
      .map((c) => {
        const [r, g, b] = rampColour(peak > 0 ? 0.25 + (0.75 * c.score) / peak : 1);
        return {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [c.ring] },
          properties: { rank: c.rank, score: c.score, colour: `rgb(${r}, ${g}, ${b})` },
        };
      }),
  };
}
