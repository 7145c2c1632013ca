import Type, { type Static } from 'typebox';
import { actionStatuses, planKinds, planStatuses } from '../domain/plan.js';
import { partnerKinds } from '../domain/role.js';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';
import { FeatureCollection } from './hotspots.js';
import { PublicHeadlines, Month } from './public.js';

/**
 * The partner view (README: Partner access): aggregated indicators of a partner's territory, withheld below k as
 * on the public page, and the plan actions shared with the partner. Nothing here names or places an incident.
 */

export const PartnerOverviewQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
  },
  { additionalProperties: false },
);
export type PartnerOverviewQuery = Static<typeof PartnerOverviewQuery>;

const Figure = {
  count: Nullable(Type.Integer({ description: 'null when withheld; never below k' })),
  ratePer100k: Nullable(Type.Number()),
  withheld: Type.Boolean({ description: 'below k, or a figure that would give one back by subtraction' }),
};

export const PartnerSeries = Type.Object({
  area: AreaSummary,
  months: Type.Array(
    Type.Object({
      month: Month,
      total: Type.Object(Figure),
      sections: Type.Array(Type.Object({ section: Type.String({ description: 'ICCS section, 01–11' }), ...Figure })),
    }),
  ),
});
export type PartnerSeries = Static<typeof PartnerSeries>;

const Trend = {
  changePct: Nullable(
    Type.Number({ description: 'change of the last 12 months against the 12 before, in percent; null when withheld' }),
  ),
  withheld: Type.Boolean({ description: 'one of the two periods holds fewer than k incidents' }),
};

const Period = Type.Object({ from: Month, to: Month });

export const PartnerOverview = Type.Object({
  territory: AreaSummary,
  area: AreaSummary,
  from: Month,
  to: Month,
  k: Type.Integer({ description: 'counts below k are never sent' }),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  series: Type.Array(PartnerSeries, { description: 'the area first, then each child area, month by month' }),
  trend: Type.Object({
    current: Period,
    previous: Period,
    total: Type.Object(Trend),
    sections: Type.Array(Type.Object({ section: Type.String(), ...Trend })),
  }),
  blackSpots: Type.Object({
    resolution: Type.Literal(7),
    minCount: Type.Integer({ description: 'only cells holding k incidents or more are sent' }),
    cells: Type.Array(
      Type.Object({ cell: Type.String({ description: 'H3 index, hexadecimal' }), count: Type.Integer() }),
    ),
    boundaries: FeatureCollection,
  }),
  headlines: Type.Pick(PublicHeadlines, ['month', 'clearance', 'response']),
});
export type PartnerOverview = Static<typeof PartnerOverview>;

export const SharedAction = Type.Object({
  description: Type.String(),
  ownerUnit: Type.Object({ nameAr: Type.String(), nameFr: Type.String(), nameEn: Type.String() }),
  due: Day,
  status: Type.Enum(actionStatuses),
  doneOn: Nullable(Day),
  late: Type.Boolean({ description: 'not done and due before today' }),
});
export type SharedAction = Static<typeof SharedAction>;

export const PartnerActions = Type.Object({
  asOf: Day,
  partnerKind: Nullable(Type.Enum(partnerKinds)),
  synthetic: Type.Boolean(),
  plans: Type.Array(
    Type.Object({
      title: Type.String(),
      kind: Type.Enum(planKinds),
      status: Type.Enum(planStatuses),
      area: AreaSummary,
      start: Day,
      end: Day,
      synthetic: Type.Boolean(),
      objectives: Type.Array(
        Type.Object({
          area: AreaSummary,
          categories: Type.Array(Type.String(), { description: 'empty: every category' }),
          measure: Type.String(),
          targetChangePct: Type.Number(),
          deadline: Day,
        }),
        { description: 'what the plan aims at (targets only, no figures)' },
      ),
      actions: Type.Array(SharedAction, { description: 'the actions shared with its partners, by due day' }),
    }),
  ),
});
export type PartnerActions = Static<typeof PartnerActions>;
