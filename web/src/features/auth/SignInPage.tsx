import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.js';
import { errorKey } from '../../app/feedback.js';
import { useHealth } from '../../app/health.js';
import { Link } from '../../app/router.js';
import { SyntheticNotice } from '../../app/SyntheticNotice.js';
import './auth.css';

/** Username and password; the server sets an httpOnly session cookie, so the page keeps no secret. */
export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const health = useHealth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    signIn(username.trim(), password).then(
      () => setPending(false),
      (failure: unknown) => {
        setPending(false);
        setError(failure);
      },
    );
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('auth.title')}</h1>
      <p className="sign-in-lead">{t('auth.lead')}</p>
      {expired && !error && (
        <p className="notice" role="status">
          {t('auth.expired')}
        </p>
      )}
      <form onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
        <label>
          {t('auth.username')}
          <input
            name="username"
            autoComplete="username"
            required
            dir="ltr"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            dir="ltr"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error !== null && (
          <p id={errorId} className="form-error" role="alert">
            {t(errorKey(error))}
          </p>
        )}
        <button type="submit" disabled={pending || username.trim() === '' || password === ''}>
          {pending ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
      <p className="sign-in-report">
        {t('citizen.signInHint')} <Link to="/report">{t('citizen.nav')}</Link>
      </p>
      {health?.demo && <p className="sign-in-demo">{t('auth.demoHint')}</p>}
      {health?.synthetic && <SyntheticNotice />}
    </section>
  );
}
