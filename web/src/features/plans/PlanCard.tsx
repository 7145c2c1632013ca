import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action, Objective, Plan } from '../../../../src/contract/plans.js';
import { categoryOf } from '../../../../src/domain/category.js';
import { api } from '../../api.js';
import { errorKey } from '../../app/feedback.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { AddActionForm } from './AddActionForm.js';
import { PartnersPanel } from './PartnersPanel.js';
import { objectiveScale } from './scale.js';

/** One plan: what it is, its objectives with their progress bars, its actions. */
export function PlanCard({ plan, onChange }: { plan: Plan; onChange: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="panel plan" data-plan={plan.id} data-kind={plan.kind}>
      <header className="plan-header">
        <span className={`plan-kind plan-kind-${plan.kind}`}>{t(`plans.kind.${plan.kind}`)}</span>
        <span className="plan-status">{t(`plans.status.${plan.status}`)}</span>
        {plan.synthetic && <span className="plan-synthetic">{t('plans.synthetic')}</span>}
        <h2>{plan.title}</h2>
        <p className="plan-meta">
          {t('plans.period', { from: format.day(plan.start), to: format.day(plan.end) })} ·{' '}
          {t('plans.area', { area: areaName(plan.area, format.language) })}
          {plan.ownerArea.code !== plan.area.code &&
            ` · ${t('plans.owner', { area: areaName(plan.ownerArea, format.language) })}`}
        </p>
      </header>
      <h3>{t('plans.objectives')}</h3>
      {plan.objectives.length === 0 ? (
        <p className="empty">{t('plans.noObjectives')}</p>
      ) : (
        <ul className="objectives">
          {plan.objectives.map((o) => (
            <ObjectiveItem key={o.id} objective={o} />
          ))}
        </ul>
      )}
      <h3>{t('plans.actions')}</h3>
      <p className="plan-meta">{t('plans.openLate', { open: plan.openActions, late: plan.lateActions })}</p>
      <ActionsTable plan={plan} onChange={onChange} />
      {plan.canEdit && <AddActionForm plan={plan} onAdded={onChange} />}
      {plan.canEdit && <PartnersPanel plan={plan} onChange={onChange} />}
    </article>
  );
}

function ObjectiveItem({ objective: o }: { objective: Objective }) {
  const { t } = useTranslation();
  const format = useFormat();
  const what =
    o.categories.length === 0
      ? t('plans.objective.allCategories')
      : o.categories.map((c) => categoryOf(c).labels[format.language]).join(' + ');
  const window =
    o.window === 'rolling'
      ? t('plans.objective.rolling', { days: format.count(o.windowDays ?? 0) })
      : t('plans.objective.calendar', { from: format.day(o.windowFrom ?? ''), to: format.day(o.windowTo ?? '') });
  const baseline =
    o.baseline === 'year_before'
      ? t('plans.objective.yearBefore')
      : t('plans.objective.fixed', { from: format.day(o.baselineFrom ?? ''), to: format.day(o.baselineTo ?? '') });
  const p = o.progress;
  const scale = p === null ? null : objectiveScale(p);
  const value = (v: number | null) =>
    v === null ? '–' : o.measure === 'rate' ? format.significant(v) : format.tenths(v);
  return (
    <li className="objective" data-status={p?.status ?? 'withheld'}>
      <p className="objective-what">
        <strong>{what}</strong> · {t(`plans.objective.${o.measure}`)} · {areaName(o.area, format.language)}
      </p>
      <p className="objective-how">
        {window}, {baseline}.{' '}
        {t('plans.objective.target', { change: format.change(o.targetChangePct), deadline: format.day(o.deadline) })}
      </p>
      {o.withheld || p === null ? (
        <p className="empty">{t('plans.objective.withheld')}</p>
      ) : (
        <>
          <span className={`objective-status status-${p.status}`}>{t(`plans.objectiveStatus.${p.status}`)}</span>
          {scale && (
            <div
              className="objective-bar"
              role="img"
              aria-label={t('plans.objective.barLabel', {
                baseline: value(p.baselineValue),
                current: value(p.currentValue),
                target: value(p.targetValue),
              })}
            >
              <span
                className="objective-fill"
                style={{ insetInlineStart: `${scale.fill.start}%`, inlineSize: `${scale.fill.size}%` }}
              />
              <span className="mark mark-baseline" style={{ insetInlineStart: `${scale.baseline}%` }} />
              <span className="mark mark-target" style={{ insetInlineStart: `${scale.target}%` }} />
              <span className="mark mark-expected" style={{ insetInlineStart: `${scale.expected}%` }} />
              <span className="mark mark-current" style={{ insetInlineStart: `${scale.current}%` }} />
            </div>
          )}
          <dl className="objective-values">
            <div>
              <dt>{t('plans.objective.baseline')}</dt>
              <dd data-value="baseline">{value(p.baselineValue)}</dd>
            </div>
            <div>
              <dt>{t('plans.objective.current')}</dt>
              <dd data-value="current">{value(p.currentValue)}</dd>
            </div>
            <div>
              <dt>{t('plans.objective.targetValue')}</dt>
              <dd data-value="target">{value(p.targetValue)}</dd>
            </div>
            <div>
              <dt>{t('plans.objective.expected')}</dt>
              <dd>{value(p.expectedValue)}</dd>
            </div>
            <div>
              <dt>{t('plans.objective.change')}</dt>
              <dd data-value="change">{p.achievedChangePct === null ? '–' : format.change(p.achievedChangePct)}</dd>
            </div>
            <div>
              <dt>{t('plans.objective.share')}</dt>
              <dd>{p.shareOfTarget === null ? '–' : format.share(p.shareOfTarget)}</dd>
            </div>
          </dl>
        </>
      )}
    </li>
  );
}

