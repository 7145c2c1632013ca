import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { parseRoute, type Route } from './routes.js';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentPath = () => window.location.pathname;

/** Goes to a path inside the app (a query string may follow), adding to the browser's history unless `replace`. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo({ top: 0 });
  for (const listener of listeners) listener();
}

/**
 * Writes a page's settings into the address bar's query string, in place: the page keeps them itself, so the
 * route does not change and nothing re-renders; the address can then be bookmarked or shared.
 */
export function replaceQuery(search: string): void {
  const query = search.replace(/^\?/, '');
  const next = `${window.location.pathname}${query === '' ? '' : `?${query}`}`;
  if (next !== window.location.pathname + window.location.search) window.history.replaceState(null, '', next);
}

/** The route of the address bar; follows back and forward. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  return parseRoute(path);
}

/** A real link (open in a new tab works) that navigates inside the app on a plain click. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
