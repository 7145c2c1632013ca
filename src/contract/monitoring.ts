import Type, { type Static } from 'typebox';
import { alertKinds } from '../domain/alert.js';
import { AreaCode, AreaLevel, AreaSummary, Day, Instant, Nullable } from './common.js';

const CategoryParam = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9_]+$',
  description: 'an offence category code',
});

export const DailyQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    category: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[a-z0-9_]+$',
      description: 'an offence category code, or "total" for every category',
    }),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type DailyQuery = Static<typeof DailyQuery>;

export const DailyPoint = Type.Object({
  day: Day,
  count: Type.Integer({ description: 'incidents that local day' }),
  expected: Nullable(
    Type.Number({
      description: 'mean of the previous 8 same weekdays times the seasonal factor; null without history',
    }),
  ),
  lower: Nullable(Type.Number({ description: 'lower control limit, expected − 3σ (not below 0)' })),
  upper: Nullable(Type.Number({ description: 'upper control limit, expected + 3σ' })),
  outside: Nullable(Type.Boolean({ description: 'the count lies outside [lower, upper]' })),
  score: Nullable(Type.Number({ description: '(count − expected) / σ' })),
  seasonalFactor: Nullable(Type.Number()),
});
export type DailyPoint = Static<typeof DailyPoint>;

export const DailySeries = Type.Object({
  area: AreaSummary,
  category: Type.String(),
  from: Day,
  to: Day,
  method: Type.Object({
    weeks: Type.Integer({ description: 'same weekdays averaged' }),
    sigmas: Type.Number({ description: 'width of the band in standard deviations' }),
    seasonYears: Type.Integer({ description: 'prior years read for the seasonal factor' }),
  }),
  days: Type.Array(DailyPoint),
});
export type DailySeries = Static<typeof DailySeries>;

export const ThresholdQuery = Type.Object(
  { area: Type.Optional(AreaCode), asOf: Type.Optional(Day) },
  { additionalProperties: false },
);
export type ThresholdQuery = Static<typeof ThresholdQuery>;

const PriorWindow = Type.Object({ year: Type.Integer(), from: Day, to: Day, count: Type.Integer() });

const ThresholdCell = Type.Object({
  from: Day,
  to: Day,
  current: Type.Integer({ description: 'incidents in the window ending on asOf' }),
  prior: Type.Array(PriorWindow, { description: 'the same window in each prior year the data covers' }),
  mean: Nullable(Type.Number()),
  sd: Nullable(Type.Number({ description: 'sample standard deviation of the prior counts' })),
  limit: Nullable(Type.Number({ description: 'mean + 2 sd' })),
  exceeds: Nullable(Type.Boolean({ description: 'current above the limit; null with fewer than 2 prior years' })),
  note: Nullable(Type.Literal('insufficient_history')),
});

const ThresholdRow = Type.Object({
  category: Type.String({ description: 'a category code, or "total"' }),
  days7: ThresholdCell,
  days28: ThresholdCell,
});

export const ThresholdReport = Type.Object({
  area: AreaSummary,
  asOf: Day,
  rows: Type.Array(ThresholdRow, { description: 'categories with an incident in any window, in ICCS order' }),
  total: ThresholdRow,
});
export type ThresholdReport = Static<typeof ThresholdReport>;

export const Alert = Type.Object({
  id: Type.Integer(),
  area: Type.Object({
    code: Type.String(),
    level: AreaLevel,
    nameAr: Type.String(),
    nameFr: Type.String(),
    nameEn: Type.String(),
  }),
  category: Type.String(),
  day: Day,
  kind: Type.Enum(alertKinds, { description: 'daily_excess: the day’s count above its upper control limit' }),
  observed: Type.Integer(),
  expected: Type.Number(),
  upper: Type.Number(),
  score: Nullable(Type.Number({ description: '(observed − expected) / σ' })),
  createdAt: Instant,
  acknowledgedBy: Nullable(Type.String({ description: 'username' })),
  acknowledgedAt: Nullable(Instant),
});
export type Alert = Static<typeof Alert>;

export const AlertQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    category: Type.Optional(CategoryParam),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertList = Type.Object({
  items: Type.Array(Alert, { description: 'the area’s alerts and those of the areas inside it, latest day first' }),
  truncated: Type.Boolean({ description: 'more alerts match than `limit`' }),
});
export type AlertList = Static<typeof AlertList>;

export const AlertParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const SubscriptionBody = Type.Object(
  { area: AreaCode, category: Type.Optional(Nullable(CategoryParam)) },
  { additionalProperties: false },
);
export type SubscriptionBody = Static<typeof SubscriptionBody>;

export const SubscriptionDeleteQuery = Type.Object(
  { area: AreaCode, category: Type.Optional(CategoryParam) },
  { additionalProperties: false },
);
export type SubscriptionDeleteQuery = Static<typeof SubscriptionDeleteQuery>;

export const Subscription = Type.Object({
  area: AreaSummary,
  category: Nullable(Type.String({ description: 'one category, or null for all' })),
  createdAt: Instant,
});

export const SubscriptionList = Type.Object({ items: Type.Array(Subscription) });
export type SubscriptionList = Static<typeof SubscriptionList>;
