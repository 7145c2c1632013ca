import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  blackSpotFeatures,
  blackSpotReport,
  classifyFeatures,
  classifyReport,
  knoxReport,
  gistarFeatures,
  gistarReport,
  kdeFeatures,
  kdeReport,
  spotIncidents,
} from '../../analysis/hotspot-reports.js';
import {
  loadStudy,
  NoBoundaryError,
  TooFewPeriodsError,
  TooManyEventsError,
  TooManyH3CellsError,
  type BlackSpotRequest,
  type GistarRequest,
} from '../../analysis/hotspots.js';
import { ErrorBody } from '../../contract/common.js';
import {
  BlackSpotList,
  BlackSpotQuery,
  ClassifyQuery,
  ClassifyResult,
  FeatureCollection,
  GistarQuery,
  GistarResult,
  KdeQuery,
  KdeResult,
  KnoxQuery,
  KnoxResult,
  SpotIncidents,
  SpotParams,
} from '../../contract/hotspots.js';
import { isCategoryCode } from '../../domain/category.js';
import { daysBetween } from '../../domain/time.js';
import { GridTooLargeError } from '../../geo/study-grid.js';
import type { Db } from '../../store/db.js';
import type { Scope } from '../../store/scope.js';
import { areaInScope, areaSummary } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The longest window a black-spot analysis reads: ten years. */
const maxDays = 3660;

interface StudyQuery {
  area: string;
  from: string;
  to: string;
  category?: string[] | undefined;
  cellSize?: number | undefined;
}

async function studyFor(db: Db, scope: Scope, q: StudyQuery) {
  const area = await areaInScope(db, q.area, scope);
  const from = parseDay(q.from, 'from');
  const to = parseDay(q.to, 'to');
  if (to < from) throw badRequest('to', `to (${to}) is before from (${from})`);
  if (daysBetween(from, to) >= maxDays) throw badRequest('to', `the window is longer than ${maxDays} days`);
  try {
    return await loadStudy(db, scope, { area, from, to, categories: q.category, cellSize: q.cellSize });
  } catch (error) {
    if (error instanceof GridTooLargeError) throw badRequest('cellSize', error.message);
    if (error instanceof NoBoundaryError) throw badRequest('area', error.message);
    throw error;
  }
}

const gistarRequest = (q: {
  neighbours?: 'queen' | 'band';
  distance?: number;
  adjust?: 'none' | 'holm' | 'bh';
}): GistarRequest => ({
  neighbours: q.neighbours ?? 'queen',
  distance: q.distance,
  adjust: q.adjust ?? 'bh',
});

/** "100,200,300" as increasing numbers, or a 400 naming the field. */
function edges(value: string, field: string): number[] {
  const list = value.split(',').map(Number);
  for (let i = 1; i < list.length; i++) {
    if ((list[i] as number) <= (list[i - 1] as number)) throw badRequest(field, `${field}: the edges must increase`);
  }
  return list;
}

/** "homicide:10,robbery:3" as weights by category, or a 400 naming the field for an unknown category. */
function categoryWeights(value: string, field: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const pair of value.split(',')) {
    const [code = '', weight = ''] = pair.split(':');
    if (!isCategoryCode(code)) throw badRequest(field, `${field}: unknown category ${code}`);
    weights[code] = Number(weight);
  }
  return weights;
}

const blackSpotRequest = (q: BlackSpotQuery): BlackSpotRequest => ({
  ...gistarRequest(q),
  confidence: q.confidence ?? 95,
  period: q.period ?? 'month',
});

/**
 * Black spots: kernel density, Gi* hot spots and the black-spot list of an area, computed from its incidents on
 * a grid in metres. Any signed-in user, inside their scope.
 */
export const hotspotRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/hotspots/kde',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Kernel density of incidents: expected incidents per grid cell',
        querystring: KdeQuery,
        response: { 200: Type.Union([KdeResult, FeatureCollection]), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      try {
        const report = kdeReport(
          study,
          {
            kernel: q.kernel ?? 'quartic',
            bandwidth: q.bandwidth,
            weights: q.weights === undefined ? undefined : categoryWeights(q.weights, 'weights'),
            h3Resolution: q.h3Resolution,
          },
          areaSummary,
          q.category ?? [],
        );
        return q.format === 'geojson' ? kdeFeatures(study, report) : report;
      } catch (error) {
        if (error instanceof TooManyH3CellsError) throw badRequest('h3Resolution', error.message);
        throw error;
      }
    },
  );

  app.get(
    '/hotspots/gistar',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Getis-Ord Gi* hot and cold spots on grid cell counts',
        querystring: GistarQuery,
        response: { 200: Type.Union([GistarResult, FeatureCollection]), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      const report = gistarReport(study, gistarRequest(q), areaSummary, q.category ?? []);
      return q.format === 'geojson' ? gistarFeatures(study, report) : report;
    },
  );

  app.get(
    '/hotspots/black-spots',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Black spots: touching hot cells merged, with incidents, share, area, PAI and how long they have been hot',
        querystring: BlackSpotQuery,
        response: { 200: Type.Union([BlackSpotList, FeatureCollection]), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      const report = await blackSpotReport(db, study, blackSpotRequest(q), areaSummary, q.category ?? []);
      return q.format === 'geojson' ? blackSpotFeatures(report) : report;
    },
  );

  app.get(
    '/hotspots/classify',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          "Hot spots over time: each cell's Gi* per period, classified (sfhotspot or Emerging Hot Spot Analysis)",
        querystring: ClassifyQuery,
        response: { 200: Type.Union([ClassifyResult, FeatureCollection]), ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      try {
        const report = classifyReport(
          study,
          { ...gistarRequest(q), period: q.period ?? 'month', scheme: q.scheme ?? 'sfhotspot' },
          areaSummary,
          q.category ?? [],
        );
        return q.format === 'geojson' ? classifyFeatures(study, report) : report;
      } catch (error) {
        if (error instanceof TooFewPeriodsError) throw badRequest('period', error.message);
        throw error;
      }
    },
  );

  app.get(
    '/hotspots/knox',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Near repeats: the Knox table of incident pairs by distance and time apart, with Monte-Carlo p-values',
        querystring: KnoxQuery,
        response: { 200: KnoxResult, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const spatialEdgesM = edges(q.spaceBands ?? '100,200,300,400', 'spaceBands');
      const temporalEdgesDays = edges(q.timeBands ?? '7,14,21,28', 'timeBands');
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      try {
        return knoxReport(
          study,
          { spatialEdgesM, temporalEdgesDays, permutations: q.permutations ?? 99, seed: q.seed ?? 1 },
          areaSummary,
          q.category ?? [],
        );
      } catch (error) {
        if (error instanceof TooManyEventsError) throw badRequest('from', error.message);
        throw error;
      }
    },
  );

  app.get(
    '/hotspots/black-spots/:rank/incidents',
    {
      config: { access: 'incidents.read' },
      schema: {
        summary: 'The incidents inside one black spot of the same request',
        params: SpotParams,
        querystring: BlackSpotQuery,
        response: { 200: SpotIncidents, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const study = await studyFor(db, scopeOf(requireUser(request)), q);
      const found = spotIncidents(study, blackSpotRequest(q), request.params.rank);
      if (!found) throw new AppError('NOT_FOUND', 404, `no black spot ranked ${request.params.rank}`, 'rank');
      return found;
    },
  );
};
