import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../src/contract/plans.js';
import { api, ApiError } from '../../api.js';
import { errorKey } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';

/** Adds an action to a plan: what, which unit (one working in the plan's area), by when. */
export function AddActionForm({ plan, onAdded }: { plan: Plan; onAdded: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const units = useResource(open ? `plan-units:${plan.id}` : null, (signal) => api.planUnits(plan.id, signal));
  const [description, setDescription] = useState('');
  const [unit, setUnit] = useState('');
  const [due, setDue] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  if (!open) {
    return (
      <button type="button" className="secondary add-action-open" onClick={() => setOpen(true)}>
        {t('plans.addAction.title')}
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    api.addAction(plan.id, { description, ownerUnit: unit, due }).then(
      (result) => {
        setSaving(false);
        setDescription('');
        setDue('');
        onAdded(result.plan);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(error);
      },
    );
  };
  const name = (u: { nameAr: string; nameFr: string; nameEn: string }) =>
    format.language === 'ar' ? u.nameAr : format.language === 'fr' ? u.nameFr : u.nameEn;
  const field = failure instanceof ApiError ? failure.field : undefined;

  return (
    <form className="add-action" onSubmit={submit}>
      <h4>{t('plans.addAction.title')}</h4>
      <label>
        {t('plans.action.description')}
        <textarea
          name="description"
          required
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={field === 'description'}
        />
      </label>
      <label>
        {t('plans.action.unit')}
        <select
          name="ownerUnit"
          required
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          aria-invalid={field === 'ownerUnit'}
        >
          <option value="">{t('plans.addAction.chooseUnit')}</option>
          {units.status === 'ready' &&
            units.data.items.map((u) => (
              <option key={u.code} value={u.code}>
                {name(u)}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('plans.action.due')}
        <input
          type="date"
          name="due"
          required
          value={due}
          onChange={(e) => setDue(e.target.value)}
          aria-invalid={field === 'due'}
        />
      </label>
      {failure !== null && (
        <p className="form-error" role="alert">
          {t(errorKey(failure))}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? t('plans.action.saving') : t('plans.addAction.submit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('plans.addAction.cancel')}
        </button>
      </div>
    </form>
  );
}
