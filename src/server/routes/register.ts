import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AreaSummary } from '../../contract/common.js';
import { ErrorBody } from '../../contract/common.js';
import {
  LinkBody,
  Linked,
  RegisterEntry,
  RegisterEntryBody,
  RegisterListQuery,
  RegisterPage,
  RegisterParams,
  RegisterReadQuery,
  RegisterValidity,
  RenewBody,
  WithdrawBody,
  Withdrawn,
  type RegisterListItem as RegisterListItemBody,
} from '../../contract/register.js';
import type { IncidentStatus } from '../../domain/incident.js';
import {
  daysLeft,
  initialExpiry,
  isOpenCase,
  normaliseAliases,
  purposeProblem,
  renewedExpiry,
} from '../../domain/register.js';
import { defaultTimeZone, zonedDay } from '../../domain/time.js';
import { listAreas } from '../../store/areas.js';
import { userActor } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import {
  createRegisterEntry,
  findCasesInScope,
  findRegisterEntry,
  linkRegisterCase,
  listRegister,
  recordRegisterRead,
  renewRegisterEntry,
  withdrawRegisterEntry,
  type RegisterListItem,
} from '../../store/register.js';
import type { Scope } from '../../store/scope.js';
import { areaInScope, areaSummary } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Lapsed, withdrawn, outside the scope or never listed: the caller cannot tell which. */
const entryNotFound = (id: number) => new AppError('ENTRY_NOT_FOUND', 404, `no entry ${id} in the register`, 'id');

function statedPurpose(purpose: string): string {
  const problem = purposeProblem(purpose);
  if (problem) throw badRequest('purpose', problem);
  return purpose.trim();
}

async function summaries(db: Db, ids: readonly number[]): Promise<Map<number, AreaSummary>> {
  const areas = await listAreas(db, { ids: [...new Set(ids)] });
  return new Map(areas.map((a) => [a.id, areaSummary(a)]));
}

function itemBody(item: RegisterListItem, area: AreaSummary | undefined, now: Date): RegisterListItemBody {
  if (!area) throw new Error(`register entry ${item.id}: area ${item.areaId} is missing`);
  return {
    id: item.id,
    kind: item.kind,
    fullName: item.fullName,
    aliases: item.aliases,
    birthYear: item.birthYear,
    area,
    createdAt: item.createdAt.toISOString(),
    expiresAt: item.expiresAt.toISOString(),
    daysLeft: daysLeft(item.expiresAt, now),
    cases: item.cases,
    openCases: item.openCases,
    synthetic: item.synthetic,
  };
}

/** Each id names an open incident inside the scope; otherwise 400 on `field`. */
async function requireOpenCases(db: Db, ids: readonly number[], scope: Scope, field: string): Promise<void> {
  const found = new Map((await findCasesInScope(db, ids, scope)).map((c) => [c.id, c]));
  for (const id of ids) {
    const incident = found.get(id);
    if (!incident || !isOpenCase(incident)) {
      throw badRequest(field, `incident ${id} is not an open case in your scope`);
    }
  }
}

/**
 * The restricted register (README, "Restricted register"): the judicial police only, within their scope. Every
 * read states a purpose and is recorded with it; an entry that lapsed, was withdrawn or lies outside the scope
 * answers 404 like one that never existed.
 */
