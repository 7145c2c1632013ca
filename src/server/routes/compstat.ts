import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BaselineYearError,
  compstatPatterns,
  compstatReport,
  compstatTrends,
  PatternWindowError,
} from '../../analysis/compstat.js';
import { ErrorBody } from '../../contract/common.js';
import {
  Compstat,
  CompstatPatterns,
  CompstatPatternsQuery,
  CompstatQuery,
  CompstatTrends,
  CompstatTrendsQuery,
} from '../../contract/compstat.js';
import { demoInfo } from '../../ingest/demo.js';
import { areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The CompStat table of an area (docs/compstat.md), from the daily roll-up. */
export const compstatRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/compstat',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'CompStat: week to date, 28 days and year to date by category, against one and two years earlier and a ' +
          'baseline year, with rates, clearance and exact tests',
        querystring: CompstatQuery,
        response: { 200: Compstat, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { asOf, baselineYear } = request.query;
      try {
        return await compstatReport(
          db,
          scope,
          {
            area,
            now: deps.now(),
            ...(asOf === undefined ? {} : { asOf: parseDay(asOf, 'asOf') }),
            ...(baselineYear === undefined ? {} : { baselineYear }),
          },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        if (error instanceof BaselineYearError) throw badRequest('baselineYear', error.message);
        throw error;
      }
    },
  );

  app.get(
    '/compstat/patterns',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Incidents by local hour of day × weekday over a window (default the 28 days ending on the CompStat ' +
          'as-of day); those known only to the day or the month counted apart',
        querystring: CompstatPatternsQuery,
        response: { 200: CompstatPatterns, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { from, to, category } = request.query;
      try {
        return await compstatPatterns(
          db,
          scope,
          {
            area,
            now: deps.now(),
            ...(from === undefined ? {} : { from: parseDay(from, 'from') }),
            ...(to === undefined ? {} : { to: parseDay(to, 'to') }),
            ...(category === undefined ? {} : { category }),
          },
          { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
        );
      } catch (error) {
        if (error instanceof PatternWindowError) throw badRequest(error.field, error.message);
        throw error;
      }
    },
  );

  app.get(
    '/compstat/trends',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Weekly incidents per category and in total, Monday–Sunday weeks ending with the as-of day’s, beside ' +
          'the same weeks 52 weeks earlier, from the daily roll-up',
        querystring: CompstatTrendsQuery,
        response: { 200: CompstatTrends, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { asOf, weeks, category } = request.query;
      return compstatTrends(
        db,
        scope,
        {
          area,
          now: deps.now(),
          ...(asOf === undefined ? {} : { asOf: parseDay(asOf, 'asOf') }),
          ...(weeks === undefined ? {} : { weeks }),
          ...(category === undefined ? {} : { category }),
        },
        { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
      );
    },
  );
};
