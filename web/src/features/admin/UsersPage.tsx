import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, NewAccount } from '../../../../src/contract/users.js';
import { partnerKinds, roles, scopeLevels, type PartnerKind, type Role } from '../../../../src/domain/role.js';
import { api } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { ActionError, useAction } from '../../app/use-action.js';
import { useResource } from '../../app/use-resource.js';
import { areaName } from '../../i18n/format.js';
import { useFormat } from '../../i18n/use-format.js';
import './admin.css';

/**
 * Accounts and sessions, for the administrator: every account with its role, scope, lock-out and live sessions;
 * adding, changing, disabling and unlocking accounts; ending sessions; the roles and what each may do. The server
 * checks every change and records it in the audit trail.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const accounts = useResource(`accounts:${version}`, (signal) => api.accounts(signal));
  const sessions = useResource(`sessions:${version}`, (signal) => api.sessions(signal));
  const roleTable = useResource('roles', (signal) => api.roles(signal));
  const { language } = useFormat();
  const listSeparator = language === 'ar' ? '، ' : ', ';
  useEffect(() => {
    document.title = `${t('admin.title')} — ${t('app.name')}`;
  }, [t]);

  return (
    <div className="admin">
      <h1>{t('admin.title')}</h1>
      <p className="admin-lead">{t('admin.lead')}</p>
      <AddAccount onAdded={refresh} />
      <h2>{t('admin.accounts')}</h2>
      {accounts.status === 'loading' && <Loading />}
      {accounts.status === 'error' && <ErrorNotice error={accounts.error} onRetry={refresh} />}
      {accounts.status === 'ready' && (
        <table className="admin-table" data-testid="accounts">
          <thead>
            <tr>
              <th>{t('admin.username')}</th>
              <th>{t('admin.role')}</th>
              <th>{t('admin.scope')}</th>
              <th>{t('admin.state')}</th>
              <th>{t('admin.sessions')}</th>
              <th>{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.items.map((a) => (
              <AccountRow key={a.username} account={a} onChange={refresh} />
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin.liveSessions')}</h2>
      {sessions.status === 'error' && <ErrorNotice error={sessions.error} onRetry={refresh} />}
      {sessions.status === 'ready' && <SessionTable items={sessions.data.items} onChange={refresh} />}
      <h2>{t('admin.rolesTitle')}</h2>
      {roleTable.status === 'ready' && (
        <table className="admin-table" data-testid="roles">
          <thead>
            <tr>
              <th>{t('admin.role')}</th>
              <th>{t('admin.scopeLevels')}</th>
              <th>{t('admin.permissions')}</th>
            </tr>
          </thead>
          <tbody>
            {roleTable.data.items.map((r) => (
              <tr key={r.role}>
                <td>{t(`role.${r.role}`)}</td>
                <td>
                  {r.scopeLevels === null
                    ? t('user.national')
                    : r.scopeLevels.map((l) => t(`admin.level.${l}`)).join(listSeparator)}
                </td>
                <td>
                  <ul className="admin-permissions">
                    {r.permissions.map((p) => (
                      <li key={p}>{t(`permission.${p}`)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RolePicker({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Role)} aria-label={t('admin.role')}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function KindPicker({ value, onChange }: { value: PartnerKind; onChange: (kind: PartnerKind) => void }) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as PartnerKind)} aria-label={t('admin.partnerKind')}>
      {partnerKinds.map((k) => (
        <option key={k} value={k}>
          {t(`admin.kind.${k}`)}
        </option>
      ))}
    </select>
  );
}

function AddAccount({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [scope, setScope] = useState('');
  const [kind, setKind] = useState<PartnerKind>('local_authority');
  const action = useAction(() => {
    setUsername('');
    setDisplayName('');
    setPassword('');
    setScope('');
    onAdded();
  });
  const national = scopeLevels[role] === null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: NewAccount = {
      username,
      password,
      role,
      ...(displayName ? { displayName } : {}),
      scope: national ? null : scope,
      partnerKind: role === 'partner' ? kind : null,
    };
    action.run(() => api.addAccount(body));
  };
  return (
    <form className="admin-add" onSubmit={submit} data-testid="add-account">
      <h2>{t('admin.add')}</h2>
      <label>
        {t('admin.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} required dir="ltr" />
      </label>
      <label>
        {t('admin.displayName')}
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('admin.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          minLength={8}
          required
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('admin.role')}
        <RolePicker value={role} onChange={setRole} />
      </label>
      {!national && (
        <label>
          {t('admin.scopeCode')}
          <input value={scope} onChange={(e) => setScope(e.target.value)} required dir="ltr" placeholder="06.141" />
        </label>
      )}
      {role === 'partner' && (
        <label>
          {t('admin.partnerKind')}
          <KindPicker value={kind} onChange={setKind} />
        </label>
      )}
      <button type="submit" disabled={action.pending}>
        {t('admin.addButton')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}

function AccountRow({ account, onChange }: { account: Account; onChange: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useUser();
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(account.role);
  const [scope, setScope] = useState(account.scope?.code ?? '');
  const [kind, setKind] = useState<PartnerKind>(account.partnerKind ?? 'local_authority');
  const [password, setPassword] = useState('');
  const action = useAction(() => {
    setEditing(false);
    setPassword('');
    onChange();
  });
  const self = account.username === me.username;
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    action.run(() =>
      api.patchAccount(account.username, {
        ...(self ? {} : { role }),
        scope: scopeLevels[role] === null ? null : scope,
        partnerKind: role === 'partner' ? kind : null,
        ...(password ? { password } : {}),
      }),
    );
  };
  return (
    <tr data-username={account.username}>
      <td>
        <bdi dir="ltr">{account.username}</bdi>
        <br />
        <small>{account.displayName}</small>
        {account.demo && <small className="admin-badge">{t('admin.demo')}</small>}
      </td>
      <td>
        {t(`role.${account.role}`)}
        {account.partnerKind && (
          <>
            <br />
            <small>{t(`admin.kind.${account.partnerKind}`)}</small>
          </>
        )}
      </td>
      <td>{account.scope ? areaName(account.scope, format.language) : t('user.national')}</td>
      <td data-testid="account-state">
        {account.disabled ? t('admin.disabled') : t('admin.active')}
        {account.lockedUntil && (
          <>
            <br />
            <span className="admin-locked">
              {t('admin.lockedUntil', { time: format.dateTime(account.lockedUntil, 'Africa/Casablanca') })}
            </span>
          </>
        )}
      </td>
      <td>{format.count(account.activeSessions)}</td>
      <td className="admin-actions">
        <button type="button" className="secondary" onClick={() => setEditing((e) => !e)}>
          {t('admin.edit')}
        </button>
        {!self && (
          <button
            type="button"
            className="secondary"
            disabled={action.pending}
            onClick={() => action.run(() => api.patchAccount(account.username, { disabled: !account.disabled }))}
          >
            {account.disabled ? t('admin.enable') : t('admin.disable')}
          </button>
        )}
        {account.lockedUntil && (
          <button
            type="button"
            className="secondary"
            disabled={action.pending}
            onClick={() => action.run(() => api.unlockAccount(account.username))}
          >
            {t('admin.unlock')}
          </button>
        )}
        {account.activeSessions > 0 && (
          <button
            type="button"
            className="secondary"
            disabled={action.pending}
            onClick={() => action.run(() => api.endAccountSessions(account.username))}
          >
            {t('admin.endSessions')}
          </button>
        )}
        {editing && (
          <form className="admin-edit" onSubmit={save}>
            {!self && <RolePicker value={role} onChange={setRole} />}
            {scopeLevels[role] !== null && (
              <input
                value={scope}
                onChange={(e) => setScope(e.target.value)}
                aria-label={t('admin.scopeCode')}
                dir="ltr"
              />
            )}
            {role === 'partner' && <KindPicker value={kind} onChange={setKind} />}
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              placeholder={t('admin.newPassword')}
              aria-label={t('admin.newPassword')}
              minLength={8}
              autoComplete="new-password"
            />
            <button type="submit" disabled={action.pending}>
              {t('admin.save')}
            </button>
            <small>{t('admin.endsSessions')}</small>
          </form>
        )}
        <ActionError error={action.error} />
      </td>
    </tr>
  );
}

function SessionTable({
  items,
  onChange,
}: {
  items: { id: string; username: string; createdAt: string; lastSeenAt: string; ip: string | null; current: boolean }[];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction(onChange);
  if (items.length === 0) return <p>{t('admin.noSessions')}</p>;
  return (
    <>
      <table className="admin-table" data-testid="sessions">
        <thead>
          <tr>
            <th>{t('admin.username')}</th>
            <th>{t('admin.since')}</th>
            <th>{t('admin.lastSeen')}</th>
            <th>{t('admin.ip')}</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td>
                <bdi dir="ltr">{s.username}</bdi>
                {s.current && <small className="admin-badge">{t('admin.thisSession')}</small>}
              </td>
              <td>{format.dateTime(s.createdAt, 'Africa/Casablanca')}</td>
              <td>{format.dateTime(s.lastSeenAt, 'Africa/Casablanca')}</td>
              <td>
                <bdi dir="ltr">{s.ip ?? '—'}</bdi>
              </td>
              <td>
                {!s.current && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.pending}
                    onClick={() => action.run(() => api.endSession(s.id))}
                  >
                    {t('admin.endSession')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionError error={action.error} />
    </>
  );
}
