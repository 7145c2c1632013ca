import { isoWeekOf } from '../domain/iso-week.js';
import { addDays, defaultTimeZone, zonedDay } from '../domain/time.js';
import { findAreaByCode } from '../store/areas.js';
import type { Db } from '../store/db.js';
import {
  deleteSyntheticPlans,
  findUnitByCode,
  insertAction,
  insertObjective,
  insertPlan,
  insertPlanPartner,
  listPlansOnLine,
  upsertSubmission,
} from '../store/plans.js';
import { findUserByUsername } from '../store/users.js';

/**
 * The demo's illustrative plan, marked synthetic: an emergency plan for Casablanca-Settat against burglary and
 * theft, set around the demo's last day so that its objectives have data on both sides of a year. Two objectives
 * (a count for the region, a rate for the Casablanca prefecture), three actions for two district units (one
 * late, one done, one due; the first two shared with the plan's partners, the Casablanca commune and prosecutor's
 * office), and the region's submission for the last week. A few rows: nothing next to the load.
 */
export async function seedDemoPlans(db: Db, until: Date): Promise<void> {
  await deleteSyntheticPlans(db);
  const region = await findAreaByCode(db, '06');
  const prefecture = await findAreaByCode(db, '06.141');
  const anfa = await findUnitByCode(db, 'D-06.141.01.01');
  const hayHassani = await findUnitByCode(db, 'D-06.141.01.31');
  if (!region || !prefecture || !anfa || !hayHassani) return;
  const last = zonedDay(until, defaultTimeZone);
  const start = addDays(last, -49);
  const end = addDays(last, 41);
  const planId = await insertPlan(db, {
    kind: 'emergency',
    title: 'خطة استعجالية لمكافحة السطو على المنازل والسرقة — Plan d’urgence cambriolages et vols',
    areaId: region.id,
    ownerAreaId: region.id,
    start,
    end,
    status: 'active',
    synthetic: true,
    createdBy: null,
  });
  const rolling = {
    window: 'rolling' as const,
    windowDays: 28,
    windowFrom: null,
    windowTo: null,
    baseline: 'year_before' as const,
    baselineFrom: null,
    baselineTo: null,
    deadline: end,
  };
  await insertObjective(db, {
    planId,
    areaId: region.id,
    categories: ['burglary', 'theft'],
    measure: 'count',
    targetChangePct: -10,
    ...rolling,
  });
  await insertObjective(db, {
    planId,
    areaId: prefecture.id,
    categories: ['burglary'],
    measure: 'rate',
    targetChangePct: -15,
    ...rolling,
  });
  const actions = [
    {
      description: 'دوريات ليلية حول سوق المعاريف — Patrouilles de nuit autour du marché du Maârif',
      unit: anfa,
      due: -10,
    },
    {
      description: 'لقاءات توعية مع التجار — Réunions de sensibilisation avec les commerçants',
      unit: hayHassani,
      due: -3,
    },
    {
      description: 'مراجعة كاميرات المراقبة بمحطة المسافرين — Revue de la vidéosurveillance à la gare',
      unit: anfa,
      due: 14,
    },
  ];
  for (const [i, action] of actions.entries()) {
    const done = i === 1;
    await insertAction(db, {
      planId,
      description: action.description,
      ownerUnitId: action.unit.id,
      due: addDays(last, action.due),
      status: done ? 'done' : 'open',
      doneOn: done ? addDays(last, -5) : null,
      shared: i < 2,
    });
  }
  await ensureDemoPlanPartners(db);
  await upsertSubmission(db, {
    areaId: region.id,
    week: isoWeekOf(last),
    efforts: 'تعزيز الدوريات الليلية في أنفا والحي الحسني؛ 12 عملية مراقبة للأحياء السكنية.',
    difficulties: 'نقص في عدد السيارات المتاحة ليلاً.',
    submittedBy: null,
    synthetic: true,
  });
}

/** The demo partner accounts that take part in the demo's Casablanca-Settat plan. */
export const demoPlanPartners = ['commune.casablanca', 'parquet.casablanca'] as const;

/**
 * Puts the demo partners on the demo's plans for Casablanca-Settat, where missing: after the demo's accounts exist
 * (a load creates them before its plans; a server restarted on an older demo calls this after `ensureDemoUsers`).
 */
export async function ensureDemoPlanPartners(db: Db): Promise<void> {
  const region = await findAreaByCode(db, '06');
  if (!region) return;
  const plans = (await listPlansOnLine(db, region.id)).filter((p) => p.synthetic && p.areaId === region.id);
  for (const username of demoPlanPartners) {
    const user = await findUserByUsername(db, username);
    if (!user) continue;
    for (const plan of plans) await insertPlanPartner(db, { planId: plan.id, userId: user.id, addedBy: null });
  }
}
