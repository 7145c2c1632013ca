import { useEffect } from 'react';
import { api } from '../api.js';
import { useUser } from './auth.js';
import { ErrorNotice, Loading } from './feedback.js';
import { navigate } from './router.js';
import { useResource } from './use-resource.js';

/**
 * A page's address without an area (/hotspots, /compstat, /plans, /patrols, /forecast, /brief, /response, /equity): on to the same page of the
 * user's own area, or of the country for a national scope. `to` gives the page's path for an area code.
 */
export function ScopeRedirect({ to }: { to: (code: string) => string }) {
  const user = useUser();
  const scopeCode = user.scope?.code ?? null;
  const country = useResource(scopeCode === null ? 'country' : null, (signal) =>
    api.areas({ level: 'country' }, signal),
  );
  const target = scopeCode ?? (country.status === 'ready' ? (country.data.items[0]?.code ?? null) : null);
  useEffect(() => {
    if (target !== null) navigate(to(target), { replace: true });
    // `to` is rebuilt on every render; the target alone says when to go.
  }, [target]);
  return country.status === 'error' ? <ErrorNotice error={country.error} /> : <Loading />;
}
