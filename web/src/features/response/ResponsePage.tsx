import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClearanceReport, ResponseReport, ResponseTimes } from '../../../../src/contract/response.js';
import { categories } from '../../../../src/domain/category.js';
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useHealth, useHealthPending } from '../../app/health.js';
import { Link, replaceQuery } from '../../app/router.js';
import { equityPath } from '../../app/routes.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { BarChart, LineChart } from './charts.js';
import { PeriodForm } from './PeriodForm.js';
import { periodDays, readPeriod, writePeriod, type Period } from './settings.js';
import './response.css';

const categoryLabels = new Map<string, (typeof categories)[number]['labels']>(
  categories.map((c) => [c.code, c.labels]),
);

/** Minutes, to the tenth, from seconds; a dash for none. */
export function useMinutes() {
  const { t } = useTranslation();
  const format = useFormat();
  return (seconds: number | null) =>
    seconds === null ? '–' : t('response.minutes', { value: format.tenths(seconds / 60) });
}

/**
 * How fast calls for service are answered in an area over a period, and how many cases are solved: key figures
 * (calls never dispatched or never on scene counted, not dropped), each priority against its standard, the hours
 * of the day, the weekly trend, and clearance overall, of violent crime and by category.
 */
export function ResponsePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useHealth();
  const waiting = useHealthPending();
  const [period, setPeriod] = useState<Period>(() => readPeriod(window.location.search));
  useEffect(() => replaceQuery(writePeriod(period)), [period]);
  const [attempt, setAttempt] = useState(0);
  const until = health?.dataUntil ?? new Date().toISOString().slice(0, 10);
  const days = periodDays(period, until);
  const key = `${code}:${days.from}:${days.to}:${attempt}`;
  const response = useResource(waiting ? null : `response:${key}`, (signal) =>
    api.response({ area: code, ...days }, signal),
  );
  const clearance = useResource(waiting ? null : `clearance:${key}`, (signal) =>
    api.clearance({ area: code, ...days }, signal),
  );
  const area = response.status === 'ready' ? response.data.area : null;
  const title = area ? areaName(area, format.language) : null;
  useEffect(() => {
    document.title = title ? `${t('response.title')} — ${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);
  const failed = response.status === 'error' ? response.error : clearance.status === 'error' ? clearance.error : null;

  return (
    <article className="response-page" data-testid="response-page" data-area={code}>
      <header className="panel response-header">
        <h1>
          {t('response.title')}
          {title ? ` — ${title}` : ''}
        </h1>
        <p>{t('response.lead')}</p>
        <p className="response-links">
          <Link to={equityPath(code, writePeriod(period))}>{t('equity.open')}</Link>
        </p>
        {(response.status === 'ready' ? response.data.synthetic : health?.synthetic) && <SyntheticNotice />}
        <PeriodForm days={days} onChange={(p) => setPeriod((old) => ({ ...old, ...p }))} />
      </header>
      {failed !== null && (
        <ErrorNotice error={failed} title={t('response.failed')} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {failed === null && (response.status !== 'ready' || clearance.status !== 'ready') && <Loading />}
      {response.status === 'ready' && clearance.status === 'ready' && (
        <ResponseFigures response={response.data} clearance={clearance.data} />
      )}
    </article>
  );
}

function ResponseFigures({ response, clearance }: { response: ResponseReport; clearance: ClearanceReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = useMinutes();
  const pct = (v: number | null) => (v === null ? '–' : format.share(v / 100));
  const s = response.summary;
  const standard = new Map(response.standards.map((x) => [x.priority, x.minutes]));
  const items = [
    { key: 'calls', value: format.count(s.calls) },
    { key: 'arrivalMedian', value: minutes(s.toArrival.medianSeconds) },
    { key: 'arrivalP90', value: minutes(s.toArrival.p90Seconds) },
    { key: 'withinStandard', value: pct(s.withinStandardPct) },
    { key: 'neverDispatched', value: format.count(s.neverDispatched) },
    { key: 'neverArrived', value: format.count(s.neverArrived) },
    { key: 'neverClosed', value: format.count(s.neverClosed) },
  ];
  const hourLabels = response.byHour.map((h) => String(h.hour).padStart(2, '0'));
  return (
    <div className="response-grid">
      <section className="panel response-figures" aria-labelledby="response-figures-title">
        <h2 id="response-figures-title">
          {t('response.period', { from: format.day(response.from), to: format.day(response.to) })}
        </h2>
        <dl className="key-figures" data-testid="response-key-figures">
          {items.map((item) => (
            <div key={item.key} className="key-figure" data-key={item.key}>
              <dt>{t(`response.kpi.${item.key}`)}</dt>
              <dd>{item.value}</dd>
            </div>
          ))}
        </dl>
        <p className="response-note">{t('response.arrivalNote', { n: format.count(s.toArrival.n) })}</p>
      </section>

      <section className="panel response-priorities" aria-labelledby="response-priorities-title">
        <h2 id="response-priorities-title">{t('response.byPriority')}</h2>
        <div className="table-scroll">
          <table data-testid="response-priorities">
            <thead>
              <tr>
                <th scope="col">{t('response.priority')}</th>
                <th scope="col">{t('response.standard')}</th>
                <th scope="col">{t('response.kpi.calls')}</th>
                <th scope="col">{t('response.kpi.arrivalMedian')}</th>
                <th scope="col">{t('response.kpi.arrivalP90')}</th>
                <th scope="col">{t('response.kpi.withinStandard')}</th>
                <th scope="col">{t('response.kpi.neverArrived')}</th>
              </tr>
            </thead>
            <tbody>
              {response.byPriority.map((p) => (
                <tr key={p.priority} data-priority={p.priority}>
                  <th scope="row">{t(`response.priorityName.${p.priority}`)}</th>
                  <td>{minutes((standard.get(p.priority) ?? 0) * 60)}</td>
                  <td>{format.count(p.calls)}</td>
                  <td>{minutes(p.toArrival.medianSeconds)}</td>
                  <td>{minutes(p.toArrival.p90Seconds)}</td>
                  <td>{pct(p.withinStandardPct)}</td>
                  <td>{format.count(p.neverArrived)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel response-hours" aria-labelledby="response-hours-title">
        <h2 id="response-hours-title">{t('response.byHour')}</h2>
        <BarChart
          title={t('response.byHour')}
          values={response.byHour.map((h) => h.calls)}
          labels={hourLabels}
          formatValue={(v) => format.count(v)}
          tick={3}
        />
        <BarChart
          className="chart-secondary"
          title={t('response.byHourArrival')}
          values={response.byHour.map((h) =>
            h.toArrival.medianSeconds === null ? null : h.toArrival.medianSeconds / 60,
          )}
          labels={hourLabels}
          formatValue={(v) => t('response.minutes', { value: format.tenths(v) })}
          tick={3}
        />
        <p className="response-note">{t('response.byHourNote')}</p>
      </section>

      <section className="panel response-weeks" aria-labelledby="response-weeks-title">
        <h2 id="response-weeks-title">{t('response.byWeek')}</h2>
        <LineChart
          title={t('response.byWeek')}
          values={response.byWeek.map((w) =>
            w.toArrival.medianSeconds === null ? null : w.toArrival.medianSeconds / 60,
          )}
          labels={response.byWeek.map((w) => format.day(w.weekStart))}
          formatValue={(v) => t('response.minutes', { value: format.tenths(v) })}
          tick={Math.max(1, Math.ceil(response.byWeek.length / 4))}
        />
        <LineChart
          className="chart-secondary"
          title={t('response.byWeekWithin')}
          values={response.byWeek.map((w) => w.withinStandardPct)}
          labels={response.byWeek.map((w) => format.day(w.weekStart))}
          formatValue={(v) => format.share(v / 100)}
          tick={Math.max(1, Math.ceil(response.byWeek.length / 4))}
        />
        <p className="response-note">{t('response.byWeekNote')}</p>
      </section>

      <ClearancePanel clearance={clearance} />
      <CallTypes rows={response.byCallType} />
    </div>
  );
}

function CallTypes({ rows }: { rows: (ResponseTimes & { callType: string })[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minutes = useMinutes();
  return (
    <section className="panel response-types" aria-labelledby="response-types-title">
      <h2 id="response-types-title">{t('response.byCallType')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('response.callType')}</th>
            <th scope="col">{t('response.kpi.calls')}</th>
            <th scope="col">{t('response.kpi.arrivalMedian')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.callType}>
              <th scope="row">{t(`response.callTypeName.${row.callType}`, { defaultValue: row.callType })}</th>
              <td>{format.count(row.calls)}</td>
              <td>{minutes(row.toArrival.medianSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ClearancePanel({ clearance }: { clearance: ClearanceReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pct = (v: number | null) => (v === null ? '–' : format.share(v / 100));
  const days = (seconds: number | null) =>
    seconds === null ? '–' : t('response.days', { value: format.tenths(seconds / 86_400) });
  const { overall, violent } = clearance.headline;
  return (
    <section className="panel response-clearance" aria-labelledby="response-clearance-title">
      <h2 id="response-clearance-title">{t('response.clearance')}</h2>
      <dl className="key-figures" data-testid="clearance-headline">
        {[
          { key: 'overall', c: overall },
          { key: 'violent', c: violent },
        ].map(({ key, c }) => (
          <div key={key} className="key-figure" data-key={key}>
            <dt>{t(`response.clearance.${key}`)}</dt>
            <dd>{pct(c.solvedPct)}</dd>
            <dd className="key-figure-detail">
              {t('response.solvedOf', { solved: format.count(c.solved), incidents: format.count(c.incidents) })}
            </dd>
          </div>
        ))}
      </dl>
      <div className="table-scroll">
        <table data-testid="clearance-categories">
          <thead>
            <tr>
              <th scope="col">{t('response.category')}</th>
              <th scope="col">{t('response.incidents')}</th>
              <th scope="col">{t('response.solved')}</th>
              <th scope="col">{t('response.clearanceRate')}</th>
              <th scope="col">{t('response.timeToSolve')}</th>
            </tr>
          </thead>
          <tbody>
            {clearance.byCategory.map((c) => (
              <tr key={c.category} data-category={c.category}>
                <th scope="row">{categoryLabels.get(c.category)?.[format.language] ?? c.category}</th>
                <td>{format.count(c.incidents)}</td>
                <td>{format.count(c.solved)}</td>
                <td>{pct(c.solvedPct)}</td>
                <td>{days(c.timeToSolve.medianSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="response-note">{t('response.clearanceNote')}</p>
    </section>
  );
}
