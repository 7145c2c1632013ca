import { objectiveProgress, objectiveWindows } from '../analytics/objectives.js';
import type { AreaSummary } from '../contract/common.js';
import type {
  Action,
  ActionBody,
  ActionPatch,
  Objective,
  ObjectiveBody,
  Plan,
  PlanBody,
  PlanList,
  PlanPartner,
  PlanPatch,
  PlanProgress,
  Submission,
  SubmissionBody,
  SubmissionWeek,
  UnitList,
} from '../contract/plans.js';
import { isoWeekDays, isoWeekOf } from '../domain/iso-week.js';
import {
  actionDone,
  actionLate,
  actionUpdateDenial,
  objectiveProblem,
  partnerFitsPlan,
  planVisible,
  planWriteDenial,
  submissionWriteDenial,
  type Actor,
  type Denial,
  type ObjectiveSpec,
} from '../domain/plan.js';
import { isPartnerKind, scopeCovers, type AreaPath } from '../domain/role.js';
import { daysBetween, zonedDay } from '../domain/time.js';
import { findAreaByCode, findAreaById, listAreas, type AreaRow } from '../store/areas.js';
import { countCompstat } from '../store/compstat.js';
import type { Db } from '../store/db.js';
import {
  areaPaths,
  deletePlanPartner,
  findAction,
  findPlan,
  findUnitByCode,
  insertAction,
  insertObjective,
  insertPlan,
  insertPlanPartner,
  listActions,
  listChildAreas,
  listObjectives,
  listPlanPartners,
  listPlansOnLine,
  listSubmissions,
  listUnitsWithin,
  updateAction,
  updatePlan,
  upsertSubmission,
  type ActionRow,
  type ObjectiveRow,
  type PlanPartnerRow,
  type PlanRow,
  type SubmissionRow,
  type UnitRow,
} from '../store/plans.js';
import type { Scope } from '../store/scope.js';
import { findUserByUsername, type User } from '../store/users.js';

/**
 * Plans and follow-up (docs/compstat.md, "Plans and follow-up"): plans with their objectives' progress from the
 * daily roll-up and their actions' lateness, the writes and who may make them, and the weekly submissions. The
 * API and the command call these; the meeting brief calls `planFollowUp`.
 */

export type PlanFailure =
  | 'invalid'
  | 'area_not_found'
  | 'plan_not_found'
  | 'action_not_found'
  | 'partner_not_found'
  | 'forbidden'
  | 'out_of_scope'
  | 'closed';

/** A request the plans cannot satisfy; `field` names the input at fault where there is one. */
export class PlanError extends Error {
  readonly failure: PlanFailure;
  readonly field: string | undefined;
  constructor(failure: PlanFailure, message: string, field?: string) {
    super(message);
    this.failure = failure;
    this.field = field;
  }
}

const invalid = (field: string, message: string) => new PlanError('invalid', message, field);

function deny(denial: Denial | null, what: string, field?: string): void {
  if (denial === 'forbidden') throw new PlanError('forbidden', `your role may not ${what}`, field);
  if (denial === 'out_of_scope') throw new PlanError('out_of_scope', `you may not ${what} outside your scope`, field);
}

/** An area as the API shows it. */
export function areaSummaryOf(area: AreaRow): AreaSummary {
  return {
    code: area.code,
    level: area.level,
    kind: area.kind,
    nameAr: area.nameAr,
    nameFr: area.nameFr,
    nameEn: area.nameEn ?? area.nameFr,
    population: area.population,
    synthetic: area.synthetic,
  };
}

const actorOf = (user: User): Actor => ({ role: user.role, scopeAreaId: user.scopeAreaId });

/**
 * The as-of day plans are read on by default: today in the area's zone, so that an action marked done today is
 * done and one due yesterday is late. (CompStat defaults to the latest day with data instead; where the data lag,
 * ask for that day to compare the two.)
 */
export function defaultPlanAsOf(area: AreaRow, now: Date): string {
  return zonedDay(now, area.timeZone);
}

