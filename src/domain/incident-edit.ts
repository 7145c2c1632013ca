import type { CategoryCode } from './category.js';
import type { IncidentStatus } from './incident.js';
import type { Actor, Denial } from './plan.js';
import { hasPermission, scopeCovers, type AreaPath } from './role.js';

/**
 * Editing an incident after it was recorded: its category (a reclassification, which needs a reason — quietly
 * downgrading offences is what CompStat audits look for) and its status. Every change is kept in the incident's
 * history and the audit trail.
 */
export interface IncidentEdit {
  category?: CategoryCode | undefined;
  status?: IncidentStatus | undefined;
  reason?: string | undefined;
}

export interface IncidentState {
  category: CategoryCode;
  status: IncidentStatus;
  solvedAt: Date | null;
}

export type EditedField = 'category' | 'status' | 'solvedAt';

export interface FieldChange {
  field: EditedField;
  oldValue: string | null;
  newValue: string | null;
}

/** Why an edit cannot be made (the field and a message), or null. */
export function incidentEditProblem(
  current: IncidentState,
  edit: IncidentEdit,
): { field: string; message: string } | null {
  if (edit.category === undefined && edit.status === undefined) {
    return { field: 'category', message: 'category or status: give at least one' };
  }
  const reclassified = edit.category !== undefined && edit.category !== current.category;
  if (reclassified && (edit.reason ?? '').trim() === '') {
    return { field: 'reason', message: 'reason: required when the category changes' };
  }
  return null;
}

/**
 * What an edit changes, field by field. A case becoming solved is solved `now` (or when it already was); one
 * reopened (recorded, under investigation) is no longer solved; a closed case keeps its solving time.
 */
export function incidentEditChanges(current: IncidentState, edit: IncidentEdit, now: Date): FieldChange[] {
  const changes: FieldChange[] = [];
  if (edit.category !== undefined && edit.category !== current.category) {
    changes.push({ field: 'category', oldValue: current.category, newValue: edit.category });
  }
  if (edit.status !== undefined && edit.status !== current.status) {
    changes.push({ field: 'status', oldValue: current.status, newValue: edit.status });
    const solvedAt =
      edit.status === 'solved' ? (current.solvedAt ?? now) : edit.status === 'closed' ? current.solvedAt : null;
    if ((solvedAt?.getTime() ?? null) !== (current.solvedAt?.getTime() ?? null)) {
      changes.push({
        field: 'solvedAt',
        oldValue: current.solvedAt?.toISOString() ?? null,
        newValue: solvedAt?.toISOString() ?? null,
      });
    }
  }
  return changes;
}

/** Editing an incident: the director-general anywhere, a wali in the region, a district chief in the district; analysts never. */
export function incidentEditDenial(actor: Actor, area: AreaPath): Denial | null {
  if (!hasPermission(actor.role, 'incidents.write')) return 'forbidden';
  return scopeCovers(actor.scopeAreaId, area) ? null : 'out_of_scope';
}
