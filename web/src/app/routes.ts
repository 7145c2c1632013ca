/** The pages of the app and the paths that lead to them. */
export type Route =
  { page: 'home' } | { page: 'area'; code: string } | { page: 'about' } | { page: 'notFound'; path: string };

const areaCode = /^[A-Za-z0-9._-]{1,64}$/;

/** The route a path names; the path is the address bar's, so it may be anything. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/login') return { page: 'home' };
  if (path === '/about') return { page: 'about' };
  const area = /^\/area\/([^/]+)$/.exec(path);
  if (area?.[1] !== undefined) {
    const code = safeDecode(area[1]);
    if (code !== null && areaCode.test(code)) return { page: 'area', code };
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
