import Type, { type Static } from 'typebox';
import { categoryCodes } from '../domain/category.js';
import {
  actionStatuses,
  maxWindowDays,
  objectiveBaselineKinds,
  objectiveMeasures,
  objectiveStatuses,
  objectiveWindowKinds,
  planKinds,
  planStatuses,
} from '../domain/plan.js';
import { partnerKinds } from '../domain/role.js';
import { AreaCode, AreaSummary, Day, Instant, Nullable } from './common.js';

/** Plans and follow-up (docs/compstat.md, "Plans and follow-up"). */

export const Week = Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'an ISO week, YYYY-Www (2026-W47)' });
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Text = (maxLength: number, description: string) => Type.String({ maxLength, description });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const UnitCode = Type.String({ minLength: 1, maxLength: 64, description: 'a police unit code (GET /api/units)' });

export const PlanListQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    asOf: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;

export const PlanParams = Type.Object({ id: Id }, { additionalProperties: false });
export const ActionParams = Type.Object({ id: Id, actionId: Id }, { additionalProperties: false });
const Username = Type.String({ minLength: 1, maxLength: 100, description: 'a partner account’s user name' });
export const PartnerParams = Type.Object({ id: Id, username: Username }, { additionalProperties: false });
export const PartnerBody = Type.Object({ username: Username }, { additionalProperties: false });
export type PartnerBody = Static<typeof PartnerBody>;
export const ProgressQuery = Type.Object({ asOf: Type.Optional(Day) }, { additionalProperties: false });
export type ProgressQuery = Static<typeof ProgressQuery>;