/** Everything needed to show some plans: their rows, objectives, actions and the areas they name. */
interface Loaded {
  objectives: Map<number, ObjectiveRow[]>;
  actions: Map<number, ActionRow[]>;
  partners: Map<number, PlanPartnerRow[]>;
  areas: Map<number, AreaRow>;
  paths: Map<number, AreaPath>;
}

async function load(db: Db, plans: readonly PlanRow[], scope: Scope): Promise<Loaded> {
  const ids = plans.map((p) => p.id);
  const [objectiveRows, actionRows, partnerRows] = await Promise.all([
    listObjectives(db, ids),
    listActions(db, ids),
    listPlanPartners(db, ids),
  ]);
  const group = <T extends { planId: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.planId, [...(map.get(r.planId) ?? []), r]);
    return map;
  };
  const areaIds = [
    ...plans.flatMap((p) => [p.areaId, p.ownerAreaId]),
    ...objectiveRows.map((o) => o.areaId),
    ...actionRows.flatMap((a) => (a.ownerUnitAreaId === null ? [] : [a.ownerUnitAreaId])),
    ...partnerRows.flatMap((p) => (p.scopeAreaId === null ? [] : [p.scopeAreaId])),
    ...(scope.area === null ? [] : [scope.area.id]),
  ];
  const [areaRows, paths] = await Promise.all([listAreas(db, { ids: [...new Set(areaIds)] }), areaPaths(db, areaIds)]);
  return {
    objectives: group(objectiveRows),
    actions: group(actionRows),
    partners: group(partnerRows),
    areas: new Map(areaRows.map((a) => [a.id, a])),
    paths,
  };
}

function need<T>(map: Map<number, T>, id: number): T {
  const value = map.get(id);
  if (value === undefined) throw new Error(`area ${id} is missing`);
  return value;
}

/** Incidents of some categories (none: all) in each of two windows, in one area, from the roll-up. */
async function countWindows(
  db: Db,
  scope: Scope,
  areaId: number,
  categories: readonly string[],
  windows: readonly { from: string; to: string }[],
): Promise<number[]> {
  const counts = await countCompstat(db, scope, areaId, windows);
  return windows.map((w) =>
    counts
      .filter((c) => c.from === w.from && c.to === w.to && (categories.length === 0 || categories.includes(c.category)))
      .reduce((sum, c) => sum + c.incidents, 0),
  );
}

async function objectiveView(
  db: Db,
  scope: Scope,
  plan: PlanRow,
  row: ObjectiveRow,
  loaded: Loaded,
  asOf: string,
): Promise<Objective> {
  const area = need(loaded.areas, row.areaId);
  const withheld = scope.area !== null && !scopeCovers(scope.area.id, need(loaded.paths, row.areaId));
  const spec: ObjectiveSpec = {
    measure: row.measure,
    window: row.window,
    windowDays: row.windowDays,
    windowFrom: row.windowFrom,
    windowTo: row.windowTo,
    baseline: row.baseline,
    baselineFrom: row.baselineFrom,
    baselineTo: row.baselineTo,
    targetChangePct: row.targetChangePct,
    deadline: row.deadline,
  };
  let progress: Objective['progress'] = null;
  if (!withheld) {
    const windows = objectiveWindows(spec, asOf);
    const [currentCount, baselineCount] =
      windows.current === null || windows.baseline === null
        ? [0, 0]
        : await countWindows(db, scope, row.areaId, row.categories, [windows.current, windows.baseline]);
    progress = objectiveProgress({
      spec,
      start: plan.start,
      asOf,
      currentCount: currentCount ?? 0,
      baselineCount: baselineCount ?? 0,
      population: area.population,
    });
  }
  return { id: row.id, categories: row.categories, ...spec, area: areaSummaryOf(area), withheld, progress };
}

