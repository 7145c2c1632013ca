import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterEntry, RegisterListItem } from '../../../../src/contract/register.js';
import { categoryOf, isCategoryCode } from '../../../../src/domain/category.js';
import {
  maxRenewalDays,
  purposeLength,
  purposeProblem,
  registerKinds,
  type RegisterKind,
} from '../../../../src/domain/register.js';
import { api } from '../../api.js';
import { useAuth } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { ActionError, useAction } from '../../app/use-action.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import './register.css';

/**
 * The restricted register (judicial police only). Nothing is listed until the user states why they read it; every
 * list and every entry opened is fetched with that purpose, which the server records with the read.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const canWrite = state.status === 'signedIn' && state.user.permissions.includes('register.write');
  const scopeCode = state.status === 'signedIn' ? (state.user.scope?.code ?? '') : '';
  const [purpose, setPurpose] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    document.title = `${t('register.title')} — ${t('app.name')}`;
  }, [t]);

  const changed = () => setVersion((v) => v + 1);

  return (
    <div className="register">
      <header>
        <h1>{t('register.title')}</h1>
        <p className="register-lead">{t('register.lead')}</p>
      </header>
      {purpose === null ? (
        <PurposeForm onStated={setPurpose} />
      ) : (
        <>
          <p className="register-purpose" data-testid="register-purpose">
            {t('register.purposeStated')} <q>{purpose}</q>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setPurpose(null);
                setSelected(null);
              }}
            >
              {t('register.changePurpose')}
            </button>
          </p>
          {canWrite && (
            <p>
              <button type="button" className="secondary" onClick={() => setAdding((a) => !a)}>
                {adding ? t('register.cancel') : t('register.add')}
              </button>
            </p>
          )}
          {adding && (
            <AddForm
              defaultArea={scopeCode}
              onAdded={(id) => {
                setAdding(false);
                setSelected(id);
                changed();
              }}
            />
          )}
          {selected !== null && (
            <EntryPanel
              key={`${selected}:${version}`}
              id={selected}
              purpose={purpose}
              canWrite={canWrite}
              onClose={() => setSelected(null)}
              onChange={changed}
            />
          )}
          <EntryList purpose={purpose} version={version} onOpen={setSelected} />
        </>
      )}
    </div>
  );
}

function PurposeForm({ onStated }: { onStated: (purpose: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const problem = purposeProblem(draft);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (problem === null) onStated(draft.trim());
  };
  return (
    <form className="register-form" onSubmit={submit} data-testid="register-purpose-form">
      <label>
        {t('register.purpose')}
        <textarea
          name="purpose"
          required
          minLength={purposeLength.min}
          maxLength={purposeLength.max}
          rows={3}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <p className="register-hint">{t('register.purposeHint', { min: purposeLength.min })}</p>
      <button type="submit" disabled={problem !== null}>
        {t('register.open')}
      </button>
    </form>
  );
}

function KindSelect({ value, onChange, all }: { value: string; onChange: (kind: string) => void; all?: boolean }) {
  const { t } = useTranslation();
  return (
    <select name="kind" value={value} onChange={(e) => onChange(e.target.value)}>
      {all && <option value="">{t('register.allKinds')}</option>}
      {registerKinds.map((k) => (
        <option key={k} value={k}>
          {t(`register.kindValue.${k}`)}
        </option>
      ))}
    </select>
  );
}

function SyntheticBadge({ entry }: { entry: Pick<RegisterListItem, 'synthetic'> }) {
  const { t } = useTranslation();
  return entry.synthetic ? (
    <span className="register-synthetic" title={t('register.syntheticTitle')}>
      {t('register.synthetic')}
    </span>
  ) : null;
}

function EntryList({ purpose, version, onOpen }: { purpose: string; version: number; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [retry, setRetry] = useState(0);
  const key = `register:${purpose}:${q}:${kind}:${version}:${retry}`;
  const page = useResource(key, (signal) =>
    api.register(
      {
        purpose,
        limit: 200,
        ...(q === '' ? {} : { q }),
        ...(kind === '' ? {} : { kind: kind as RegisterKind }),
      },
      signal,
    ),
  );

  return (
    <section aria-labelledby="register-list-title">
      <h2 id="register-list-title">{t('register.listTitle')}</h2>
      <form
        className="register-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(draft.trim());
        }}
      >
        <label>
          {t('register.search')}
          <input name="q" maxLength={100} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <label>
          {t('register.kind')}
          <KindSelect value={kind} onChange={setKind} all />
        </label>
        <button type="submit" className="secondary">
          {t('register.searchButton')}
        </button>
      </form>
      {page.status === 'loading' && <Loading />}
      {page.status === 'error' && <ErrorNotice error={page.error} onRetry={() => setRetry((r) => r + 1)} />}
      {page.status === 'ready' && page.data.items.length === 0 && <p>{t('register.empty')}</p>}
      {page.status === 'ready' && page.data.items.length > 0 && (
        <table className="register-table" data-testid="register-list">
          <thead>
            <tr>
              <th scope="col">{t('register.name')}</th>
              <th scope="col">{t('register.kind')}</th>
              <th scope="col">{t('register.area')}</th>
              <th scope="col">{t('register.expires')}</th>
              <th scope="col">{t('register.openCases')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('register.details')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((entry) => (
              <tr key={entry.id} data-id={entry.id}>
                <th scope="row">
                  <bdi>{entry.fullName}</bdi>
                  <SyntheticBadge entry={entry} />
                  {entry.aliases.length > 0 && (
                    <span className="register-aliases">
                      {' '}
                      (<bdi>{entry.aliases.join(', ')}</bdi>)
                    </span>
                  )}
                </th>
                <td>{t(`register.kindValue.${entry.kind}`)}</td>
                <td>{areaName(entry.area, format.language)}</td>
                <td>
                  {format.day(entry.expiresAt.slice(0, 10))} · {t('register.daysLeft', { days: entry.daysLeft })}
                </td>
                <td>{format.count(entry.openCases)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => onOpen(entry.id)}>
                    {t('register.details')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="register-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EntryPanel({
  id,
  purpose,
  canWrite,
  onClose,
  onChange,
}: {
  id: number;
  purpose: string;
  canWrite: boolean;
  onClose: () => void;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [retry, setRetry] = useState(0);
  const entry = useResource(`register-entry:${id}:${purpose}:${retry}`, (signal) =>
    api.registerEntry(id, { purpose }, signal),
  );
  return (
    <section className="register-entry" aria-labelledby="register-entry-title" data-testid="register-entry">
      <header>
        <h2 id="register-entry-title">
          {entry.status === 'ready' ? <bdi>{entry.data.fullName}</bdi> : t('register.details')}
          {entry.status === 'ready' && <SyntheticBadge entry={entry.data} />}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('register.close')}
        </button>
      </header>
      {entry.status === 'loading' && <Loading />}
      {entry.status === 'error' && <ErrorNotice error={entry.error} onRetry={() => setRetry((r) => r + 1)} />}
      {entry.status === 'ready' && (
        <>
          <EntryDetails entry={entry.data} />
          <h3>{t('register.cases')}</h3>
          {entry.data.linked.length === 0 ? (
            <p>{t('register.noCases')}</p>
          ) : (
            <table className="register-table">
              <thead>
                <tr>
                  <th scope="col">{t('register.caseIncident')}</th>
                  <th scope="col">{t('register.caseCategory')}</th>
                  <th scope="col">{t('register.caseDay')}</th>
                  <th scope="col">{t('register.caseDistrict')}</th>
                  <th scope="col">{t('register.caseState')}</th>
                </tr>
              </thead>
              <tbody>
                {entry.data.linked.map((c) => (
                  <tr key={c.incidentId}>
                    <th scope="row">
                      <bdi dir="ltr">{c.incidentId}</bdi>
                    </th>
                    <td>{isCategoryCode(c.category) ? categoryOf(c.category).labels[format.language] : c.category}</td>
                    <td>{format.day(c.day)}</td>
                    <td>
                      <bdi dir="ltr">{c.district ?? '—'}</bdi>
                    </td>
                    <td>{c.open ? t('register.caseOpen') : t('register.caseClosed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canWrite && <EntryActions id={id} onChange={onChange} />}
        </>
      )}
    </section>
  );
}

function EntryDetails({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="register-details">
      <Field label={t('register.kind')}>{t(`register.kindValue.${entry.kind}`)}</Field>
      {entry.aliases.length > 0 && (
        <Field label={t('register.aliases')}>
          <bdi>{entry.aliases.join(', ')}</bdi>
        </Field>
      )}
      {entry.birthYear !== null && <Field label={t('register.birthYear')}>{entry.birthYear}</Field>}
      <Field label={t('register.area')}>{areaName(entry.area, format.language)}</Field>
      {/* Officers' text is shown as text: React escapes it. */}
      <Field label={t('register.grounds')}>{entry.grounds}</Field>
      {entry.description !== null && <Field label={t('register.description')}>{entry.description}</Field>}
      <Field label={t('register.createdAt')}>
        {format.instant(entry.createdAt)}
        {entry.createdBy !== null && ` · ${entry.createdBy}`}
      </Field>
      <Field label={t('register.expires')}>
        {format.instant(entry.expiresAt)} · {t('register.daysLeft', { days: entry.daysLeft })}
      </Field>
    </dl>
  );
}

