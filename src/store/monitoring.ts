import { sql } from 'kysely';
import type { AlertKind } from '../domain/alert.js';
import type { AreaLevel } from '../domain/area.js';
import type { Db } from './db.js';
import type { Scope } from './scope.js';

export interface DayWindow {
  from: string;
  to: string;
}

/** Areas of a scope: the scope's area and every area inside it, or all (an SQL condition on `column`). */
function areaInScope(column: string, scope: Scope) {
  return scope.area === null
    ? sql<boolean>`true`
    : sql<boolean>`${sql.ref(column)} in (select area_id from area_ancestor where ancestor_id = ${scope.area.id})`;
}

/** An area the daily scan evaluates, with the root of its hierarchy (whose data span says what history exists). */
export interface MonitoredArea {
  id: number;
  code: string;
  level: AreaLevel;
  rootId: number;
}

/** The areas of some levels inside `withinAreaId` (itself included), or everywhere, inside the scope. */
export async function listMonitoredAreas(
  db: Db,
  scope: Scope,
  levels: readonly AreaLevel[],
  withinAreaId: number | null,
): Promise<MonitoredArea[]> {
  if (levels.length === 0) return [];
  const within =
    withinAreaId === null
      ? sql<boolean>`true`
      : sql<boolean>`a.id in (select area_id from area_ancestor where ancestor_id = ${withinAreaId})`;
  const result = await sql<MonitoredArea>`
    select a.id, a.code, a.level,
           (select aa.ancestor_id from area_ancestor aa join area r on r.id = aa.ancestor_id
             where aa.area_id = a.id and r.parent_id is null limit 1) as root_id
      from area a
     where a.level in (${sql.join(levels)}) and ${within} and ${areaInScope('a.id', scope)}
     order by a.code
  `.execute(db);
  return result.rows;
}

/** Incidents of one area and category in each of several windows: `counts[i]` is window i's. */
export interface AreaCategoryCounts {
  areaId: number;
  category: string;
  counts: number[];
}

/**
 * Incidents per area and category in each window, from the daily roll-up in one pass (a filtered sum per window),
 * for the given areas. Pairs with no incident in any window are absent.
 */
export async function countWindowsByArea(
  db: Db,
  areaIds: readonly number[],
  windows: readonly DayWindow[],
): Promise<AreaCategoryCounts[]> {
  if (windows.length === 0 || areaIds.length === 0) return [];
  const inWindow = (w: DayWindow) => sql`r.day between ${w.from}::date and ${w.to}::date`;
  const sums = windows.map(
    (w, i) => sql`coalesce(sum(r.incidents) filter (where ${inWindow(w)}), 0) as ${sql.ref(`c${i}`)}`,
  );
  const result = await sql<Record<string, number> & { areaId: number; category: string }>`
    select r.area_id, r.category, ${sql.join(sums)}
      from rollup_daily r
     where r.area_id in (${sql.join(areaIds)}) and (${sql.join(windows.map(inWindow), sql` or `)})
     group by 1, 2
  `.execute(db);
  return result.rows
    .map((row) => ({
      areaId: row.areaId,
      category: row.category,
      counts: windows.map((_, i) => Number(row[`c${i}`] ?? 0)),
    }))
    .filter((r) => r.counts.some((c) => c > 0));
}

/**
 * Incidents of an area per local day from `from` to `to` (both included), of one category or of all (null), from
 * the daily roll-up, inside the scope. Days without incidents are absent.
 */
export async function countDaily(
  db: Db,
  scope: Scope,
  areaId: number,
  category: string | null,
  from: string,
  to: string,
): Promise<{ day: string; incidents: number }[]> {
  const byCategory = category === null ? sql<boolean>`true` : sql<boolean>`r.category = ${category}`;
  const result = await sql<{ day: string; incidents: number }>`
    select r.day, sum(r.incidents) as incidents
      from rollup_daily r
     where r.area_id = ${areaId} and r.day between ${from}::date and ${to}::date and ${byCategory}
       and ${areaInScope('r.area_id', scope)}
     group by 1
     order by 1
  `.execute(db);
  return result.rows.map((r) => ({ day: r.day, incidents: Number(r.incidents) }));
}

export interface NewAlert {
  areaId: number;
  category: string;
  day: string;
  kind: AlertKind;
  observed: number;
  expected: number;
  upper: number;
  score: number | null;
  createdAt: Date;
}

