import { sql, type Transaction } from 'kysely';
import type { RegisterKind } from '../domain/register.js';
import { isLive, minimisationCutoff } from '../domain/register.js';
import { audit, inTransaction, type AuditActor } from './audit.js';
import type { Db } from './db.js';
import type { Tables } from './schema.js';
import { inScope, type Scope } from './scope.js';

/**
 * The restricted register (src/domain/register.ts). Every read here takes the caller's scope and the clock, and
 * returns live entries only: an entry that lapsed, was withdrawn or lies outside the scope is not found. Nothing
 * outside this module reads these tables.
 */

/** An entry as a list shows it. */
export interface RegisterListItem {
  id: number;
  kind: RegisterKind;
  fullName: string;
  aliases: string[];
  birthYear: number | null;
  areaId: number;
  createdAt: Date;
  expiresAt: Date;
  synthetic: boolean;
  cases: number;
  openCases: number;
}

export interface RegisterCase {
  incidentId: number;
  category: string;
  occurredAt: Date;
  status: string;
  solvedAt: Date | null;
  districtCode: string | null;
  linkedAt: Date;
}

export interface RegisterEntry extends RegisterListItem {
  description: string | null;
  grounds: string;
  createdBy: string | null;
  linked: RegisterCase[];
}

export interface RegisterQuery {
  scope: Scope;
  now: Date;
  kind?: RegisterKind | undefined;
  /** Part of a name or an alias, any case. */
  q?: string | undefined;
  /** Entries with a smaller id (the page after). */
  before?: number | undefined;
  limit: number;
}