function ActionsTable({ plan, onChange }: { plan: Plan; onChange: (plan: Plan) => void }) {
  const { t } = useTranslation();
  if (plan.actions.length === 0) return <p className="empty">{t('plans.noActions')}</p>;
  return (
    <div className="table-scroll">
      <table className="actions-table" data-testid="actions-table">
        <thead>
          <tr>
            <th scope="col">{t('plans.action.description')}</th>
            <th scope="col">{t('plans.action.unit')}</th>
            <th scope="col">{t('plans.action.due')}</th>
            <th scope="col">{t('plans.action.status')}</th>
            {plan.canEdit && <th scope="col">{t('plans.action.shared')}</th>}
          </tr>
        </thead>
        <tbody>
          {plan.actions.map((a) => (
            <ActionRow key={a.id} planId={plan.id} action={a} canShare={plan.canEdit} onChange={onChange} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionRow({
  planId,
  action: a,
  canShare,
  onChange,
}: {
  planId: number;
  action: Action;
  canShare: boolean;
  onChange: (p: Plan) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const update = (patch: { status: 'done' } | { shared: boolean }) => {
    setSaving(true);
    setFailure(null);
    api.updateAction(planId, a.id, patch).then(
      (result) => {
        setSaving(false);
        onChange(result.plan);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(error);
      },
    );
  };
  return (
    <tr data-action={a.id} data-late={a.late} className={a.late ? 'action-late' : undefined}>
      <td>{a.description}</td>
      <td>{unitName(a.ownerUnit, format.language)}</td>
      <td>{format.day(a.due)}</td>
      <td>
        {a.status === 'done' ? (
          <span className="action-done">{t('plans.action.done', { day: format.day(a.doneOn ?? a.due) })}</span>
        ) : (
          <>
            {a.late ? (
              <span className="action-late-badge">{t('plans.action.late')}</span>
            ) : (
              <span>{t('plans.action.open')}</span>
            )}
            {a.canUpdate && (
              <button type="button" className="secondary" onClick={() => update({ status: 'done' })} disabled={saving}>
                {saving ? t('plans.action.saving') : t('plans.action.markDone')}
              </button>
            )}
          </>
        )}
        {failure !== null && (
          <span className="form-error" role="alert">
            {t(errorKey(failure))}
          </span>
        )}
      </td>
      {canShare && (
        <td>
          <input
            type="checkbox"
            checked={a.shared}
            disabled={saving}
            aria-label={t('plans.action.shared')}
            onChange={(e) => update({ shared: e.target.checked })}
          />
        </td>
      )}
    </tr>
  );
}

/** A unit's name in the language shown. */
function unitName(unit: Action['ownerUnit'], language: 'ar' | 'fr' | 'en'): string {
  return language === 'ar' ? unit.nameAr : language === 'fr' ? unit.nameFr : unit.nameEn;
}
