import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../../src/contract/system.js';
import { api, ApiError } from '../api.js';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; user: Me }
  | { status: 'failed'; error: unknown };

interface AuthValue {
  state: AuthState;
  /** Resolves with the user, or rejects with an ApiError (INVALID_CREDENTIALS, RATE_LIMITED, …). */
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Ends every session of the user, on every device, this one included. */
  signOutEverywhere: () => Promise<void>;
  /** The server no longer knows the session (it expired): back to the sign-in page. */
  expire: () => void;
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The session, kept in an httpOnly cookie the browser sends; the app only asks the server who it is. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (user) => setState({ status: 'signedIn', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          setState({ status: 'signedOut', expired: false });
        } else {
          setState({ status: 'failed', error });
        }
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signIn = useCallback(async (username: string, password: string) => {
    const user = await api.login({ username, password });
    setState({ status: 'signedIn', user });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'signedOut', expired: false });
    }
  }, []);

  const signOutEverywhere = useCallback(async () => {
    try {
      await api.signOutEverywhere();
    } finally {
      setState({ status: 'signedOut', expired: false });
    }
  }, []);

  const expire = useCallback(() => setState({ status: 'signedOut', expired: true }), []);
  const retry = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, signOutEverywhere, expire, retry }),
    [state, signIn, signOut, signOutEverywhere, expire, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** The signed-in user; only for pages that render once signed in. */
export function useUser(): Me {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useUser before sign-in');
  return state.user;
}