/** Live entries inside the scope. */
function liveEntries(db: Db, scope: Scope, now: Date) {
  let query = db
    .selectFrom('registerEntry as e')
    .where('e.withdrawnAt', 'is', null)
    .where('e.expiresAt', '>', now)
    .where('e.fullName', 'is not', null);
  if (scope.area !== null) {
    const scopeId = scope.area.id;
    query = query.where(
      'e.areaId',
      'in',
      db.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', scopeId),
    );
  }
  return query;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function listColumns(db: Db, scope: Scope, now: Date) {
  return liveEntries(db, scope, now).select([
    'e.id',
    'e.kind',
    'e.fullName',
    'e.aliases',
    'e.birthYear',
    'e.areaId',
    'e.createdAt',
    'e.expiresAt',
    'e.synthetic',
    // A link counts while its incident exists and, for openCases, while it is open (isOpenCase).
    sql<number>`(select count(*) from register_case_link l join incident i on i.id = l.incident_id
      where l.entry_id = e.id)`.as('cases'),
    sql<number>`(select count(*) from register_case_link l join incident i on i.id = l.incident_id
      where l.entry_id = e.id and i.solved_at is null and i.status in ('recorded', 'under_investigation'))`.as(
      'openCases',
    ),
  ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listColumns>['execute']>>[number];

function toListItem(row: ListRow): RegisterListItem {
  return {
    id: row.id,
    kind: row.kind as RegisterKind,
    fullName: row.fullName ?? '',
    aliases: row.aliases,
    birthYear: row.birthYear,
    areaId: row.areaId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    synthetic: row.synthetic,
    cases: Number(row.cases),
    openCases: Number(row.openCases),
  };
}

/** Live entries in the scope, newest first, matching the kind and the text when given. */
export async function listRegister(db: Db, query: RegisterQuery): Promise<RegisterListItem[]> {
  let q = listColumns(db, query.scope, query.now);
  if (query.kind !== undefined) q = q.where('e.kind', '=', query.kind);
  const text = query.q?.trim();
  if (text) {
    const pattern = likePattern(text);
    q = q.where(sql<boolean>`(e.full_name ilike ${pattern} or array_to_string(e.aliases, ' ') ilike ${pattern})`);
  }
  if (query.before !== undefined) q = q.where('e.id', '<', query.before);
  const rows = await q.orderBy('e.id', 'desc').limit(query.limit).execute();
  return rows.map(toListItem);
}

/** A live entry in the scope with the cases linked to it that lie in the scope, or undefined. */
export async function findRegisterEntry(
  db: Db,
  id: number,
  scope: Scope,
  now: Date,
): Promise<RegisterEntry | undefined> {
  const row = await listColumns(db, scope, now)
    .leftJoin('appUser as u', 'u.id', 'e.createdBy')
    .select(['e.description', 'e.grounds', 'u.username as createdBy'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const linked = await db
    .selectFrom('registerCaseLink as l')
    .innerJoin('incident', 'incident.id', 'l.incidentId')
    .leftJoin('area as d', 'd.id', 'incident.districtId')
    .select([
      'l.incidentId',
      'l.linkedAt',
      'incident.category',
      'incident.occurredAt',
      'incident.status',
      'incident.solvedAt',
      'd.code as districtCode',
    ])
    .where('l.entryId', '=', id)
    .where(inScope('incident', scope))
    .orderBy('l.linkedAt')
    .orderBy('l.incidentId')
    .execute();
  return {
    ...toListItem(row),
    description: row.description,
    grounds: row.grounds,
    createdBy: row.createdBy,
    linked: linked.map((c) => ({ ...c, incidentId: Number(c.incidentId) })),
  };
}

export interface CaseState {
  id: number;
  status: string;
  solvedAt: Date | null;
}

/** Of these incidents, those that exist inside the scope, with what says whether each is open. */
export async function findCasesInScope(db: Db, ids: readonly number[], scope: Scope): Promise<CaseState[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('incident')
    .select(['id', 'status', 'solvedAt'])
    .where('id', 'in', ids)
    .where(inScope('incident', scope))
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface NewRegisterEntry {
  kind: RegisterKind;
  fullName: string;
  aliases: string[];
  birthYear: number | null;
  description: string | null;
  grounds: string;
  areaId: number;
  caseIds: readonly number[];
  createdBy: number | null;
  createdAt: Date;
  expiresAt: Date;
  synthetic?: boolean;
}

async function insertEntry(trx: Transaction<Tables>, entry: NewRegisterEntry): Promise<number> {
  const { id } = await trx
    .insertInto('registerEntry')
    .values({
      kind: entry.kind,
      fullName: entry.fullName,
      aliases: entry.aliases,
      birthYear: entry.birthYear,
      description: entry.description,
      grounds: entry.grounds,
      areaId: entry.areaId,
      createdBy: entry.createdBy,
      createdAt: entry.createdAt,
      expiresAt: entry.expiresAt,
      synthetic: entry.synthetic ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const incidentId of new Set(entry.caseIds)) {
    await trx
      .insertInto('registerCaseLink')
      .values({ entryId: id, incidentId, linkedAt: entry.createdAt, linkedBy: entry.createdBy })
      .execute();
  }
  return id;
}

/** Adds an entry and its case links, and records it (kind, area and cases; no personal field) in one transaction. */
export async function createRegisterEntry(db: Db, entry: NewRegisterEntry, actor: AuditActor): Promise<number> {
  return inTransaction(db, async (trx) => {
    const id = await insertEntry(trx, entry);
    await audit(trx, {
      actor,
      action: 'register.create',
      target: { kind: 'register_entry', id },
      areaId: entry.areaId,
      details: { id, kind: entry.kind, caseIds: [...new Set(entry.caseIds)], expiresAt: entry.expiresAt.toISOString() },
    });
    return id;
  });
}

/** The live entry in the scope, locked until the transaction ends, or undefined. */
async function lockLive(trx: Transaction<Tables>, id: number, scope: Scope, now: Date) {
  const row = await liveEntries(trx, scope, now)
    .select(['e.id', 'e.areaId', 'e.expiresAt', 'e.withdrawnAt'])
    .where('e.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && isLive(row, now) ? row : undefined;
}

export interface Renewal {
  expiresAt: Date;
  reason: string;
}

/** Moves a live entry's expiry and records why; false when there is no such live entry in the scope. */
export async function renewRegisterEntry(
  db: Db,
  id: number,
  scope: Scope,
  now: Date,
  renewal: Renewal,
  actor: AuditActor,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const entry = await lockLive(trx, id, scope, now);
    if (!entry) return false;
    await trx.updateTable('registerEntry').set({ expiresAt: renewal.expiresAt }).where('id', '=', id).execute();
    await audit(trx, {
      actor,
      action: 'register.renew',
      target: { kind: 'register_entry', id },
      areaId: entry.areaId,
      details: {
        reason: renewal.reason,
        oldExpiresAt: entry.expiresAt.toISOString(),
        newExpiresAt: renewal.expiresAt.toISOString(),
      },
    });
    return true;
  });
}

/** Withdraws a live entry (it is read no more) and records why; false when there is no such live entry. */
export async function withdrawRegisterEntry(
  db: Db,
  id: number,
  scope: Scope,
  now: Date,
  reason: string,
  actor: AuditActor,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const entry = await lockLive(trx, id, scope, now);
    if (!entry) return false;
    await trx
      .updateTable('registerEntry')
      .set({ withdrawnAt: now, withdrawnBy: actor.id, withdrawReason: reason })
      .where('id', '=', id)
      .execute();
    await audit(trx, {
      actor,
      action: 'register.withdraw',
      target: { kind: 'register_entry', id },
      areaId: entry.areaId,
      details: { reason },
    });
    return true;
  });
}

/**
 * Links one more case to a live entry and records it; 'not_found' without such a live entry, 'linked' when the
 * case already was.
 */
export async function linkRegisterCase(
  db: Db,
  id: number,
  incidentId: number,
  scope: Scope,
  now: Date,
  actor: AuditActor,
): Promise<'not_found' | 'linked' | 'added'> {
  return inTransaction(db, async (trx) => {
    const entry = await lockLive(trx, id, scope, now);
    if (!entry) return 'not_found';
    const existing = await trx
      .selectFrom('registerCaseLink')
      .select('incidentId')
      .where('entryId', '=', id)
      .where('incidentId', '=', incidentId)
      .executeTakeFirst();
    if (existing) return 'linked';
    await trx
      .insertInto('registerCaseLink')
      .values({ entryId: id, incidentId, linkedAt: now, linkedBy: actor.id })
      .execute();
    await audit(trx, {
      actor,
      action: 'register.link',
      target: { kind: 'register_entry', id },
      areaId: entry.areaId,
      details: { incidentId },
    });
    return 'added';
  });
}

/** Records a read of the register: why, how many entries it returned, and what was asked (never the names). */
export async function recordRegisterRead(
  db: Db,
  actor: AuditActor,
  read: { purpose: string; count: number; query?: Record<string, unknown>; entryId?: number; areaId?: number | null },
): Promise<void> {
  await audit(db, {
    actor,
    action: 'register.read',
    target: read.entryId === undefined ? undefined : { kind: 'register_entry', id: read.entryId },
    areaId: read.areaId ?? null,
    details: { purpose: read.purpose, count: read.count, ...(read.query ? { query: read.query } : {}) },
  });
}

export interface SweepResult {
  /** Entries found lapsed since the last sweep, each now recorded once as `register.expire`. */
  expired: number;
  /** Entries whose personal fields were blanked, 30 days or more after they ended. */
  minimised: number;
}

/**
 * Records each newly lapsed entry in the audit trail, once, and blanks the name, aliases, year of birth and
 * description of every entry that ended (lapsed or withdrawn) `minimisationDays` or more ago. Reads leave lapsed
 * entries out whether or not the sweep has run; the sweep only leaves a trace and minimises.
 */
export async function sweepRegister(db: Db, now: Date, actor: AuditActor): Promise<SweepResult> {
  return inTransaction(db, async (trx) => {
    const lapsed = await trx
      .selectFrom('registerEntry')
      .select(['id', 'areaId', 'expiresAt'])
      .where('expiresAt', '<=', now)
      .where('withdrawnAt', 'is', null)
      .where('expiryRecordedAt', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (lapsed.length > 0) {
      await trx
        .updateTable('registerEntry')
        .set({ expiryRecordedAt: now })
        .where(
          'id',
          'in',
          lapsed.map((e) => e.id),
        )
        .execute();
    }
    const cutoff = minimisationCutoff(now);
    const minimised = await trx
      .updateTable('registerEntry')
      .set({ fullName: null, aliases: [], birthYear: null, description: null, minimisedAt: now })
      .where('minimisedAt', 'is', null)
      .where((eb) =>
        eb.or([
          eb('withdrawnAt', '<=', cutoff),
          eb.and([eb('withdrawnAt', 'is', null), eb('expiresAt', '<=', cutoff)]),
        ]),
      )
      .executeTakeFirst();
    for (const entry of lapsed) {
      await audit(trx, {
        actor,
        action: 'register.expire',
        target: { kind: 'register_entry', id: entry.id },
        areaId: entry.areaId,
        details: { expiresAt: entry.expiresAt.toISOString() },
      });
    }
    return { expired: lapsed.length, minimised: Number(minimised.numUpdatedRows) };
  });
}

/** Adds the demo's synthetic entries, replacing the previous demo's and nothing else. */
export async function replaceSyntheticRegister(db: Db, entries: readonly NewRegisterEntry[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('registerEntry').where('synthetic', '=', true).execute();
    for (const entry of entries) await insertEntry(trx, { ...entry, synthetic: true });
    return entries.length;
  });
}
