import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../src/contract/plans.js';
import { api, ApiError } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { Link } from '../../app/router.js';
import { plansPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import { PlanCard } from './PlanCard.js';
import { SubmissionPanel } from './SubmissionPanel.js';
import './plans.css';

/**
 * An area's plans: those of the area, of the areas containing it and of the areas inside it, each with its
 * objectives' progress and its actions; and the area's submission for the week.
 */
export function PlansPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [attempt, setAttempt] = useState(0);
  const list = useResource(`plans:${code}:${attempt}`, (signal) => api.plans({ area: code }, signal));
  // A plan changed by a write (an action added or marked done) replaces its old copy until the next reload.
  const [changed, setChanged] = useState<Record<number, Plan>>({});
  useEffect(() => setChanged({}), [list]);

  const title = list.status === 'ready' ? areaName(list.data.area, format.language) : null;
  useEffect(() => {
    document.title = title ? `${t('plans.title')} — ${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);

  if (list.status === 'error') {
    const outside = list.error instanceof ApiError && list.error.code === 'OUT_OF_SCOPE';
    return (
      <ErrorNotice
        error={list.error}
        title={outside ? t('plans.outOfScopeTitle') : t('plans.failed')}
        onRetry={() => setAttempt((n) => n + 1)}
      >
        <Link to={plansPath(user.scope?.code ?? null)} className="button-link">
          {t('plans.backHome')}
        </Link>
      </ErrorNotice>
    );
  }
  if (list.status !== 'ready') return <Loading />;
  const { data } = list;
  return (
    <div className="plans" data-area={data.area.code}>
      <header className="plans-header">
        <h1>
          {t('plans.title')} — {areaName(data.area, format.language)}
        </h1>
        <p className="plans-lead">{t('plans.lead', { day: format.day(data.asOf) })}</p>
      </header>
      <div className="plans-grid">
        <section className="plans-list" aria-label={t('plans.title')}>
          {data.items.length === 0 && <p className="empty">{t('plans.none')}</p>}
          {data.items.map((plan) => (
            <PlanCard
              key={plan.id}
              plan={changed[plan.id] ?? plan}
              onChange={(next) => setChanged((all) => ({ ...all, [next.id]: next }))}
            />
          ))}
        </section>
        <SubmissionPanel code={data.area.code} />
      </div>
    </div>
  );
}
