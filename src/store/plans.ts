import { sql } from 'kysely';
import type { AreaLevel } from '../domain/area.js';
import type { ActionStatus, ObjectiveSpec, PlanKind, PlanStatus } from '../domain/plan.js';
import type { AreaPath } from '../domain/role.js';
import type { Db } from './db.js';

/** Plans, their objectives and actions, and weekly submissions (migration 0005-plans). */

export interface PlanRow {
  id: number;
  kind: PlanKind;
  title: string;
  areaId: number;
  ownerAreaId: number;
  start: string;
  end: string;
  status: PlanStatus;
  synthetic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewPlan {
  kind: PlanKind;
  title: string;
  areaId: number;
  ownerAreaId: number;
  start: string;
  end: string;
  status: PlanStatus;
  synthetic?: boolean;
  createdBy: number | null;
}

export type PlanChanges = Partial<Pick<NewPlan, 'kind' | 'title' | 'ownerAreaId' | 'start' | 'end' | 'status'>>;

export interface ObjectiveRow extends ObjectiveSpec {
  id: number;
  planId: number;
  areaId: number;
  /** Category codes counted together; empty for every category. */
  categories: string[];
}

export type NewObjective = Omit<ObjectiveRow, 'id'>;

export interface ActionRow {
  id: number;
  planId: number;
  description: string;
  ownerUnitId: number;
  ownerUnitCode: string;
  ownerUnitKind: string;
  ownerUnitAreaId: number | null;
  ownerUnitNameAr: string;
  ownerUnitNameFr: string;
  ownerUnitNameEn: string | null;
  due: string;
  status: ActionStatus;
  doneOn: string | null;
  /** Shared with the plan's partners. */
  shared: boolean;
  updatedAt: Date;
}

export interface NewAction {
  planId: number;
  description: string;
  ownerUnitId: number;
  due: string;
  status: ActionStatus;
  doneOn: string | null;
  shared?: boolean;
}

export type ActionChanges = Partial<Omit<NewAction, 'planId'>>;

export interface UnitRow {
  id: number;
  code: string;
  kind: string;
  areaId: number | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
}

export interface SubmissionRow {
  areaId: number;
  week: string;
  efforts: string;
  difficulties: string;
  submittedBy: string | null;
  synthetic: boolean;
  updatedAt: Date;
}

export interface SubmissionWrite {
  areaId: number;
  week: string;
  efforts: string;
  difficulties: string;
  submittedBy: number | null;
  synthetic?: boolean;
}

/** The ancestry of each area (itself excluded), for the pure scope and permission rules. */
export async function areaPaths(db: Db, ids: readonly number[]): Promise<Map<number, AreaPath>> {
  const unique = [...new Set(ids)];
  const paths = new Map<number, AreaPath>(unique.map((id) => [id, { id, ancestorIds: [] }]));
  if (unique.length === 0) return paths;
  const rows = await db
    .selectFrom('areaAncestor')
    .select(['areaId', 'ancestorId'])
    .where('areaId', 'in', unique)
    .where('depth', '>', 0)
    .execute();
  const ancestors = new Map<number, number[]>();
  for (const r of rows) ancestors.set(r.areaId, [...(ancestors.get(r.areaId) ?? []), r.ancestorId]);
  for (const id of unique) paths.set(id, { id, ancestorIds: ancestors.get(id) ?? [] });
  return paths;
}

function planQuery(db: Db) {
  return db
    .selectFrom('plan')
    .select([
      'id',
      'kind',
      'title',
      'areaId',
      'ownerAreaId',
      'startDay as start',
      'endDay as end',
      'status',
      'synthetic',
      'createdAt',
      'updatedAt',
    ]);
}

type PlanSelect = Awaited<ReturnType<ReturnType<typeof planQuery>['execute']>>[number];
const toPlan = (r: PlanSelect): PlanRow => ({ ...r, kind: r.kind as PlanKind, status: r.status as PlanStatus });

export async function insertPlan(db: Db, plan: NewPlan): Promise<number> {
  const { id } = await db
    .insertInto('plan')
    .values({
      kind: plan.kind,
      title: plan.title,
      areaId: plan.areaId,
      ownerAreaId: plan.ownerAreaId,
      startDay: plan.start,
      endDay: plan.end,
      status: plan.status,
      synthetic: plan.synthetic ?? false,
      createdBy: plan.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updatePlan(db: Db, id: number, changes: PlanChanges): Promise<void> {
  await db
    .updateTable('plan')
    .set({
      ...(changes.kind === undefined ? {} : { kind: changes.kind }),
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.ownerAreaId === undefined ? {} : { ownerAreaId: changes.ownerAreaId }),
      ...(changes.start === undefined ? {} : { startDay: changes.start }),
      ...(changes.end === undefined ? {} : { endDay: changes.end }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function findPlan(db: Db, id: number): Promise<PlanRow | undefined> {
  const row = await planQuery(db).where('id', '=', id).executeTakeFirst();
  return row ? toPlan(row) : undefined;
}

/**
 * The plans on an area's line of ancestry: those of the area itself, of the areas that contain it and of the
 * areas inside it; the broadest first, then by start day.
 */
export async function listPlansOnLine(
  db: Db,
  areaId: number,
  filter: { statuses?: readonly PlanStatus[] } = {},
): Promise<PlanRow[]> {
  let query = planQuery(db).where((eb) =>
    eb.or([
      eb('plan.areaId', 'in', eb.selectFrom('areaAncestor').select('ancestorId').where('areaId', '=', areaId)),
      eb('plan.areaId', 'in', eb.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', areaId)),
    ]),
  );
  if (filter.statuses) {
    if (filter.statuses.length === 0) return [];
    query = query.where('status', 'in', filter.statuses);
  }
  const rows = await query
    .orderBy(
      (eb) => eb.selectFrom('areaAncestor').select(eb.fn.countAll().as('n')).whereRef('areaId', '=', 'plan.areaId'),
      'asc',
    )
    .orderBy('startDay')
    .orderBy('id')
    .execute();
  return rows.map(toPlan);
}

export async function insertObjective(db: Db, objective: NewObjective): Promise<number> {
  const { id } = await db
    .insertInto('planObjective')
    .values({
      planId: objective.planId,
      areaId: objective.areaId,
      categories: objective.categories,
      measure: objective.measure,
      windowKind: objective.window,
      windowDays: objective.windowDays,
      windowFrom: objective.windowFrom,
      windowTo: objective.windowTo,
      baselineKind: objective.baseline,
      baselineFrom: objective.baselineFrom,
      baselineTo: objective.baselineTo,
      targetChangePct: objective.targetChangePct,
      deadline: objective.deadline,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listObjectives(db: Db, planIds: readonly number[]): Promise<ObjectiveRow[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('planObjective')
    .selectAll()
    .where('planId', 'in', planIds)
    .orderBy('planId')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    areaId: r.areaId,
    categories: r.categories,
    measure: r.measure as ObjectiveRow['measure'],
    window: r.windowKind as ObjectiveRow['window'],
    windowDays: r.windowDays,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    baseline: r.baselineKind as ObjectiveRow['baseline'],
    baselineFrom: r.baselineFrom,
    baselineTo: r.baselineTo,
    targetChangePct: r.targetChangePct,
    deadline: r.deadline,
  }));
}

function actionQuery(db: Db) {
  return db
    .selectFrom('planAction as pa')
    .innerJoin('policeUnit as u', 'u.id', 'pa.ownerUnitId')
    .select([
      'pa.id',
      'pa.planId',
      'pa.description',
      'pa.ownerUnitId',
      'u.code as ownerUnitCode',
      'u.kind as ownerUnitKind',
      'u.areaId as ownerUnitAreaId',
      'u.nameAr as ownerUnitNameAr',
      'u.nameFr as ownerUnitNameFr',
      'u.nameEn as ownerUnitNameEn',
      'pa.dueDay as due',
      'pa.status',
      'pa.doneDay as doneOn',
      'pa.shared',
      'pa.updatedAt',
    ]);
}

type ActionSelect = Awaited<ReturnType<ReturnType<typeof actionQuery>['execute']>>[number];
const toAction = (r: ActionSelect): ActionRow => ({ ...r, status: r.status as ActionStatus });

export async function insertAction(db: Db, action: NewAction): Promise<number> {
  const { id } = await db
    .insertInto('planAction')
    .values({
      planId: action.planId,
      description: action.description,
      ownerUnitId: action.ownerUnitId,
      dueDay: action.due,
      status: action.status,
      doneDay: action.doneOn,
      shared: action.shared ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateAction(db: Db, id: number, changes: ActionChanges): Promise<void> {
  await db
    .updateTable('planAction')
    .set({
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.ownerUnitId === undefined ? {} : { ownerUnitId: changes.ownerUnitId }),
      ...(changes.due === undefined ? {} : { dueDay: changes.due }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.doneOn === undefined ? {} : { doneDay: changes.doneOn }),
      ...(changes.shared === undefined ? {} : { shared: changes.shared }),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function findAction(db: Db, planId: number, id: number): Promise<ActionRow | undefined> {
  const row = await actionQuery(db).where('pa.planId', '=', planId).where('pa.id', '=', id).executeTakeFirst();
  return row ? toAction(row) : undefined;
}

/** The actions of some plans, by due day. */
export async function listActions(db: Db, planIds: readonly number[]): Promise<ActionRow[]> {
  if (planIds.length === 0) return [];
  const rows = await actionQuery(db).where('pa.planId', 'in', planIds).orderBy('pa.dueDay').orderBy('pa.id').execute();
  return rows.map(toAction);
}

/** A partner account taking part in a plan. */
export interface PlanPartnerRow {
  planId: number;
  userId: number;
  username: string;
  displayName: string;
  partnerKind: string | null;
  scopeAreaId: number | null;
  addedAt: Date;
}

/** The partner accounts of some plans, by plan and user name. */
export async function listPlanPartners(db: Db, planIds: readonly number[]): Promise<PlanPartnerRow[]> {
  if (planIds.length === 0) return [];
  return (
    db
      .selectFrom('planPartner as pp')
      .innerJoin('appUser as u', 'u.id', 'pp.userId')
      .select(['pp.planId', 'pp.userId', 'u.username', 'u.displayName', 'u.partnerKind', 'u.scopeAreaId', 'pp.addedAt'])
      .where('pp.planId', 'in', planIds)
      // An account whose role changed since speaks for no partner any more.
      .where('u.role', '=', 'partner')
      .orderBy('pp.planId')
      .orderBy('u.username')
      .execute()
  );
}

/** Adds a partner to a plan; false when already there. */
export async function insertPlanPartner(
  db: Db,
  partner: { planId: number; userId: number; addedBy: number | null },
): Promise<boolean> {
  const row = await db
    .insertInto('planPartner')
    .values(partner)
    .onConflict((oc) => oc.columns(['planId', 'userId']).doNothing())
    .returning('planId')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a partner from a plan; false when not there. */
export async function deletePlanPartner(db: Db, planId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('planPartner')
    .where('planId', '=', planId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The plans a partner account takes part in, by start day. */
export async function listPartnerPlans(db: Db, userId: number): Promise<PlanRow[]> {
  const rows = await planQuery(db)
    .where('id', 'in', db.selectFrom('planPartner').select('planId').where('userId', '=', userId))
    .orderBy('startDay')
    .orderBy('id')
    .execute();
  return rows.map(toPlan);
}

const unitColumns = ['id', 'code', 'kind', 'areaId', 'nameAr', 'nameFr', 'nameEn'] as const;

export async function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('policeUnit').select(unitColumns).where('code', '=', code).executeTakeFirst();
}

/** The police units working in an area or in an area inside it. */
export async function listUnitsWithin(db: Db, areaId: number): Promise<UnitRow[]> {
  return db
    .selectFrom('policeUnit')
    .select(unitColumns)
    .where('areaId', 'in', db.selectFrom('areaAncestor').select('areaId').where('ancestorId', '=', areaId))
    .orderBy('code')
    .execute();
}

/** Writes an area's submission for a week, replacing the one there. */
export async function upsertSubmission(db: Db, submission: SubmissionWrite): Promise<void> {
  await db
    .insertInto('planSubmission')
    .values({
      areaId: submission.areaId,
      week: submission.week,
      efforts: submission.efforts,
      difficulties: submission.difficulties,
      submittedBy: submission.submittedBy,
      synthetic: submission.synthetic ?? false,
    })
    .onConflict((oc) =>
      oc.columns(['areaId', 'week']).doUpdateSet((eb) => ({
        efforts: eb.ref('excluded.efforts'),
        difficulties: eb.ref('excluded.difficulties'),
        submittedBy: eb.ref('excluded.submittedBy'),
        synthetic: eb.ref('excluded.synthetic'),
        updatedAt: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** The submissions of some areas for a week, with the name of who wrote each. */
export async function listSubmissions(db: Db, areaIds: readonly number[], week: string): Promise<SubmissionRow[]> {
  if (areaIds.length === 0) return [];
  return db
    .selectFrom('planSubmission as s')
    .leftJoin('appUser as u', 'u.id', 's.submittedBy')
    .select([
      's.areaId',
      's.week',
      's.efforts',
      's.difficulties',
      'u.displayName as submittedBy',
      's.synthetic',
      's.updatedAt',
    ])
    .where('s.areaId', 'in', areaIds)
    .where('s.week', '=', week)
    .execute();
}

/** The areas one level below an area (its children), as ids and levels. */
export async function listChildAreas(db: Db, areaId: number): Promise<{ id: number; level: AreaLevel }[]> {
  const rows = await db.selectFrom('area').select(['id', 'level']).where('parentId', '=', areaId).execute();
  return rows.map((r) => ({ id: r.id, level: r.level as AreaLevel }));
}

/** Removes the demo's plans (their objectives and actions go with them) and its submissions. */
export async function deleteSyntheticPlans(db: Db): Promise<void> {
  await db.deleteFrom('plan').where('synthetic', '=', true).execute();
  await db.deleteFrom('planSubmission').where('synthetic', '=', true).execute();
}
