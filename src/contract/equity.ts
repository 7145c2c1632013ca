import Type, { type Static } from 'typebox';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';

/** Equity: every province or city held against the national figure (README: Response times and clearance). */

export const equityLevelNames = ['province', 'city'] as const;

/**
 * The measures compared. Times are seconds from receipt to a unit on scene; shares are percentages; patrol
 * presence is actual patrol hours per 100,000 residents.
 */
export const equityMeasureNames = [
  'arrivalMedian',
  'arrivalP90',
  'withinStandard',
  'clearance',
  'violentClearance',
  'patrolHours',
] as const;
export type EquityMeasure = (typeof equityMeasureNames)[number];

const level = Type.Optional(Type.Enum(equityLevelNames, { description: 'the areas compared (default province)' }));
const area = Type.Optional(AreaCode);
const measure = Type.Optional(
  Type.Enum(equityMeasureNames, { description: 'the measure areas are ranked by (default arrivalMedian)' }),
);
const minN = Type.Optional(
  Type.Integer({
    minimum: 1,
    maximum: 100_000,
    description:
      'the fewest calls (or incidents) behind an area’s figure for it to be ranked and counted in the disparity ' +
      '(default 5); patrol presence needs none',
  }),
);

export const EquityQuery = Type.Object(
  { level, area, from: Day, to: Day, measure, minN },
  { additionalProperties: false },
);
export type EquityQuery = Static<typeof EquityQuery>;

export const EquityTrendQuery = Type.Object(
  {
    level,
    area,
    measure,
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, description: 'calendar months (default 12)' })),
    to: Type.Optional(Day),
    minN,
  },
  { additionalProperties: false },
);
export type EquityTrendQuery = Static<typeof EquityTrendQuery>;

export const Disparity = Type.Object({
  areas: Type.Integer({ description: 'the areas with a figure, enough calls or incidents and a population' }),
  gini: Nullable(Type.Number({ description: 'population-weighted Gini coefficient' })),
  theil: Nullable(Type.Number({ description: 'population-weighted Theil T index' })),
  worstToMedian: Nullable(Type.Number({ description: 'the worst area against the median area, ≥ 1' })),
  median: Nullable(Type.Number()),
  worst: Nullable(Type.Number()),
});
export type Disparity = Static<typeof Disparity>;

export const EquityFigure = Type.Object({
  value: Nullable(Type.Number()),
  n: Type.Integer({
    description:
      'calls with an arrival (times), calls (share within standard), incidents (clearance), violent incidents ' +
      '(violent clearance), or patrol log entries',
  }),
  difference: Nullable(Type.Number({ description: 'value − national figure' })),
  ratio: Nullable(Type.Number({ description: 'value / national figure' })),
  worse: Nullable(Type.Boolean({ description: 'worse than the national figure' })),
  rank: Nullable(Type.Integer({ description: '1 for the worst; null when not ranked (no figure, or too few)' })),
});
export type EquityFigure = Static<typeof EquityFigure>;

const figures = Type.Object(
  Object.fromEntries(equityMeasureNames.map((m) => [m, EquityFigure])) as Record<EquityMeasure, typeof EquityFigure>,
);

export const EquityMeasureSummary = Type.Object({
  measure: Type.Enum(equityMeasureNames),
  worse: Type.Enum(['higher', 'lower'], { description: 'which way is worse' }),
  unit: Type.Enum(['seconds', 'percent', 'hoursPer100k']),
  national: Nullable(Type.Number({ description: 'the national figure over the same window: the standard' })),
  nationalN: Type.Integer(),
  disparity: Disparity,
});
export type EquityMeasureSummary = Static<typeof EquityMeasureSummary>;

export const EquityReport = Type.Object({
  area: AreaSummary,
  level: Type.Enum(equityLevelNames),
  from: Day,
  to: Day,
  measure: Type.Enum(equityMeasureNames),
  minN: Type.Integer(),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  standard: Type.Object({
    kind: Type.Literal('national', { description: 'the national figure for the same window' }),
    area: AreaSummary,
  }),
  onSceneStandards: Type.Array(
    Type.Object({ priority: Type.Integer(), minutes: Type.Integer() }, { description: 'for withinStandard' }),
  ),
  measures: Type.Array(EquityMeasureSummary),
  areas: Type.Array(Type.Object({ area: AreaSummary, figures }), {
    description: 'every area of the level inside the area, worst first on the chosen measure, unranked last',
  }),
});
export type EquityReport = Static<typeof EquityReport>;

export const EquityTrend = Type.Object({
  area: AreaSummary,
  level: Type.Enum(equityLevelNames),
  measure: Type.Enum(equityMeasureNames),
  minN: Type.Integer(),
  synthetic: Type.Boolean(),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      from: Day,
      to: Day,
      national: Nullable(Type.Number()),
      nationalN: Type.Integer(),
      disparity: Disparity,
    }),
    { description: 'calendar months, oldest first; the last ends on `to`' },
  ),
});
export type EquityTrend = Static<typeof EquityTrend>;
