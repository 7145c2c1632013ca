import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categories } from '../../../../src/domain/category.js';
import { isIsoDay } from '../../../../src/domain/time.js';
import { api, ApiError } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link, replaceQuery } from '../../app/router.js';
import { areaPath, briefPath, compstatPath, hotspotsPath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { Breadcrumb } from '../overview/Breadcrumb.js';
import { CompstatTable } from './CompstatTable.js';
import { PatternHeatmap } from './PatternHeatmap.js';
import {
  baselineChoices,
  patternSpans,
  patternWindow,
  readSettings,
  weekChoices,
  writeSettings,
  type PatternSpan,
  type Settings,
  type WeekChoice,
} from './settings.js';
import { TrendCharts } from './TrendCharts.js';
import '../overview/overview.css';
import './compstat.css';

/** Failures that leave nothing to show: the area is not there, or not the user's to see. */
const pageFailures: Partial<Record<string, string>> = {
  OUT_OF_SCOPE: 'overview.outOfScopeTitle',
  AREA_NOT_FOUND: 'overview.notFoundTitle',
};

const periods = ['weekToDate', 'days28', 'yearToDate'] as const;

/**
 * The CompStat page of an area (/compstat/CODE): the weekly table (week to date, 28 days, year to date against
 * earlier years), weekly trend charts per offence and when in the week incidents happen. The as-of day, baseline
 * year, weeks and pattern settings live in the address. `alerts`, when given, is shown under the header: the place
 * for the area's alerts.
 */
export function CompstatPage({ code, alerts }: { code: string; alerts?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [settings, setSettings] = useState<Settings>(() => readSettings(window.location.search));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => replaceQuery(writeSettings(settings)), [settings]);
  const update = (change: Partial<Settings>) => setSettings((s) => ({ ...s, ...change }));

  const detail = useResource(`area:${code}:${attempt}`, (signal) => api.area(code, signal));
  const query = {
    area: code,
    ...(settings.asOf === null ? {} : { asOf: settings.asOf }),
    ...(settings.baselineYear === null ? {} : { baselineYear: settings.baselineYear }),
  };
  const table = useResource(`compstat:${JSON.stringify(query)}:${attempt}`, (signal) => api.compstat(query, signal));
  // The charts and the heatmap follow the table's as-of day, whichever way it was chosen.
  const asOf = table.status === 'ready' ? table.data.asOf : null;
  const trendsQuery = asOf === null ? null : { area: code, asOf, weeks: settings.weeks };
  const trends = useResource(trendsQuery && `trends:${JSON.stringify(trendsQuery)}:${attempt}`, (signal) =>
    trendsQuery ? api.compstatTrends(trendsQuery, signal) : Promise.reject(new Error('no as-of day')),
  );
  const patternsQuery =
    asOf === null
      ? null
      : {
          area: code,
          ...patternWindow(asOf, settings.span),
          ...(settings.category === null ? {} : { category: settings.category }),
        };
  const patterns = useResource(patternsQuery && `patterns:${JSON.stringify(patternsQuery)}:${attempt}`, (signal) =>
    patternsQuery ? api.compstatPatterns(patternsQuery, signal) : Promise.reject(new Error('no as-of day')),
  );

  const area = detail.status === 'ready' ? detail.data : null;
  const name = area ? areaName(area, format.language) : null;
  useEffect(() => {
    document.title = name ? `${t('compstat.title')} — ${name} — ${t('app.name')}` : t('app.name');
  }, [name, t]);

  const retry = () => setAttempt((n) => n + 1);
  const failed = detail.status === 'error' ? detail.error : table.status === 'error' ? table.error : null;
  if (failed !== null) {
    const key = failed instanceof ApiError ? pageFailures[failed.code] : undefined;
    const badField = failed instanceof ApiError && failed.code === 'VALIDATION_FAILED';
    return (
      <div className="compstat">
        <ErrorNotice error={failed} title={t(key ?? 'compstat.failed')} onRetry={key ? undefined : retry}>
          {badField ? (
            <button type="button" className="secondary" onClick={() => update({ asOf: null, baselineYear: null })}>
              {t('compstat.controls.latest')}
            </button>
          ) : (
            <Link to={compstatPath()} className="button-link">
              {t('compstat.backHome')}
            </Link>
          )}
        </ErrorNotice>
      </div>
    );
  }
  if (!area || table.status !== 'ready') return <Loading />;
  const data = table.data;
  const yearText = (y: number) => format.year(`${y}-01-01`);
  const range = (w: { from: string; to: string } | null) =>
    w === null ? '—' : t('compstat.windows.range', { from: format.day(w.from), to: format.day(w.to) });

  return (
    <div className="compstat" data-area={area.code} data-as-of={data.asOf}>
      <header className="compstat-header">
        <Breadcrumb
          area={area}
          scopeCode={user.scope?.code ?? null}
          pathOf={(c) => compstatPath(c, writeSettings({ ...settings, category: null }))}
        />
        <h1>
          {t('compstat.heading', { name })}
          {area.synthetic && (
            <span className="badge-generated" title={t('area.generatedTitle')}>
              {t('area.generated')}
            </span>
          )}
        </h1>
        <p className="compstat-lead">{t('compstat.lead')}</p>
        <p className="compstat-links">
          <Link to={areaPath(area.code)}>{t('compstat.overviewLink')}</Link>
          {' · '}
          <Link to={hotspotsPath(area.code)}>{t('compstat.hotspotsLink')}</Link>
          {' · '}
          <Link to={briefPath(area.code)}>{t('brief.nav')}</Link>
        </p>
        {data.synthetic && <SyntheticNotice />}
      </header>

      <form
        className="panel compstat-controls"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('compstat.controls.title')}
      >
        <label>
          <span>{t('compstat.controls.asOf')}</span>
          <input
            type="date"
            name="asOf"
            value={data.asOf}
            min="1900-01-01"
            onChange={(e) => {
              const value = e.target.value;
              if (isIsoDay(value) && value >= '1900-01-01') update({ asOf: value });
            }}
          />
        </label>
        <label>
          <span>{t('compstat.controls.baseline')}</span>
          <select
            name="baselineYear"
            value={data.baselineYear ?? ''}
            onChange={(e) => update({ baselineYear: e.target.value === '' ? null : Number(e.target.value) })}
          >
            {data.baselineYear === null && <option value="">{t('compstat.controls.noBaseline')}</option>}
            {baselineChoices(data.asOf, data.baselineYear).map((y) => (
              <option key={y} value={y}>
                {yearText(y)}
              </option>
            ))}
          </select>
        </label>
        {(settings.asOf !== null || settings.baselineYear !== null) && (
          <button type="button" className="secondary" onClick={() => update({ asOf: null, baselineYear: null })}>
            {t('compstat.controls.latest')}
          </button>
        )}
      </form>

      <table className="compstat-windows" data-testid="compstat-windows">
        <caption>{t('compstat.windows.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compstat.windows.period')}</th>
            <th scope="col">{yearText(Number(data.asOf.slice(0, 4)))}</th>
            <th scope="col">{t('compstat.windows.lastYear')}</th>
            <th scope="col">{t('compstat.windows.twoYearsAgo')}</th>
            <th scope="col">{t('compstat.windows.baseline')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => {
            const w = data.periods[p];
            return (
              <tr key={p} data-period={p}>
                <th scope="row">{t(`compstat.period.${p}`)}</th>
                <td>{range(w.current)}</td>
                <td>{range(w.lastYear)}</td>
                <td>{range(w.twoYearsAgo)}</td>
                <td>{range(w.baseline)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {alerts !== undefined && (
        <section
          className="panel compstat-alerts"
          aria-labelledby="compstat-alerts-title"
          data-testid="compstat-alerts"
        >
          <h2 id="compstat-alerts-title">{t('compstat.alerts')}</h2>
          {alerts}
        </section>
      )}

      <section className="panel compstat-table-panel" aria-labelledby="compstat-table-title">
        <h2 id="compstat-table-title">{t('compstat.table.title')}</h2>
        <CompstatTable data={data} />
      </section>

      <section
        className="panel compstat-trends"
        aria-labelledby="compstat-trends-title"
        aria-busy={trends.status === 'loading'}
      >
        <div className="compstat-section-head">
          <h2 id="compstat-trends-title">{t('compstat.trends.title')}</h2>
          <label>
            <span>{t('compstat.trends.weeks')}</span>
            <select
              name="weeks"
              value={settings.weeks}
              onChange={(e) => update({ weeks: Number(e.target.value) as WeekChoice })}
            >
              {weekChoices.map((w) => (
                <option key={w} value={w}>
                  {format.count(w)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="compstat-section-lead">{t('compstat.trends.lead')}</p>
        {trends.status === 'error' ? (
          <ErrorNotice error={trends.error} title={t('compstat.trends.failed')} onRetry={retry} />
        ) : trends.status !== 'ready' ? (
          <Loading />
        ) : (
          <TrendCharts trends={trends.data} />
        )}
      </section>

      <section
        className="panel compstat-patterns"
        aria-labelledby="compstat-heatmap-title"
        aria-busy={patterns.status === 'loading'}
      >
        <div className="compstat-section-head">
          <h2 id="compstat-heatmap-title">{t('compstat.heatmap.title')}</h2>
          <label>
            <span>{t('compstat.heatmap.category')}</span>
            <select
              name="category"
              value={settings.category ?? ''}
              onChange={(e) => {
                const value = e.target.value;
                update({ category: categories.find((c) => c.code === value)?.code ?? null });
              }}
            >
              <option value="">{t('compstat.total')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.labels[format.language]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('compstat.heatmap.span')}</span>
            <select name="span" value={settings.span} onChange={(e) => update({ span: e.target.value as PatternSpan })}>
              {patternSpans.map((s) => (
                <option key={s} value={s}>
                  {t(`compstat.heatmap.spans.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {patterns.status === 'error' ? (
          <ErrorNotice error={patterns.error} title={t('compstat.heatmap.failed')} onRetry={retry} />
        ) : patterns.status !== 'ready' ? (
          <Loading />
        ) : (
          <>
            <p className="compstat-section-lead">
              {t('compstat.heatmap.lead', {
                timeZone: patterns.data.timeZone,
                from: format.day(patterns.data.from),
                to: format.day(patterns.data.to),
              })}
            </p>
            <PatternHeatmap patterns={patterns.data} />
          </>
        )}
      </section>
    </div>
  );
}
