import Type, { type Static } from 'typebox';
import { AreaCode, AreaSummary, Day, Instant } from './common.js';
import { Compstat, CompstatTrends } from './compstat.js';
import { Alert } from './monitoring.js';
import { Action, Plan, Submission, Week } from './plans.js';

export const briefLanguages = ['ar', 'fr', 'en'] as const;
export type BriefLanguage = (typeof briefLanguages)[number];

export const BriefQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    week: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-W\\d{2}$',
        description: 'the ISO week of the meeting, YYYY-Www (default: the latest week with data)',
      }),
    ),
    lang: Type.Optional(Type.Enum(briefLanguages, { description: 'the document’s language (default ar)' })),
  },
  { additionalProperties: false },
);
export type BriefQuery = Static<typeof BriefQuery>;

const FollowUpAction = Type.Object({ ...Action.properties, planId: Type.Integer(), planTitle: Type.String() });

export const BriefPlans = Type.Object({
  plans: Type.Array(
    Type.Object({
      ...Plan.properties,
      relation: Type.Enum(['covering', 'inside'] as const, {
        description: 'covering: a plan of the area or of an area containing it; inside: of an area inside it',
      }),
    }),
  ),
  openActions: Type.Array(FollowUpAction, { description: 'not done as of asOf, by due day' }),
  lateActions: Type.Array(FollowUpAction),
  submissions: Type.Array(Submission, { description: 'the week’s submissions of the area and its child areas' }),
  missingSubmissions: Type.Array(AreaSummary, { description: 'child areas with no submission for the week' }),
});

export const Brief = Type.Object({
  area: AreaSummary,
  week: Week,
  weekFrom: Day,
  weekTo: Day,
  asOf: Day,
  weekComplete: Type.Boolean({ description: 'false when the data stops before the week’s Sunday (asOf is earlier)' }),
  generatedAt: Instant,
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  compstat: Compstat,
  trends: CompstatTrends,
  alerts: Type.Array(Alert, {
    description: 'the week’s daily-indicator alerts in the area and inside it, latest first',
  }),
  alertsTotal: Type.Integer({ description: 'all the week’s alerts; `alerts` holds at most the first 50' }),
  followUp: BriefPlans,
});
export type Brief = Static<typeof Brief>;
