import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FairnessReport, PatrolPlan } from '../../../../src/contract/patrols.js';
import { shiftNames, type ShiftName } from '../../../../src/domain/patrol.js';

/**
 * Where a plan's risk comes from (GET /api/patrols/plan `risk`): the forecast of the shift by default; a special
 * period's forecast for a shift inside it.
 */
const riskNames = [
  'etas',
  'prospective',
  'kde',
  'naive',
  'recent',
  'new-year',
  'ramadan',
  'eid-al-fitr',
  'eid-al-adha',
] as const;
type RiskName = (typeof riskNames)[number];
import { api } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link } from '../../app/router.js';
import { forecastPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import './patrols.css';

/** A day (YYYY-MM-DD) `days` after another. */
function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const today = () => new Date().toISOString().slice(0, 10);

/** How patrol time is spread across an area's districts against crime, and a plan for one shift. */
export function PatrolsPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [period, setPeriod] = useState(() => ({ from: shiftDay(today(), -27), to: today() }));
  const [attempt, setAttempt] = useState(0);
  const fairness = useResource(`patrols:${code}:${period.from}:${period.to}:${attempt}`, (signal) =>
    api.patrolFairness({ area: code, ...period }, signal),
  );
  const title = fairness.status === 'ready' ? areaName(fairness.data.area, format.language) : null;
  const names = new Map(
    fairness.status === 'ready'
      ? fairness.data.districts.map((d) => [d.district.code, areaName(d.district, format.language)] as const)
      : [],
  );
  useEffect(() => {
    document.title = title ? `${t('patrols.title')} — ${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);

  return (
    <div className="patrols" data-area={code}>
      <header>
        <h1>
          {t('patrols.title')}
          {title ? ` — ${title}` : ''}
        </h1>
        <p className="patrols-lead">{t('patrols.lead')}</p>
        <p className="patrols-links">
          <Link to={forecastPath(code)}>{t('patrols.toForecast')}</Link>
        </p>
      </header>
      <section aria-labelledby="patrols-fairness">
        <h2 id="patrols-fairness">{t('patrols.fairness')}</h2>
        <form className="patrols-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('patrols.from')}
            <input
              type="date"
              value={period.from}
              onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))}
            />
          </label>
          <label>
            {t('patrols.to')}
            <input
              type="date"
              value={period.to}
              onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))}
            />
          </label>
        </form>
        {fairness.status === 'error' && (
          <ErrorNotice error={fairness.error} title={t('patrols.failed')} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {fairness.status !== 'error' && fairness.status !== 'ready' && <Loading />}
        {fairness.status === 'ready' && <FairnessTable report={fairness.data} />}
      </section>
      <PlanSection code={code} names={names} />
    </div>
  );
}

function FairnessTable({ report }: { report: FairnessReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = (v: number | null) => (v === null ? '–' : format.percent(v * 100));
  const value = (v: number | null) => (v === null ? '–' : format.decimal(v));
  return (
    <table className="patrols-table" data-testid="patrols-fairness">
      <thead>
        <tr>
          <th scope="col">{t('patrols.district')}</th>
          <th scope="col">{t('patrols.hours')}</th>
          <th scope="col">{t('patrols.hoursPer100k')}</th>
          <th scope="col">{t('patrols.incidents')}</th>
          <th scope="col">{t('patrols.crimeShare')}</th>
          <th scope="col">{t('patrols.patrolShare')}</th>
          <th scope="col">{t('patrols.ratio')}</th>
        </tr>
      </thead>
      <tbody>
        {report.districts.map((d) => (
          <tr key={d.district.code}>
            <th scope="row">{areaName(d.district, format.language)}</th>
            <td>{format.decimal(d.patrolHours)}</td>
            <td>{value(d.hoursPer100k)}</td>
            <td>{format.count(d.incidents)}</td>
            <td>{share(d.crimeShare)}</td>
            <td>{share(d.patrolShare)}</td>
            <td>{d.patrolToCrime === null ? '–' : format.significant(Number(d.patrolToCrime.toPrecision(2)))}</td>
          </tr>
        ))}
      </tbody>
      <caption>{t('patrols.ratioNote')}</caption>
    </table>
  );
}

/** A shift's plan; districts are named from `names` (by code) when known. */
function PlanSection({ code, names }: { code: string; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [day, setDay] = useState(today);
  const [shift, setShift] = useState<ShiftName>('morning');
  const [units, setUnits] = useState(10);
  const [risk, setRisk] = useState<RiskName>('etas');
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'ready'; plan: PatrolPlan }
    | { status: 'error'; error: unknown }
  >({ status: 'idle' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setState({ status: 'loading' });
    api
      .patrolPlan({ area: code, shift: `${day}:${shift}`, units, risk })
      .then((plan) => setState({ status: 'ready', plan }))
      .catch((error: unknown) => setState({ status: 'error', error }));
  };

  return (
    <section aria-labelledby="patrols-plan">
      <h2 id="patrols-plan">{t('patrols.plan')}</h2>
      <p className="patrols-lead">{t('patrols.planLead')}</p>
      <form className="patrols-form" onSubmit={submit}>
        <label>
          {t('patrols.day')}
          <input type="date" value={day} required onChange={(e) => setDay(e.target.value)} />
        </label>
        <label>
          {t('patrols.shift')}
          <select value={shift} onChange={(e) => setShift(e.target.value as ShiftName)}>
            {shiftNames.map((name) => (
              <option key={name} value={name}>
                {t(`patrols.shiftName.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('patrols.units')}
          <input
            type="number"
            min={0}
            max={10000}
            value={units}
            required
            onChange={(e) => setUnits(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </label>
        <label>
          {t('patrols.riskSource')}
          <select value={risk} onChange={(e) => setRisk(e.target.value as RiskName)}>
            {riskNames.map((name) => (
              <option key={name} value={name}>
                {t(`patrols.riskName.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={state.status === 'loading'}>
          {t('patrols.build')}
        </button>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} title={t('patrols.planFailed')} />}
      {state.status === 'ready' && (
        <div data-testid="patrols-plan">
          {state.plan.problems.length > 0 && (
            <div className={state.plan.feasible ? 'patrols-notes' : 'patrols-notes patrols-infeasible'} role="status">
              <strong>{state.plan.feasible ? t('patrols.notes') : t('patrols.infeasible')}</strong>
              <ul>
                {state.plan.problems.map((p, i) => (
                  <li key={i}>
                    {t(`patrols.problem.${p.kind}`)}
                    {p.district ? ` — ${names.get(p.district) ?? p.district}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table className="patrols-table">
            <thead>
              <tr>
                <th scope="col">{t('patrols.unit')}</th>
                <th scope="col">{t('patrols.cell')}</th>
                <th scope="col">{t('patrols.district')}</th>
                <th scope="col">{t('patrols.basis')}</th>
                <th scope="col">{t('patrols.risk')}</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.assignments.map((a) => (
                <tr key={a.slot}>
                  <td>{format.count(a.slot)}</td>
                  <td dir="ltr">{a.cell}</td>
                  <td>{names.get(a.district) ?? a.district}</td>
                  <td>{t(`patrols.basisName.${a.basis}`)}</td>
                  <td>{format.significant(a.risk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
