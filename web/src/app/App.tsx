import { BriefPage } from '../features/brief/BriefPage.js';
import { AboutPage } from '../features/about/AboutPage.js';
import { AlertList } from '../features/alerts/AlertList.js';
import { AlertsPage } from '../features/alerts/AlertsPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { ReportPage } from '../features/citizen/ReportPage.js';
import { ReportStatusPage } from '../features/citizen/ReportStatusPage.js';
import { TriagePage } from '../features/citizen/TriagePage.js';
import { UsersPage } from '../features/admin/UsersPage.js';
import { AuditPage } from '../features/admin/AuditPage.js';
import { CompstatPage } from '../features/compstat/CompstatPage.js';
import { EquityPage } from '../features/equity/EquityPage.js';
import { ForecastPage } from '../features/forecast/ForecastPage.js';
import { HotspotsPage } from '../features/hotspots/HotspotsPage.js';
import { ImportPage } from '../features/imports/ImportPage.js';
import { OverviewPage } from '../features/overview/OverviewPage.js';
import { PartnerPage } from '../features/partner/PartnerPage.js';
import { PatrolsPage } from '../features/patrols/PatrolsPage.js';
import { PlansPage } from '../features/plans/PlansPage.js';
import { PublicPage } from '../features/public/PublicPage.js';
import { RegisterPage } from '../features/register/RegisterPage.js';
import { ResponsePage } from '../features/response/ResponsePage.js';
import { useAuth } from './auth.js';
import { ErrorNotice, Loading } from './feedback.js';
import { HomeRedirect } from './HomeRedirect.js';
import {
  briefPath,
  compstatPath,
  equityPath,
  forecastPath,
  hotspotsPath,
  patrolsPath,
  plansPath,
  responsePath,
} from './routes.js';
import { ScopeRedirect } from './ScopeRedirect.js';
import { NotFound } from './NotFound.js';
import { useRoute } from './router.js';
import { Shell } from './Shell.js';

/** Signed out, every page but the credits and the public figures asks to sign in first; signed in, the address bar picks the page. */
export function App() {
  const { state, retry } = useAuth();
  const route = useRoute();

  let page;
  if (state.status === 'checking') page = <Loading />;
  else if (state.status === 'failed') page = <ErrorNotice error={state.error} onRetry={retry} />;
  else if (route.page === 'about') page = <AboutPage />;
  else if (route.page === 'public') page = <PublicPage />;
  else if (route.page === 'report') page = <ReportPage />;
  else if (route.page === 'reportStatus') page = <ReportStatusPage key={route.code} code={route.code} />;
  else if (state.status === 'signedOut') page = <SignInPage expired={state.expired} />;
  else if (route.page === 'home') page = <HomeRedirect />;
  else if (route.page === 'area') page = <OverviewPage key={route.code} code={route.code} />;
  else if (route.page === 'imports') page = <ImportPage id={route.id} />;
  else if (route.page === 'alerts') page = <AlertsPage />;
  else if (route.page === 'hotspotsHome') {
    page = <ScopeRedirect to={(code) => hotspotsPath(code, window.location.search)} />;
  } else if (route.page === 'hotspots') page = <HotspotsPage key={route.code} code={route.code} />;
  else if (route.page === 'compstatHome') {
    page = <ScopeRedirect to={(code) => compstatPath(code, window.location.search)} />;
  } else if (route.page === 'compstat') {
    page = <CompstatPage key={route.code} code={route.code} alerts={<AlertList area={route.code} limit={10} />} />;
  } else if (route.page === 'plansHome') page = <ScopeRedirect to={(code) => plansPath(code)} />;
  else if (route.page === 'plans') page = <PlansPage key={route.code} code={route.code} />;
  else if (route.page === 'patrolsHome') page = <ScopeRedirect to={(code) => patrolsPath(code)} />;
  else if (route.page === 'patrols') page = <PatrolsPage key={route.code} code={route.code} />;
  else if (route.page === 'forecastHome') {
    page = <ScopeRedirect to={(code) => forecastPath(code, window.location.search)} />;
  } else if (route.page === 'forecast') page = <ForecastPage key={route.code} code={route.code} />;
  else if (route.page === 'briefHome') page = <ScopeRedirect to={(code) => briefPath(code, window.location.search)} />;
  else if (route.page === 'brief') page = <BriefPage key={route.code} code={route.code} />;
  else if (route.page === 'responseHome') {
    page = <ScopeRedirect to={(code) => responsePath(code, window.location.search)} />;
  } else if (route.page === 'response') page = <ResponsePage key={route.code} code={route.code} />;
  else if (route.page === 'equityHome') {
    page = <ScopeRedirect to={(code) => equityPath(code, window.location.search)} />;
  } else if (route.page === 'equity') page = <EquityPage key={route.code} code={route.code} />;
  else if (route.page === 'triage') page = <TriagePage />;
  else if (route.page === 'adminUsers') page = <UsersPage />;
  else if (route.page === 'audit') page = <AuditPage />;
  else if (route.page === 'register') page = <RegisterPage />;
  else if (route.page === 'partner') page = <PartnerPage />;
  else page = <NotFound />;

  return <Shell>{page}</Shell>;
}