export const registerRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/register',
    {
      config: { access: 'register.read' },
      schema: {
        summary: 'Live entries of the register in your scope, newest first; the purpose is recorded with the read',
        querystring: RegisterListQuery,
        response: { 200: RegisterPage, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const purpose = statedPurpose(q.purpose);
      const scope = scopeOf(user);
      const now = deps.now();
      const limit = q.limit ?? 50;
      const rows = await listRegister(db, {
        scope,
        now,
        kind: q.kind,
        q: q.q,
        before: q.cursor === undefined ? undefined : Number(q.cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const areas = await summaries(
        db,
        page.map((r) => r.areaId),
      );
      await recordRegisterRead(db, userActor(user), {
        purpose,
        count: page.length,
        query: { q: q.q, kind: q.kind, limit, cursor: q.cursor },
        areaId: scope.area?.id ?? null,
      });
      const last = page[page.length - 1];
      return {
        items: page.map((r) => itemBody(r, areas.get(r.areaId), now)),
        nextCursor: rows.length > limit && last ? String(last.id) : null,
      };
    },
  );

  app.get(
    '/register/:id',
    {
      config: { access: 'register.read' },
      schema: {
        summary: 'One live entry of the register with its linked cases; the purpose is recorded with the read',
        params: RegisterParams,
        querystring: RegisterReadQuery,
        response: { 200: RegisterEntry, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const purpose = statedPurpose(request.query.purpose);
      const { id } = request.params;
      const now = deps.now();
      const entry = await findRegisterEntry(db, id, scopeOf(user), now);
      // A read that finds nothing is recorded too: asking for entries one may not see is worth knowing about.
      await recordRegisterRead(db, userActor(user), {
        purpose,
        count: entry ? 1 : 0,
        entryId: id,
        areaId: entry?.areaId ?? null,
      });
      if (!entry) throw entryNotFound(id);
      const areas = await summaries(db, [entry.areaId]);
      return {
        ...itemBody(entry, areas.get(entry.areaId), now),
        description: entry.description,
        grounds: entry.grounds,
        createdBy: entry.createdBy,
        linked: entry.linked.map((c) => ({
          incidentId: c.incidentId,
          category: c.category,
          day: zonedDay(c.occurredAt, defaultTimeZone),
          district: c.districtCode,
          status: c.status as IncidentStatus,
          open: isOpenCase(c),
          linkedAt: c.linkedAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/register',
    {
      config: { access: 'register.write' },
      schema: {
        summary: 'List a person, for an area of your scope and at least one open case in it; valid 90 days',
        body: RegisterEntryBody,
        response: { 201: RegisterValidity, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      const scope = scopeOf(user);
      const fullName = body.fullName.trim();
      if (fullName === '') throw badRequest('fullName', 'the name is blank');
      const grounds = body.grounds.trim();
      if (grounds === '') throw badRequest('grounds', 'state the grounds for listing');
      const area = await areaInScope(db, body.area, scope);
      await requireOpenCases(db, body.caseIds, scope, 'caseIds');
      const now = deps.now();
      const expiresAt = initialExpiry(now);
      const id = await createRegisterEntry(
        db,
        {
          kind: body.kind,
          fullName,
          aliases: normaliseAliases(body.aliases ?? []),
          birthYear: body.birthYear ?? null,
          description: body.description?.trim() || null,
          grounds,
          areaId: area.id,
          caseIds: body.caseIds,
          createdBy: user.id,
          createdAt: now,
          expiresAt,
        },
        userActor(user),
      );
      return reply.code(201).send({ id, expiresAt: expiresAt.toISOString(), daysLeft: daysLeft(expiresAt, now) });
    },
  );

  app.post(
    '/register/:id/renew',
    {
      config: { access: 'register.write' },
      schema: {
        summary: 'Extend a live entry by up to 180 days from now, with a reason; a lapsed entry cannot be renewed',
        params: RegisterParams,
        body: RenewBody,
        response: { 200: RegisterValidity, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      const reason = request.body.reason.trim();
      if (reason === '') throw badRequest('reason', 'state the reason for renewing');
      const now = deps.now();
      const expiresAt = renewedExpiry(now, request.body.days);
      const renewed = await renewRegisterEntry(db, id, scopeOf(user), now, { expiresAt, reason }, userActor(user));
      if (!renewed) throw entryNotFound(id);
      return { id, expiresAt: expiresAt.toISOString(), daysLeft: daysLeft(expiresAt, now) };
    },
  );

  app.post(
    '/register/:id/withdraw',
    {
      config: { access: 'register.write' },
      schema: {
        summary: 'Withdraw a live entry, with a reason: it is read no more',
        params: RegisterParams,
        body: WithdrawBody,
        response: { 200: Withdrawn, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      const reason = request.body.reason.trim();
      if (reason === '') throw badRequest('reason', 'state the reason for withdrawing');
      const withdrawn = await withdrawRegisterEntry(db, id, scopeOf(user), deps.now(), reason, userActor(user));
      if (!withdrawn) throw entryNotFound(id);
      return { id, withdrawn: true as const };
    },
  );

  app.post(
    '/register/:id/cases',
    {
      config: { access: 'register.write' },
      schema: {
        summary: 'Link another open case in your scope to a live entry',
        params: RegisterParams,
        body: LinkBody,
        response: { 200: Linked, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      const { incidentId } = request.body;
      const scope = scopeOf(user);
      await requireOpenCases(db, [incidentId], scope, 'incidentId');
      const result = await linkRegisterCase(db, id, incidentId, scope, deps.now(), userActor(user));
      if (result === 'not_found') throw entryNotFound(id);
      return { id, incidentId, added: result === 'added' };
    },
  );
};
