import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Submission, SubmissionWeek } from '../../../../src/contract/plans.js';
import { api } from '../../api.js';
import { ErrorNotice, errorKey, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';

/** The area's submission of efforts and difficulties for the current week, editable while the week lasts. */
export function SubmissionPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [attempt, setAttempt] = useState(0);
  const loaded = useResource(`submissions:${code}:${attempt}`, (signal) => api.submissions({ area: code }, signal));
  const [week, setWeek] = useState<SubmissionWeek | null>(null);
  useEffect(() => setWeek(loaded.status === 'ready' ? loaded.data : null), [loaded]);

  if (loaded.status === 'error') {
    return (
      <ErrorNotice error={loaded.error} title={t('plans.submission.failed')} onRetry={() => setAttempt((n) => n + 1)} />
    );
  }
  if (week === null) return <Loading />;
  return (
    <section className="panel submission" data-testid="submission" aria-labelledby="submission-title">
      <h2 id="submission-title">{t('plans.submission.title')}</h2>
      <p className="plan-meta">
        {t('plans.submission.week', {
          week: `\u2066${week.week}\u2069`,
          from: format.day(week.from),
          to: format.day(week.to),
        })}
      </p>
      {week.open && week.canWrite ? (
        <SubmissionForm week={week} onSaved={setWeek} />
      ) : (
        <>
          <SubmissionText submission={week.submission} />
          {!week.open && <p className="plan-meta">{t('plans.submission.closed')}</p>}
        </>
      )}
      {week.children.length > 0 && (
        <>
          <h3>{t('plans.submission.children')}</h3>
          {week.children.map((s) => (
            <div key={s.area.code} className="submission-child">
              <h4>{areaName(s.area, format.language)}</h4>
              <SubmissionText submission={s} />
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function SubmissionText({ submission }: { submission: Submission | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (submission === null) return <p className="empty">{t('plans.submission.none')}</p>;
  return (
    <dl className="submission-text">
      <dt>{t('plans.submission.efforts')}</dt>
      <dd>{submission.efforts || '–'}</dd>
      <dt>{t('plans.submission.difficulties')}</dt>
      <dd>{submission.difficulties || '–'}</dd>
      <dd className="plan-meta">
        {submission.submittedBy === null
          ? format.instant(submission.updatedAt)
          : t('plans.submission.by', { name: submission.submittedBy, when: format.instant(submission.updatedAt) })}
      </dd>
    </dl>
  );
}

function SubmissionForm({ week, onSaved }: { week: SubmissionWeek; onSaved: (week: SubmissionWeek) => void }) {
  const { t } = useTranslation();
  const [efforts, setEfforts] = useState(week.submission?.efforts ?? '');
  const [difficulties, setDifficulties] = useState(week.submission?.difficulties ?? '');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setFailure(null);
    api.writeSubmission({ area: week.area.code, week: week.week }, { efforts, difficulties }).then(
      (result) => {
        setSaving(false);
        setSaved(true);
        onSaved(result);
      },
      (error: unknown) => {
        setSaving(false);
        setFailure(error);
      },
    );
  };
  return (
    <form className="submission-form" onSubmit={submit}>
      <label>
        {t('plans.submission.efforts')}
        <textarea name="efforts" maxLength={5000} value={efforts} onChange={(e) => setEfforts(e.target.value)} />
      </label>
      <label>
        {t('plans.submission.difficulties')}
        <textarea
          name="difficulties"
          maxLength={5000}
          value={difficulties}
          onChange={(e) => setDifficulties(e.target.value)}
        />
      </label>
      {failure !== null && (
        <p className="form-error" role="alert">
          {t(errorKey(failure))}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {t('plans.submission.save')}
        </button>
        {saved && (
          <span role="status" className="plan-meta">
            {t('plans.submission.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
