import { useEffect, useState } from 'react';

export type Resource<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/**
 * Loads data for a key (a URL-like string): loading, then ready or error. A new key cancels the previous
 * request, so a quick drill-down never shows the figures of the area left behind. A `null` key loads
 * nothing and stays idle.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; resource: Resource<T> }>({
    key: null,
    resource: { status: 'loading' },
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => (previous.key === key ? previous : { key, resource: { status: 'loading' } }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: 'error', error } });
      },
    );
    return () => controller.abort();
    // `load` is rebuilt on every render; the key alone says when the request really changes.
  }, [key]);

  if (key === null) return { status: 'idle' };
  return state.key === key ? state.resource : { status: 'loading' };
}
