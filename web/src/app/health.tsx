import { createContext, useContext, type ReactNode } from 'react';
import type { Health } from '../../../src/contract/system.js';
import { api } from '../api.js';
import { useResource, type Resource } from './use-resource.js';

const HealthContext = createContext<Resource<Health>>({ status: 'loading' });

/** What the server says about itself (demo mode, synthetic data, last day of data, tile source), asked once. */
export function HealthProvider({ children }: { children: ReactNode }) {
  const health = useResource('health', (signal) => api.health(signal));
  return <HealthContext.Provider value={health}>{children}</HealthContext.Provider>;
}

/** The server's health, or null while it is asked for (or when it could not be read). */
export function useHealth(): Health | null {
  const health = useContext(HealthContext);
  return health.status === 'ready' ? health.data : null;
}

/** Whether the health answer is still on its way; pages that depend on it wait rather than ask twice. */
export function useHealthPending(): boolean {
  const { status } = useContext(HealthContext);
  return status === 'loading' || status === 'idle';
}
