import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  changeUnitStatus,
  defaultPatrolRisk,
  fairnessReport,
  patrolLog,
  PatrolError,
  patrolRisk,
  patrolUnits,
  planPatrols,
  presenceReport,
  recordPatrol,
} from '../../analysis/patrols.js';
import { ErrorBody } from '../../contract/common.js';
import {
  FairnessReport,
  PatrolLogBody,
  PatrolLogEntry,
  PatrolLogList,
  PatrolPlan,
  PatrolUnit,
  PatrolUnitList,
  PeriodQuery,
  PlanQuery,
  PresenceReport,
  UnitParams,
  UnitQuery,
  UnitStatusBody,
} from '../../contract/patrols.js';
import { parseShift } from '../../domain/patrol.js';
import { audit, userActor } from '../../store/audit.js';
import { requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function httpError(error: PatrolError): AppError {
  switch (error.failure) {
    case 'invalid':
      return new AppError('VALIDATION_FAILED', 400, error.message, error.field);
    case 'area_not_found':
      return new AppError('AREA_NOT_FOUND', 404, error.message, error.field);
    case 'not_found':
      return new AppError('NOT_FOUND', 404, error.message, error.field);
    case 'forbidden':
      return new AppError('FORBIDDEN', 403, error.message, error.field);
    case 'out_of_scope':
      return new AppError('OUT_OF_SCOPE', 403, error.message, error.field);
  }
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof PatrolError ? httpError(error) : error;
  }
}

/** The patrol dosage log, fairness across districts and shift plans (docs/patrols.md). */
export const patrolRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/patrols/log',
    {
      config: { access: 'patrols.write' },
      schema: {
        summary: 'Record time a unit spent in a cell (director-general; a wali in the region; a district chief)',
        body: PatrolLogBody,
        response: { 201: PatrolLogEntry, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const entry = await answer(() => recordPatrol(db, user, request.body));
      await audit(db, {
        actor: userActor(user),
        action: 'patrol.log',
        target: { kind: 'patrol_log', id: entry.id },
        details: { ...request.body },
      });
      return reply.code(201).send(entry);
    },
  );

  app.get(
    '/patrols/log',
    {
      config: { access: 'patrols.read' },
      schema: {
        summary: 'The patrol log of an area’s districts over local days',
        querystring: PeriodQuery,
        response: { 200: PatrolLogList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { from, to } = request.query;
      parseDay(from, 'from');
      parseDay(to, 'to');
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      return answer(() => patrolLog(db, area, from, to));
    },
  );

  app.get(
    '/patrols/fairness',
    {
      config: { access: 'patrols.read' },
      schema: {
        summary: 'Patrol hours per district against its share of crime, over local days',
        querystring: PeriodQuery,
        response: { 200: FairnessReport, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { from, to } = request.query;
      parseDay(from, 'from');
      parseDay(to, 'to');
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      return answer(() => fairnessReport(db, area, from, to));
    },
  );

  app.get(
    '/patrols/presence',
    {
      config: { access: 'patrols.read' },
      schema: {
        summary: 'Patrol presence per district over local days: units, actual hours by shift, per 100,000 residents',
        querystring: PeriodQuery,
        response: { 200: PresenceReport, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { from, to } = request.query;
      parseDay(from, 'from');
      parseDay(to, 'to');
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      return answer(() => presenceReport(db, area, from, to));
    },
  );

  app.get(
    '/patrol-units',
    {
      config: { access: 'patrols.read' },
      schema: {
        summary: 'The patrol units based in an area’s districts, with their status',
        querystring: UnitQuery,
        response: { 200: PatrolUnitList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      return patrolUnits(db, area);
    },
  );

  app.patch(
    '/patrol-units/:code',
    {
      config: { access: 'patrols.write' },
      schema: {
        summary: 'Set a patrol unit’s status (director-general; a wali in the region; a district chief)',
        params: UnitParams,
        body: UnitStatusBody,
        response: { 200: PatrolUnit, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return answer(() => changeUnitStatus(db, user, request.params.code, request.body.status, deps.now()));
    },
  );

  app.get(
    '/patrols/plan',
    {
      config: { access: 'patrols.read' },
      schema: {
        summary: 'A patrol plan for one shift: district floors, a weekly cap per cell, rotation, then risk',
        querystring: PlanQuery,
        response: { 200: PatrolPlan, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { units, cap, floor, risk, includePoliceInitiated } = request.query;
      const shift = parseShift(request.query.shift);
      if (!shift) throw badRequest('shift', `shift: not DAY:morning|afternoon|night: ${request.query.shift}`);
      parseDay(shift.day, 'shift');
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      return answer(() =>
        planPatrols(db, {
          area,
          shift,
          ...(units === undefined ? {} : { units }),
          ...(cap === undefined ? {} : { capHours: cap }),
          ...(floor === undefined ? {} : { floorHours: floor }),
          risk: patrolRisk(risk ?? defaultPatrolRisk, { includePoliceInitiated: includePoliceInitiated ?? false }),
        }),
      );
    },
  );
};
