import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link, navigate, replaceQuery } from '../../app/router.js';
import { areaPath, compstatPath, hotspotsPath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { Breadcrumb } from '../overview/Breadcrumb.js';
import { Controls, type Study } from './Controls.js';
import { HotspotMapPanel } from './HotspotMapPanel.js';
import { KnoxPanel } from './KnoxPanel.js';
import {
  blackSpotQuery,
  classifyQuery,
  defaultSettings,
  defaultWindow,
  gistarQuery,
  kdeQuery,
  readSettings,
  writeSettings,
  type MapLayer,
  type Settings,
} from './settings.js';
import { SpotIncidentsPanel } from './SpotIncidentsPanel.js';
import { SpotTable } from './SpotTable.js';
import '../overview/overview.css';
import './hotspots.css';

/** Failures that leave nothing to show on the page: the area is not there, or not the user's to see. */
const pageFailures: Partial<Record<string, string>> = {
  OUT_OF_SCOPE: 'overview.outOfScopeTitle',
  AREA_NOT_FOUND: 'overview.notFoundTitle',
  UNAUTHENTICATED: 'hotspots.failed',
};

/** The request fields the controls can put right, with the label that names each. */
const fieldLabels: Partial<Record<string, string>> = {
  from: 'hotspots.controls.from',
  to: 'hotspots.controls.to',
  category: 'hotspots.controls.categories',
  cellSize: 'hotspots.controls.cellSize',
  kernel: 'hotspots.controls.kernel',
  bandwidth: 'hotspots.controls.bandwidth',
  confidence: 'hotspots.controls.confidence',
  period: 'hotspots.controls.period',
  scheme: 'hotspots.controls.scheme',
};

const rejected = (...resources: { status: string; error?: unknown }[]) =>
  resources.find((r): r is { status: 'error'; error: unknown } => r.status === 'error')?.error;

/**
 * Black spots of an area (/hotspots/CODE): the settings of the study (kept in the address), the map with the
 * density surface, the Gi* cells or the spots filled, the spots ranked in a table, and the incidents of the one
 * selected. The server computes every layer from the incidents it lets the user see.
 */
export function HotspotsPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [settings, setSettings] = useState<Settings>(() => readSettings(window.location.search));
  // Retrying the analyses asks for them again; retrying the page asks for the area and its last day too.
  const [attempt, setAttempt] = useState(0);
  const [pageAttempt, setPageAttempt] = useState(0);
  const [incidentAttempt, setIncidentAttempt] = useState(0);
  // Bumped by "Apply" and "Defaults", so the form starts again from what is applied even when that did not change.
  const [formVersion, setFormVersion] = useState(0);

  useEffect(() => replaceQuery(writeSettings(settings)), [settings]);

  const detail = useResource(`area:${code}:${pageAttempt}`, (signal) => api.area(code, signal));
  // Without a window in the address, the last twelve months up to the area's last day with data.
  const needLatest = settings.from === null || settings.to === null;
  const latest = useResource(needLatest ? `latest:${code}:${pageAttempt}` : null, (signal) =>
    api.overview({ area: code }, signal),
  );
  const fallback = latest.status === 'ready' ? defaultWindow(latest.data.asOf) : null;
  const study: Study | null =
    settings.from !== null && settings.to !== null
      ? { ...settings, from: settings.from, to: settings.to }
      : fallback
        ? { ...settings, from: settings.from ?? fallback.from, to: settings.to ?? fallback.to }
        : null;

  const spotsQuery = study && blackSpotQuery(code, study);
  const spots = useResource(spotsQuery && `spots:${JSON.stringify(spotsQuery)}:${attempt}`, (signal) =>
    spotsQuery ? api.blackSpots(spotsQuery, signal) : Promise.reject(new Error('no study')),
  );
  const densityQuery = study && study.layer === 'density' ? kdeQuery(code, study) : null;
  const kde = useResource(densityQuery && `kde:${JSON.stringify(densityQuery)}:${attempt}`, (signal) =>
    densityQuery ? api.kde(densityQuery, signal) : Promise.reject(new Error('no study')),
  );
  const cellsQuery = study && study.layer === 'gistar' ? gistarQuery(code, study) : null;
  const gistar = useResource(cellsQuery && `gistar:${JSON.stringify(cellsQuery)}:${attempt}`, (signal) =>
    cellsQuery ? api.gistarCells(cellsQuery, signal) : Promise.reject(new Error('no study')),
  );
  const classesQuery = study && study.layer === 'classes' ? classifyQuery(code, study) : null;
  const classes = useResource(classesQuery && `classes:${JSON.stringify(classesQuery)}:${attempt}`, (signal) =>
    classesQuery ? api.classifiedCells(classesQuery, signal) : Promise.reject(new Error('no study')),
  );
  const spotList = spots.status === 'ready' ? spots.data : null;
  const selectedSpot = spotList?.spots.find((s) => s.rank === settings.spot) ?? null;
  const incidents = useResource(
    spotsQuery && selectedSpot
      ? `incidents:${selectedSpot.rank}:${JSON.stringify(spotsQuery)}:${attempt}:${incidentAttempt}`
      : null,
    (signal) =>
      spotsQuery && selectedSpot
        ? api.spotIncidents(selectedSpot.rank, spotsQuery, signal)
        : Promise.reject(new Error('no spot')),
  );

  const area = detail.status === 'ready' ? detail.data : null;
  const boundaries = useResource(area ? `boundaries:${code}` : null, (signal) =>
    api.boundaries(area?.childCount === 0 ? { code } : { parent: code }, signal),
  );
  const children = useResource(area && area.childCount > 0 ? `children:${code}` : null, (signal) =>
    api.areas({ parent: code }, signal),
  );

  const name = area ? areaName(area, format.language) : null;
  useEffect(() => {
    document.title = name ? `${t('hotspots.title')} — ${name} — ${t('app.name')}` : t('app.name');
  }, [name, t]);

  const select = (rank: number) => setSettings((s) => ({ ...s, spot: rank }));
  const setLayer = (layer: MapLayer) => setSettings((s) => ({ ...s, layer }));
  const retry = () => setAttempt((n) => n + 1);
  const retryPage = () => {
    setPageAttempt((n) => n + 1);
    retry();
  };

  const failed = rejected(detail, latest, spots);
  const pageKey = failed instanceof ApiError ? pageFailures[failed.code] : undefined;
  if (failed !== undefined && (pageKey !== undefined || detail.status === 'error' || latest.status === 'error')) {
    return (
      <div className="hotspots">
        <ErrorNotice error={failed} title={t(pageKey ?? 'hotspots.failed')} onRetry={pageKey ? undefined : retryPage}>
          <Link to={hotspotsPath()} className="button-link">
            {t('hotspots.backHome')}
          </Link>
        </ErrorNotice>
      </div>
    );
  }
  if (!area || !study) return <Loading />;

  const invalid = rejected(spots, kde, gistar, classes);
  const invalidField = invalid instanceof ApiError && invalid.code === 'VALIDATION_FAILED' ? invalid.field : undefined;
  const fieldLabel = invalidField === undefined ? undefined : fieldLabels[invalidField];
  const controlsKey = `${formVersion}:${writeSettings({ ...study, layer: defaultSettings.layer, spot: null })}`;

  return (
    <div className="hotspots" data-area={area.code}>
      <header className="hotspots-header">
        <Breadcrumb
          area={area}
          scopeCode={user.scope?.code ?? null}
          pathOf={(c) => hotspotsPath(c, goToSearch(settings))}
        />
        <h1>
          {t('hotspots.heading', { name })}
          {area.synthetic && (
            <span className="badge-generated" title={t('area.generatedTitle')}>
              {t('area.generated')}
            </span>
          )}
        </h1>
        <p className="hotspots-lead">{t('hotspots.lead')}</p>
        <div className="hotspots-links">
          <Link to={areaPath(area.code)}>{t('hotspots.overviewLink')}</Link>
          <Link to={compstatPath(area.code)}>{t('compstat.open')}</Link>
          {children.status === 'ready' && children.data.items.length > 0 && (
            <label className="go-to">
              <span>{t('hotspots.goTo')}</span>
              <select
                name="goTo"
                value=""
                onChange={(e) => {
                  if (e.target.value !== '') navigate(hotspotsPath(e.target.value, goToSearch(settings)));
                }}
              >
                <option value="">{t('hotspots.goToChoose')}</option>
                {[...children.data.items]
                  .sort((a, b) => format.compare(areaName(a, format.language), areaName(b, format.language)))
                  .map((child) => (
                    <option key={child.code} value={child.code}>
                      {areaName(child, format.language)}
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
        {spotList?.synthetic && <SyntheticNotice />}
      </header>

      <Controls
        key={controlsKey}
        settings={study}
        invalid={invalidField ?? null}
        onApply={(next) => {
          setSettings({ ...next, layer: settings.layer, spot: null });
          setFormVersion((n) => n + 1);
        }}
        onReset={() => {
          setSettings({ ...defaultSettings, layer: settings.layer });
          setFormVersion((n) => n + 1);
        }}
      />

      <p className="period" data-testid="hotspot-window">
        {t('hotspots.window', { from: format.day(study.from), to: format.day(study.to) })}
        {spotList && (
          <>
            {' · '}
            {t('hotspots.located', { count: spotList.incidents, value: format.count(spotList.incidents) })}
            {spotList.withoutPoint > 0 && (
              <>
                {' · '}
                {t('hotspots.withoutPoint', {
                  count: spotList.withoutPoint,
                  value: format.count(spotList.withoutPoint),
                })}
              </>
            )}
          </>
        )}
      </p>

      <div className="hotspots-grid">
        <HotspotMapPanel
          area={area}
          layer={study.layer}
          onLayer={setLayer}
          boundaries={boundaries}
          kde={kde}
          gistar={gistar}
          classes={classes}
          spots={spots}
          selected={selectedSpot?.rank ?? null}
          incidents={incidents.status === 'ready' ? incidents.data : null}
          onSelect={select}
        />
        <div className="hotspots-side">
          <section className="panel spot-list" aria-labelledby="spot-list-title" aria-busy={spots.status === 'loading'}>
            <h2 id="spot-list-title">{t('hotspots.table.title')}</h2>
            {spots.status === 'error' ? (
              <>
                <ErrorNotice error={spots.error} title={t('hotspots.failed')} onRetry={retry} />
                {invalidField === 'cellSize' ? (
                  <p className="field-error">{t('hotspots.cellsTooSmall')}</p>
                ) : (
                  fieldLabel && <p className="field-error">{t('hotspots.fieldAtFault', { field: t(fieldLabel) })}</p>
                )}
              </>
            ) : !spotList ? (
              <Loading label={t('hotspots.loading')} />
            ) : spotList.incidents === 0 ? (
              <p className="empty" data-testid="spots-empty">
                {t('hotspots.empty.noIncidents')}
              </p>
            ) : spotList.spots.length === 0 ? (
              <div className="empty" data-testid="spots-empty">
                <p>
                  <strong>{t('hotspots.empty.title')}</strong>
                </p>
                <p>{t('hotspots.empty.body', { confidence: format.percent(spotList.confidence) })}</p>
              </div>
            ) : (
              <SpotTable
                spots={spotList.spots}
                period={spotList.period === 'week' ? 'week' : 'month'}
                selected={selectedSpot?.rank ?? null}
                onSelect={select}
              />
            )}
          </section>
          {selectedSpot && (
            <SpotIncidentsPanel
              key={selectedSpot.rank}
              spot={selectedSpot}
              incidents={incidents}
              onClose={() => setSettings((s) => ({ ...s, spot: null }))}
              onRetry={() => setIncidentAttempt((n) => n + 1)}
            />
          )}
        </div>
      </div>

      <KnoxPanel key={code} code={code} study={study} />
    </div>
  );
}

/** Going to another area keeps the window, categories and methods, but not what depends on the area's size or spots. */
function goToSearch(settings: Settings): string {
  return writeSettings({ ...settings, cellSize: null, bandwidth: null, spot: null });
}
