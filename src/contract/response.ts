import Type, { type Static } from 'typebox';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';

export const ResponseQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: Day,
    to: Day,
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'one priority only' })),
    standards: Type.Optional(
      Type.String({
        pattern: '^\\d{1,4},\\d{1,4},\\d{1,4},\\d{1,4}$',
        description:
          'minutes within which a unit should be on scene for priorities 1–4, e.g. 10,20,45,90 (the default)',
      }),
    ),
    exact: Type.Optional(
      Type.Boolean({
        description:
          'percentiles from the calls themselves (slower) rather than from the roll-up, whose percentiles are ' +
          'within one bin (about 2 %) of them',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ResponseQuery = Static<typeof ResponseQuery>;

export const DurationStats = Type.Object({
  n: Type.Integer({ description: 'the calls (or incidents) behind the figures' }),
  medianSeconds: Nullable(Type.Number()),
  p90Seconds: Nullable(Type.Number({ description: '90th percentile' })),
});

export const ResponseTimes = Type.Object({
  calls: Type.Integer(),
  dispatched: Type.Integer(),
  neverDispatched: Type.Integer(),
  arrived: Type.Integer({ description: 'calls with a unit on scene' }),
  neverArrived: Type.Integer({ description: 'calls never dispatched, or dispatched with no arrival recorded' }),
  closed: Type.Integer(),
  neverClosed: Type.Integer(),
  toDispatch: DurationStats,
  toArrival: DurationStats,
  toClose: DurationStats,
  withinStandard: Type.Integer({ description: 'calls with a unit on scene within the standard of their priority' }),
  withinStandardPct: Nullable(
    Type.Number({ description: 'withinStandard over every call: a call never on scene is not within its standard' }),
  ),
});
export type ResponseTimes = Static<typeof ResponseTimes>;

const withKey = <K extends Type.TProperties>(key: K) => Type.Intersect([Type.Object(key), ResponseTimes]);

export const ResponseReport = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  timeZone: Type.String({ description: 'the zone of the local days and hours' }),
  priority: Nullable(Type.Integer()),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  source: Type.Union([Type.Literal('rollup'), Type.Literal('raw')], {
    description:
      'rollup: counts and shares exact, percentiles estimated from the roll-up’s histograms (within one bin, about ' +
      '2 %, of the exact ones); raw: every figure computed from the calls themselves',
  }),
  standards: Type.Array(Type.Object({ priority: Type.Integer(), minutes: Type.Integer() })),
  summary: ResponseTimes,
  byPriority: Type.Array(withKey({ priority: Type.Integer() })),
  byCallType: Type.Array(withKey({ callType: Type.String() })),
  byHour: Type.Array(withKey({ hour: Type.Integer({ description: 'local hour of receipt, 0–23' }) })),
  byWeek: Type.Array(
    withKey({
      weekStart: Day,
      from: Day,
      to: Day,
    }),
    { description: 'Monday–Sunday weeks of receipt, cut to the window at both ends' },
  ),
});
export type ResponseReport = Static<typeof ResponseReport>;

export const ClearanceQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: Day,
    to: Day,
  },
  { additionalProperties: false },
);
export type ClearanceQuery = Static<typeof ClearanceQuery>;

export const Clearance = Type.Object({
  incidents: Type.Integer(),
  solved: Type.Integer(),
  solvedPct: Nullable(Type.Number({ description: 'recent incidents have had less time to be solved' })),
  timeToSolve: DurationStats,
});
export type Clearance = Static<typeof Clearance>;

export const ClearanceReport = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  headline: Type.Object({
    overall: Clearance,
    violent: Clearance,
    violentCategories: Type.Array(Type.String()),
  }),
  byCategory: Type.Array(Type.Intersect([Type.Object({ category: Type.String() }), Clearance])),
  byChildArea: Type.Array(Type.Intersect([Type.Object({ area: AreaSummary }), Clearance])),
});
export type ClearanceReport = Static<typeof ClearanceReport>;
