import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  defaultPublicK,
  publicHeadlines,
  publicStats,
  type PublicLevel,
  type PublicStats,
} from '../../analysis/public-stats.js';
import { ErrorBody } from '../../contract/common.js';
import { FeatureCollection } from '../../contract/hotspots.js';
import {
  PublicCsvQuery,
  PublicHeadlines as PublicHeadlinesSchema,
  PublicHeadlinesQuery,
  PublicStats as PublicStatsSchema,
  PublicStatsQuery,
} from '../../contract/public.js';
import { areaLevels, type AreaGeometry, type Position } from '../../domain/area.js';
import { defaultTimeZone, zonedDay } from '../../domain/time.js';
import { countryCode } from '../../geo/morocco.js';
import { demoInfo } from '../../ingest/demo.js';
import { findAreaByCode, listBoundaries, type AreaRow } from '../../store/areas.js';
import { audit, publicActor } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { Deps } from '../deps.js';
import { areaNotFound, badRequest } from '../errors.js';

const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** Public routes answer anyone, so each client gets a bounded number of requests. */
const rateLimit = { max: 120, timeWindow: '1 minute' };

/** The month before the current one, in Morocco's time: the latest complete month. */
export function latestCompleteMonth(now: Date): string {
  const [year, month] = zonedDay(now, defaultTimeZone).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The parent named by `parent`, which must lie above `level`. */
async function parentArea(db: Db, code: string | undefined, level: PublicLevel): Promise<AreaRow | undefined> {
  if (code === undefined) return undefined;
  const parent = await findAreaByCode(db, code);
  if (!parent) throw areaNotFound(code);
  if (areaLevels.indexOf(parent.level) >= areaLevels.indexOf(level)) {
    throw badRequest('parent', `parent: ${code} is a ${parent.level}, not above the ${level} level`);
  }
  return parent;
}

const csvField = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const csvHeader = [
  'month',
  'area',
  'level',
  'name_ar',
  'name_fr',
  'population',
  'category',
  'count',
  'rate_per_100k',
  'withheld',
];

function csvRows(stats: PublicStats): string[] {
  const lines: string[] = [];
  for (const a of stats.areas) {
    for (const f of [{ category: 'total', ...a.total }, ...a.categories]) {
      lines.push(
        [
          stats.month,
          a.area.code,
          a.area.level,
          a.area.nameAr,
          a.area.nameFr,
          a.area.population,
          f.category,
          f.count,
          f.ratePer100k === null ? null : Number(f.ratePer100k.toFixed(2)),
          f.withheld ? 'true' : 'false',
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return lines;
}

/** Boundaries rounded to 4 decimal places (about 10 m): an area's outline, nothing finer. */
function rounded(geometry: AreaGeometry): AreaGeometry {
  const point = ([lon, lat]: Position): Position => [Math.round(lon * 1e4) / 1e4, Math.round(lat * 1e4) / 1e4];
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(point)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((ring) => ring.map(point))) };
}

/**
 * The public transparency figures, without sign-in: incidents per area, category and month, counts below k
 * withheld with whatever would give them back (README: Public transparency page).
 */
export const publicRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  const k = deps.publicK ?? defaultPublicK;

  const monthStats = async (level: PublicLevel, parent: string | undefined, month: string) => {
    if (month > latestCompleteMonth(deps.now())) {
      throw badRequest(
        'month',
        `month: ${month} is not over yet; the latest complete month is ${latestCompleteMonth(deps.now())}`,
      );
    }
    return publicStats(db, { level, month, k, within: await parentArea(db, parent, level) });
  };

  app.get(
    '/public/stats',
    {
      config: { access: 'public', rateLimit },
      schema: {
        summary: 'Public: incidents per area and category for a month, counts below k withheld (no sign-in)',
        querystring: PublicStatsQuery,
        response: { 200: PublicStatsSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const stats = await monthStats(q.level ?? 'city', q.parent, q.month ?? latestCompleteMonth(deps.now()));
      return { ...stats, synthetic: (await demoInfo(db)) !== undefined };
    },
  );

  app.get(
    '/public/headlines',
    {
      config: { access: 'public', rateLimit },
      schema: {
        summary: 'Public: an area’s clearance and response-time headlines for a month, withheld below k (no sign-in)',
        querystring: PublicHeadlinesQuery,
        response: { 200: PublicHeadlinesSchema, ...errors },
      },
    },
    async (request) => {
      const code = request.query.area ?? countryCode;
      const area = await findAreaByCode(db, code);
      if (!area) throw areaNotFound(code);
      const month = request.query.month ?? latestCompleteMonth(deps.now());
      if (month > latestCompleteMonth(deps.now())) {
        throw badRequest('month', `month: ${month} is not over yet`);
      }
      return { ...(await publicHeadlines(db, { area, month, k })), synthetic: (await demoInfo(db)) !== undefined };
    },
  );

  app.get(
    '/public/stats.csv',
    {
      config: { access: 'public', rateLimit },
      schema: {
        summary: 'Public open data: the same figures as CSV, one row per month, area and category (or total)',
        querystring: PublicCsvQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const to = q.to ?? latestCompleteMonth(deps.now());
      const from = q.from ?? to;
      if (from > to) throw badRequest('from', `from: ${from} is after to ${to}`);
      const months: string[] = [];
      for (let m = from; m <= to && months.length <= 36; m = nextMonth(m)) months.push(m);
      if (months.length > 36) throw badRequest('from', 'from: at most 36 months at a time');
      const lines = [csvHeader.join(',')];
      for (const month of months) lines.push(...csvRows(await monthStats(q.level ?? 'city', q.parent, month)));
      const synthetic = (await demoInfo(db)) !== undefined;
      await audit(db, {
        actor: publicActor,
        action: 'export.public_csv',
        details: { level: q.level ?? 'city', parent: q.parent ?? null, from, to, ip: request.ip },
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="istibaq-${q.level ?? 'city'}-${from}-${to}.csv"`)
        .send(`${synthetic ? '# synthetic demo data, not real incidents\n' : ''}${lines.join('\n')}\n`);
    },
  );

  app.get(
    '/public/stats.geojson',
    {
      config: { access: 'public', rateLimit },
      schema: {
        summary: 'Public open data: each area’s outline with its month’s total and rate (GeoJSON)',
        querystring: PublicStatsQuery,
        response: { 200: FeatureCollection, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const stats = await monthStats(q.level ?? 'city', q.parent, q.month ?? latestCompleteMonth(deps.now()));
      const shapes = new Map(
        (await listBoundaries(db, { codes: stats.areas.map((a) => a.area.code) })).map((s) => [s.code, s.geometry]),
      );
      const synthetic = (await demoInfo(db)) !== undefined;
      await audit(db, {
        actor: publicActor,
        action: 'export.public_geojson',
        details: { level: q.level ?? 'city', parent: q.parent ?? null, month: stats.month, ip: request.ip },
      });
      return reply.type('application/geo+json').send({
        type: 'FeatureCollection',
        properties: { month: stats.month, level: stats.level, k: stats.k, synthetic },
        features: stats.areas.flatMap((a) => {
          const geometry = shapes.get(a.area.code);
          if (!geometry) return [];
          return [
            {
              type: 'Feature',
              geometry: rounded(geometry),
              properties: {
                code: a.area.code,
                nameAr: a.area.nameAr,
                nameFr: a.area.nameFr,
                nameEn: a.area.nameEn,
                population: a.area.population,
                count: a.total.count,
                ratePer100k: a.total.ratePer100k,
                withheld: a.total.withheld,
              },
            },
          ];
        }),
      });
    },
  );
};
