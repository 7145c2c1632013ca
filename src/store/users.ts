import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { AreaLevel } from '../domain/area.js';
import { partnerKindProblem, scopeLevels, scopeProblem, type PartnerKind, type Role } from '../domain/role.js';
import { findAreaByCode } from './areas.js';
import { audit, inTransaction, systemActor, type AuditActor } from './audit.js';
import type { Db } from './db.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAreaId: number | null;
  scopeAreaCode: string | null;
  scopeAreaLevel: AreaLevel | null;
  /** The body a partner speaks for; null for every other role. */
  partnerKind: PartnerKind | null;
  demo: boolean;
  disabled: boolean;
}

function userQuery(db: Db) {
  return db
    .selectFrom('appUser as u')
    .leftJoin('area as a', 'a.id', 'u.scopeAreaId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.role',
      'u.scopeAreaId',
      'a.code as scopeAreaCode',
      'a.level as scopeAreaLevel',
      'u.demo',
      'u.disabled',
      'u.partnerKind',
      'u.passwordHash',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['execute']>>[number];

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    scopeAreaId: row.scopeAreaId,
    scopeAreaCode: row.scopeAreaCode,
    scopeAreaLevel: row.scopeAreaLevel as AreaLevel | null,
    partnerKind: row.partnerKind as PartnerKind | null,
    demo: row.demo,
    disabled: row.disabled,
  };
}

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): OWASP's recommended floor or above. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeAreaId: number | null;
  partnerKind?: PartnerKind | null;
  demo?: boolean;
}

/** Adds an account and records `user.create` in the audit trail, in one transaction. */
export async function createUser(db: Db, user: NewUser, actor: AuditActor = systemActor): Promise<User> {
  const passwordHash = await hashPassword(user.password);
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('appUser')
      .values({
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        role: user.role,
        scopeAreaId: user.scopeAreaId,
        partnerKind: user.partnerKind ?? null,
        demo: user.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = (await findUserById(trx, id)) as User;
    await audit(trx, {
      actor,
      action: 'user.create',
      target: { kind: 'user', id },
      areaId: created.scopeAreaId,
      details: {
        username: created.username,
        role: created.role,
        scope: created.scopeAreaCode,
        ...(created.partnerKind === null ? {} : { partnerKind: created.partnerKind }),
        demo: created.demo,
      },
    });
    return created;
  });
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  const row = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = await userQuery(db).where('u.username', '=', username).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await userQuery(db).orderBy('u.username').execute()).map(toUser);
}

/**
 * Changes an account and records it in the audit trail, in one transaction: `user.role_change`,
 * `user.scope_change`, `user.disable`/`user.enable`, `user.password_change` or `user.update`, with the old and new
 * values of what changed (never the password). A change of role, scope, partner kind or password, or disabling,
 * ends the account's sessions (counted in the entry as `sessionsRevoked`).
 */
export async function updateUser(
  db: Db,
  id: number,
  changes: Partial<{
    role: Role;
    scopeAreaId: number | null;
    partnerKind: PartnerKind | null;
    displayName: string;
    disabled: boolean;
    password: string;
  }>,
  actor: AuditActor = systemActor,
): Promise<User | undefined> {
  const { password, ...rest } = changes;
  const values = { ...rest, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
  return inTransaction(db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) return undefined;
    if (Object.keys(values).length === 0) return before;
    await trx.updateTable('appUser').set(values).where('id', '=', id).execute();
    const after = (await findUserById(trx, id)) as User;
    const changed: Record<string, { old: unknown; new: unknown }> = {};
    if (before.role !== after.role) changed.role = { old: before.role, new: after.role };
    if (before.scopeAreaId !== after.scopeAreaId) {
      changed.scope = { old: before.scopeAreaCode, new: after.scopeAreaCode };
    }
    if (before.displayName !== after.displayName) {
      changed.displayName = { old: before.displayName, new: after.displayName };
    }
    if (before.disabled !== after.disabled) changed.disabled = { old: before.disabled, new: after.disabled };
    if (before.partnerKind !== after.partnerKind) {
      changed.partnerKind = { old: before.partnerKind, new: after.partnerKind };
    }
    const endsSessions =
      changed.role !== undefined ||
      changed.scope !== undefined ||
      changed.partnerKind !== undefined ||
      after.disabled ||
      password !== undefined;
    const sessionsRevoked = endsSessions ? await deleteSessionsOf(trx, id) : 0;
    const action =
      changed.role !== undefined
        ? 'user.role_change'
        : changed.scope !== undefined
          ? 'user.scope_change'
          : changed.disabled !== undefined
            ? after.disabled
              ? 'user.disable'
              : 'user.enable'
            : password !== undefined
              ? 'user.password_change'
              : 'user.update';
    await audit(trx, {
      actor,
      action,
      target: { kind: 'user', id },
      areaId: after.scopeAreaId,
      details: {
        username: after.username,
        ...changed,
        ...(password === undefined ? {} : { password: 'changed' }),
        ...(sessionsRevoked === 0 ? {} : { sessionsRevoked }),
      },
    });
    return after;
  });
}

