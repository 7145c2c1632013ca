import Type, { type Static } from 'typebox';
import { categoryCodes } from '../domain/category.js';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';

/** What every black-spot method reads: an area, a window of local days, categories, and the grid's cell size. */
const StudyFields = {
  area: AreaCode,
  from: Day,
  to: Day,
  category: Type.Optional(Type.Array(Type.Enum(categoryCodes), { description: 'repeat for several; default all' })),
  cellSize: Type.Optional(
    Type.Number({
      minimum: 25,
      maximum: 5000,
      description: 'grid cell side in metres; default a fiftieth of the shorter side of the area, rounded',
    }),
  ),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { default: 'json' })),
};

const GistarFields = {
  neighbours: Type.Optional(
    Type.Union([Type.Literal('queen'), Type.Literal('band')], {
      default: 'queen',
      description: 'queen contiguity, or every cell within `distance` metres; the cell itself is always included',
    }),
  ),
  distance: Type.Optional(
    Type.Number({ minimum: 1, maximum: 50_000, description: 'distance band in metres (default 1.5 cells)' }),
  ),
  adjust: Type.Optional(
    Type.Union([Type.Literal('none'), Type.Literal('holm'), Type.Literal('bh')], {
      default: 'bh',
      description: 'p-value adjustment over the cells: none, Holm, or Benjamini-Hochberg (false discovery rate)',
    }),
  ),
};

