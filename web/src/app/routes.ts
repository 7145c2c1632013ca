/** The pages of the app and the paths that lead to them. */
export type Route =
  | { page: 'home' }
  | { page: 'area'; code: string }
  | { page: 'imports'; id: number | null }
  | { page: 'hotspotsHome' }
  | { page: 'hotspots'; code: string }
  | { page: 'compstatHome' }
  | { page: 'compstat'; code: string }
  | { page: 'alerts' }
  | { page: 'plansHome' }
  | { page: 'plans'; code: string }
  | { page: 'patrolsHome' }
  | { page: 'patrols'; code: string }
  | { page: 'forecastHome' }
  | { page: 'forecast'; code: string }
  | { page: 'briefHome' }
  | { page: 'brief'; code: string }
  | { page: 'responseHome' }
  | { page: 'response'; code: string }
  | { page: 'equityHome' }
  | { page: 'equity'; code: string }
  | { page: 'report' }
  | { page: 'reportStatus'; code: string }
  | { page: 'triage' }
  | { page: 'adminUsers' }
  | { page: 'audit' }
  | { page: 'register' }
  | { page: 'about' }
  | { page: 'public' }
  | { page: 'partner' }
  | { page: 'notFound'; path: string };

const areaCode = /^[A-Za-z0-9._-]{1,64}$/;

/** The route a path names; the path is the address bar's, so it may be anything. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/login') return { page: 'home' };
  if (path === '/about') return { page: 'about' };
  if (path === '/report') return { page: 'report' };
  if (path === '/triage') return { page: 'triage' };
  if (path === '/admin/users') return { page: 'adminUsers' };
  if (path === '/audit') return { page: 'audit' };
  if (path === '/register') return { page: 'register' };
  const report = /^\/report\/([A-Za-z0-9]{1,20})$/.exec(path);
  if (report?.[1] !== undefined) return { page: 'reportStatus', code: report[1].toUpperCase() };
  if (path === '/public') return { page: 'public' };
  if (path === '/partner') return { page: 'partner' };
  if (path === '/alerts') return { page: 'alerts' };
  if (path === '/imports') return { page: 'imports', id: null };
  const job = /^\/imports\/([1-9][0-9]{0,14})$/.exec(path);
  if (job?.[1] !== undefined) return { page: 'imports', id: Number(job[1]) };
  const area = /^\/area\/([^/]+)$/.exec(path);
  if (area?.[1] !== undefined) {
    const code = safeDecode(area[1]);
    if (code !== null && areaCode.test(code)) return { page: 'area', code };
  }
  if (path === '/hotspots') return { page: 'hotspotsHome' };
  const hotspots = /^\/hotspots\/([^/]+)$/.exec(path);
  if (hotspots?.[1] !== undefined) {
    const code = safeDecode(hotspots[1]);
    if (code !== null && areaCode.test(code)) return { page: 'hotspots', code };
  }
  if (path === '/compstat') return { page: 'compstatHome' };
  const compstat = /^\/compstat\/([^/]+)$/.exec(path);
  if (compstat?.[1] !== undefined) {
    const code = safeDecode(compstat[1]);
    if (code !== null && areaCode.test(code)) return { page: 'compstat', code };
  }
  if (path === '/plans') return { page: 'plansHome' };
  const plans = /^\/plans\/([^/]+)$/.exec(path);
  if (plans?.[1] !== undefined) {
    const code = safeDecode(plans[1]);
    if (code !== null && areaCode.test(code)) return { page: 'plans', code };
  }
  if (path === '/patrols') return { page: 'patrolsHome' };
  const patrols = /^\/patrols\/([^/]+)$/.exec(path);
  if (patrols?.[1] !== undefined) {
    const code = safeDecode(patrols[1]);
    if (code !== null && areaCode.test(code)) return { page: 'patrols', code };
  }
  if (path === '/forecast') return { page: 'forecastHome' };
  const forecast = /^\/forecast\/([^/]+)$/.exec(path);
  if (forecast?.[1] !== undefined) {
    const code = safeDecode(forecast[1]);
    if (code !== null && areaCode.test(code)) return { page: 'forecast', code };
  }
  if (path === '/brief') return { page: 'briefHome' };
  const brief = /^\/brief\/([^/]+)$/.exec(path);
  if (brief?.[1] !== undefined) {
    const code = safeDecode(brief[1]);
    if (code !== null && areaCode.test(code)) return { page: 'brief', code };
  }
  for (const [prefix, home, page] of [
    ['/response', 'responseHome', 'response'],
    ['/equity', 'equityHome', 'equity'],
  ] as const) {
    if (path === prefix) return { page: home };
    const match = new RegExp(`^${prefix}/([^/]+)$`).exec(path);
    if (match?.[1] !== undefined) {
      const code = safeDecode(match[1]);
      if (code !== null && areaCode.test(code)) return { page, code };
    }
  }
  return { page: 'notFound', path: pathname };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function areaPath(code: string): string {
  return `/area/${encodeURIComponent(code)}`;
}

/** The import page, opened on one import job when `id` is given. */
export function importsPath(id: number | null = null): string {
  return id === null ? '/imports' : `/imports/${id}`;
}

/** The black-spot page of an area, with its settings as a query string (`?from=…&to=…`) when given. */
export function hotspotsPath(code: string | null = null, search = ''): string {
  const path = code === null ? '/hotspots' : `/hotspots/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}

/** The CompStat page of an area, with its settings as a query string (`?asOf=…`) when given. */
export function compstatPath(code: string | null = null, search = ''): string {
  const path = code === null ? '/compstat' : `/compstat/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}

/** The plans page of an area (its plans, their progress and actions, the week's submission). */
export function plansPath(code: string | null = null): string {
  return code === null ? '/plans' : `/plans/${encodeURIComponent(code)}`;
}

/** The patrols page of an area (fairness across its districts, a plan for a shift). */
export function patrolsPath(code: string | null = null): string {
  return code === null ? '/patrols' : `/patrols/${encodeURIComponent(code)}`;
}

/** The forecast page of an area, with its settings as a query string (`?horizon=day&model=kde`) when given. */
export function forecastPath(code: string | null = null, search = ''): string {
  const path = code === null ? '/forecast' : `/forecast/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}

/** The meeting brief of an area, with its week and language as a query string (`?week=2026-W47&lang=fr`). */
export function briefPath(code: string | null = null, search = ''): string {
  const path = code === null ? '/brief' : `/brief/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}

/** A citizen report's public follow-up page, or the form for a new one. */
export function reportPath(code: string | null = null): string {
  return code === null ? '/report' : `/report/${encodeURIComponent(code)}`;
}

/** The response dashboard of an area, with its period as a query string (`?from=…&to=…`) when given. */
export function responsePath(code: string | null = null, search = ''): string {
  const path = code === null ? '/response' : `/response/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}

/** The equity map of an area's provinces or cities, with its settings as a query string when given. */
export function equityPath(code: string | null = null, search = ''): string {
  const path = code === null ? '/equity' : `/equity/${encodeURIComponent(code)}`;
  return search === '' ? path : `${path}?${search.replace(/^\?/, '')}`;
}