function actionView(row: ActionRow, plan: PlanRow, loaded: Loaded, asOf: string, actor: Actor | null): Action {
  const late = actionLate(row, asOf);
  const unitArea = row.ownerUnitAreaId === null ? null : need(loaded.paths, row.ownerUnitAreaId);
  const planAreas = { area: need(loaded.paths, plan.areaId), ownerArea: need(loaded.paths, plan.ownerAreaId) };
  return {
    id: row.id,
    description: row.description,
    ownerUnit: unitOut(
      row.ownerUnitCode,
      row.ownerUnitKind,
      row.ownerUnitNameAr,
      row.ownerUnitNameFr,
      row.ownerUnitNameEn,
    ),
    due: row.due,
    status: row.status,
    doneOn: row.doneOn,
    late,
    daysLate: late ? daysBetween(row.due, asOf) : null,
    canUpdate: actor !== null && actionUpdateDenial(actor, planAreas, [unitArea]) === null,
    shared: row.shared,
  };
}

function partnerView(row: PlanPartnerRow, loaded: Loaded): PlanPartner {
  return {
    username: row.username,
    displayName: row.displayName,
    partnerKind: row.partnerKind !== null && isPartnerKind(row.partnerKind) ? row.partnerKind : null,
    territory: row.scopeAreaId === null ? null : areaSummaryOf(need(loaded.areas, row.scopeAreaId)),
    addedAt: row.addedAt.toISOString(),
  };
}

function unitOut(code: string, kind: string, nameAr: string, nameFr: string, nameEn: string | null) {
  return { code, kind, nameAr, nameFr, nameEn: nameEn ?? nameFr };
}

async function planViews(
  db: Db,
  scope: Scope,
  viewer: User | null,
  plans: readonly PlanRow[],
  asOf: string,
): Promise<Plan[]> {
  const loaded = await load(db, plans, scope);
  const actor = viewer === null ? null : actorOf(viewer);
  const views: Plan[] = [];
  for (const plan of plans) {
    const objectives: Objective[] = [];
    for (const row of loaded.objectives.get(plan.id) ?? []) {
      objectives.push(await objectiveView(db, scope, plan, row, loaded, asOf));
    }
    const actions = (loaded.actions.get(plan.id) ?? []).map((a) => actionView(a, plan, loaded, asOf, actor));
    const area = need(loaded.paths, plan.areaId);
    const ownerArea = need(loaded.paths, plan.ownerAreaId);
    views.push({
      id: plan.id,
      kind: plan.kind,
      title: plan.title,
      status: plan.status,
      area: areaSummaryOf(need(loaded.areas, plan.areaId)),
      ownerArea: areaSummaryOf(need(loaded.areas, plan.ownerAreaId)),
      start: plan.start,
      end: plan.end,
      synthetic: plan.synthetic,
      canEdit: actor !== null && planWriteDenial(actor, area, ownerArea) === null,
      objectives,
      actions,
      partners: (loaded.partners.get(plan.id) ?? []).map((p) => partnerView(p, loaded)),
      openActions: (loaded.actions.get(plan.id) ?? []).filter((a) => !actionDone(a, asOf)).length,
      lateActions: actions.filter((a) => a.late).length,
    });
  }
  return views;
}

/** The scope's own area path, or null for everything. */
async function scopePath(db: Db, scope: Scope): Promise<AreaPath | null> {
  if (scope.area === null) return null;
  return need(await areaPaths(db, [scope.area.id]), scope.area.id);
}

/** A plan the caller may see, or the reason not. */
async function visiblePlan(db: Db, scope: Scope, id: number): Promise<PlanRow> {
  const plan = await findPlan(db, id);
  if (!plan) throw new PlanError('plan_not_found', `no plan ${id}`, 'id');
  const path = need(await areaPaths(db, [plan.areaId]), plan.areaId);
  if (!planVisible(await scopePath(db, scope), path)) {
    throw new PlanError('out_of_scope', `plan ${id} is outside your scope`, 'id');
  }
  return plan;
}

