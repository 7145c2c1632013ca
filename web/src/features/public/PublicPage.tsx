import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaSummary } from '../../../../src/contract/common.js';
import type { PublicStats } from '../../../../src/contract/public.js';
import { categories as categoryList } from '../../../../src/domain/category.js';
import { api, publicDownloadUrl } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import { replaceQuery } from '../../app/router.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AreaMap } from '../../map/AreaMap.js';
import { classBreaks, noDataColour, ratePalette } from '../../map/classes.js';
import { areaFeatures, emptyCollection, featureBounds, type AreaFeatures } from '../../map/features.js';
import { Legend } from '../../map/Legend.js';
import { legendClasses } from '../../map/legend-classes.js';
import { pageLevels, readPublicSettings, writePublicSettings, type PublicSettings } from './settings.js';
import './public.css';
import { mapControlLabels } from '../../map/control-labels.js';

const categoryLabels = new Map<string, (typeof categoryList)[number]>(categoryList.map((c) => [c.code, c]));

type Row = PublicStats['areas'][number];

/** The figure a row shows for the chosen category ('total' for all). */
function figureOf(row: Row, category: string) {
  if (category === 'total') return row.total;
  return row.categories.find((c) => c.category === category) ?? { count: null, ratePer100k: null, withheld: true };
}

/** Twelve months back from a YYYY-MM month, for the CSV download. */
function yearBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 11;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The public transparency page, open without signing in: incidents per area and category for a month, with
 * rates per 100,000 residents, on a map of the areas and in a table; counts below k are withheld together with
 * whatever would give them back; CSV and GeoJSON downloads of the same figures.
 */
