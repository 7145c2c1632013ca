import Type, { type Static } from 'typebox';
import { AreaCode, AreaLevel, AreaSummary, Nullable } from './common.js';

export const Area = Type.Intersect([
  AreaSummary,
  Type.Object({
    parentCode: Nullable(Type.String()),
    isoCode: Nullable(Type.String()),
    boundarySource: Type.String({ description: 'osm | union | generated | imported | none' }),
    centroid: Nullable(Type.Tuple([Type.Number(), Type.Number()], { description: '[lon, lat]' })),
    bbox: Nullable(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
    childCount: Type.Integer(),
  }),
]);
export type Area = Static<typeof Area>;

export const AreaListQuery = Type.Object(
  {
    level: Type.Optional(AreaLevel),
    parent: Type.Optional(AreaCode),
  },
  { additionalProperties: false },
);
export type AreaListQuery = Static<typeof AreaListQuery>;

export const AreaList = Type.Object({ items: Type.Array(Area) });
export type AreaList = Static<typeof AreaList>;

export const AreaParams = Type.Object({ code: AreaCode });

export const AreaDetail = Type.Intersect([Area, Type.Object({ ancestors: Type.Array(AreaSummary) })]);
export type AreaDetail = Static<typeof AreaDetail>;

export const BoundaryQuery = Type.Object(
  {
    level: Type.Optional(AreaLevel),
    parent: Type.Optional(AreaCode),
    code: Type.Optional(AreaCode),
  },
  { additionalProperties: false },
);
export type BoundaryQuery = Static<typeof BoundaryQuery>;

const Ring = Type.Array(Type.Tuple([Type.Number(), Type.Number()]));
export const Geometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring)) }),
]);

export const BoundaryCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      properties: Type.Intersect([AreaSummary, Type.Object({ boundarySource: Type.String() })]),
      geometry: Geometry,
    }),
  ),
});
export type BoundaryCollection = Static<typeof BoundaryCollection>;

export const PoliceUnitQuery = Type.Object(
  { parent: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export const PoliceUnitList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      kind: Type.String(),
      parentCode: Nullable(Type.String()),
      areaCode: Nullable(Type.String()),
      nameAr: Type.String(),
      nameFr: Type.String(),
      nameEn: Type.String(),
      illustrative: Type.Boolean(),
    }),
  ),
});
export type PoliceUnitList = Static<typeof PoliceUnitList>;
