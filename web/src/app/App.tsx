import { BriefPage } from '../features/brief/BriefPage.js';
import { BriefRedirect } from '../features/brief/BriefRedirect.js';
import { AboutPage } from '../features/about/AboutPage.js';
import { AlertList } from '../features/alerts/AlertList.js';
import { AlertsPage } from '../features/alerts/AlertsPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { CompstatPage } from '../features/compstat/CompstatPage.js';
import { CompstatRedirect } from '../features/compstat/CompstatRedirect.js';
import { HotspotsPage } from '../features/hotspots/HotspotsPage.js';
import { HotspotsRedirect } from '../features/hotspots/HotspotsRedirect.js';
import { ImportPage } from '../features/imports/ImportPage.js';
import { OverviewPage } from '../features/overview/OverviewPage.js';
import { PatrolsPage } from '../features/patrols/PatrolsPage.js';
import { PatrolsRedirect } from '../features/patrols/PatrolsRedirect.js';
import { PlansPage } from '../features/plans/PlansPage.js';
import { PlansRedirect } from '../features/plans/PlansRedirect.js';
import { useAuth } from './auth.js';
import { ErrorNotice, Loading } from './feedback.js';
import { HomeRedirect } from './HomeRedirect.js';
import { NotFound } from './NotFound.js';
import { useRoute } from './router.js';
import { Shell } from './Shell.js';

/** Signed out, every page but the credits asks to sign in first; signed in, the address bar picks the page. */
export function App() {
  const { state, retry } = useAuth();
  const route = useRoute();

  let page;
  if (state.status === 'checking') page = <Loading />;
  else if (state.status === 'failed') page = <ErrorNotice error={state.error} onRetry={retry} />;
  else if (route.page === 'about') page = <AboutPage />;
  else if (state.status === 'signedOut') page = <SignInPage expired={state.expired} />;
  else if (route.page === 'home') page = <HomeRedirect />;
  else if (route.page === 'area') page = <OverviewPage key={route.code} code={route.code} />;
  else if (route.page === 'imports') page = <ImportPage id={route.id} />;
  else if (route.page === 'alerts') page = <AlertsPage />;
  else if (route.page === 'hotspotsHome') page = <HotspotsRedirect />;
  else if (route.page === 'hotspots') page = <HotspotsPage key={route.code} code={route.code} />;
  else if (route.page === 'compstatHome') page = <CompstatRedirect />;
  else if (route.page === 'compstat') {
    page = <CompstatPage key={route.code} code={route.code} alerts={<AlertList area={route.code} limit={10} />} />;
  } else if (route.page === 'plansHome') page = <PlansRedirect />;
  else if (route.page === 'plans') page = <PlansPage key={route.code} code={route.code} />;
  else if (route.page === 'patrolsHome') page = <PatrolsRedirect />;
  else if (route.page === 'patrols') page = <PatrolsPage key={route.code} code={route.code} />;
  else if (route.page === 'briefHome') page = <BriefRedirect />;
  else if (route.page === 'brief') page = <BriefPage key={route.code} code={route.code} />;
  else page = <NotFound />;

  return <Shell>{page}</Shell>;
}