export interface PlanListRequest {
  area: AreaRow;
  /** Default: `defaultPlanAsOf`. */
  asOf?: string;
  now: Date;
}

/**
 * The plans on an area's line (its own, those of the areas containing it, those of the areas inside it; the
 * broadest first), each with its objectives' progress and its actions as of a day. The area must already be
 * known to lie in the scope.
 */
export async function listPlans(
  db: Db,
  scope: Scope,
  viewer: User | null,
  request: PlanListRequest,
): Promise<PlanList> {
  const asOf = request.asOf ?? defaultPlanAsOf(request.area, request.now);
  const rows = await listPlansOnLine(db, request.area.id);
  const own = await scopePath(db, scope);
  const paths = await areaPaths(
    db,
    rows.map((r) => r.areaId),
  );
  const visible = rows.filter((r) => planVisible(own, need(paths, r.areaId)));
  return { area: areaSummaryOf(request.area), asOf, items: await planViews(db, scope, viewer, visible, asOf) };
}

/** One plan as of a day (default: `defaultPlanAsOf` for the plan's area). */
export async function planProgress(
  db: Db,
  scope: Scope,
  viewer: User | null,
  id: number,
  options: { asOf?: string; now: Date },
): Promise<PlanProgress> {
  const plan = await visiblePlan(db, scope, id);
  return progressOf(db, scope, viewer, plan, options);
}

async function progressOf(
  db: Db,
  scope: Scope,
  viewer: User | null,
  plan: PlanRow,
  options: { asOf?: string; now: Date },
): Promise<PlanProgress> {
  const area = await findAreaById(db, plan.areaId);
  if (!area) throw new Error(`the area of plan ${plan.id} is missing`);
  const asOf = options.asOf ?? defaultPlanAsOf(area, options.now);
  const [view] = await planViews(db, scope, viewer, [plan], asOf);
  if (!view) throw new Error(`plan ${plan.id} could not be read`);
  return { asOf, plan: view };
}

async function areaByCode(db: Db, code: string, field: string): Promise<AreaRow> {
  const area = await findAreaByCode(db, code);
  if (!area) throw new PlanError('area_not_found', `no area with code ${code}`, field);
  return area;
}

/** Creates a plan (active unless said otherwise); its owner area defaults to its area. */
export async function createPlan(db: Db, scope: Scope, user: User, body: PlanBody, now: Date): Promise<PlanProgress> {
  const area = await areaByCode(db, body.area, 'area');
  const ownerArea = body.ownerArea === undefined ? area : await areaByCode(db, body.ownerArea, 'ownerArea');
  const paths = await areaPaths(db, [area.id, ownerArea.id]);
  deny(planWriteDenial(actorOf(user), need(paths, area.id), need(paths, ownerArea.id)), 'write plans', 'area');
  if (body.end < body.start) throw invalid('end', `end: ${body.end} is before start ${body.start}`);
  const id = await insertPlan(db, {
    kind: body.kind,
    title: body.title.trim(),
    areaId: area.id,
    ownerAreaId: ownerArea.id,
    start: body.start,
    end: body.end,
    status: body.status ?? 'active',
    createdBy: user.id,
  });
  return planProgress(db, scope, user, id, { now });
}

/** The plan `id` if the user may edit it. */
async function editablePlan(db: Db, scope: Scope, user: User, id: number): Promise<PlanRow> {
  const plan = await visiblePlan(db, scope, id);
  const paths = await areaPaths(db, [plan.areaId, plan.ownerAreaId]);
  deny(planWriteDenial(actorOf(user), need(paths, plan.areaId), need(paths, plan.ownerAreaId)), 'edit this plan');
  return plan;
}

