import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { AreaLevel } from '../domain/area.js';
import type { Role } from '../domain/role.js';
import type { Db } from './db.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAreaId: number | null;
  scopeAreaCode: string | null;
  scopeAreaLevel: AreaLevel | null;
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
  demo?: boolean;
}

export async function createUser(db: Db, user: NewUser): Promise<User> {
  const { id } = await db
    .insertInto('appUser')
    .values({
      username: user.username,
      displayName: user.displayName,
      passwordHash: await hashPassword(user.password),
      role: user.role,
      scopeAreaId: user.scopeAreaId,
      demo: user.demo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findUserById(db, id)) as User;
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

export async function updateUser(
  db: Db,
  id: number,
  changes: Partial<{
    role: Role;
    scopeAreaId: number | null;
    displayName: string;
    disabled: boolean;
    password: string;
  }>,
): Promise<User | undefined> {
  const { password, ...rest } = changes;
  const values = { ...rest, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
  if (Object.keys(values).length > 0) await db.updateTable('appUser').set(values).where('id', '=', id).execute();
  return findUserById(db, id);
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
function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: number,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db
    .insertInto('userSession')
    .values({ id: tokenId(token), userId, expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function findSessionUser(db: Db, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('userSession')
    .select(['userId', 'expiresAt'])
    .where('id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row || row.expiresAt.getTime() <= Date.now()) return undefined;
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
