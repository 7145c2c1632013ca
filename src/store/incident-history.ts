import type { CategoryCode } from '../domain/category.js';
import type { IncidentStatus } from '../domain/incident.js';
import { incidentEditChanges, type FieldChange, type IncidentEdit } from '../domain/incident-edit.js';
import { audit, inTransaction, type AuditActor } from './audit.js';
import type { Db } from './db.js';

/** An incident as far as editing it goes: its values, its finest area and that area's ancestors (for scope). */
export interface EditableIncident {
  id: number;
  category: CategoryCode;
  status: IncidentStatus;
  solvedAt: Date | null;
  areaId: number;
  ancestorIds: number[];
}

export async function findEditableIncident(db: Db, id: number): Promise<EditableIncident | undefined> {
  const row = await db
    .selectFrom('incident')
    .select(['id', 'category', 'status', 'solvedAt', 'areaId'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const ancestors = await db.selectFrom('areaAncestor').select('ancestorId').where('areaId', '=', row.areaId).execute();
  return {
    id: row.id,
    category: row.category as CategoryCode,
    status: row.status as IncidentStatus,
    solvedAt: row.solvedAt,
    areaId: row.areaId,
    ancestorIds: ancestors.map((a) => a.ancestorId),
  };
}

export interface HistoryEntry {
  at: Date;
  actorName: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

/**
 * Applies an edit in one transaction: the incident's row (the roll-up triggers move its counts), one history row
 * per changed field, and one audit entry (`incident.reclassify` when the category changed, else `incident.update`).
 * The row is locked first, so the old values recorded are the ones replaced. Returns the changes (none when the
 * edit repeats what is held) or undefined when the incident is gone.
 */
export async function editIncident(
  db: Db,
  id: number,
  edit: IncidentEdit,
  actor: AuditActor,
  now: Date,
): Promise<FieldChange[] | undefined> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('incident')
      .select(['category', 'status', 'solvedAt', 'areaId'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const current = {
      category: row.category as CategoryCode,
      status: row.status as IncidentStatus,
      solvedAt: row.solvedAt,
    };
    const changes = incidentEditChanges(current, edit, now);
    if (changes.length === 0) return changes;
    const values: { category?: string; status?: string; solvedAt?: Date | null } = {};
    for (const change of changes) {
      if (change.field === 'solvedAt') values.solvedAt = change.newValue === null ? null : new Date(change.newValue);
      else values[change.field] = change.newValue ?? undefined;
    }
    await trx.updateTable('incident').set(values).where('id', '=', id).execute();
    const at = new Date();
    const reason = edit.reason?.trim() || null;
    await trx
      .insertInto('incidentHistory')
      .values(changes.map((c) => ({ incidentId: id, at, actorId: actor.id, actorName: actor.name, ...c, reason })))
      .execute();
    const reclassified = changes.some((c) => c.field === 'category');
    await audit(trx, {
      actor,
      action: reclassified ? 'incident.reclassify' : 'incident.update',
      target: { kind: 'incident', id },
      areaId: row.areaId,
      details: {
        changes: Object.fromEntries(changes.map((c) => [c.field, { old: c.oldValue, new: c.newValue }])),
        ...(reason === null ? {} : { reason }),
      },
    });
    return changes;
  });
}

/** An incident's changes, oldest first. */
export async function incidentHistory(db: Db, id: number): Promise<HistoryEntry[]> {
  return db
    .selectFrom('incidentHistory')
    .select(['at', 'actorName', 'field', 'oldValue', 'newValue', 'reason'])
    .where('incidentId', '=', id)
    .orderBy('id')
    .execute();
}
