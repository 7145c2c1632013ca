import { hasPermission, scopeCovers, type AreaPath, type Role } from './role.js';

/**
 * Plans and follow-up (docs/compstat.md, "Plans and follow-up"): emergency and strategic plans for an area, their
 * measurable objectives, the actions that carry them out, and each area's weekly report of efforts and
 * difficulties.
 */
export const planKinds = ['emergency', 'strategic'] as const;
export type PlanKind = (typeof planKinds)[number];

export const planStatuses = ['draft', 'active', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** What an objective measures: incidents, or incidents per 100,000 inhabitants of its area. */
export const objectiveMeasures = ['count', 'rate'] as const;
export type ObjectiveMeasure = (typeof objectiveMeasures)[number];

/** `rolling`: the N days ending on the day of measure; `calendar`: fixed dates, measured up to that day. */
export const objectiveWindowKinds = ['rolling', 'calendar'] as const;
export type ObjectiveWindowKind = (typeof objectiveWindowKinds)[number];

/** `year_before`: the same dates a year earlier; `fixed`: a window of dates given once. */
export const objectiveBaselineKinds = ['year_before', 'fixed'] as const;
export type ObjectiveBaselineKind = (typeof objectiveBaselineKinds)[number];

export const objectiveStatuses = ['not_started', 'on_track', 'off_track', 'achieved', 'missed', 'no_data'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export const actionStatuses = ['open', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const isPlanKind = (value: string): value is PlanKind => (planKinds as readonly string[]).includes(value);
export const isPlanStatus = (value: string): value is PlanStatus => (planStatuses as readonly string[]).includes(value);

/** How an objective is measured, as stored. The days are ISO days; which fields are set depends on the kinds. */
export interface ObjectiveSpec {
  measure: ObjectiveMeasure;
  window: ObjectiveWindowKind;
  /** Rolling windows: how many days, the day of measure included. */
  windowDays: number | null;
  /** Calendar windows: the first and last day. */
  windowFrom: string | null;
  windowTo: string | null;
  baseline: ObjectiveBaselineKind;
  /** Fixed baselines: the first and last day. */
  baselineFrom: string | null;
  baselineTo: string | null;
  /** The change sought against the baseline, in percent: −10 for a tenth fewer. */
  targetChangePct: number;
  /** The day the objective is judged on. */
  deadline: string;
}

/** A field of an objective that does not hold together, and why. */
export interface SpecProblem {
  field: string;
  message: string;
}

/** The longest rolling window accepted (a year and a day covers a leap year). */
export const maxWindowDays = 366;

/**
 * Why an objective's settings do not hold together, or null. The plan's period bounds the deadline: an objective
 * is judged within the plan that sets it.
 */
export function objectiveProblem(spec: ObjectiveSpec, plan: { start: string; end: string }): SpecProblem | null {
  if (spec.window === 'rolling') {
    if (spec.windowDays === null) return { field: 'windowDays', message: 'windowDays: required for a rolling window' };
    if (!Number.isInteger(spec.windowDays) || spec.windowDays < 1 || spec.windowDays > maxWindowDays) {
      return { field: 'windowDays', message: `windowDays: not a number of days from 1 to ${maxWindowDays}` };
    }
    if (spec.windowFrom !== null || spec.windowTo !== null) {
      return { field: 'windowFrom', message: 'windowFrom, windowTo: only for a calendar window' };
    }
  } else {
    if (spec.windowFrom === null) return { field: 'windowFrom', message: 'windowFrom: required for a calendar window' };
    if (spec.windowTo === null) return { field: 'windowTo', message: 'windowTo: required for a calendar window' };
    if (spec.windowTo < spec.windowFrom) return { field: 'windowTo', message: 'windowTo: before windowFrom' };
    if (spec.windowDays !== null) return { field: 'windowDays', message: 'windowDays: only for a rolling window' };
  }
  if (spec.baseline === 'fixed') {
    if (spec.baselineFrom === null) {
      return { field: 'baselineFrom', message: 'baselineFrom: required for a fixed baseline' };
    }
    if (spec.baselineTo === null) return { field: 'baselineTo', message: 'baselineTo: required for a fixed baseline' };
    if (spec.baselineTo < spec.baselineFrom) return { field: 'baselineTo', message: 'baselineTo: before baselineFrom' };
  } else if (spec.baselineFrom !== null || spec.baselineTo !== null) {
    return { field: 'baselineFrom', message: 'baselineFrom, baselineTo: only for a fixed baseline' };
  }
  if (!Number.isFinite(spec.targetChangePct) || spec.targetChangePct === 0 || spec.targetChangePct < -100) {
    return { field: 'targetChangePct', message: 'targetChangePct: a change in percent, not zero, not below −100' };
  }
  if (spec.deadline < plan.start || spec.deadline > plan.end) {
    return { field: 'deadline', message: `deadline: outside the plan's period ${plan.start}…${plan.end}` };
  }
  return null;
}

/** Whether an action is done as of a day: marked done, on that day or before. */
export function actionDone(action: { status: ActionStatus; doneOn: string | null }, asOf: string): boolean {
  return action.status === 'done' && action.doneOn !== null && action.doneOn <= asOf;
}

/**
 * An action is late as of a day when it is not done by then and its due day is past (the due day itself is not
 * late). Read as of an earlier day, an action done since is judged as it stood then.
 */
export function actionLate(
  action: { status: ActionStatus; doneOn: string | null; due: string },
  asOf: string,
): boolean {
  return !actionDone(action, asOf) && action.due < asOf;
}

/** Who is asking: the role and the scope area (null: the whole country). */
export interface Actor {
  role: Role;
  scopeAreaId: number | null;
}

/** Why a write is refused: the role never writes it (`forbidden`), or not there (`out_of_scope`). */
export type Denial = 'forbidden' | 'out_of_scope';

/**
 * Creating or editing a plan (and adding its objectives and actions): the director-general anywhere, a wali
 * when both the plan's area and its owner area lie in the region; district chiefs and analysts never.
 */
export function planWriteDenial(actor: Actor, area: AreaPath, ownerArea: AreaPath): Denial | null {
  if (actor.role === 'director_general') return null;
  if (actor.role !== 'wali') return 'forbidden';
  return scopeCovers(actor.scopeAreaId, area) && scopeCovers(actor.scopeAreaId, ownerArea) ? null : 'out_of_scope';
}

/**
 * Updating an action (its status, done day, text, due day or owner): whoever may edit its plan, and a district
 * chief when the unit that owns it — and, on a change of owner, the new one — works in the chief's district.
 * `unitAreas` are those units' areas; a unit without an area is nobody's district.
 */
export function actionUpdateDenial(
  actor: Actor,
  plan: { area: AreaPath; ownerArea: AreaPath },
  unitAreas: readonly (AreaPath | null)[],
): Denial | null {
  if (actor.role === 'district_chief') {
    return unitAreas.every((a) => a !== null && scopeCovers(actor.scopeAreaId, a)) ? null : 'out_of_scope';
  }
  return planWriteDenial(actor, plan.area, plan.ownerArea);
}

/**
 * A partner may take part in a plan when their territory and the plan's area overlap: the territory lies inside
 * the plan's area (a commune in a regional plan) or the plan's area inside the territory (a district plan for the
 * prefecture's prosecutor).
 */
export function partnerFitsPlan(territory: AreaPath, planArea: AreaPath): boolean {
  return scopeCovers(planArea.id, territory) || scopeCovers(territory.id, planArea);
}

/**
 * Writing an area's weekly submission: a user whose scope covers the area (the director-general everywhere, a
 * wali in the region, a district chief in the district); analysts read only.
 */
export function submissionWriteDenial(actor: Actor, area: AreaPath): Denial | null {
  if (!hasPermission(actor.role, 'plans.write')) return 'forbidden';
  return scopeCovers(actor.scopeAreaId, area) ? null : 'out_of_scope';
}

/**
 * Which plans a user sees: those of an area in the scope, and those of an area that contains the scope (a
 * national or regional plan covers the district it is read from). What a plan holds about areas outside the
 * scope (an objective's figures) is withheld separately.
 */
export function planVisible(scope: AreaPath | null, planArea: AreaPath): boolean {
  if (scope === null) return true;
  return scopeCovers(scope.id, planArea) || scope.ancestorIds.includes(planArea.id);
}