export const KdeQuery = Type.Object(
  {
    ...StudyFields,
    kernel: Type.Optional(
      Type.Union(
        [
          Type.Literal('quartic'),
          Type.Literal('gaussian'),
          Type.Literal('epanechnikov'),
          Type.Literal('triangular'),
          Type.Literal('uniform'),
        ],
        { default: 'quartic' },
      ),
    ),
    bandwidth: Type.Optional(
      Type.Number({
        minimum: 1,
        maximum: 50_000,
        description: "metres: the kernel's radius (its standard deviation for the gaussian); default Scott's rule",
      }),
    ),
    weights: Type.Optional(
      Type.String({
        pattern: '^[a-z_]+:\\d+(\\.\\d+)?(,[a-z_]+:\\d+(\\.\\d+)?)*$',
        maxLength: 1000,
        description:
          'a weight per category, e.g. homicide:10,robbery:3 (a harm index); others weigh 1; the surface is then weight per cell',
      }),
    ),
    h3Resolution: Type.Optional(
      Type.Integer({
        minimum: 5,
        maximum: 11,
        description:
          'also give the density on the H3 cells of this resolution (GeoJSON: those cells instead of squares)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type KdeQuery = Static<typeof KdeQuery>;

export const GistarQuery = Type.Object({ ...StudyFields, ...GistarFields }, { additionalProperties: false });
export type GistarQuery = Static<typeof GistarQuery>;

export const BlackSpotQuery = Type.Object(
  {
    ...StudyFields,
    ...GistarFields,
    confidence: Type.Optional(
      Type.Union([Type.Literal(90), Type.Literal(95), Type.Literal(99)], {
        default: 95,
        description: 'hot cells at this confidence make black spots',
      }),
    ),
    period: Type.Optional(
      Type.Union([Type.Literal('week'), Type.Literal('month')], {
        default: 'month',
        description: 'how long a spot has been hot is counted in these periods',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BlackSpotQuery = Static<typeof BlackSpotQuery>;

export const ClassifyQuery = Type.Object(
  {
    ...StudyFields,
    ...GistarFields,
    period: Type.Optional(
      Type.Union([Type.Literal('week'), Type.Literal('month')], { default: 'month', description: 'the time step' }),
    ),
    scheme: Type.Optional(
      Type.Union([Type.Literal('sfhotspot'), Type.Literal('ehsa')], {
        default: 'sfhotspot',
        description:
          "sfhotspot's classes (persistent, emerging, former, intermittent) or ArcGIS Emerging Hot Spot Analysis' patterns",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ClassifyQuery = Static<typeof ClassifyQuery>;

const Edges = (description: string, fallback: string) =>
  Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)?(,\\d+(\\.\\d+)?){0,19}$', default: fallback, description }));

export const KnoxQuery = Type.Object(
  {
    ...StudyFields,
    spaceBands: Edges('upper edges of the distance bands in metres, comma-separated, increasing', '100,200,300,400'),
    timeBands: Edges('upper edges of the time bands in days, comma-separated, increasing', '7,14,21,28'),
    permutations: Type.Optional(Type.Integer({ minimum: 19, maximum: 999, default: 99 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31, default: 1 })),
  },
  { additionalProperties: false },
);
export type KnoxQuery = Static<typeof KnoxQuery>;

const Position = Type.Tuple([Type.Number(), Type.Number()]);

export const GridInfo = Type.Object({
  cellSize: Type.Number({ description: 'metres' }),
  nx: Type.Integer(),
  ny: Type.Integer(),
  cellsInside: Type.Integer({ description: "cells whose centre lies in the area: the study's observations" }),
  projection: Type.String({ description: 'the PROJ string of the metric grid' }),
  corners: Type.Tuple([Position, Position, Position, Position], {
    description: 'lon/lat of the grid corners: south-west, south-east, north-east, north-west',
  }),
});

const StudyInfo = {
  area: AreaSummary,
  window: Type.Object({ from: Day, to: Day }),
  categories: Type.Array(Type.String()),
  synthetic: Type.Boolean({ description: 'true when the area holds synthetic demo data' }),
  grid: GridInfo,
  incidents: Type.Integer({ description: 'located incidents in the area and window' }),
  withoutPoint: Type.Integer({ description: 'incidents of the window with no location, left out' }),
};

export const KdeResult = Type.Object({
  ...StudyInfo,
  kernel: Type.String(),
  weights: Nullable(Type.Record(Type.String(), Type.Number(), { description: 'the category weights used, if any' })),
  bandwidth: Nullable(
    Type.Object({
      metres: Type.Number(),
      meaning: Type.Union([Type.Literal('radius'), Type.Literal('sd')]),
      rule: Type.Union([Type.Literal('given'), Type.Literal('scott')]),
    }),
  ),
  peakPerCell: Type.Number({ description: 'expected incidents in the densest cell' }),
  values: Type.Array(Nullable(Type.Number()), {
    description: 'expected incidents per cell (density × cell area), row by row from the south-west; null outside',
  }),
  h3: Type.Optional(
    Type.Object({
      resolution: Type.Integer(),
      cells: Type.Array(
        Type.Object({
          cell: Type.String({ description: 'H3 index, hexadecimal' }),
          expected: Type.Number({ description: "expected incidents: the density at the cell's centre × its area" }),
        }),
      ),
    }),
  ),
});
export type KdeResult = Static<typeof KdeResult>;

export const GistarCell = Type.Object({
  cell: Type.Integer({ description: 'row-major index from the south-west corner' }),
  count: Type.Integer(),
  z: Type.Number(),
  p: Type.Number(),
  pAdjusted: Type.Number(),
  bin: Type.Integer({ minimum: -3, maximum: 3, description: '±3: 99 %, ±2: 95 %, ±1: 90 % confidence; + hot, − cold' }),
});

export const GistarResult = Type.Object({
  ...StudyInfo,
  neighbours: Type.String(),
  distance: Nullable(Type.Number()),
  adjust: Type.String(),
  bins: Type.Object(
    {
      '-3': Type.Integer(),
      '-2': Type.Integer(),
      '-1': Type.Integer(),
      '1': Type.Integer(),
      '2': Type.Integer(),
      '3': Type.Integer(),
    },
    { description: 'cells per Gi* bin' },
  ),
  cells: Type.Array(GistarCell, { description: 'the cells with a nonzero bin' }),
});
export type GistarResult = Static<typeof GistarResult>;

const MultiPolygon = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Type.Array(Position))),
});

export const BlackSpot = Type.Object({
  rank: Type.Integer({ description: '1 for the spot with the most incidents' }),
  district: Nullable(AreaSummary),
  districtRank: Type.Integer({ description: "the spot's rank among its district's spots" }),
  incidents: Type.Integer(),
  share: Type.Number({ description: "share of the area's located incidents" }),
  districtShare: Nullable(
    Type.Number({ description: "the share of its district's located incidents that lie in the spot" }),
  ),
  areaKm2: Type.Number(),
  pai: Type.Number({ description: "Predictive Accuracy Index: share of incidents / share of the area's surface" }),
  hotPeriods: Type.Integer({ description: 'periods in a row, counted back from the last, in which it was hot' }),
  hotPeriodsInAll: Type.Integer(),
  periods: Type.Integer(),
  maxZ: Type.Number(),
  cells: Type.Integer(),
  centre: Position,
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  geometry: MultiPolygon,
});
export type BlackSpot = Static<typeof BlackSpot>;

export const BlackSpotList = Type.Object({
  ...StudyInfo,
  confidence: Type.Integer(),
  period: Type.String(),
  spots: Type.Array(BlackSpot),
});
export type BlackSpotList = Static<typeof BlackSpotList>;

export const ClassifyResult = Type.Object({
  ...StudyInfo,
  scheme: Type.String(),
  period: Type.String(),
  periods: Type.Array(Type.Object({ from: Day, to: Day })),
  classes: Type.Record(Type.String(), Type.Integer(), { description: 'cells per class, every class of the scheme' }),
  cells: Type.Array(
    Type.Object({
      cell: Type.Integer(),
      label: Type.String(),
      hotPeriods: Type.Integer(),
      coldPeriods: Type.Integer(),
    }),
    { description: 'the cells with a pattern' },
  ),
});
export type ClassifyResult = Static<typeof ClassifyResult>;

const Table = Type.Array(Type.Array(Nullable(Type.Number())), {
  description: 'rows: distance bands (the last beyond the largest edge); columns: time bands likewise',
});

export const KnoxResult = Type.Object({
  ...StudyInfo,
  events: Type.Integer({ description: 'incidents in the analysis' }),
  monthOnly: Type.Integer({ description: 'incidents known only to the month, left out' }),
  spatialBands: Type.Array(
    Type.Object({ from: Type.Number(), to: Nullable(Type.Number({ description: 'null: no end' })) }),
  ),
  temporalBands: Type.Array(Type.Object({ from: Type.Number(), to: Nullable(Type.Number()) })),
  observed: Table,
  expected: Table,
  ratio: Table,
  p: Table,
  pairs: Type.Integer(),
  permutations: Type.Integer(),
});
export type KnoxResult = Static<typeof KnoxResult>;

export const SpotParams = Type.Object({ rank: Type.Integer({ minimum: 1 }) });

export const SpotIncidents = Type.Object({
  rank: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      category: Type.String(),
      occurredAt: Type.String({ format: 'date-time' }),
      lat: Type.Number(),
      lon: Type.Number(),
    }),
  ),
});
export type SpotIncidents = Static<typeof SpotIncidents>;

/** A GeoJSON FeatureCollection (cells or spots, their fields as properties). */
export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }),
      properties: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
export type FeatureCollection = Static<typeof FeatureCollection>;
