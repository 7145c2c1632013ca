import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuditPage,
  AuditQuery,
  IncidentHistory,
  IncidentParams,
  IncidentPatch,
  type AuditEntry as AuditEntryBody,
} from '../../contract/audit.js';
import { ErrorBody } from '../../contract/common.js';
import { mayReadAuditTrail, type AuditEntry } from '../../domain/audit.js';
import type { CategoryCode } from '../../domain/category.js';
import { incidentEditDenial, incidentEditProblem } from '../../domain/incident-edit.js';
import { scopeCovers } from '../../domain/role.js';
import { audit, listAudit, userActor } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { editIncident, findEditableIncident, incidentHistory } from '../../store/incident-history.js';
import type { User } from '../../store/users.js';
import { requireUser } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';
import { parseRange } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function entryBody(entry: AuditEntry): AuditEntryBody {
  const details = entry.details;
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actor: entry.actorName,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    areaId: entry.areaId,
    details: details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** The incident if it exists (404) and lies in the user's scope (403). */
async function incidentInScope(db: Db, user: User, id: number) {
  const incident = await findEditableIncident(db, id);
  if (!incident) throw new AppError('NOT_FOUND', 404, `no incident ${id}`, 'id');
  if (!scopeCovers(user.scopeAreaId, { id: incident.areaId, ancestorIds: incident.ancestorIds })) {
    throw new AppError('OUT_OF_SCOPE', 403, `incident ${id} is outside your scope`, 'id');
  }
  return incident;
}

async function historyBody(db: Db, user: User, id: number): Promise<IncidentHistory> {
  const incident = await incidentInScope(db, user, id);
  const history = await incidentHistory(db, id);
  return {
    id: incident.id,
    category: incident.category,
    status: incident.status,
    solvedAt: incident.solvedAt?.toISOString() ?? null,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      actor: h.actorName,
      field: h.field,
      oldValue: h.oldValue,
      newValue: h.newValue,
      reason: h.reason,
    })),
  };
}

/** The audit trail and incident edits with their history (README, "Audit trail"). */
export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        summary: 'Search the audit trail, newest first (the director-general)',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayReadAuditTrail(user.role)) throw new AppError('FORBIDDEN', 403, 'the audit trail is not yours to read');
      const q = request.query;
      const limit = q.limit ?? 100;
      const range = parseRange(q.from, q.to);
      const before = q.cursor === undefined ? undefined : Number(q.cursor);
      const rows = await listAudit(db, {
        user: q.user,
        action: q.action,
        target: q.target,
        ...range,
        before,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      // Reading the trail is itself recorded.
      await audit(db, {
        actor: userActor(user),
        action: 'audit.search',
        details: { query: { ...q, limit } },
      });
      return { items: page.map(entryBody), nextCursor: rows.length > limit && last ? String(last.id) : null };
    },
  );

  app.patch(
    '/incidents/:id',
    {
      config: { access: 'incidents.write' },
      schema: {
        summary:
          'Reclassify an incident (a reason is required) or change its status: the director-general, a wali in the region, a district chief in the district',
        params: IncidentParams,
        body: IncidentPatch,
        response: { 200: IncidentHistory, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      const incident = await incidentInScope(db, user, id);
      const denial = incidentEditDenial(user, { id: incident.areaId, ancestorIds: incident.ancestorIds });
      if (denial === 'forbidden') throw new AppError('FORBIDDEN', 403, `a ${user.role} does not edit incidents`);
      if (denial === 'out_of_scope') throw new AppError('OUT_OF_SCOPE', 403, `incident ${id} is outside your scope`);
      const edit = { ...request.body, category: request.body.category as CategoryCode | undefined };
      const problem = incidentEditProblem(incident, edit);
      if (problem) throw badRequest(problem.field, problem.message);
      const changes = await editIncident(db, id, edit, userActor(user), deps.now());
      if (changes === undefined) throw new AppError('NOT_FOUND', 404, `no incident ${id}`, 'id');
      return historyBody(db, user, id);
    },
  );

  app.get(
    '/incidents/:id/history',
    {
      config: { access: 'incidents.read' },
      schema: {
        summary: 'An incident’s changes of category and status: who, when, from what to what and why',
        params: IncidentParams,
        response: { 200: IncidentHistory, ...errors },
      },
    },
    async (request) => historyBody(db, requireUser(request), request.params.id),
  );
};