/** Changes a plan's kind, title, owner area, period or status; objectives' deadlines must stay in the period. */
export async function editPlan(
  db: Db,
  scope: Scope,
  user: User,
  id: number,
  patch: PlanPatch,
  now: Date,
): Promise<PlanProgress> {
  const plan = await editablePlan(db, scope, user, id);
  let ownerAreaId: number | undefined;
  if (patch.ownerArea !== undefined) {
    const ownerArea = await areaByCode(db, patch.ownerArea, 'ownerArea');
    const paths = await areaPaths(db, [plan.areaId, ownerArea.id]);
    deny(
      planWriteDenial(actorOf(user), need(paths, plan.areaId), need(paths, ownerArea.id)),
      'hand this plan',
      'ownerArea',
    );
    ownerAreaId = ownerArea.id;
  }
  const start = patch.start ?? plan.start;
  const end = patch.end ?? plan.end;
  if (end < start) throw invalid(patch.end === undefined ? 'start' : 'end', `end: ${end} is before start ${start}`);
  const deadlines = (await listObjectives(db, [id])).map((o) => o.deadline).sort();
  const first = deadlines[0];
  const last = deadlines[deadlines.length - 1];
  if (first !== undefined && first < start) throw invalid('start', `start: after an objective's deadline ${first}`);
  if (last !== undefined && last > end) throw invalid('end', `end: before an objective's deadline ${last}`);
  await updatePlan(db, id, {
    ...(patch.kind === undefined ? {} : { kind: patch.kind }),
    ...(patch.title === undefined ? {} : { title: patch.title.trim() }),
    ...(ownerAreaId === undefined ? {} : { ownerAreaId }),
    ...(patch.start === undefined ? {} : { start: patch.start }),
    ...(patch.end === undefined ? {} : { end: patch.end }),
    ...(patch.status === undefined ? {} : { status: patch.status }),
  });
  return planProgress(db, scope, user, id, { now });
}

/** Adds a measurable objective to a plan; its area (default the plan's) must lie in the plan's area. */
export async function addObjective(
  db: Db,
  scope: Scope,
  user: User,
  planId: number,
  body: ObjectiveBody,
  now: Date,
): Promise<PlanProgress> {
  const plan = await editablePlan(db, scope, user, planId);
  const area = body.area === undefined ? undefined : await areaByCode(db, body.area, 'area');
  const areaId = area?.id ?? plan.areaId;
  if (!scopeCovers(plan.areaId, need(await areaPaths(db, [areaId]), areaId))) {
    throw invalid('area', `area: ${body.area ?? ''} is not inside the plan's area`);
  }
  const spec: ObjectiveSpec = {
    measure: body.measure,
    window: body.window,
    windowDays: body.windowDays ?? null,
    windowFrom: body.windowFrom ?? null,
    windowTo: body.windowTo ?? null,
    baseline: body.baseline,
    baselineFrom: body.baselineFrom ?? null,
    baselineTo: body.baselineTo ?? null,
    targetChangePct: body.targetChangePct,
    deadline: body.deadline,
  };
  const problem = objectiveProblem(spec, plan);
  if (problem) throw invalid(problem.field, problem.message);
  await insertObjective(db, { planId, areaId, categories: [...(body.categories ?? [])], ...spec });
  return planProgress(db, scope, user, planId, { now });
}

/** A unit that may own an action of the plan: it exists and works in the plan's area. */
async function ownerUnit(db: Db, plan: PlanRow, code: string): Promise<UnitRow> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw invalid('ownerUnit', `ownerUnit: no police unit ${code}`);
  const inside =
    unit.areaId !== null && scopeCovers(plan.areaId, need(await areaPaths(db, [unit.areaId]), unit.areaId));
  if (!inside) throw invalid('ownerUnit', `ownerUnit: ${code} does not work in the plan's area`);
  return unit;
}

/** The done day an action gets: the one given, else today when marked done; never after today. */
function doneDay(status: 'open' | 'done', given: string | null | undefined, today: string): string | null {
  if (status === 'open') {
    if (given !== undefined && given !== null) throw invalid('doneOn', 'doneOn: an open action has no done day');
    return null;
  }
  const day = given ?? today;
  if (day > today) throw invalid('doneOn', `doneOn: ${day} is after today`);
  return day;
}

