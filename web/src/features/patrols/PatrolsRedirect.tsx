import { useEffect } from 'react';
import { api } from '../../api.js';
import { useUser } from '../../app/auth.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { navigate } from '../../app/router.js';
import { patrolsPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';

/** /patrols: the patrols page of the user's own area, or of the country for a national scope. */
export function PatrolsRedirect() {
  const user = useUser();
  const scopeCode = user.scope?.code ?? null;
  const country = useResource(scopeCode === null ? 'country' : null, (signal) =>
    api.areas({ level: 'country' }, signal),
  );
  const target = scopeCode ?? (country.status === 'ready' ? (country.data.items[0]?.code ?? null) : null);
  useEffect(() => {
    if (target !== null) navigate(patrolsPath(target), { replace: true });
  }, [target]);
  return country.status === 'error' ? <ErrorNotice error={country.error} /> : <Loading />;
}