export async function deleteDemoUsers(db: Db): Promise<number> {
  const result = await db.deleteFrom('appUser').where('demo', '=', true).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The user with these credentials, or null. A hash is always verified, even for an unknown name, so the answer
 * takes as long either way.
 */
export async function verifyCredentials(db: Db, username: string, password: string): Promise<User | null> {
  const row = await userQuery(db).where('u.username', '=', username).executeTakeFirst();
  const hash = row?.passwordHash ?? (await dummyHash());
  const ok = await argon2.verify(hash, password).catch(() => false);
  return row && ok ? toUser(row) : null;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/** Sessions: the cookie carries a random token; the store keeps only its SHA-256. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: number,
  ttlHours: number,
  origin: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db
    .insertInto('userSession')
    .values({
      id: tokenId(token),
      userId,
      expiresAt,
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** How often a session's last-seen time is written: not on every request. */
const lastSeenResolutionMs = 5 * 60_000;

export async function findSessionUser(db: Db, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('userSession')
    .select(['id', 'userId', 'expiresAt', 'lastSeenAt'])
    .where('id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row || row.expiresAt.getTime() <= Date.now()) return undefined;
  if (Date.now() - row.lastSeenAt.getTime() > lastSeenResolutionMs) {
    await db.updateTable('userSession').set({ lastSeenAt: new Date() }).where('id', '=', row.id).execute();
  }
  const user = await findUserById(db, row.userId);
  return user && !user.disabled ? user : undefined;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('userSession').where('id', '=', tokenId(token)).execute();
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const result = await db.deleteFrom('userSession').where('expiresAt', '<=', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A session as an administrator sees it: never the token, only its SHA-256 (which cannot be replayed). */
export interface SessionInfo {
  id: string;
  userId: number;
  username: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The sessions that have not expired, newest first; one user's when `userId` is given. */
export async function listSessions(db: Db, userId?: number): Promise<SessionInfo[]> {
  let query = db
    .selectFrom('userSession as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .select(['s.id', 's.userId', 'u.username', 's.createdAt', 's.lastSeenAt', 's.expiresAt', 's.ip', 's.userAgent'])
    .where('s.expiresAt', '>', new Date());
  if (userId !== undefined) query = query.where('s.userId', '=', userId);
  return query.orderBy('s.createdAt', 'desc').orderBy('s.id').execute();
}

/** Ends every session of a user; how many there were. */
export async function deleteSessionsOf(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('userSession').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends one session by its id (as `listSessions` gives it); the user it belonged to, or undefined. */
export async function deleteSessionById(db: Db, id: string): Promise<number | undefined> {
  const row = await db.deleteFrom('userSession').where('id', '=', id).returning('userId').executeTakeFirst();
  return row?.userId;
}

/** A role, scope and partner kind that go together, or the field at fault and why. */
export type AccountSettings =
  { ok: true; scopeAreaId: number | null } | { ok: false; field: 'scope' | 'partnerKind'; message: string };

/**
 * Checks that an account may hold this role with this scope (an area code, or null) and partner kind: the rules of
 * src/domain/role.ts, with the area looked up. National roles keep no area.
 */
export async function checkAccountSettings(
  db: Db,
  role: Role,
  scopeCode: string | null,
  partnerKind: PartnerKind | null,
): Promise<AccountSettings> {
  const area = scopeCode === null ? undefined : await findAreaByCode(db, scopeCode);
  if (scopeCode !== null && !area) return { ok: false, field: 'scope', message: `no area with code ${scopeCode}` };
  const scopeIssue = scopeProblem(role, area?.level ?? null);
  if (scopeIssue) return { ok: false, field: 'scope', message: scopeIssue };
  const kindIssue = partnerKindProblem(role, partnerKind);
  if (kindIssue) return { ok: false, field: 'partnerKind', message: kindIssue };
  return { ok: true, scopeAreaId: scopeLevels[role] === null ? null : (area?.id ?? null) };
}

/** How many live sessions each account has. */
export async function activeSessionCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('userSession')
    .select(['userId', db.fn.countAll<string>().as('n')])
    .where('expiresAt', '>', new Date())
    .groupBy('userId')
    .execute();
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}
