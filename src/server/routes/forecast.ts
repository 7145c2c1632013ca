import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { compstatDefaultAsOf } from '../../analysis/compstat.js';
import { forecastCells, forecastFeatures } from '../../analysis/forecast.js';
import { NoBoundaryError } from '../../analysis/hotspots.js';
import { ErrorBody } from '../../contract/common.js';
import { Forecast, ForecastQuery } from '../../contract/forecast.js';
import { FeatureCollection } from '../../contract/hotspots.js';
import { addDays, zonedDay } from '../../domain/time.js';
import { GridTooLargeError } from '../../geo/study-grid.js';
import { demoInfo } from '../../ingest/demo.js';
import type { AreaRow } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { areaInScope, areaSummary } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * The default last day of data: CompStat's default as-of day (the latest day with data in the area's hierarchy),
 * but never today, which is not over yet.
 */
async function defaultForecastAsOf(db: Db, area: AreaRow, now: Date): Promise<string> {
  const latest = await compstatDefaultAsOf(db, area, now);
  const yesterday = addDays(zonedDay(now, area.timeZone), -1);
  return latest < yesterday ? latest : yesterday;
}

/** Flagged cells for the next shift, day, week or 28 days of an area (README: Forecasts). */
export const forecastRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/forecast',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'A forecast of the area’s grid cells for a horizon after a day: the share of cells with the highest ' +
          'scores, and which records the model learned from (police-initiated ones only when asked for)',
        querystring: ForecastQuery,
        response: { 200: Type.Union([Forecast, FeatureCollection]), ...errors },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(requireUser(request));
      const q = request.query;
      const area = await areaInScope(db, q.area, scope);
      const asOf = q.asOf === undefined ? await defaultForecastAsOf(db, area, deps.now()) : parseDay(q.asOf, 'asOf');
      let forecast;
      try {
        forecast = await forecastCells(db, scope, {
          area,
          asOf,
          horizon: q.horizon ?? 'week',
          model: q.model ?? 'etas',
          share: q.share ?? 0.01,
          includePoliceInitiated: q.includePoliceInitiated ?? false,
          modelOptions: { modulation: q.modulation ?? 'none' },
        });
      } catch (error) {
        if (error instanceof GridTooLargeError || error instanceof NoBoundaryError) {
          throw badRequest('area', error.message);
        }
        throw error;
      }
      const synthetic = (await demoInfo(db)) !== undefined;
      const features = forecastFeatures(forecast);
      if (q.format === 'geojson') {
        return reply.type('application/geo+json').send({
          ...features,
          properties: {
            area: forecast.area.code,
            asOf: forecast.asOf,
            start: forecast.start,
            horizon: forecast.horizon,
            model: forecast.model,
            share: forecast.share,
            cellSizeM: forecast.cellSizeM,
            cellsInside: forecast.cellsInside,
            provenances: forecast.provenances,
            provenanceNote: forecast.provenanceNote,
            modulation: forecast.modulation,
            modulationNote: forecast.modulationNote,
            synthetic,
          },
        });
      }
      return {
        ...forecast,
        area: { ...areaSummary(area), name: forecast.area.name },
        provenances: [...forecast.provenances],
        synthetic,
        features,
      };
    },
  );
};
