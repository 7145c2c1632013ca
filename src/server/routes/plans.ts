import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addAction,
  addObjective,
  addPlanPartner,
  createPlan,
  editAction,
  editPlan,
  listPlans,
  planProgress,
  planUnits,
  PlanError,
  removePlanPartner,
  submissionWeek,
  writeSubmission,
} from '../../analysis/plans.js';
import { ErrorBody } from '../../contract/common.js';
import type { AuditAction } from '../../domain/audit.js';
import {
  ActionBody,
  ActionParams,
  ActionPatch,
  ObjectiveBody,
  PartnerBody,
  PartnerParams,
  PlanBody,
  PlanList,
  PlanListQuery,
  PlanParams,
  PlanPatch,
  PlanProgress,
  ProgressQuery,
  SubmissionBody,
  SubmissionQuery,
  SubmissionTarget,
  SubmissionWeek,
  UnitList,
} from '../../contract/plans.js';
import { audit, userActor } from '../../store/audit.js';
import type { User } from '../../store/users.js';
import { areaInScope, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The API's answer to a plan request that cannot be satisfied. */
function httpError(error: PlanError): AppError {
  switch (error.failure) {
    case 'invalid':
      return new AppError('VALIDATION_FAILED', 400, error.message, error.field);
    case 'area_not_found':
      return new AppError('AREA_NOT_FOUND', 404, error.message, error.field);
    case 'plan_not_found':
      return new AppError('PLAN_NOT_FOUND', 404, error.message, error.field);
    case 'action_not_found':
      return new AppError('ACTION_NOT_FOUND', 404, error.message, error.field);
    case 'partner_not_found':
      return new AppError('USER_NOT_FOUND', 404, error.message, error.field);
    case 'forbidden':
      return new AppError('FORBIDDEN', 403, error.message, error.field);
    case 'out_of_scope':
      return new AppError('OUT_OF_SCOPE', 403, error.message, error.field);
    case 'closed':
      return new AppError('SUBMISSION_CLOSED', 409, error.message, error.field);
  }
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof PlanError ? httpError(error) : error;
  }
}

const asOfOf = (asOf: string | undefined) => (asOf === undefined ? {} : { asOf: parseDay(asOf, 'asOf') });

