import Type, { type Static } from 'typebox';
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
