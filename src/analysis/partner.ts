import { cellToBoundary } from 'h3-js';
import type { PartnerActions, PartnerOverview, PartnerSeries } from '../contract/partner.js';
import type { AreaLevel } from '../domain/area.js';
import { actionLate } from '../domain/plan.js';
import { isPartnerKind } from '../domain/role.js';
import { addDays, zonedDay, zonedInstant } from '../domain/time.js';
import { findAreaById, listAreas, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { listActions, listObjectives, listPartnerPlans } from '../store/plans.js';
import { countByH3R7, countByLevelAndCategory } from '../store/public-stats.js';
import type { User } from '../store/users.js';
import { areaSummaryOf } from './plans.js';
import {
  monthDays,
  publicHeadlines,
  publicLevels,
  publicStats,
  sectionOfAny,
  type PublicFigure,
  type PublicLevel,
} from './public-stats.js';

/**
 * The partner view (README: Partner access): a partner's territory in aggregate — counts and rates by month and
 * ICCS section from the public tables (the same k and the same suppression), the trend of the last twelve months,
 * and black spots generalised to H3 cells of about 5 km² holding k incidents or more — and the plan actions shared
 * with the partner. No incident, point, time finer than a month, or person is read into an answer.
 */

/** The resolution black spots are generalised to: cells of about 5 km². */
export const blackSpotResolution = 7;

/** The month `n` months after (before, when negative) a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months from–to, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

const isPublicLevel = (level: AreaLevel): level is PublicLevel => (publicLevels as readonly string[]).includes(level);

/**
 * An area's children at the level most of them have (a level's table is what the public page publishes), or none
 * when it has no children at a published level.
 */
async function childrenOf(db: Db, area: AreaRow): Promise<{ level: PublicLevel | null; areas: AreaRow[] }> {
  const children = (await listAreas(db, { parentId: area.id })).filter((a) => isPublicLevel(a.level));
  const tally = new Map<AreaLevel, number>();
  for (const a of children) tally.set(a.level, (tally.get(a.level) ?? 0) + 1);
  let best: PublicLevel | null = null;
  for (const [level, n] of tally) {
    if (isPublicLevel(level) && (best === null || n > (tally.get(best) ?? 0))) best = level;
  }
  return { level: best, areas: children.filter((a) => a.level === best) };
}

const sectionFigures = (row: { categories: ({ category: string } & PublicFigure)[] }) =>
  row.categories.map(({ category, ...figure }) => ({ section: category, ...figure }));

/** The change between two periods' counts in percent, published when both hold k or more. */
function trendOf(current: number, previous: number, k: number) {
  if (current < k || previous < k) return { changePct: null, withheld: true };
  return { changePct: Math.round(((current - previous) / previous) * 1000) / 10, withheld: false };
}

/** Incidents of an area per ICCS section over a span of months, from the daily roll-up. */
async function sectionCounts(db: Db, area: AreaRow, from: string, to: string): Promise<Map<string, number>> {
  const rows = await countByLevelAndCategory(db, area.level, monthDays(from).from, monthDays(to).to);
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.areaId !== area.id) continue;
    const section = sectionOfAny(r.category);
    out.set(section, (out.get(section) ?? 0) + r.incidents);
  }
  return out;
}

export interface PartnerOverviewRequest {
  territory: AreaRow;
  /** The territory or an area inside it. */
  area: AreaRow;
  from: string;
  to: string;
  k: number;
  synthetic: boolean;
}

