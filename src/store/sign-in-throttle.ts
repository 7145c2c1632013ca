import {
  afterFailure,
  lockedAt,
  throttleKey,
  type ThrottlePolicy,
  type ThrottleState,
} from '../domain/sign-in-throttle.js';
import { inTransaction } from './audit.js';
import type { Db } from './db.js';

async function read(db: Db, key: string, lock: boolean): Promise<ThrottleState | undefined> {
  let query = db
    .selectFrom('signInThrottle')
    .select(['failures', 'lastFailureAt', 'lockedUntil'])
    .where('username', '=', key);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Until when sign-ins under this name are refused, or null. */
export async function signInLockedUntil(db: Db, username: string, now: Date): Promise<Date | null> {
  return lockedAt(await read(db, throttleKey(username), false), now);
}

/** Counts a failed sign-in (parallel failures count one by one); whether this one locked the name, and until when. */
export async function recordSignInFailure(
  db: Db,
  username: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<{ locked: boolean; lockedUntil: Date | null; failures: number }> {
  const key = throttleKey(username);
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('signInThrottle')
      .values({ username: key, failures: 0, lastFailureAt: now })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
    const next = afterFailure(await read(trx, key, true), now, policy);
    await trx
      .updateTable('signInThrottle')
      .set({ failures: next.failures, lastFailureAt: next.lastFailureAt, lockedUntil: next.lockedUntil })
      .where('username', '=', key)
      .execute();
    return { locked: next.locked, lockedUntil: next.lockedUntil, failures: next.failures };
  });
}

/** Forgets the failures of a name (a successful sign-in, or an administrator's unlock); whether it was locked. */
export async function clearSignInFailures(db: Db, username: string, now: Date): Promise<boolean> {
  const key = throttleKey(username);
  const state = await read(db, key, false);
  if (!state) return false;
  await db.deleteFrom('signInThrottle').where('username', '=', key).execute();
  return lockedAt(state, now) !== null;
}

/** The names locked now, with when the lock ends. */
export async function lockedNames(db: Db, now: Date): Promise<{ username: string; lockedUntil: Date }[]> {
  const rows = await db
    .selectFrom('signInThrottle')
    .select(['username', 'lockedUntil'])
    .where('lockedUntil', '>', now)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ username: r.username, lockedUntil: r.lockedUntil as Date }));
}
