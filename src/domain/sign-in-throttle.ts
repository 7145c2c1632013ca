/**
 * Sign-in throttling: after `maxFailures` wrong passwords for one account name within `lockMinutes` of each
 * other, the name is locked for `lockMinutes`; while locked, no password is checked, not even the right one. Names
 * are throttled whether an account has them or not, so that a lock-out tells nobody which names exist. A
 * successful sign-in, an administrator's unlock, or the lock running out starts the count again.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  lockMinutes: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = { maxFailures: 5, lockMinutes: 15 };

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** The key a name is throttled under: case and surrounding spaces do not make a new name. */
export function throttleKey(username: string): string {
  return username.trim().toLowerCase();
}

/** Until when the name is locked at `now`, or null. */
export function lockedAt(state: ThrottleState | undefined, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/** The state after one more failure at `now`; `locked` says this failure is the one that locked the name. */
export function afterFailure(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy = defaultThrottlePolicy,
): ThrottleState & { locked: boolean } {
  const windowMs = policy.lockMinutes * 60_000;
  const lockOver = state !== undefined && state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const stale = state === undefined || now.getTime() - state.lastFailureAt.getTime() > windowMs || lockOver;
  const failures = stale ? 1 : state.failures + 1;
  const locked = failures >= policy.maxFailures;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: locked ? new Date(now.getTime() + windowMs) : null,
    locked,
  };
}