export const PlanBody = Type.Object(
  {
    kind: Type.Enum(planKinds),
    title: Title,
    area: AreaCode,
    ownerArea: Type.Optional(AreaCode),
    start: Day,
    end: Day,
    status: Type.Optional(Type.Enum(planStatuses, { description: 'default active' })),
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;

export const PlanPatch = Type.Object(
  {
    kind: Type.Optional(Type.Enum(planKinds)),
    title: Type.Optional(Title),
    ownerArea: Type.Optional(AreaCode),
    start: Type.Optional(Day),
    end: Type.Optional(Day),
    status: Type.Optional(Type.Enum(planStatuses)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PlanPatch = Static<typeof PlanPatch>;

export const ObjectiveBody = Type.Object(
  {
    area: Type.Optional(AreaCode),
    categories: Type.Optional(
      Type.Array(Type.Enum(categoryCodes), { uniqueItems: true, description: 'counted together; none: all' }),
    ),
    measure: Type.Enum(objectiveMeasures, { description: 'incidents, or incidents per 100,000 inhabitants' }),
    window: Type.Enum(objectiveWindowKinds),
    windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: maxWindowDays })),
    windowFrom: Type.Optional(Day),
    windowTo: Type.Optional(Day),
    baseline: Type.Enum(objectiveBaselineKinds),
    baselineFrom: Type.Optional(Day),
    baselineTo: Type.Optional(Day),
    targetChangePct: Type.Number({ minimum: -100, maximum: 1000, description: '−10: a tenth fewer' }),
    deadline: Day,
  },
  { additionalProperties: false },
);
export type ObjectiveBody = Static<typeof ObjectiveBody>;

export const ActionBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
    ownerUnit: UnitCode,
    due: Day,
    status: Type.Optional(Type.Enum(actionStatuses, { description: 'default open' })),
    doneOn: Type.Optional(Day),
    shared: Type.Optional(Type.Boolean({ description: 'shared with the plan’s partners (default false)' })),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

export const ActionPatch = Type.Object(
  {
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' })),
    ownerUnit: Type.Optional(UnitCode),
    due: Type.Optional(Day),
    status: Type.Optional(Type.Enum(actionStatuses)),
    doneOn: Type.Optional(Nullable(Day)),
    shared: Type.Optional(Type.Boolean({ description: 'shared with the plan’s partners (the plan’s editors only)' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ActionPatch = Static<typeof ActionPatch>;

export const Unit = Type.Object({
  code: Type.String(),
  kind: Type.String(),
  nameAr: Type.String(),
  nameFr: Type.String(),
  nameEn: Type.String(),
});
export type Unit = Static<typeof Unit>;
export const UnitList = Type.Object({ items: Type.Array(Unit) });
export type UnitList = Static<typeof UnitList>;

const Window = Type.Object({ from: Day, to: Day, days: Type.Integer() });

export const ObjectiveProgress = Type.Object({
  status: Type.Enum(objectiveStatuses),
  measuredOn: Day,
  current: Nullable(Window),
  baseline: Nullable(Window),
  currentCount: Nullable(Type.Integer()),
  baselineCount: Nullable(Type.Integer()),
  baselineValue: Nullable(Type.Number({ description: 'scaled to the current window’s days' })),
  currentValue: Nullable(Type.Number()),
  targetValue: Nullable(Type.Number()),
  expectedValue: Nullable(Type.Number({ description: 'the straight line from baseline to target, today' })),
  achievedChangePct: Nullable(Type.Number()),
  shareOfTarget: Nullable(Type.Number({ description: '0 at the baseline, 1 at the target' })),
  elapsedShare: Type.Number({ description: 'time gone from the plan’s start to the deadline, 0 to 1' }),
});
export type ObjectiveProgress = Static<typeof ObjectiveProgress>;

export const Objective = Type.Object({
  id: Type.Integer(),
  area: AreaSummary,
  categories: Type.Array(Type.String(), { description: 'empty: every category' }),
  measure: Type.Enum(objectiveMeasures),
  window: Type.Enum(objectiveWindowKinds),
  windowDays: Nullable(Type.Integer()),
  windowFrom: Nullable(Day),
  windowTo: Nullable(Day),
  baseline: Type.Enum(objectiveBaselineKinds),
  baselineFrom: Nullable(Day),
  baselineTo: Nullable(Day),
  targetChangePct: Type.Number(),
  deadline: Day,
  withheld: Type.Boolean({ description: 'the objective’s area lies outside the caller’s scope: no figures' }),
  progress: Nullable(ObjectiveProgress),
});
export type Objective = Static<typeof Objective>;

export const Action = Type.Object({
  id: Type.Integer(),
  description: Type.String(),
  ownerUnit: Unit,
  due: Day,
  status: Type.Enum(actionStatuses),
  doneOn: Nullable(Day),
  late: Type.Boolean({ description: 'not done by asOf and due before it' }),
  daysLate: Nullable(Type.Integer({ description: 'days past due as of asOf, when late' })),
  canUpdate: Type.Boolean({ description: 'the caller may update it' }),
  shared: Type.Boolean({ description: 'shared with the plan’s partners' }),
});
export type Action = Static<typeof Action>;

export const PlanPartner = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  partnerKind: Nullable(Type.Enum(partnerKinds)),
  territory: Nullable(AreaSummary),
  addedAt: Instant,
});
export type PlanPartner = Static<typeof PlanPartner>;

export const Plan = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(planKinds),
  title: Type.String(),
  status: Type.Enum(planStatuses),
  area: AreaSummary,
  ownerArea: AreaSummary,
  start: Day,
  end: Day,
  synthetic: Type.Boolean({ description: 'an illustration that came with the synthetic demo' }),
  canEdit: Type.Boolean({ description: 'the caller may edit it and add objectives and actions' }),
  objectives: Type.Array(Objective),
  actions: Type.Array(Action, { description: 'by due day' }),
  partners: Type.Array(PlanPartner, { description: 'the partner accounts taking part in the plan' }),
  openActions: Type.Integer({ description: 'not done as of asOf' }),
  lateActions: Type.Integer(),
});
export type Plan = Static<typeof Plan>;

export const PlanProgress = Type.Object({ asOf: Day, plan: Plan });
export type PlanProgress = Static<typeof PlanProgress>;

export const PlanList = Type.Object({
  area: AreaSummary,
  asOf: Day,
  items: Type.Array(Plan, {
    description: 'plans of the area, of the areas containing it and of those inside it; the broadest first',
  }),
});
export type PlanList = Static<typeof PlanList>;

export const SubmissionQuery = Type.Object(
  { area: Type.Optional(AreaCode), week: Type.Optional(Week) },
  { additionalProperties: false },
);
export type SubmissionQuery = Static<typeof SubmissionQuery>;
export const SubmissionTarget = Type.Object({ area: AreaCode, week: Week }, { additionalProperties: false });
export type SubmissionTarget = Static<typeof SubmissionTarget>;

export const SubmissionBody = Type.Object(
  {
    efforts: Text(5000, 'what was done this week'),
    difficulties: Text(5000, 'what stood in the way'),
  },
  { additionalProperties: false },
);
export type SubmissionBody = Static<typeof SubmissionBody>;

export const Submission = Type.Object({
  area: AreaSummary,
  week: Week,
  efforts: Type.String(),
  difficulties: Type.String(),
  submittedBy: Nullable(Type.String({ description: 'the display name of who wrote it last' })),
  updatedAt: Instant,
  synthetic: Type.Boolean(),
});
export type Submission = Static<typeof Submission>;

export const SubmissionWeek = Type.Object({
  area: AreaSummary,
  week: Week,
  from: Day,
  to: Day,
  open: Type.Boolean({ description: 'the week has not ended: its submissions may still be written' }),
  canWrite: Type.Boolean({ description: 'the caller may write this area’s submission (while open)' }),
  submission: Nullable(Submission),
  children: Type.Array(Submission, { description: 'the submissions of the area’s children for the week' }),
});
export type SubmissionWeek = Static<typeof SubmissionWeek>;