/** Adds an action to a plan, owned by a police unit working in the plan's area. */
export async function addAction(
  db: Db,
  scope: Scope,
  user: User,
  planId: number,
  body: ActionBody,
  now: Date,
): Promise<PlanProgress> {
  const plan = await editablePlan(db, scope, user, planId);
  const unit = await ownerUnit(db, plan, body.ownerUnit);
  const status = body.status ?? 'open';
  const area = await findAreaById(db, plan.areaId);
  await insertAction(db, {
    planId,
    description: body.description.trim(),
    ownerUnitId: unit.id,
    due: body.due,
    status,
    doneOn: doneDay(status, body.doneOn, zonedDay(now, area?.timeZone)),
    shared: body.shared ?? false,
  });
  return planProgress(db, scope, user, planId, { now });
}

/**
 * Updates an action: its plan's editors may change anything; a district chief may update the actions his
 * district's units own (and hand them only to another of them). Marked done without a day, it is done today.
 */
export async function editAction(
  db: Db,
  scope: Scope,
  user: User,
  planId: number,
  actionId: number,
  patch: ActionPatch,
  now: Date,
): Promise<PlanProgress> {
  const plan = await visiblePlan(db, scope, planId);
  const action = await findAction(db, planId, actionId);
  if (!action) throw new PlanError('action_not_found', `plan ${planId} has no action ${actionId}`, 'actionId');
  const unit = patch.ownerUnit === undefined ? undefined : await ownerUnit(db, plan, patch.ownerUnit);
  const unitAreaIds = [action.ownerUnitAreaId, unit === undefined ? action.ownerUnitAreaId : unit.areaId];
  const paths = await areaPaths(db, [plan.areaId, plan.ownerAreaId, ...unitAreaIds.filter((a) => a !== null)]);
  const denial = actionUpdateDenial(
    actorOf(user),
    { area: need(paths, plan.areaId), ownerArea: need(paths, plan.ownerAreaId) },
    unitAreaIds.map((a) => (a === null ? null : need(paths, a))),
  );
  deny(denial, 'update this action', unit === undefined ? 'actionId' : 'ownerUnit');
  if (patch.shared !== undefined) {
    // Sharing speaks for the plan to its partners: its editors decide, not the unit that carries the action out.
    const plans = { area: need(paths, plan.areaId), ownerArea: need(paths, plan.ownerAreaId) };
    deny(planWriteDenial(actorOf(user), plans.area, plans.ownerArea), 'share this action', 'shared');
  }
  const area = await findAreaById(db, plan.areaId);
  const status = patch.status ?? action.status;
  const statusChanged = patch.status !== undefined && patch.status !== action.status;
  const given = patch.doneOn !== undefined ? patch.doneOn : statusChanged ? undefined : action.doneOn;
  await updateAction(db, actionId, {
    ...(patch.description === undefined ? {} : { description: patch.description.trim() }),
    ...(unit === undefined ? {} : { ownerUnitId: unit.id }),
    ...(patch.due === undefined ? {} : { due: patch.due }),
    status,
    doneOn: doneDay(status, given, zonedDay(now, area?.timeZone)),
    ...(patch.shared === undefined ? {} : { shared: patch.shared }),
  });
  return planProgress(db, scope, user, planId, { now });
}

/**
 * Adds a partner account to a plan (its editors only): the account must be an enabled partner whose territory
 * overlaps the plan's area (`partnerFitsPlan`). Adding one already there changes nothing.
 */
export async function addPlanPartner(
  db: Db,
  scope: Scope,
  user: User,
  planId: number,
  username: string,
  now: Date,
): Promise<PlanProgress> {
  const plan = await editablePlan(db, scope, user, planId);
  const partner = await findUserByUsername(db, username);
  if (!partner || partner.disabled || partner.role !== 'partner') {
    throw invalid('username', `username: ${username} is not an active partner account`);
  }
  if (partner.scopeAreaId === null) throw invalid('username', `username: ${username} has no territory`);
  const paths = await areaPaths(db, [partner.scopeAreaId, plan.areaId]);
  if (!partnerFitsPlan(need(paths, partner.scopeAreaId), need(paths, plan.areaId))) {
    throw invalid('username', `username: ${username}'s territory does not overlap the plan's area`);
  }
  await insertPlanPartner(db, { planId, userId: partner.id, addedBy: user.id });
  return planProgress(db, scope, user, planId, { now });
}

