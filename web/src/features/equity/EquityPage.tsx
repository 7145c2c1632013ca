import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaSummary } from '../../../../src/contract/common.js';
import {
  equityLevelNames,
  equityMeasureNames,
  type EquityMeasureSummary,
  type EquityReport,
  type EquityTrend,
} from '../../../../src/contract/equity.js';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth, useHealthPending } from '../../app/health.js';
import { Link, replaceQuery } from '../../app/router.js';
import { responsePath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AreaMap } from '../../map/AreaMap.js';
import { noDataColour } from '../../map/classes.js';
import { areaFeatures, emptyCollection, featureBounds, type AreaFeatures } from '../../map/features.js';
import { Legend } from '../../map/Legend.js';
import { LineChart } from '../response/charts.js';
import { PeriodForm } from '../response/PeriodForm.js';
import {
  periodDays,
  readEquitySettings,
  writeEquitySettings,
  writePeriod,
  type EquitySettings,
} from '../response/settings.js';
import '../response/response.css';
import { gapBreaks, gapClasses, gapColours, worseByPct } from './gap.js';
import { mapControlLabels } from '../../map/control-labels.js';

type Unit = EquityMeasureSummary['unit'];

/** A measure's value as people read it: minutes, a share, or hours per 100,000. */
function useValue() {
  const { t } = useTranslation();
  const format = useFormat();
  return (value: number | null, unit: Unit) => {
    if (value === null) return '–';
    if (unit === 'seconds') return t('response.minutes', { value: format.tenths(value / 60) });
    if (unit === 'percent') return format.share(value / 100);
    return format.decimal(value);
  };
}

/** A difference to the standard, signed, in the measure's unit. */
function useDifference() {
  const value = useValue();
  return (difference: number | null, unit: Unit) => {
    if (difference === null) return '–';
    const sign = difference > 0 ? '+' : difference < 0 ? '−' : '';
    return `${sign}${value(Math.abs(difference), unit)}`;
  };
}

/**
 * Every province (or city) of an area held against the national standard — the national figure over the same
 * days — on one measure: a map coloured by the gap (blue better, red worse), the areas ranked worst first with the
 * calls or incidents behind each figure, and the disparity across them with its last twelve months.
 */
export function EquityPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useHealth();
  const waiting = useHealthPending();
  const [settings, setSettings] = useState<EquitySettings>(() => readEquitySettings(window.location.search));
  useEffect(() => replaceQuery(writeEquitySettings(settings)), [settings]);
  const [attempt, setAttempt] = useState(0);
  const until = health?.dataUntil ?? new Date().toISOString().slice(0, 10);
  const days = periodDays(settings, until);
  const query = {
    area: code,
    level: settings.level,
    measure: settings.measure,
    ...(settings.minN === null ? {} : { minN: settings.minN }),
  };
  const key = `${code}:${settings.level}:${settings.measure}:${settings.minN}:${attempt}`;
  const report = useResource(waiting ? null : `equity:${key}:${days.from}:${days.to}`, (signal) =>
    api.equity({ ...query, ...days }, signal),
  );
  const trend = useResource(waiting ? null : `equity-trend:${key}:${days.to}`, (signal) =>
    api.equityTrend({ ...query, to: days.to, months: 12 }, signal),
  );
  const boundaries = useResource(`equity:boundaries:${settings.level}`, (signal) =>
    api.boundaries({ level: settings.level }, signal),
  );
  const data = report.status === 'ready' ? report.data : null;
  const title = data ? areaName(data.area, format.language) : null;
  useEffect(() => {
    document.title = title ? `${t('equity.title')} — ${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);
  const update = (change: Partial<EquitySettings>) => setSettings((s) => ({ ...s, ...change }));

  return (
    <article className="equity-page" data-testid="equity-page" data-area={code}>
      <header className="panel equity-header">
        <h1>
          {t('equity.title')}
          {title ? ` — ${title}` : ''}
        </h1>
        <p>{t('equity.lead')}</p>
        <p className="response-links">
          <Link to={responsePath(code, writePeriod(settings))}>{t('response.open')}</Link>
        </p>
        {(data ? data.synthetic : health?.synthetic) && <SyntheticNotice />}
        <PeriodForm days={days} onChange={update}>
          <label>
            {t('equity.level')}
            <select
              name="level"
              value={settings.level}
              onChange={(e) => update({ level: e.target.value as EquitySettings['level'] })}
            >
              {equityLevelNames.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('equity.measure')}
            <select
              name="measure"
              value={settings.measure}
              onChange={(e) => update({ measure: e.target.value as EquitySettings['measure'] })}
            >
              {equityMeasureNames.map((m) => (
                <option key={m} value={m}>
                  {t(`equity.measure.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('equity.minN')}
            <input
              type="number"
              name="minN"
              min={1}
              max={100000}
              value={settings.minN ?? data?.minN ?? ''}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= 100_000) update({ minN: n });
              }}
            />
          </label>
        </PeriodForm>
      </header>
      {report.status === 'error' && (
        <ErrorNotice error={report.error} title={t('equity.failed')} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {report.status !== 'error' && !data && <Loading />}
      {data && (
        <EquityFigures
          report={data}
          trend={trend.status === 'ready' ? trend.data : null}
          boundaries={boundaries.status === 'ready' ? boundaries.data : null}
          tileUrl={health?.tileUrl ?? null}
          tileAttribution={health?.tileAttribution ?? null}
        />
      )}
    </article>
  );
}

