import Type, { type Static } from 'typebox';
import { AreaCode, AreaLevel, AreaSummary, Day, Nullable } from './common.js';
import { CategoryCode } from './records.js';

export const OverviewQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    asOf: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

const Window = Type.Object({ from: Day, to: Day });

export const Counts = Type.Object({
  current: Type.Integer({ description: 'incidents in the 28 days up to asOf' }),
  previous: Type.Integer({ description: 'incidents in the same 28 days a year earlier' }),
  changePct: Nullable(Type.Number({ description: 'null when the earlier count is too small to compare' })),
  ratePer100k: Nullable(Type.Number({ description: 'current incidents per 100,000 inhabitants' })),
  solved: Type.Integer({ description: 'current incidents solved so far' }),
  solvedPct: Nullable(Type.Number()),
});
export type Counts = Static<typeof Counts>;

export const Overview = Type.Object({
  area: AreaSummary,
  asOf: Day,
  window: Window,
  previousWindow: Window,
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  total: Counts,
  children: Type.Array(
    Type.Intersect([
      Type.Object({ area: AreaSummary, childCount: Type.Integer({ description: 'areas directly inside it' }) }),
      Counts,
    ]),
  ),
  categories: Type.Array(
    Type.Object({
      category: CategoryCode,
      current: Type.Integer(),
      previous: Type.Integer(),
      changePct: Nullable(Type.Number()),
    }),
  ),
});
export type Overview = Static<typeof Overview>;

export const AreaCountsQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    level: AreaLevel,
    asOf: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type AreaCountsQuery = Static<typeof AreaCountsQuery>;

export const AreaCounts = Type.Object({
  asOf: Day,
  window: Window,
  items: Type.Array(
    Type.Object({
      area: AreaSummary,
      centroid: Nullable(Type.Tuple([Type.Number(), Type.Number()])),
      current: Type.Integer(),
      ratePer100k: Nullable(Type.Number()),
    }),
  ),
});
export type AreaCounts = Static<typeof AreaCounts>;

export const CellQuery = Type.Object(
  {
    area: AreaCode,
    resolution: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(8), Type.Literal(9)], { default: 8 })),
    asOf: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type CellQuery = Static<typeof CellQuery>;

export const CellCounts = Type.Object({
  asOf: Day,
  window: Window,
  resolution: Type.Integer(),
  cells: Type.Array(Type.Object({ h3: Type.String(), count: Type.Integer() })),
});
export type CellCounts = Static<typeof CellCounts>;
