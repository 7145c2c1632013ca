import type { ReactNode } from 'react';
import type { Permission } from '../../../src/domain/role.js';
import { useTranslation } from 'react-i18next';
import { canImport } from '../features/imports/importers.js';
import { areaName } from '../i18n/format.js';
import { useFormat } from '../i18n/use-format.js';
import { useAuth } from './auth.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Link, navigate } from './router.js';
import { briefPath, compstatPath, forecastPath, hotspotsPath, patrolsPath, plansPath, responsePath } from './routes.js';

/** The frame of every page: name, navigation, language, who is signed in; the credits at the foot. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const { state, signOut, signOutEverywhere } = useAuth();
  const user = state.status === 'signedIn' ? state.user : null;
  const can = (permission: Permission) => user?.permissions.includes(permission) ?? false;

  const leave = () => {
    void signOut().finally(() => navigate('/'));
  };
  const leaveEverywhere = () => {
    void signOutEverywhere().finally(() => navigate('/'));
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="shell-header">
        <Link to="/" className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        {user && (
          <nav className="shell-nav" aria-label={t('nav.label')}>
            {can('stats.read') && (
              <>
                <Link to="/">{t('nav.overview')}</Link>
                <Link to={hotspotsPath()}>{t('nav.hotspots')}</Link>
                <Link to={compstatPath()}>{t('compstat.nav')}</Link>
                <Link to="/alerts">{t('alerts.nav')}</Link>
              </>
            )}
            {can('partner.read') && <Link to="/partner">{t('partner.nav')}</Link>}
            {can('plans.read') && <Link to={plansPath()}>{t('plans.nav')}</Link>}
            {can('patrols.read') && <Link to={patrolsPath()}>{t('patrols.nav')}</Link>}
            {can('stats.read') && (
              <>
                <Link to={responsePath()}>{t('response.nav')}</Link>
                <Link to={forecastPath()}>{t('forecast.nav')}</Link>
              </>
            )}
            {can('reports.export') && <Link to={briefPath()}>{t('brief.nav')}</Link>}
            {canImport(user) && <Link to="/imports">{t('nav.imports')}</Link>}
            {can('citizen_reports.read') && <Link to="/triage">{t('triage.nav')}</Link>}
            {can('users.manage') && <Link to="/admin/users">{t('admin.nav')}</Link>}
            {can('audit.read') && <Link to="/audit">{t('audit.nav')}</Link>}
            {can('register.read') && <Link to="/register">{t('register.nav')}</Link>}
            <Link to="/about">{t('nav.about')}</Link>
          </nav>
        )}
        <div className="shell-tools">
          <LanguageSwitch />
          {user && (
            <div className="user" data-testid="current-user">
              <span className="user-name">{user.displayName}</span>
              <span className="user-role">
                {t(`role.${user.role}`)} · {user.scope ? areaName(user.scope, language) : t('user.national')}
              </span>
              <button type="button" className="secondary" onClick={leave}>
                {t('auth.signOut')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={leaveEverywhere}
                title={t('auth.signOutEverywhereHint')}
                data-testid="sign-out-everywhere"
              >
                {t('auth.signOutEverywhere')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="shell-footer">
        <p>
          {t('footer.credits')} <Link to="/about">{t('footer.more')}</Link>
          {' · '}
          <Link to="/public">{t('public.nav')}</Link>
          {' · '}
          <Link to="/report">{t('citizen.nav')}</Link>
        </p>
      </footer>
    </div>
  );
}