/** Removes a partner account from a plan (its editors only); 404 when the account is not one of its partners. */
export async function removePlanPartner(
  db: Db,
  scope: Scope,
  user: User,
  planId: number,
  username: string,
  now: Date,
): Promise<PlanProgress> {
  await editablePlan(db, scope, user, planId);
  const partner = await findUserByUsername(db, username);
  if (!partner || !(await deletePlanPartner(db, planId, partner.id))) {
    throw new PlanError('partner_not_found', `plan ${planId} has no partner ${username}`, 'username');
  }
  return planProgress(db, scope, user, planId, { now });
}

/** The police units that may own a plan's actions: those working in its area. */
export async function planUnits(db: Db, scope: Scope, planId: number): Promise<UnitList> {
  const plan = await visiblePlan(db, scope, planId);
  const units = await listUnitsWithin(db, plan.areaId);
  return { items: units.map((u) => unitOut(u.code, u.kind, u.nameAr, u.nameFr, u.nameEn)) };
}

function submissionOut(row: SubmissionRow, area: AreaRow): Submission {
  return {
    area: areaSummaryOf(area),
    week: row.week,
    efforts: row.efforts,
    difficulties: row.difficulties,
    submittedBy: row.submittedBy,
    updatedAt: row.updatedAt.toISOString(),
    synthetic: row.synthetic,
  };
}

/** The Monday and Sunday of a week, or a 400 on `week`. */
function weekDays(week: string): { from: string; to: string } {
  const days = isoWeekDays(week);
  if (!days) throw invalid('week', `week: not an ISO week: ${week}`);
  return days;
}

/** The area's submission for a week and those of its children, in area-code order. */
async function weekSubmissions(db: Db, area: AreaRow, week: string) {
  const children = await listChildAreas(db, area.id);
  const rows = await listSubmissions(db, [area.id, ...children.map((c) => c.id)], week);
  const areas = new Map((await listAreas(db, { ids: rows.map((r) => r.areaId) })).map((a) => [a.id, a]));
  const out = rows
    .map((r) => submissionOut(r, need(areas, r.areaId)))
    .sort((a, b) => (a.area.code < b.area.code ? -1 : 1));
  return {
    own: out.find((s) => s.area.code === area.code) ?? null,
    children: out.filter((s) => s.area.code !== area.code),
    childIds: children.map((c) => c.id),
  };
}

/**
 * An area's submission for a week (default: the current week in the area's zone) and those of its children.
 * A week is open, and its submissions writable, until it ends (its Sunday, local time).
 */
export async function submissionWeek(
  db: Db,
  viewer: User | null,
  request: { area: AreaRow; week?: string; now: Date },
): Promise<SubmissionWeek> {
  const { area } = request;
  const today = zonedDay(request.now, area.timeZone);
  const week = request.week ?? isoWeekOf(today);
  const days = weekDays(week);
  const found = await weekSubmissions(db, area, week);
  const path = need(await areaPaths(db, [area.id]), area.id);
  return {
    area: areaSummaryOf(area),
    week,
    ...days,
    open: today <= days.to,
    canWrite: viewer !== null && submissionWriteDenial(actorOf(viewer), path) === null,
    submission: found.own,
    children: found.children,
  };
}

/**
 * Writes an area's submission for a week, replacing the one there (one per area and week); refused once the week
 * has ended. The area must already be known to lie in the scope.
 */
