import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import {
  auditGenesisHash,
  auditHash,
  canonicalJson,
  verifyChain,
  type AuditAction,
  type AuditEntry,
  type AuditEntryFields,
  type ChainBreak,
  type ChainHead,
} from '../domain/audit.js';
import type { ImportSummary } from '../contract/import.js';
import type { Db } from './db.js';
import type { Tables } from './schema.js';

/** Who did it: a signed-in user, the command line (`cli:<os user>`) or the system itself. */
export interface AuditActor {
  id: number | null;
  name: string;
}

export const systemActor: AuditActor = { id: null, name: 'system' };

/** Someone not signed in, on a public route. */
export const publicActor: AuditActor = { id: null, name: 'public' };

export const userActor = (user: { id: number; username: string }): AuditActor => ({
  id: user.id,
  name: user.username,
});

export interface NewAuditEntry {
  actor: AuditActor;
  action: AuditAction;
  target?: { kind: string; id: string | number } | undefined;
  areaId?: number | null | undefined;
  /** Plain JSON: what changed (old and new values), why, counts… Never a password or a token. */
  details?: Record<string, unknown> | undefined;
}

/** What the audit trail keeps of an import: the file, how it was read and the counts, not the rows. */
export function importRecord(summary: ImportSummary): Record<string, unknown> {
  const { file, kind, preset, source, format, rows, inserted, duplicates, updated, rejected } = summary;
  return { file, kind, preset, source, format, rows, inserted, duplicates, updated, rejected };
}

export const sha256: (text: string) => string = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Tables>) : db.transaction().execute(work);
}

/**
 * Appends an entry to the audit trail, in the caller's transaction when it has one (so the entry stands or falls
 * with the change it records), else in its own. The table's lock serialises appends until the transaction ends, so
 * no two entries share a predecessor; append last in a transaction, to hold it briefly.
 */
export async function audit(db: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  return inTransaction(db, async (trx) => {
    await sql`lock table audit_log in exclusive mode`.execute(trx);
    const last = await trx
      .selectFrom('auditLog')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    // What jsonb gives back: undefined members dropped, keys in any order (the hash sorts them).
    const details = JSON.parse(canonicalJson(entry.details ?? {})) as unknown;
    const fields: AuditEntryFields = {
      id: (last?.id ?? 0) + 1,
      at: new Date(),
      actorId: entry.actor.id,
      actorName: entry.actor.name.slice(0, 200) || '?',
      action: entry.action,
      targetKind: entry.target?.kind ?? null,
      targetId: entry.target === undefined ? null : String(entry.target.id),
      areaId: entry.areaId ?? null,
      details,
      prevHash: last?.hash ?? auditGenesisHash,
    };
    const hash = auditHash(fields, sha256);
    await trx
      .insertInto('auditLog')
      .values({ ...fields, details: JSON.stringify(details), hash })
      .execute();
    return { ...fields, hash };
  });
}

function entryQuery(db: Db) {
  return db
    .selectFrom('auditLog')
    .select([
      'id',
      'at',
      'actorId',
      'actorName',
      'action',
      'targetKind',
      'targetId',
      'areaId',
      'details',
      'prevHash',
      'hash',
    ]);
}

export interface AuditQuery {
  /** The actor's username as recorded. */
  user?: string | undefined;
  action?: string | undefined;
  /** `kind` or `kind:id`, e.g. `incident:42`. */
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries older than this id (the page before). */
  before?: number | undefined;
  limit: number;
}

/** Entries newest first, filtered by actor, action, target and time (`to` exclusive). */
export async function listAudit(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
  let q = entryQuery(db);
  if (query.user !== undefined) q = q.where('actorName', '=', query.user);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.target !== undefined) {
    const split = query.target.indexOf(':');
    const kind = split < 0 ? query.target : query.target.slice(0, split);
    q = q.where('targetKind', '=', kind);
    if (split >= 0) q = q.where('targetId', '=', query.target.slice(split + 1));
  }
  if (query.from !== undefined) q = q.where('at', '>=', query.from);
  if (query.to !== undefined) q = q.where('at', '<', query.to);
  if (query.before !== undefined) q = q.where('id', '<', query.before);
  return q.orderBy('id', 'desc').limit(query.limit).execute();
}

export type AuditVerification = { ok: true; count: number; head: ChainHead | null } | { ok: false; broken: ChainBreak };

/** Reads the whole trail in id order, a page at a time, and checks every link (src/domain/audit.ts). */
export async function verifyAuditLog(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let head: ChainHead | null = null;
  let count = 0;
  for (;;) {
    let q = entryQuery(db);
    if (head !== null) q = q.where('id', '>', head.id);
    const page = await q.orderBy('id').limit(pageSize).execute();
    const result = verifyChain(page, sha256, head);
    if (!result.ok) return result;
    count += result.count;
    head = result.head;
    if (page.length < pageSize) return { ok: true, count, head };
  }
}
