import { hasPermission, type Role } from './role.js';

/**
 * The audit trail (docs: README, "Audit trail"): an append-only log in which each entry carries the hash of the
 * one before, so that an entry changed, removed or slipped in behind the application's back shows as a broken
 * link. The hash is SHA-256 over a canonical serialisation of the entry; the function is passed in, so that this
 * module stays free of I/O and runs anywhere.
 */

/** Stable codes of what an entry records. */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.lockout',
  'auth.login_locked',
  'user.unlock',
  'session.revoke',
  'user.create',
  'user.update',
  'user.role_change',
  'user.scope_change',
  'user.password_change',
  'user.disable',
  'user.enable',
  'incident.update',
  'incident.reclassify',
  'import.submit',
  'import.run',
  'export.brief_html',
  'export.brief_pdf',
  'plan.create',
  'plan.update',
  'plan.objective_add',
  'plan.action_add',
  'plan.action_update',
  'plan.action_share',
  'plan.partner_add',
  'plan.partner_remove',
  'submission.write',
  'patrol.log',
  'patrol_unit.status',
  'export.public_csv',
  'export.public_geojson',
  'audit.search',
  'register.read',
  'register.create',
  'register.renew',
  'register.withdraw',
  'register.expire',
  'register.link',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const isAuditAction = (value: string): value is AuditAction =>
  (auditActions as readonly string[]).includes(value);

/** The prev_hash of the first entry. */
export const auditGenesisHash = '0'.repeat(64);

/** An entry as stored. `at` is kept to the millisecond (what a JavaScript Date holds). */
export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  /** The actor's username when the entry was written (kept after the account is gone), or `cli:<os user>`, `system`. */
  actorName: string;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  areaId: number | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

export type AuditEntryFields = Omit<AuditEntry, 'hash'>;

/** SHA-256 of a UTF-8 string, as 64 lowercase hexadecimal digits. */
export type Sha256 = (text: string) => string;

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does) and no white space;
 * `undefined` members are left out, as `JSON.stringify` leaves them out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a JSON number: ${value}`);
    if (typeof value === 'bigint') throw new TypeError(`not a JSON value: ${value}n`);
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** An instant as the serialisation writes it: UTC, milliseconds, `2026-11-20T12:00:00.000Z`. */
export function auditInstant(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid audit time');
  return at.toISOString();
}

/**
 * What the hash covers, in a fixed order: id, time, actor id and name, action, target kind and id, area, details
 * (canonical JSON) and the previous entry's hash.
 */
export function auditSerialisation(entry: AuditEntryFields): string {
  return canonicalJson([
    entry.id,
    auditInstant(entry.at),
    entry.actorId,
    entry.actorName,
    entry.action,
    entry.targetKind,
    entry.targetId,
    entry.areaId,
    entry.details ?? null,
    entry.prevHash,
  ]);
}

export function auditHash(entry: AuditEntryFields, sha256: Sha256): string {
  return sha256(auditSerialisation(entry));
}

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'gap';

/** The first entry at which the chain does not hold, and why. */
export interface ChainBreak {
  id: number;
  action: string;
  reason: ChainBreakReason;
  message: string;
}

/** The last entry verified: where a verification of the next stretch starts. */
export interface ChainHead {
  id: number;
  hash: string;
}

export type ChainResult = { ok: true; count: number; head: ChainHead | null } | { ok: false; broken: ChainBreak };

/**
 * Checks entries in id order, each against the one before (`after`, or the genesis for the first entry when
 * `after` is null): ids follow one another without a hole (an entry removed), each prev_hash is the hash of the
 * entry before (an entry removed or replaced), and each hash is the hash of the entry's own fields (an entry
 * edited). Stops at the first failure.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  sha256: Sha256,
  after: ChainHead | null = null,
): ChainResult {
  let previous = after;
  let count = 0;
  for (const entry of entries) {
    const broken = (reason: ChainBreakReason, message: string): ChainResult => ({
      ok: false,
      broken: { id: entry.id, action: entry.action, reason, message },
    });
    const expectedId = (previous?.id ?? 0) + 1;
    if (entry.id !== expectedId) {
      const missing = entry.id > expectedId ? `entries ${expectedId}–${entry.id - 1} are missing` : 'out of order';
      return broken('gap', `expected entry ${expectedId}, found ${entry.id}: ${missing}`);
    }
    const expectedPrev = previous?.hash ?? auditGenesisHash;
    if (entry.prevHash !== expectedPrev) {
      const before = previous === null ? 'the genesis value' : `the hash of entry ${previous.id}`;
      return broken('prev_hash_mismatch', `its prev_hash is not ${before}`);
    }
    if (auditHash(entry, sha256) !== entry.hash) {
      return broken('hash_mismatch', 'its hash does not match its contents');
    }
    previous = { id: entry.id, hash: entry.hash };
    count++;
  }
  return { ok: true, count, head: previous };
}

/** Who may search the audit trail: a role with audit.read (the director-general and the auditor). */
export function mayReadAuditTrail(role: Role): boolean {
  return hasPermission(role, 'audit.read');
}
