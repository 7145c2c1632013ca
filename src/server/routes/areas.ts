import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AreaDetail,
  AreaList,
  AreaListQuery,
  AreaParams,
  BoundaryCollection,
  BoundaryQuery,
  PoliceUnitList,
  PoliceUnitQuery,
} from '../../contract/areas.js';
import { ErrorBody } from '../../contract/common.js';
import { findAreaByCode, listAncestors, listAreas, listBoundaries, type AreaRow } from '../../store/areas.js';
import { listPoliceUnits } from '../../store/police-units.js';
import { areaSummary } from '../area-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

function areaOut(area: AreaRow) {
  return {
    ...areaSummary(area),
    parentCode: area.parentCode,
    isoCode: area.isoCode,
    boundarySource: area.boundarySource,
    centroid: area.centroid,
    bbox: area.bbox,
    childCount: area.childCount,
  };
}

/** Geography is public: the hierarchy, names, populations and boundaries. */
export const areaRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  const parentId = async (code: string | undefined, field: string) => {
    if (code === undefined) return undefined;
    const parent = await findAreaByCode(db, code);
    if (!parent) throw new AppError('AREA_NOT_FOUND', 404, `no area with code ${code}`, field);
    return parent.id;
  };

  app.get(
    '/areas',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Areas, filtered by level and parent',
        querystring: AreaListQuery,
        response: { 200: AreaList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const items = await listAreas(db, {
        level: request.query.level,
        parentId: await parentId(request.query.parent, 'parent'),
      });
      return { items: items.map(areaOut) };
    },
  );

  app.get(
    '/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One area with its ancestors',
        params: AreaParams,
        response: { 200: AreaDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const area = await findAreaByCode(db, request.params.code);
      if (!area) throw new AppError('AREA_NOT_FOUND', 404, `no area with code ${request.params.code}`, 'code');
      return { ...areaOut(area), ancestors: (await listAncestors(db, area.id)).map(areaSummary) };
    },
  );

  app.get(
    '/boundaries',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Area boundaries as GeoJSON, filtered by level, parent or code',
        querystring: BoundaryQuery,
        response: { 200: BoundaryCollection, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { level, parent, code } = request.query;
      if (level === undefined && parent === undefined && code === undefined) {
        throw new AppError('VALIDATION_FAILED', 400, 'name a level, a parent or a code', 'level');
      }
      const areas = await listBoundaries(db, {
        level,
        parentId: await parentId(parent, 'parent'),
        codes: code === undefined ? undefined : [code],
      });
      void reply.header('cache-control', 'public, max-age=3600');
      return {
        type: 'FeatureCollection' as const,
        features: areas.flatMap((a) =>
          a.geometry
            ? [
                {
                  type: 'Feature' as const,
                  id: a.code,
                  properties: { ...areaSummary(a), boundarySource: a.boundarySource },
                  geometry: a.geometry,
                },
              ]
            : [],
        ),
      };
    },
  );

  app.get(
    '/units',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The police organisation (units and the areas they cover)',
        querystring: PoliceUnitQuery,
        response: { 200: PoliceUnitList, 400: ErrorBody },
      },
    },
    async (request) => {
      const units = await listPoliceUnits(db, { parentCode: request.query.parent ?? null });
      return { items: units.map((u) => ({ ...u, nameEn: u.nameEn ?? u.nameFr })) };
    },
  );
};