/** Plans, objectives, actions and weekly submissions (docs/compstat.md, "Plans and follow-up"). */
export const planRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  /** The audit trail's record of a plan write, after it succeeded: what was asked, as sent. */
  const recordPlanWrite = (user: User, action: AuditAction, planId: number, details: object) =>
    audit(db, { actor: userActor(user), action, target: { kind: 'plan', id: planId }, details: { ...details } });

  app.get(
    '/plans',
    {
      config: { access: 'plans.read' },
      schema: {
        summary: 'The plans bearing on an area, with objective progress and actions as of a day',
        querystring: PlanListQuery,
        response: { 200: PlanList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const scope = scopeOf(user);
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      return answer(() => listPlans(db, scope, user, { area, now: deps.now(), ...asOfOf(request.query.asOf) }));
    },
  );

  app.post(
    '/plans',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Create a plan (director-general; a wali in the region)',
        body: PlanBody,
        response: { 201: PlanProgress, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      parseDay(body.start, 'start');
      parseDay(body.end, 'end');
      const created = await answer(() => createPlan(db, scopeOf(user), user, body, deps.now()));
      await recordPlanWrite(user, 'plan.create', created.plan.id, body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/plans/:id',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Change a plan’s kind, title, owner area, period or status',
        params: PlanParams,
        body: PlanPatch,
        response: { 200: PlanProgress, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { start, end } = request.body;
      if (start !== undefined) parseDay(start, 'start');
      if (end !== undefined) parseDay(end, 'end');
      const edited = await answer(() => editPlan(db, scopeOf(user), user, request.params.id, request.body, deps.now()));
      await recordPlanWrite(user, 'plan.update', request.params.id, request.body);
      return edited;
    },
  );

  app.get(
    '/plans/:id/progress',
    {
      config: { access: 'plans.read' },
      schema: {
        summary: 'A plan as of a day: each objective’s baseline, current and target values and status; late actions',
        params: PlanParams,
        querystring: ProgressQuery,
        response: { 200: PlanProgress, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const options = { now: deps.now(), ...asOfOf(request.query.asOf) };
      return answer(() => planProgress(db, scopeOf(user), user, request.params.id, options));
    },
  );

  app.get(
    '/plans/:id/units',
    {
      config: { access: 'plans.read' },
      schema: {
        summary: 'The police units that may own the plan’s actions (those working in its area)',
        params: PlanParams,
        response: { 200: UnitList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return answer(() => planUnits(db, scopeOf(user), request.params.id));
    },
  );

  app.post(
    '/plans/:id/objectives',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Add a measurable objective to a plan',
        params: PlanParams,
        body: ObjectiveBody,
        response: { 201: PlanProgress, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      for (const field of ['windowFrom', 'windowTo', 'baselineFrom', 'baselineTo', 'deadline'] as const) {
        const value = body[field];
        if (value !== undefined) parseDay(value, field);
      }
      const plan = await answer(() => addObjective(db, scopeOf(user), user, request.params.id, body, deps.now()));
      await recordPlanWrite(user, 'plan.objective_add', request.params.id, body);
      return reply.code(201).send(plan);
    },
  );

  app.post(
    '/plans/:id/actions',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Add an action to a plan, owned by a police unit working in its area',
        params: PlanParams,
        body: ActionBody,
        response: { 201: PlanProgress, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      parseDay(body.due, 'due');
      if (body.doneOn !== undefined) parseDay(body.doneOn, 'doneOn');
      const plan = await answer(() => addAction(db, scopeOf(user), user, request.params.id, body, deps.now()));
      await recordPlanWrite(user, 'plan.action_add', request.params.id, body);
      return reply.code(201).send(plan);
    },
  );

  app.patch(
    '/plans/:id/actions/:actionId',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Update an action (its plan’s editors; a district chief for his district’s units)',
        params: ActionParams,
        body: ActionPatch,
        response: { 200: PlanProgress, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, actionId } = request.params;
      const body = request.body;
      if (body.due !== undefined) parseDay(body.due, 'due');
      if (body.doneOn !== undefined && body.doneOn !== null) parseDay(body.doneOn, 'doneOn');
      const edited = await answer(() => editAction(db, scopeOf(user), user, id, actionId, body, deps.now()));
      const { shared, ...rest } = body;
      if (Object.keys(rest).length > 0) await recordPlanWrite(user, 'plan.action_update', id, { actionId, ...rest });
      if (shared !== undefined) await recordPlanWrite(user, 'plan.action_share', id, { actionId, shared });
      return edited;
    },
  );

  app.post(
    '/plans/:id/partners',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Add a partner account to a plan (its territory must overlap the plan’s area)',
        params: PlanParams,
        body: PartnerBody,
        response: { 201: PlanProgress, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { username } = request.body;
      const plan = await answer(() => addPlanPartner(db, scopeOf(user), user, request.params.id, username, deps.now()));
      await recordPlanWrite(user, 'plan.partner_add', request.params.id, { username });
      return reply.code(201).send(plan);
    },
  );

  app.delete(
    '/plans/:id/partners/:username',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Remove a partner account from a plan',
        params: PartnerParams,
        response: { 200: PlanProgress, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id, username } = request.params;
      const plan = await answer(() => removePlanPartner(db, scopeOf(user), user, id, username, deps.now()));
      await recordPlanWrite(user, 'plan.partner_remove', id, { username });
      return plan;
    },
  );

  app.get(
    '/submissions',
    {
      config: { access: 'plans.read' },
      schema: {
        summary: 'An area’s submission of efforts and difficulties for a week, and its child areas’',
        querystring: SubmissionQuery,
        response: { 200: SubmissionWeek, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      const { week } = request.query;
      return answer(() => submissionWeek(db, user, { area, now: deps.now(), ...(week === undefined ? {} : { week }) }));
    },
  );

  app.put(
    '/submissions',
    {
      config: { access: 'plans.write' },
      schema: {
        summary: 'Write an area’s submission for a week (one per area and week, until the week ends)',
        querystring: SubmissionTarget,
        body: SubmissionBody,
        response: { 200: SubmissionWeek, 409: ErrorBody, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await areaInScope(db, request.query.area, scopeOf(user));
      const { week } = request.query;
      const written = await answer(() =>
        writeSubmission(db, user, { area, week, body: request.body, now: deps.now() }),
      );
      await audit(db, {
        actor: userActor(user),
        action: 'submission.write',
        target: { kind: 'area', id: area.code },
        areaId: area.id,
        details: { week },
      });
      return written;
    },
  );
};