export function PublicPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const health = useHealth();
  const [settings, setSettings] = useState<PublicSettings>(() => readPublicSettings(window.location.search));
  useEffect(() => replaceQuery(writePublicSettings(settings)), [settings]);
  useEffect(() => {
    document.title = `${t('public.title')} — ${t('app.name')}`;
  }, [t]);
  const [attempt, setAttempt] = useState(0);

  const query = {
    level: settings.level,
    ...(settings.region === null ? {} : { parent: settings.region }),
    ...(settings.month === null ? {} : { month: settings.month }),
  };
  const stats = useResource(`public:${writePublicSettings({ ...settings, category: 'total' })}:${attempt}`, (signal) =>
    api.publicStats(query, signal),
  );
  const headlines = useResource(
    `public:headlines:${settings.region ?? 'MA'}:${settings.month ?? ''}:${attempt}`,
    (signal) =>
      api.publicHeadlines(
        { area: settings.region ?? 'MA', ...(settings.month === null ? {} : { month: settings.month }) },
        signal,
      ),
  );
  const regions = useResource('public:regions', (signal) => api.areas({ level: 'region' }, signal));
  const boundaries = useResource(`public:boundaries:${settings.level}`, (signal) =>
    api.boundaries({ level: settings.level }, signal),
  );

  const data = stats.status === 'ready' ? stats.data : null;
  const rows = useMemo(() => data?.areas ?? [], [data]);
  const rates = useMemo(
    () => new Map(rows.map((r) => [r.area.code, figureOf(r, settings.category).ratePer100k])),
    [rows, settings.category],
  );
  const rateValues = useMemo(() => [...rates.values()].filter((r): r is number => r !== null), [rates]);
  const breaks = useMemo(() => classBreaks(rateValues, 5), [rateValues]);
  const areas = useMemo<AreaFeatures>(() => {
    if (boundaries.status !== 'ready' || !data) return emptyCollection();
    const shown = new Set(rows.map((r) => r.area.code));
    const collection = {
      ...boundaries.data,
      features: boundaries.data.features.filter((f) => shown.has(f.properties.code)),
    };
    return areaFeatures(collection, rates, { breaks, palette: ratePalette(breaks) }, (a: AreaSummary) =>
      areaName(a, language),
    );
  }, [boundaries, data, rows, rates, breaks, language]);
  const bounds = areas.features.length > 0 ? featureBounds(areas) : null;

  const update = (change: Partial<PublicSettings>) => setSettings((s) => ({ ...s, ...change }));
  const categoryName = (code: string) =>
    code === 'total' ? t('public.allCategories') : (categoryLabels.get(code)?.labels[language] ?? code);
  const withheldMark = (
    <span className="withheld" title={t('public.withheldTitle', { k: data?.k ?? 10 })}>
      {t('public.withheld', { k: format.count(data?.k ?? 10) })}
    </span>
  );

  return (
    <article className="public-page" data-testid="public-page">
      <header className="panel public-header">
        <h1>{t('public.title')}</h1>
        <p>{t('public.lead')}</p>
        {(data?.synthetic || health?.synthetic) && <SyntheticNotice />}
        <form className="public-controls" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('public.level')}
            <select
              value={settings.level}
              onChange={(e) => update({ level: e.target.value as PublicSettings['level'] })}
            >
              {pageLevels.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('public.region')}
            <select
              value={settings.region ?? ''}
              onChange={(e) => update({ region: e.target.value === '' ? null : e.target.value })}
              disabled={settings.level === 'region'}
            >
              <option value="">{t('public.wholeCountry')}</option>
              {regions.status === 'ready' &&
                regions.data.items.map((r) => (
                  <option key={r.code} value={r.code}>
                    {areaName(r, language)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('public.month')}
            <input
              type="month"
              value={settings.month ?? data?.month ?? ''}
              max={data && settings.month === null ? data.month : undefined}
              onChange={(e) => update({ month: e.target.value === '' ? null : e.target.value })}
            />
          </label>
          <label>
            {t('public.category')}
            <select value={settings.category} onChange={(e) => update({ category: e.target.value })}>
              {['total', ...(rows[0]?.categories.map((c) => c.category) ?? [])].map((c) => (
                <option key={c} value={c}>
                  {categoryName(c)}
                </option>
              ))}
            </select>
          </label>
        </form>
      </header>

      {headlines.status === 'ready' && (
        <section
          className="panel public-headlines"
          aria-labelledby="public-headlines-title"
          data-testid="public-headlines"
        >
          <h2 id="public-headlines-title">
            {t('public.headlinesTitle', { area: areaName(headlines.data.area, language) })}
          </h2>
          <dl>
            {(
              [
                ['public.solved', headlines.data.clearance.solvedPct, (v: number) => format.percent(v)],
                ['public.violentSolved', headlines.data.clearance.violentSolvedPct, (v: number) => format.percent(v)],
                [
                  'public.arrivalMedian',
                  headlines.data.response.arrivalMedianMinutes,
                  (v: number) => t('public.minutes', { value: format.tenths(v) }),
                ],
                ['public.withinStandard', headlines.data.response.withinStandardPct, (v: number) => format.percent(v)],
              ] as const
            ).map(([key, value, show]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd>{value === null ? withheldMark : show(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {stats.status === 'error' && (
        <ErrorNotice error={stats.error} title={t('public.failed')} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {stats.status === 'loading' && <Loading />}
      {data && (
        <div className="public-grid">
          <section className="panel public-map" aria-labelledby="public-map-title">
            <h2 id="public-map-title">
              {t('public.mapTitle', {
                category: categoryName(settings.category),
                from: format.day(data.from),
                to: format.day(data.to),
              })}
            </h2>
            <div className="map-frame">
              <AreaMap
                label={t('public.mapTitle', {
                  category: categoryName(settings.category),
                  from: format.day(data.from),
                  to: format.day(data.to),
                })}
                areas={areas}
                circles={emptyCollection()}
                cells={emptyCollection()}
                bounds={bounds}
                tileUrl={health?.tileUrl ?? null}
                tileAttribution={health?.tileAttribution ?? null}
                controlLabels={mapControlLabels(t)}
                describe={(target) => {
                  const row = rows.find((r) => r.area.code === target.id);
                  if (!row) return null;
                  const f = figureOf(row, settings.category);
                  return (
                    <>
                      <strong>{areaName(row.area, language)}</strong>
                      <span>
                        {f.withheld
                          ? withheldMark
                          : t('figures.incidents', { count: f.count ?? 0, value: format.count(f.count ?? 0) })}
                      </span>
                    </>
                  );
                }}
                onSelect={() => undefined}
                unavailable={t('map.unavailable')}
              />
            </div>
            <Legend
              title={t('public.legendRate')}
              symbols={[]}
              classes={[
                ...legendClasses(breaks, ratePalette(breaks), rateValues, format.significant, t),
                { colour: noDataColour, label: t('public.withheldLegend') },
              ]}
            />
          </section>

          <section className="panel public-table" aria-labelledby="public-table-title">
            <h2 id="public-table-title">{t(`level.${data.level}`)}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('public.area')}</th>
                  <th scope="col">{t('public.population')}</th>
                  <th scope="col">{categoryName(settings.category)}</th>
                  <th scope="col">{t('public.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const f = figureOf(row, settings.category);
                  return (
                    <tr key={row.area.code} data-code={row.area.code}>
                      <th scope="row">{areaName(row.area, language)}</th>
                      <td>{row.area.population === null ? '—' : format.count(row.area.population)}</td>
                      <td data-testid="public-count">
                        {f.withheld || f.count === null ? withheldMark : format.count(f.count)}
                      </td>
                      <td>{f.ratePer100k === null ? '—' : format.decimal(f.ratePer100k)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="public-footnote">{t('public.withheldTitle', { k: data.k })}</p>
            <p className="public-downloads">
              {t('public.download')}{' '}
              <a
                href={publicDownloadUrl('csv', {
                  level: data.level,
                  ...(settings.region === null ? {} : { parent: settings.region }),
                  from: yearBefore(data.month),
                  to: data.month,
                })}
                download
              >
                CSV
              </a>
              {' · '}
              <a
                href={publicDownloadUrl('geojson', {
                  level: data.level,
                  ...(settings.region === null ? {} : { parent: settings.region }),
                  month: data.month,
                })}
                download
              >
                GeoJSON
              </a>
            </p>
          </section>
        </div>
      )}
    </article>
  );
}
