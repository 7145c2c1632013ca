import Type, { type Static } from 'typebox';
import { provenances } from '../domain/incident.js';
import { AreaCode, AreaSummary, Day, Instant, Nullable } from './common.js';
import { FeatureCollection } from './hotspots.js';

/** Short-term forecasts of an area's grid cells (README: Forecasts; src/analysis/forecast.ts). */

export const forecastHorizons = ['shift', 'day', 'week', 'month'] as const;
export type ForecastHorizon = (typeof forecastHorizons)[number];
export const forecastModelNames = ['etas', 'prospective', 'kde', 'naive'] as const;
export type ForecastModelName = (typeof forecastModelNames)[number];

/** The largest share of an area's cells one forecast may flag. */
export const maxForecastShare = 0.2;

/** The temporal modulations of the ETAS background (src/analytics/forecast/modulation.ts `modulationKinds`). */
export const forecastModulations = ['none', 'weekly', 'weekly+seasonal'] as const;

export const ForecastQuery = Type.Object(
  {
    area: AreaCode,
    asOf: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description:
          'the last local day of data; the forecast starts at the next local midnight (default: the latest complete day)',
      }),
    ),
    horizon: Type.Optional(
      Type.Enum(forecastHorizons, { default: 'week', description: 'a shift (8 h), a day, a week or 28 days' }),
    ),
    model: Type.Optional(
      Type.Enum(forecastModelNames, {
        default: 'etas',
        description: 'etas (self-exciting), prospective hot-spotting, retrospective kde, or naive (the last period)',
      }),
    ),
    share: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: maxForecastShare,
        default: 0.01,
        description: 'the share of the area’s cells to flag',
      }),
    ),
    includePoliceInitiated: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'also learn from police-initiated records, left out by default: they follow where officers were sent',
      }),
    ),
    modulation: Type.Optional(
      Type.Enum(forecastModulations, {
        default: 'none',
        description:
          'ETAS background over the week (day × hour) and, with two years of training, the months; none by default',
      }),
    ),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { default: 'json' })),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuery>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude]' });

export const ForecastCell = Type.Object({
  rank: Type.Integer({ minimum: 1, description: '1 for the highest score' }),
  cell: Type.Integer({ description: 'the grid cell’s index' }),
  score: Type.Number({
    description: 'expected incidents in the horizon for etas and naive; a relative risk for prospective and kde',
  }),
  centre: Position,
  ring: Type.Array(Position),
});
export type ForecastCell = Static<typeof ForecastCell>;

const ForecastFields = {
  area: Type.Object({ ...AreaSummary.properties, name: Type.String() }),
  asOf: Day,
  start: Instant,
  horizon: Type.Enum(forecastHorizons),
  horizonDays: Type.Number(),
  model: Type.Enum(forecastModelNames),
  share: Type.Number(),
  cellSizeM: Type.Number({ description: 'the grid cell’s side in metres' }),
  cellsInside: Type.Integer({ description: 'the grid cells inside the area' }),
  trainingFrom: Day,
  trainingDays: Type.Integer(),
  incidents: Type.Integer({ description: 'located records the model learned from' }),
  provenances: Type.Array(Type.Enum(provenances), { description: 'the provenances of the records learned from' }),
  provenanceNote: Type.String(),
  modulation: Type.Enum(forecastModulations),
  modulationNote: Type.String(),
  etas: Nullable(
    Type.Object({
      theta: Type.Number({ description: 'the share of incidents that trigger a follow-up' }),
      omega: Type.Number({ description: 'the follow-ups’ decay per day: 1/ω is their mean delay in days' }),
      iterations: Type.Integer(),
      converged: Type.Boolean(),
    }),
  ),
  total: Type.Number({
    description: 'the sum of the scores over the area’s cells (expected incidents for etas and naive)',
  }),
  synthetic: Type.Boolean({ description: 'true when the records are the synthetic demo' }),
};

export const Forecast = Type.Object({
  ...ForecastFields,
  cells: Type.Array(ForecastCell, { description: 'the flagged cells, best first' }),
  features: FeatureCollection,
});
export type Forecast = Static<typeof Forecast>;
