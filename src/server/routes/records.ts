import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '../../contract/common.js';
import { CallPage, CallQuery, IncidentFeatures, IncidentPage, IncidentQuery } from '../../contract/records.js';
import { categoryOf } from '../../domain/category.js';
import { h3Hex } from '../../ingest/locate.js';
import { listCalls } from '../../store/calls.js';
import { listIncidents, type IncidentRecord } from '../../store/incidents.js';
import { areaInScope } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { decodeCursor, encodeCursor, parseBbox, parseRange } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function incidentFields(r: IncidentRecord) {
  return {
    id: r.id,
    category: r.category,
    iccs: categoryOf(r.category).iccs,
    occurredAt: r.occurredAt.toISOString(),
    reportedAt: r.reportedAt?.toISOString() ?? null,
    area: r.areaCode,
    status: r.status,
    solvedAt: r.solvedAt?.toISOString() ?? null,
    provenance: r.provenance,
    source: r.source,
    externalId: r.externalId,
    synthetic: r.synthetic,
    h3: r.h3R9 === null ? null : h3Hex(r.h3R9),
  };
}

/** Incidents and calls: signed-in users only, always inside their scope. */
export const recordRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/incidents',
    {
      config: { access: 'incidents.read' },
      schema: {
        summary: 'Incidents newest first, one page at a time (JSON or GeoJSON)',
        querystring: IncidentQuery,
        response: { 200: Type.Union([IncidentPage, IncidentFeatures]), ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const scope = scopeOf(user);
      const q = request.query;
      const area = q.area === undefined ? undefined : await areaInScope(db, q.area, scope);
      const limit = q.limit ?? 100;
      const after = decodeCursor(q.cursor);
      const rows = await listIncidents(db, scope, {
        area: area ? { id: area.id, level: area.level } : undefined,
        categories: q.category,
        ...parseRange(q.from, q.to),
        bbox: parseBbox(q.bbox),
        after: after ? { occurredAt: after.at, id: after.id } : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > limit && last ? encodeCursor(last.occurredAt, last.id) : null;
      if (q.format === 'geojson') {
        return {
          type: 'FeatureCollection' as const,
          features: page.map((r) => ({
            type: 'Feature' as const,
            id: r.id,
            geometry:
              r.lat === null || r.lon === null
                ? null
                : { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
            properties: incidentFields(r),
          })),
          nextCursor,
        };
      }
      return { items: page.map((r) => ({ ...incidentFields(r), lat: r.lat, lon: r.lon })), nextCursor };
    },
  );

  app.get(
    '/calls',
    {
      config: { access: 'incidents.read' },
      schema: {
        summary: 'Calls for service newest first, one page at a time',
        querystring: CallQuery,
        response: { 200: CallPage, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const scope = scopeOf(user);
      const q = request.query;
      const area = q.area === undefined ? undefined : await areaInScope(db, q.area, scope);
      const limit = q.limit ?? 100;
      const after = decodeCursor(q.cursor);
      const rows = await listCalls(db, scope, {
        area: area ? { id: area.id, level: area.level } : undefined,
        priorities: q.priority,
        ...parseRange(q.from, q.to),
        after: after ? { receivedAt: after.at, id: after.id } : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.id,
          receivedAt: r.receivedAt.toISOString(),
          dispatchedAt: r.dispatchedAt?.toISOString() ?? null,
          onSceneAt: r.onSceneAt?.toISOString() ?? null,
          closedAt: r.closedAt?.toISOString() ?? null,
          priority: r.priority,
          callType: r.callType,
          incidentId: r.incidentId,
          lat: r.lat,
          lon: r.lon,
          area: r.areaCode,
          outcome: r.outcome,
          source: r.source,
          synthetic: r.synthetic,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.id) : null,
      };
    },
  );
};