function EntryActions({ id, onChange }: { id: number; onChange: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(90);
  const [renewReason, setRenewReason] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const [incident, setIncident] = useState('');
  const { pending, error, submit } = useAction(onChange);
  return (
    <div className="register-actions">
      <form
        className="register-form"
        onSubmit={submit(() => api.renewRegisterEntry(id, { days, reason: renewReason.trim() }))}
      >
        <h3>{t('register.renew')}</h3>
        <label>
          {t('register.renewDays', { max: maxRenewalDays })}
          <input
            name="days"
            type="number"
            min={1}
            max={maxRenewalDays}
            required
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          />
        </label>
        <label>
          {t('register.reason')}
          <input
            name="reason"
            required
            maxLength={1000}
            value={renewReason}
            onChange={(e) => setRenewReason(e.target.value)}
          />
        </label>
        <button type="submit" disabled={pending || renewReason.trim() === ''}>
          {t('register.renew')}
        </button>
      </form>
      <form
        className="register-form"
        onSubmit={submit(() => api.linkRegisterCase(id, { incidentId: Number(incident) }))}
      >
        <h3>{t('register.link')}</h3>
        <label>
          {t('register.incidentId')}
          <input
            name="incidentId"
            dir="ltr"
            inputMode="numeric"
            pattern="[1-9][0-9]*"
            required
            value={incident}
            onChange={(e) => setIncident(e.target.value.trim())}
          />
        </label>
        <button type="submit" className="secondary" disabled={pending || !/^[1-9]\d*$/.test(incident)}>
          {t('register.link')}
        </button>
      </form>
      <form
        className="register-form"
        onSubmit={submit(() => api.withdrawRegisterEntry(id, { reason: withdrawReason.trim() }))}
      >
        <h3>{t('register.withdraw')}</h3>
        <label>
          {t('register.reason')}
          <input
            name="withdrawReason"
            required
            maxLength={1000}
            value={withdrawReason}
            onChange={(e) => setWithdrawReason(e.target.value)}
          />
        </label>
        <button type="submit" className="secondary" disabled={pending || withdrawReason.trim() === ''}>
          {t('register.withdraw')}
        </button>
      </form>
      <ActionError error={error} />
    </div>
  );
}

/** Whole numbers separated by commas or spaces. */
function parseIds(text: string): number[] {
  return text
    .split(/[\s,،;]+/)
    .filter((part) => part !== '')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

function AddForm({ defaultArea, onAdded }: { defaultArea: string; onAdded: (id: number) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RegisterKind>('wanted');
  const [fullName, setFullName] = useState('');
  const [aliases, setAliases] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [description, setDescription] = useState('');
  const [grounds, setGrounds] = useState('');
  const [area, setArea] = useState(defaultArea);
  const [caseIds, setCaseIds] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = parseIds(caseIds);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    api
      .createRegisterEntry({
        kind,
        fullName: fullName.trim(),
        aliases: aliases
          .split(/[,،;]/)
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        birthYear: birthYear === '' ? null : Number(birthYear),
        description: description.trim() === '' ? null : description.trim(),
        grounds: grounds.trim(),
        area: area.trim(),
        caseIds: ids,
      })
      .then(
        (created) => {
          setPending(false);
          onAdded(created.id);
        },
        (failure: unknown) => {
          setPending(false);
          setError(failure);
        },
      );
  };

  return (
    <form className="register-form register-add" onSubmit={submit} data-testid="register-add">
      <h2>{t('register.addTitle')}</h2>
      <label>
        {t('register.kind')}
        <KindSelect value={kind} onChange={(k) => setKind(k as RegisterKind)} />
      </label>
      <label>
        {t('register.name')}
        <input
          name="fullName"
          required
          maxLength={200}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
      </label>
      <label>
        {t('register.aliases')}
        <input name="aliases" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </label>
      <p className="register-hint">{t('register.aliasesHint')}</p>
      <label>
        {t('register.birthYear')}
        <input
          name="birthYear"
          type="number"
          min={1900}
          max={2100}
          value={birthYear}
          onChange={(e) => setBirthYear(e.target.value)}
        />
      </label>
      <label>
        {t('register.description')}
        <textarea
          name="description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label>
        {t('register.grounds')}
        <textarea
          name="grounds"
          rows={2}
          required
          maxLength={2000}
          value={grounds}
          onChange={(e) => setGrounds(e.target.value)}
        />
      </label>
      <label>
        {t('register.areaCode')}
        <input name="area" dir="ltr" required maxLength={64} value={area} onChange={(e) => setArea(e.target.value)} />
      </label>
      <label>
        {t('register.caseIds')}
        <input name="caseIds" dir="ltr" required value={caseIds} onChange={(e) => setCaseIds(e.target.value)} />
      </label>
      <p className="register-hint">{t('register.caseIdsHint')}</p>
      <button
        type="submit"
        disabled={pending || fullName.trim() === '' || grounds.trim() === '' || area.trim() === '' || ids.length === 0}
      >
        {t('register.save')}
      </button>
      <ActionError error={error} />
    </form>
  );
}
