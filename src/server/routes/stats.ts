import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { comparisonWindows, percentChange, summariseCounts } from '../../analytics/compare.js';
import { ErrorBody } from '../../contract/common.js';
import { AreaCounts, AreaCountsQuery, CellCounts, CellQuery, Overview, OverviewQuery } from '../../contract/stats.js';
import { ratePer100k } from '../../domain/area.js';
import { categoryCodes } from '../../domain/category.js';
import { demoInfo } from '../../ingest/demo.js';
import { addDays, defaultTimeZone, zonedDay, zonedInstant } from '../../domain/time.js';
import { h3Hex } from '../../ingest/locate.js';
import { listAncestors, listAreas, listAreasWithin, type AreaRow } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { countByArea, countByCategory, countByCell, lastDayWithData } from '../../store/stats.js';
import { areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * The day figures are "as of": the one asked for, else the latest day with data in the area's whole hierarchy
 * (never after today). The hierarchy's, not the area's own, so that a district and its city share one window.
 */
async function asOfDay(db: Db, area: AreaRow, requested: string | undefined, now: Date): Promise<string> {
  if (requested !== undefined) return parseDay(requested, 'asOf');
  const today = zonedDay(now, defaultTimeZone);
  const [root] = await listAncestors(db, area.id);
  const last = await lastDayWithData(db, root?.id ?? area.id);
  return last !== null && last < today ? last : today;
}

/** Aggregates for dashboards, from the daily roll-up (the H3 cells of one city's weeks read raw incidents). */
export const statsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/stats/overview',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Incidents in the last 28 days against the same days a year earlier, for an area and its children',
        querystring: OverviewQuery,
        response: { 200: Overview, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const asOf = await asOfDay(db, area, request.query.asOf, deps.now());
      const { current, previous } = comparisonWindows(asOf, 28);
      const children = await listAreas(db, { parentId: area.id });
      const counts = new Map(
        (await countByArea(db, [area.id, ...children.map((c) => c.id)], current, previous)).map((c) => [c.areaId, c]),
      );
      const categories = new Map((await countByCategory(db, area.id, current, previous)).map((c) => [c.category, c]));
      const total = summariseCounts(counts.get(area.id), area.population);
      return {
        area: areaSummary(area),
        asOf,
        window: current,
        previousWindow: previous,
        synthetic: (await demoInfo(db)) !== undefined,
        total,
        children: children.map((child) => ({
          area: areaSummary(child),
          childCount: child.childCount,
          ...summariseCounts(counts.get(child.id), child.population),
        })),
        categories: categoryCodes.map((category) => {
          const c = categories.get(category);
          const currentCount = c?.current ?? 0;
          const previousCount = c?.previous ?? 0;
          return {
            category,
            current: currentCount,
            previous: previousCount,
            changePct: percentChange(currentCount, previousCount),
          };
        }),
      };
    },
  );

  app.get(
    '/stats/areas',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Incidents in the last 28 days for every area of a level inside an area (for map layers)',
        querystring: AreaCountsQuery,
        response: { 200: AreaCounts, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const asOf = await asOfDay(db, area, request.query.asOf, deps.now());
      const { current, previous } = comparisonWindows(asOf, 28);
      const areas = await listAreasWithin(db, area.id, request.query.level);
      const counts = new Map(
        (
          await countByArea(
            db,
            areas.map((a) => a.id),
            current,
            previous,
          )
        ).map((c) => [c.areaId, c]),
      );
      return {
        asOf,
        window: current,
        items: areas.map((a) => {
          const n = counts.get(a.id)?.current ?? 0;
          return { area: areaSummary(a), centroid: a.centroid, current: n, ratePer100k: ratePer100k(n, a.population) };
        }),
      };
    },
  );

  app.get(
    '/stats/cells',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Incidents in the last 28 days per H3 cell inside a province, city or district',
        querystring: CellQuery,
        response: { 200: CellCounts, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      if (area.level === 'country' || area.level === 'region') {
        throw new AppError('AREA_TOO_LARGE', 400, 'cells are counted for a province, a city or a district', 'area');
      }
      const resolution = request.query.resolution ?? 8;
      const asOf = await asOfDay(db, area, request.query.asOf, deps.now());
      const { current } = comparisonWindows(asOf, 28);
      const rows = await countByCell(
        db,
        scope,
        { id: area.id, level: area.level },
        resolution,
        zonedInstant(current.from, 0, defaultTimeZone),
        zonedInstant(addDays(current.to, 1), 0, defaultTimeZone),
      );
      return { asOf, window: current, resolution, cells: rows.map((r) => ({ h3: h3Hex(r.cell), count: r.count })) };
    },
  );
};
