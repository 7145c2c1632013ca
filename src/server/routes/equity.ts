import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EquityRequestError, equityReport, equityTrend } from '../../analysis/equity.js';
import { ErrorBody } from '../../contract/common.js';
import { EquityQuery, EquityReport, EquityTrend, EquityTrendQuery } from '../../contract/equity.js';
import { zonedDay } from '../../domain/time.js';
import { demoInfo } from '../../ingest/demo.js';
import { areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function requestErrors(error: unknown): never {
  if (error instanceof EquityRequestError) throw badRequest(error.field, error.message);
  throw error;
}

/** Equity: every province or city of an area held against the national figure (docs in README). */
export const equityRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/equity',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Every province or city of an area against the national figure over the same days: median and 90th ' +
          'percentile time to arrival on scene, share on scene within standard, clearance (overall and violent), ' +
          'actual patrol hours per 100,000 residents, each with its n, difference, ratio and rank (worst first), ' +
          'and the disparity across the areas (population-weighted Gini and Theil, worst to median)',
        querystring: EquityQuery,
        response: { 200: EquityReport, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const parent = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { level, from, to, measure, minN } = request.query;
      try {
        return await equityReport(
          db,
          scope,
          { parent, level: level ?? 'province', from: parseDay(from, 'from'), to: parseDay(to, 'to'), measure, minN },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        return requestErrors(error);
      }
    },
  );

  app.get(
    '/equity/trend',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'The disparity of one measure across the provinces or cities of an area, month by month, with the ' +
          'national figure of each month',
        querystring: EquityTrendQuery,
        response: { 200: EquityTrend, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const parent = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { level, measure, months, to, minN } = request.query;
      try {
        return await equityTrend(
          db,
          scope,
          {
            parent,
            level: level ?? 'province',
            measure,
            months,
            to: to === undefined ? zonedDay(deps.now(), parent.timeZone) : parseDay(to, 'to'),
            minN,
          },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        return requestErrors(error);
      }
    },
  );
};
