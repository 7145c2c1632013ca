import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clearanceReport, parseStandards, responseReport, ResponseWindowError } from '../../analysis/response.js';
import { ErrorBody } from '../../contract/common.js';
import { ClearanceQuery, ClearanceReport, ResponseQuery, ResponseReport } from '../../contract/response.js';
import type { CallPriority } from '../../domain/call.js';
import { demoInfo } from '../../ingest/demo.js';
import { areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function windowErrors(error: unknown): never {
  if (error instanceof ResponseWindowError) throw badRequest(error.field, error.message);
  throw error;
}

/** Response times of calls for service and clearance of incidents, for an area over local days (docs in README). */
export const responseRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/response',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Response times of calls for service: to dispatch, on scene and closed (median, 90th percentile and the ' +
          'calls behind them), calls never dispatched, on scene or closed, and the share on scene within the ' +
          'standard of each priority; overall, by priority, call type, local hour and week',
        querystring: ResponseQuery,
        response: { 200: ResponseReport, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { from, to, priority, standards, exact } = request.query;
      let parsed;
      try {
        parsed = standards === undefined ? undefined : parseStandards(standards);
      } catch (error) {
        throw badRequest('standards', `standards: ${(error as Error).message}`);
      }
      try {
        return await responseReport(
          db,
          scope,
          {
            area,
            from: parseDay(from, 'from'),
            to: parseDay(to, 'to'),
            priority: priority as CallPriority | undefined,
            standards: parsed,
            exact,
          },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        return windowErrors(error);
      }
    },
  );

  app.get(
    '/clearance',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Clearance of incidents: the share solved overall and of violent crime, by category and by child area, ' +
          'with the time to solve (median and 90th percentile)',
        querystring: ClearanceQuery,
        response: { 200: ClearanceReport, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { from, to } = request.query;
      try {
        return await clearanceReport(
          db,
          scope,
          { area, from: parseDay(from, 'from'), to: parseDay(to, 'to') },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        return windowErrors(error);
      }
    },
  );
};