/** An alert with its area's code and names and who acknowledged it. */
export interface AlertRow {
  id: number;
  areaId: number;
  areaCode: string;
  areaLevel: AreaLevel;
  areaNameAr: string;
  areaNameFr: string;
  areaNameEn: string | null;
  category: string;
  day: string;
  kind: AlertKind;
  observed: number;
  expected: number;
  upper: number;
  score: number | null;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

/**
 * Stores alerts, leaving out those already stored (the same area, category, day and kind): scanning a day again
 * never duplicates one. Returns the ids of the alerts this call added.
 */
export async function insertAlerts(db: Db, alerts: readonly NewAlert[]): Promise<number[]> {
  if (alerts.length === 0) return [];
  const rows = await db
    .insertInto('alert')
    .values(alerts.map((a) => ({ ...a })))
    .onConflict((oc) => oc.constraint('alert_key').doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

export interface AlertQuery {
  /** Alerts of this area and of every area inside it. */
  areaId?: number;
  /** First and last day of the alerts (both included). */
  from?: string;
  to?: string;
  category?: string;
  ids?: readonly number[];
  /** At most this many, the latest days first (default 100). */
  limit?: number;
}

/** Stored alerts inside the scope, the latest day first (then the latest stored first). */
export async function listAlerts(db: Db, scope: Scope, query: AlertQuery = {}): Promise<AlertRow[]> {
  let q = db
    .selectFrom('alert as al')
    .innerJoin('area as a', 'a.id', 'al.areaId')
    .leftJoin('appUser as u', 'u.id', 'al.acknowledgedBy')
    .select([
      'al.id',
      'al.areaId',
      'a.code as areaCode',
      'a.level as areaLevel',
      'a.nameAr as areaNameAr',
      'a.nameFr as areaNameFr',
      'a.nameEn as areaNameEn',
      'al.category',
      'al.day',
      'al.kind',
      'al.observed',
      'al.expected',
      'al.upper',
      'al.score',
      'al.createdAt',
      'u.username as acknowledgedBy',
      'al.acknowledgedAt',
    ])
    .where(areaInScope('al.area_id', scope));
  if (query.areaId !== undefined) {
    q = q.where(sql<boolean>`al.area_id in (select area_id from area_ancestor where ancestor_id = ${query.areaId})`);
  }
  if (query.from !== undefined) q = q.where('al.day', '>=', query.from);
  if (query.to !== undefined) q = q.where('al.day', '<=', query.to);
  if (query.category !== undefined) q = q.where('al.category', '=', query.category);
  if (query.ids !== undefined) {
    q = query.ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('al.id', 'in', query.ids);
  }
  const rows = await q
    .orderBy('al.day', 'desc')
    .orderBy('al.id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    areaLevel: r.areaLevel as AreaLevel,
    kind: r.kind as AlertKind,
  }));
}

/** Marks an alert acknowledged by a user, unless it already is; returns whether the alert exists. */
export async function acknowledgeAlert(db: Db, id: number, userId: number, at: Date): Promise<boolean> {
  await db
    .updateTable('alert')
    .set({ acknowledgedBy: userId, acknowledgedAt: at })
    .where('id', '=', id)
    .where('acknowledgedAt', 'is', null)
    .execute();
  const row = await db.selectFrom('alert').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The area an alert is about, or undefined for an unknown alert. */
export async function alertAreaId(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('alert').select('areaId').where('id', '=', id).executeTakeFirst();
  return row?.areaId;
}

export interface SubscriptionRow {
  areaId: number;
  areaCode: string;
  /** One category, or null for all. */
  category: string | null;
  createdAt: Date;
}

/** A user's subscriptions, by area code then category (all categories first). */
export async function listSubscriptions(db: Db, userId: number): Promise<SubscriptionRow[]> {
  return db
    .selectFrom('subscription as s')
    .innerJoin('area as a', 'a.id', 's.areaId')
    .select(['s.areaId', 'a.code as areaCode', 's.category', 's.createdAt'])
    .where('s.userId', '=', userId)
    .orderBy('a.code')
    .orderBy(sql`s.category nulls first`)
    .execute();
}

/** Subscribes a user to an area's alerts (one category, or all with null); subscribing twice changes nothing. */
export async function addSubscription(
  db: Db,
  subscription: { userId: number; areaId: number; category: string | null },
): Promise<void> {
  await sql`
    insert into subscription (user_id, area_id, category)
    values (${subscription.userId}, ${subscription.areaId}, ${subscription.category})
    on conflict (user_id, area_id, (coalesce(category, ''))) do nothing
  `.execute(db);
}

/** Removes one subscription (the one with exactly this category, or the all-categories one for null). */
export async function removeSubscription(
  db: Db,
  subscription: { userId: number; areaId: number; category: string | null },
): Promise<boolean> {
  const result = await sql`
    delete from subscription
     where user_id = ${subscription.userId} and area_id = ${subscription.areaId}
       and coalesce(category, '') = ${subscription.category ?? ''}
  `.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** The latest local day before `before` with incidents in any hierarchy (read at each root), or null. */
export async function lastDayWithData(db: Db, before: string): Promise<string | null> {
  const result = await sql<{ day: string | null }>`
    select max(r.day) as day
      from area a
      cross join lateral (
        select day from rollup_daily
         where area_id = a.id and day < ${before}::date and incidents > 0
         order by day desc limit 1
      ) r
     where a.parent_id is null
  `.execute(db);
  return result.rows[0]?.day ?? null;
}
