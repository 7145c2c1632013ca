import type { Brief } from '../contract/brief.js';
import { isoWeekDays, isoWeekOf } from '../domain/iso-week.js';
import type { AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import type { Scope } from '../store/scope.js';
import { compstatDefaultAsOf, compstatReport, compstatTrends, type CompstatContext } from './compstat.js';
import { alertsOfArea } from './monitoring.js';
import { planFollowUp } from './plans.js';

/** The weeks of trend the brief charts, ending with the meeting week. */
export const briefTrendWeeks = 13;
/** The most alerts a brief lists (the count of all is given beside). */
export const briefAlertLimit = 50;
/** The most alerts of a week a brief counts. */
const alertCountLimit = 100_000;

/** A meeting week that names no week, or one that has not started. */
export class BriefWeekError extends RangeError {}

export interface BriefRequest {
  area: AreaRow;
  /** The ISO week of the meeting (2026-W47); default the week of the latest day with data. */
  week?: string;
  now: Date;
}

/**
 * The regional meeting brief of an area for a week: the CompStat table as of the week's Sunday (or the last day
 * with data, when the week is not over), the weekly trends up to it, the week's daily-indicator alerts, and the
 * follow-up of plans (progress, open and late actions, the week's submissions). Every part reads through the
 * caller's scope, so a brief never shows more than its reader may see.
 */
export async function meetingBrief(
  db: Db,
  scope: Scope,
  request: BriefRequest,
  context: CompstatContext,
): Promise<Brief> {
  const { area, now } = request;
  const latest = await compstatDefaultAsOf(db, area, now);
  const week = request.week ?? isoWeekOf(latest);
  const days = isoWeekDays(week);
  if (days === null) throw new BriefWeekError(`week: not an ISO week: ${week} (expected YYYY-Www, e.g. 2026-W47)`);
  if (days.from > latest) {
    throw new BriefWeekError(`week: ${week} starts after ${latest}, the latest day with data`);
  }
  const asOf = days.to < latest ? days.to : latest;
  const [compstat, trends, alerts, followUp] = [
    await compstatReport(db, scope, { area, asOf, now }, context),
    await compstatTrends(db, scope, { area, asOf, weeks: briefTrendWeeks, now }, context),
    await alertsOfArea(db, scope, { areaId: area.id, from: days.from, to: asOf, limit: alertCountLimit }),
    await planFollowUp(db, scope, { areaId: area.id, asOf, week }),
  ];
  return {
    area: context.summary(area),
    week,
    weekFrom: days.from,
    weekTo: days.to,
    asOf,
    weekComplete: asOf === days.to,
    generatedAt: now.toISOString(),
    synthetic: context.synthetic,
    compstat,
    trends,
    alerts: alerts.slice(0, briefAlertLimit),
    alertsTotal: alerts.length,
    followUp: {
      plans: followUp.plans,
      openActions: followUp.openActions,
      lateActions: followUp.lateActions,
      submissions: followUp.submissions,
      missingSubmissions: followUp.missingSubmissions,
    },
  };
}