export async function writeSubmission(
  db: Db,
  user: User,
  request: { area: AreaRow; week: string; body: SubmissionBody; now: Date },
): Promise<SubmissionWeek> {
  const { area, week } = request;
  const days = weekDays(week);
  const path = need(await areaPaths(db, [area.id]), area.id);
  deny(submissionWriteDenial(actorOf(user), path), 'write submissions', 'area');
  if (zonedDay(request.now, area.timeZone) > days.to) {
    throw new PlanError('closed', `week ${week} ended on ${days.to}: its submissions are closed`, 'week');
  }
  await upsertSubmission(db, {
    areaId: area.id,
    week,
    efforts: request.body.efforts.trim(),
    difficulties: request.body.difficulties.trim(),
    submittedBy: user.id,
  });
  return submissionWeek(db, user, { area, week, now: request.now });
}

/** A plan's action, named with its plan, for the meeting's lists. */
export type FollowUpAction = Action & { planId: number; planTitle: string };

/** What the meeting brief reads about plans for an area, a day and a week. */
export interface PlanFollowUp {
  area: AreaSummary;
  asOf: string;
  week: string;
  /** The week's Monday and Sunday. */
  weekFrom: string;
  weekTo: string;
  /**
   * The active plans of the area and of the areas containing it (`covering`), then those of the areas inside it
   * (`inside`), with their objectives' progress and actions as of `asOf`.
   */
  plans: (Plan & { relation: 'covering' | 'inside' })[];
  /** Actions of those plans not done as of `asOf`, by due day; the late ones are also in `lateActions`. */
  openActions: FollowUpAction[];
  lateActions: FollowUpAction[];
  /** The week's submissions of the area and of its child areas, the area's first. */
  submissions: Submission[];
  /** The child areas with no submission for the week. */
  missingSubmissions: AreaSummary[];
}

/**
 * The follow-up of plans for a meeting: the plans bearing on an area with their objectives' progress, the open
 * and late actions, and the week's submissions of the area and its children. Reads only what the scope allows
 * (objectives outside it come without figures); permissions are not asked, so `canEdit` and `canUpdate` are false.
 */
export async function planFollowUp(
  db: Db,
  scope: Scope,
  request: { areaId: number; asOf: string; week: string },
): Promise<PlanFollowUp> {
  const area = await findAreaById(db, request.areaId);
  if (!area) throw new PlanError('area_not_found', `no area ${request.areaId}`, 'areaId');
  const days = weekDays(request.week);
  const list = await listPlans(db, scope, null, { area, asOf: request.asOf, now: new Date(0) });
  const self = need(await areaPaths(db, [area.id]), area.id);
  const active = list.items.filter((p) => p.status === 'active');
  const planAreaIds = new Map(
    (await listAreas(db, { codes: active.map((p) => p.area.code) })).map((a) => [a.code, a.id]),
  );
  const tagged = active.map((plan) => {
    const id = planAreaIds.get(plan.area.code);
    const covering = id === area.id || (id !== undefined && self.ancestorIds.includes(id));
    return { ...plan, relation: covering ? ('covering' as const) : ('inside' as const) };
  });
  tagged.sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'covering' ? -1 : 1));
  const open = tagged
    .flatMap((p) =>
      p.actions
        .filter((a) => !actionDone({ status: a.status, doneOn: a.doneOn }, request.asOf))
        .map((a) => ({ ...a, planId: p.id, planTitle: p.title })),
    )
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id));
  const found = await weekSubmissions(db, area, request.week);
  const submitted = new Set(found.children.map((s) => s.area.code));
  const childAreas = await listAreas(db, { ids: found.childIds });
  return {
    area: areaSummaryOf(area),
    asOf: request.asOf,
    week: request.week,
    weekFrom: days.from,
    weekTo: days.to,
    plans: tagged,
    openActions: open,
    lateActions: open.filter((a) => a.late),
    submissions: [...(found.own ? [found.own] : []), ...found.children],
    missingSubmissions: childAreas.filter((a) => !submitted.has(a.code)).map(areaSummaryOf),
  };
}
