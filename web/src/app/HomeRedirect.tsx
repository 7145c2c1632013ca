import { useEffect } from 'react';
import { api } from '../api.js';
import { useUser } from './auth.js';
import { ErrorNotice, Loading } from './feedback.js';
import { navigate } from './router.js';
import { areaPath } from './routes.js';
import { useResource } from './use-resource.js';

/**
 * The first screen after sign-in: the user's own area, or the whole country for a national scope; for a role
 * without the area figures, its own page: the partner page for a partner, the accounts for the administrator.
 */
export function HomeRedirect() {
  const user = useUser();
  const own = user.permissions.includes('stats.read')
    ? null
    : user.permissions.includes('partner.read')
      ? '/partner'
      : user.permissions.includes('users.manage')
        ? '/admin/users'
        : '/about';
  const scopeCode = user.scope?.code ?? null;
  const country = useResource(scopeCode === null && own === null ? 'country' : null, (signal) =>
    api.areas({ level: 'country' }, signal),
  );
  const target =
    own ?? areaOrNull(scopeCode ?? (country.status === 'ready' ? (country.data.items[0]?.code ?? null) : null));
  useEffect(() => {
    if (target !== null) navigate(target, { replace: true });
  }, [target]);
  return country.status === 'error' ? <ErrorNotice error={country.error} /> : <Loading />;
}

const areaOrNull = (code: string | null) => (code === null ? null : areaPath(code));
