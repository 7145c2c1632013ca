import { describe, expect, it } from 'vitest';
import { afterFailure, lockedAt, throttleKey, type ThrottleState } from './sign-in-throttle.js';

const policy = { maxFailures: 3, lockMinutes: 15 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 8, minutes));

function failAt(minutes: readonly number[]): ThrottleState & { locked: boolean } {
  let state: (ThrottleState & { locked: boolean }) | undefined;
  for (const m of minutes) state = afterFailure(state, at(m), policy);
  if (!state) throw new Error('no failures');
  return state;
}

describe('sign-in throttling', () => {
  it('locks a name on the third failure within the window, for the lock time from that failure', () => {
    expect(failAt([0, 1]).locked).toBe(false);
    const third = failAt([0, 1, 2]);
    expect(third.locked).toBe(true);
    expect(third.lockedUntil).toEqual(at(17));
    expect(lockedAt(third, at(16))).toEqual(at(17));
    expect(lockedAt(third, at(17))).toBeNull();
  });

  it('starts the count again when failures are further apart than the window', () => {
    expect(failAt([0, 1, 20]).failures).toBe(1);
    expect(failAt([0, 1, 20]).locked).toBe(false);
  });

  it('starts the count again once a lock has run out', () => {
    const state = failAt([0, 1, 2, 18]);
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it('throttles a name whatever its case and surrounding spaces', () => {
    expect(throttleKey('  Wali.Casablanca ')).toBe('wali.casablanca');
  });

  it('holds no lock for a name that never failed', () => {
    expect(lockedAt(undefined, at(0))).toBeNull();
  });
});