export async function partnerOverview(db: Db, request: PartnerOverviewRequest): Promise<PartnerOverview> {
  const { area, from, to, k } = request;
  if (!isPublicLevel(area.level)) throw new RangeError(`a partner's area is never a ${area.level}`);
  const level = area.level;
  const parent = area.parentId === null ? undefined : await findAreaById(db, area.parentId);
  const { level: below, areas: children } = await childrenOf(db, area);
  const series = new Map<string, PartnerSeries>(
    [area, ...children].map((a) => [a.code, { area: areaSummaryOf(a), months: [] }]),
  );
  for (const month of monthsBetween(from, to)) {
    const tables = [await publicStats(db, { level, month, k, within: parent, by: 'section' })];
    if (below !== null) tables.push(await publicStats(db, { level: below, month, k, within: area, by: 'section' }));
    for (const row of tables.flatMap((t) => t.areas)) {
      series.get(row.area.code)?.months.push({ month, total: row.total, sections: sectionFigures(row) });
    }
  }

  const current = { from: addMonths(to, -11), to };
  const previous = { from: addMonths(to, -23), to: addMonths(to, -12) };
  const [now, before] = [
    await sectionCounts(db, area, current.from, current.to),
    await sectionCounts(db, area, previous.from, previous.to),
  ];
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);
  const sections = (series.get(area.code)?.months[0]?.sections ?? []).map((s) => s.section);

  const first = monthDays(from).from;
  const interval = {
    from: zonedInstant(first, 0, area.timeZone),
    to: zonedInstant(addDays(monthDays(to).to, 1), 0, area.timeZone),
  };
  const cells = (await countByH3R7(db, { id: area.id, level: area.level }, interval, k)).map((c) => ({
    cell: BigInt(c.cell).toString(16),
    count: c.incidents,
  }));

  const headlines = await publicHeadlines(db, { area, month: to, k });
  return {
    territory: areaSummaryOf(request.territory),
    area: areaSummaryOf(area),
    from,
    to,
    k,
    synthetic: request.synthetic,
    series: [...series.values()],
    trend: {
      current,
      previous,
      total: trendOf(sum(now), sum(before), k),
      sections: sections.map((section) => ({
        section,
        ...trendOf(now.get(section) ?? 0, before.get(section) ?? 0, k),
      })),
    },
    blackSpots: {
      resolution: blackSpotResolution,
      minCount: k,
      cells,
      boundaries: {
        type: 'FeatureCollection',
        features: cells.map((c) => ({
          type: 'Feature' as const,
          geometry: { type: 'Polygon', coordinates: [cellToBoundary(c.cell, true)] },
          properties: { cell: c.cell, count: c.count },
        })),
      },
    },
    headlines: { month: headlines.month, clearance: headlines.clearance, response: headlines.response },
  };
}

/**
 * The actions shared with a partner: of the plans the partner takes part in, those marked shared, with each
 * plan's objectives as targets (no figures), late as of today in the plan area's zone.
 */
export async function partnerActions(db: Db, user: User, now: Date): Promise<PartnerActions> {
  // A draft is not yet the plan its partners take part in.
  const plans = (await listPartnerPlans(db, user.id)).filter((p) => p.status !== 'draft');
  const ids = plans.map((p) => p.id);
  const [actions, objectives] = await Promise.all([listActions(db, ids), listObjectives(db, ids)]);
  const areas = new Map(
    (
      await listAreas(db, { ids: [...new Set([...plans.map((p) => p.areaId), ...objectives.map((o) => o.areaId)])] })
    ).map((a) => [a.id, a]),
  );
  const areaOf = (id: number) => {
    const a = areas.get(id);
    if (!a) throw new Error(`area ${id} is missing`);
    return a;
  };
  const asOf = zonedDay(now);
  return {
    asOf,
    partnerKind: user.partnerKind !== null && isPartnerKind(user.partnerKind) ? user.partnerKind : null,
    synthetic: plans.some((p) => p.synthetic),
    plans: plans.map((plan) => {
      const day = zonedDay(now, areaOf(plan.areaId).timeZone);
      return {
        title: plan.title,
        kind: plan.kind,
        status: plan.status,
        area: areaSummaryOf(areaOf(plan.areaId)),
        start: plan.start,
        end: plan.end,
        synthetic: plan.synthetic,
        objectives: objectives
          .filter((o) => o.planId === plan.id)
          .map((o) => ({
            area: areaSummaryOf(areaOf(o.areaId)),
            categories: o.categories,
            measure: o.measure,
            targetChangePct: o.targetChangePct,
            deadline: o.deadline,
          })),
        actions: actions
          .filter((a) => a.planId === plan.id && a.shared)
          .map((a) => ({
            description: a.description,
            ownerUnit: {
              nameAr: a.ownerUnitNameAr,
              nameFr: a.ownerUnitNameFr,
              nameEn: a.ownerUnitNameEn ?? a.ownerUnitNameFr,
            },
            due: a.due,
            status: a.status,
            doneOn: a.doneOn,
            late: actionLate(a, day),
          })),
      };
    }),
  };
}
