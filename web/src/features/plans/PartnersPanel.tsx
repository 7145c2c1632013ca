import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../src/contract/plans.js';
import { api } from '../../api.js';
import { errorKey } from '../../app/feedback.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

/**
 * A plan's partners, for those who may edit it: the partner accounts taking part (a commune, the prosecutor's
 * office, a civil-society body), each removable, and a form to add one by user name. Partners see the plan's
 * shared actions and nothing else of it.
 */
export function PartnersPanel({ plan, onChange }: { plan: Plan; onChange: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const [username, setUsername] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = (work: Promise<{ plan: Plan }>, after?: () => void) => {
    setSaving(true);
    setFailure(null);
    work.then(
      (result) => {
        setSaving(false);
        after?.();
        onChange(result.plan);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(error);
      },
    );
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (name !== '') run(api.addPlanPartner(plan.id, { username: name }), () => setUsername(''));
  };
  return (
    <section className="plan-partners" data-testid="plan-partners">
      <h3>{t('plans.partners.title')}</h3>
      <p className="plan-meta">{t('plans.partners.lead')}</p>
      {plan.partners.length === 0 ? (
        <p className="empty">{t('plans.partners.none')}</p>
      ) : (
        <ul>
          {plan.partners.map((p) => (
            <li key={p.username} data-partner={p.username}>
              {p.displayName} ({p.username})
              {p.partnerKind !== null && ` · ${t(`plans.partners.kind.${p.partnerKind}`)}`}
              {p.territory !== null && ` · ${areaName(p.territory, language)}`}{' '}
              <button
                type="button"
                className="secondary"
                disabled={saving}
                onClick={() => run(api.removePlanPartner(plan.id, p.username))}
              >
                {t('plans.partners.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="plan-partner-form" onSubmit={add}>
        <label>
          {t('plans.partners.username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} maxLength={100} />
        </label>
        <button type="submit" disabled={saving || username.trim() === ''}>
          {t('plans.partners.add')}
        </button>
        {failure !== null && (
          <span className="form-error" role="alert">
            {t(errorKey(failure))}
          </span>
        )}
      </form>
    </section>
  );
}
