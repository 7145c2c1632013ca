import Type, { type Static } from 'typebox';
import { categoryCodes } from '../domain/category.js';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';

export const CompstatQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    asOf: Type.Optional(Day),
    baselineYear: Type.Optional(
      Type.Integer({
        minimum: 1900,
        maximum: 9999,
        description: 'the long-run comparison year, before asOf’s (default: the earliest full year with data)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CompstatQuery = Static<typeof CompstatQuery>;

const Window = Type.Object({ from: Day, to: Day, days: Type.Integer({ description: 'days in the window' }) });

const PeriodWindows = Type.Object({
  current: Window,
  lastYear: Window,
  twoYearsAgo: Window,
  baseline: Nullable(Window),
});

const Change = Type.Object({
  incidents: Type.Integer({ description: 'incidents in the earlier period' }),
  solved: Type.Integer(),
  clearancePct: Nullable(Type.Number({ description: 'solved / incidents of the earlier period, in percent' })),
  changePct: Nullable(Type.Number({ description: 'from the earlier count to the current one; null below 10' })),
  changeNote: Nullable(Type.Literal('small_base', { description: 'why changePct is null' })),
  pValue: Type.Number({ description: 'exact Poisson test of equal daily rates, two-sided' }),
  significant: Type.Boolean({ description: 'pValue below alpha' }),
});

const Cell = Type.Object({
  incidents: Type.Integer(),
  solved: Type.Integer({ description: 'incidents of the period solved so far' }),
  clearancePct: Nullable(Type.Number()),
  ratePer100k: Nullable(Type.Number({ description: 'incidents in the period per 100,000 inhabitants' })),
  lastYear: Change,
  twoYearsAgo: Change,
  baseline: Nullable(Change),
});

const Row = Type.Object({
  category: Type.String({ description: 'an ICCS-based category code, or "total"' }),
  weekToDate: Cell,
  days28: Cell,
  yearToDate: Cell,
});

export const Compstat = Type.Object({
  area: AreaSummary,
  asOf: Day,
  baselineYear: Nullable(Type.Integer()),
  alpha: Type.Number({ description: 'significance level of the exact tests' }),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  periods: Type.Object({ weekToDate: PeriodWindows, days28: PeriodWindows, yearToDate: PeriodWindows }),
  rows: Type.Array(Row, { description: 'categories with an incident in any window, in ICCS order' }),
  total: Row,
});
export type Compstat = Static<typeof Compstat>;

const CategoryFilter = Type.Enum(categoryCodes, { description: 'one category (default: every category)' });

export const CompstatPatternsQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    category: Type.Optional(CategoryFilter),
  },
  {
    additionalProperties: false,
    description:
      'local days, both included; default the 28 days ending on the CompStat as-of day (from alone: to 27 days ' +
      'later; to alone: from 27 days earlier)',
  },
);
export type CompstatPatternsQuery = Static<typeof CompstatPatternsQuery>;

export const CompstatPatterns = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  days: Type.Integer(),
  category: Nullable(Type.Enum(categoryCodes)),
  timeZone: Type.String({ description: 'the zone of the local hours and weekdays' }),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  matrix: Type.Array(Type.Array(Type.Integer(), { minItems: 24, maxItems: 24 }), {
    minItems: 7,
    maxItems: 7,
    description: 'matrix[weekday - 1][hour]: incidents known to the instant, by local ISO weekday and hour',
  }),
  placed: Type.Integer({ description: 'incidents in the matrix' }),
  unplaced: Type.Object(
    {
      day: Type.Integer({ description: 'known to the day only: weekday known, hour not' }),
      month: Type.Integer({ description: 'known to the month only' }),
      total: Type.Integer(),
    },
    { description: 'incidents of the window whose time is too coarse for the matrix' },
  ),
  dayOnlyByWeekday: Type.Array(Type.Integer(), {
    minItems: 7,
    maxItems: 7,
    description: 'the incidents known to the day only, by weekday (Monday first)',
  }),
});
export type CompstatPatterns = Static<typeof CompstatPatterns>;

export const CompstatTrendsQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    asOf: Type.Optional(Day),
    weeks: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 52, description: 'weeks ending with the as-of day’s (default 13)' }),
    ),
    category: Type.Optional(CategoryFilter),
  },
  { additionalProperties: false },
);
export type CompstatTrendsQuery = Static<typeof CompstatTrendsQuery>;

const TrendWeek = Type.Object({
  from: Day,
  to: Day,
  days: Type.Integer(),
  partial: Type.Boolean({ description: 'the as-of day’s week, cut at the as-of day' }),
  lastYear: Type.Object({ from: Day, to: Day }, { description: 'the same weekdays 52 weeks earlier' }),
});

const TrendSeries = Type.Object({
  category: Type.String({ description: 'an ICCS-based category code, or "total"' }),
  current: Type.Array(Type.Integer(), { description: 'incidents in each week, oldest first' }),
  lastYear: Type.Array(Type.Integer(), { description: 'incidents in the same weeks a year earlier' }),
  currentTotal: Type.Integer(),
  lastYearTotal: Type.Integer(),
  changePct: Nullable(Type.Number({ description: 'over all the weeks; null when the earlier count is below 10' })),
});

export const CompstatTrends = Type.Object({
  area: AreaSummary,
  asOf: Day,
  category: Nullable(Type.Enum(categoryCodes)),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  weeks: Type.Array(TrendWeek, { description: 'Monday–Sunday weeks, oldest first' }),
  rows: Type.Array(TrendSeries, { description: 'categories with an incident in any week, in ICCS order' }),
  total: TrendSeries,
});
export type CompstatTrends = Static<typeof CompstatTrends>;