function EquityFigures({
  report,
  trend,
  boundaries,
  tileUrl,
  tileAttribution,
}: {
  report: EquityReport;
  trend: EquityTrend | null;
  boundaries: Parameters<typeof areaFeatures>[0] | null;
  tileUrl: string | null;
  tileAttribution: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const value = useValue();
  const difference = useDifference();
  const measure = report.measure;
  const summary = report.measures.find((m) => m.measure === measure);
  const worse = summary?.worse ?? 'higher';
  const unit = summary?.unit ?? 'seconds';
  const gaps = useMemo(
    () =>
      new Map(
        report.areas.map((a) => {
          const figure = a.figures[measure];
          return [a.area.code, figure.rank === null ? null : worseByPct(figure, worse)];
        }),
      ),
    [report, measure, worse],
  );
  const areas = useMemo<AreaFeatures>(() => {
    if (!boundaries) return emptyCollection();
    const shown = new Set(report.areas.map((a) => a.area.code));
    return areaFeatures(
      { ...boundaries, features: boundaries.features.filter((f) => shown.has(f.properties.code)) },
      gaps,
      { breaks: gapBreaks, palette: gapColours },
      (a: AreaSummary) => areaName(a, language),
    );
  }, [boundaries, report, gaps, language]);
  const bounds = areas.features.length > 0 ? featureBounds(areas) : null;
  const measureName = t(`equity.measure.${measure}`);
  const standardText = t('equity.standardLine', {
    measure: measureName,
    value: value(summary?.national ?? null, unit),
    n: format.count(summary?.nationalN ?? 0),
  });
  const classLabel = (i: number) => t(`equity.gap.${gapClasses[i] ?? 'same'}`);

  return (
    <div className="equity-grid">
      <section className="panel equity-map" aria-labelledby="equity-map-title">
        <h2 id="equity-map-title">
          {t('equity.mapTitle', { measure: measureName, from: format.day(report.from), to: format.day(report.to) })}
        </h2>
        <p className="equity-standard" data-testid="equity-standard">
          {standardText}
        </p>
        <div className="map-frame">
          <AreaMap
            label={t('equity.mapTitle', {
              measure: measureName,
              from: format.day(report.from),
              to: format.day(report.to),
            })}
            areas={areas}
            circles={emptyCollection()}
            cells={emptyCollection()}
            bounds={bounds}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
            controlLabels={mapControlLabels(t)}
            describe={(target) => {
              const row = report.areas.find((a) => a.area.code === target.id);
              if (!row) return null;
              const f = row.figures[measure];
              return (
                <>
                  <strong>{areaName(row.area, language)}</strong>
                  <span>
                    {value(f.value, unit)} ({t('equity.n', { n: format.count(f.n) })})
                  </span>
                </>
              );
            }}
            onSelect={() => undefined}
            unavailable={t('map.unavailable')}
          />
        </div>
        <Legend
          title={t('equity.legend')}
          symbols={[]}
          classes={[
            ...gapColours.map((colour, i) => ({ colour, label: classLabel(i) })),
            { colour: noDataColour, label: t('equity.gap.none', { n: format.count(report.minN) }) },
          ]}
        />
      </section>

      <section className="panel equity-table" aria-labelledby="equity-table-title">
        <h2 id="equity-table-title">
          {t('equity.tableTitle', { level: t(`level.${report.level}`), measure: measureName })}
        </h2>
        <div className="table-scroll">
          <table data-testid="equity-ranking">
            <thead>
              <tr>
                <th scope="col">{t('equity.rank')}</th>
                <th scope="col">{t('equity.area')}</th>
                <th scope="col">{measureName}</th>
                <th scope="col">{t('equity.nColumn')}</th>
                <th scope="col">{t('equity.difference')}</th>
                <th scope="col">{t('equity.ratio')}</th>
              </tr>
            </thead>
            <tbody>
              {report.areas.map(({ area, figures }) => {
                const f = figures[measure];
                return (
                  <tr key={area.code} data-code={area.code} className={f.worse ? 'equity-worse' : undefined}>
                    <td data-testid="equity-rank">{f.rank === null ? '–' : format.count(f.rank)}</td>
                    <th scope="row">{areaName(area, language)}</th>
                    <td data-testid="equity-value">{value(f.value, unit)}</td>
                    <td>{format.count(f.n)}</td>
                    <td>{difference(f.difference, unit)}</td>
                    <td>
                      {f.ratio === null
                        ? '–'
                        : t('equity.times', { value: format.significant(Number(f.ratio.toPrecision(2))) })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="response-note">{t('equity.rankNote', { n: format.count(report.minN) })}</p>
      </section>

      <Disparities report={report} trend={trend} />
    </div>
  );
}

function Disparities({ report, trend }: { report: EquityReport; trend: EquityTrend | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const index = (v: number | null) => (v === null ? '–' : format.significant(Number(v.toPrecision(2))));
  const ratio = (v: number | null) =>
    v === null ? '–' : t('equity.times', { value: format.significant(Number(v.toPrecision(2))) });
  const summary = report.measures.find((m) => m.measure === report.measure);
  const months = trend?.months ?? [];
  const labels = months.map((m) => m.month);
  const figures = [
    { key: 'worstToMedian', show: ratio, values: months.map((m) => m.disparity.worstToMedian) },
    { key: 'gini', show: index, values: months.map((m) => m.disparity.gini) },
    { key: 'theil', show: index, values: months.map((m) => m.disparity.theil) },
  ] as const;
  return (
    <section className="panel equity-disparity" aria-labelledby="equity-disparity-title">
      <h2 id="equity-disparity-title">
        {t('equity.disparityTitle', { measure: t(`equity.measure.${report.measure}`) })}
      </h2>
      <dl className="key-figures" data-testid="equity-disparity">
        {figures.map((f) => (
          <div key={f.key} className="key-figure" data-key={f.key}>
            <dt>{t(`equity.disparity.${f.key}`)}</dt>
            <dd>{f.show(summary?.disparity[f.key] ?? null)}</dd>
            {trend && (
              <dd className="equity-spark">
                <LineChart
                  title={t('equity.trendOf', { figure: t(`equity.disparity.${f.key}`) })}
                  values={f.values}
                  labels={labels}
                  formatValue={(v) => f.show(v)}
                  tick={11}
                />
              </dd>
            )}
          </div>
        ))}
      </dl>
      <p className="response-note">
        {t('equity.disparityNote', { areas: format.count(summary?.disparity.areas ?? 0) })}
      </p>
      <div className="table-scroll">
        <table data-testid="equity-measures">
          <thead>
            <tr>
              <th scope="col">{t('equity.measure')}</th>
              <th scope="col">{t('equity.national')}</th>
              <th scope="col">{t('equity.disparity.worstToMedian')}</th>
              <th scope="col">{t('equity.disparity.gini')}</th>
              <th scope="col">{t('equity.disparity.theil')}</th>
              <th scope="col">{t('equity.disparity.areas')}</th>
            </tr>
          </thead>
          <tbody>
            {report.measures.map((m) => (
              <MeasureRow key={m.measure} summary={m} index={index} ratio={ratio} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MeasureRow({
  summary,
  index,
  ratio,
}: {
  summary: EquityMeasureSummary;
  index: (v: number | null) => string;
  ratio: (v: number | null) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const value = useValue();
  return (
    <tr data-measure={summary.measure}>
      <th scope="row">{t(`equity.measure.${summary.measure}`)}</th>
      <td>{value(summary.national, summary.unit)}</td>
      <td>{ratio(summary.disparity.worstToMedian)}</td>
      <td>{index(summary.disparity.gini)}</td>
      <td>{index(summary.disparity.theil)}</td>
      <td>{format.count(summary.disparity.areas)}</td>
    </tr>
  );
}
