import { suppress, type Suppression } from '../analytics/disclosure.js';
import type { AreaSummary } from '../contract/common.js';
import { ratePer100k } from '../domain/area.js';
import { categoryCodes, iccsSections, isCategoryCode, sectionOf } from '../domain/category.js';
import { listAreas, listAreasWithin, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { countByLevelAndCategory } from '../store/public-stats.js';
import { unrestricted } from '../store/scope.js';
import { areaSummaryOf } from './plans.js';
import { clearanceReport, responseReport } from './response.js';

/**
 * The public transparency figures: incidents per area and category for a calendar month, with every count below k
 * withheld together with the counts that would give it back (src/analytics/disclosure.ts). Areas are the only
 * places: no incident, point or cell finer than an area is ever read here, let alone published.
 */

/** The levels published: every level with a population, above none of the individual records. */
export const publicLevels = ['region', 'province', 'city', 'arrondissement_prefecture', 'district'] as const;
export type PublicLevel = (typeof publicLevels)[number];

export const defaultPublicK = 10;

export interface PublicFigure {
  /** null when withheld. */
  count: number | null;
  ratePer100k: number | null;
  withheld: boolean;
}

export interface PublicArea {
  area: AreaSummary;
  parent: string | null;
  total: PublicFigure;
  categories: ({ category: string } & PublicFigure)[];
}

export interface PublicStats {
  month: string;
  from: string;
  to: string;
  level: PublicLevel;
  k: number;
  areas: PublicArea[];
}

export interface PublicHeadlines {
  area: AreaSummary;
  month: string;
  from: string;
  to: string;
  k: number;
  clearance: {
    incidents: number | null;
    solvedPct: number | null;
    violentIncidents: number | null;
    violentSolvedPct: number | null;
  };
  response: {
    calls: number | null;
    arrivalMedianMinutes: number | null;
    arrivalP90Minutes: number | null;
    withinStandardPct: number | null;
  };
}

const atLeast = (n: number, k: number) => (n >= k ? n : null);

/**
 * A share is published only when both what it counts and what it leaves out are k or more: 11 solved of 12 would
 * give away the one unsolved case.
 */
const shareOf = (part: number, whole: number, k: number) =>
  part >= k && whole - part >= k ? (part / whole) * 100 : null;

/** A duration over k or more calls, in minutes. */
const minutes = (seconds: number | null, n: number, k: number) => (seconds !== null && n >= k ? seconds / 60 : null);

/**
 * The public headlines of an area for a month: clearance overall and of violent crime, and how fast help arrived
 * (median and 90th percentile to a unit on scene, the share within the standard of its priority), each withheld
 * below k as the tables are.
 */
export async function publicHeadlines(
  db: Db,
  request: { area: AreaRow; month: string; k: number },
): Promise<PublicHeadlines> {
  const { area, month, k } = request;
  const { from, to } = monthDays(month);
  const context = { summary: areaSummaryOf, synthetic: false };
  const response = (await responseReport(db, unrestricted, { area, from, to }, context)).summary;
  const { overall, violent } = (await clearanceReport(db, unrestricted, { area, from, to }, context)).headline;
  return {
    area: areaSummaryOf(area),
    month,
    from,
    to,
    k,
    clearance: {
      incidents: atLeast(overall.incidents, k),
      solvedPct: shareOf(overall.solved, overall.incidents, k),
      violentIncidents: atLeast(violent.incidents, k),
      violentSolvedPct: shareOf(violent.solved, violent.incidents, k),
    },
    response: {
      calls: atLeast(response.calls, k),
      arrivalMedianMinutes: minutes(response.toArrival.medianSeconds, response.toArrival.n, k),
      arrivalP90Minutes: minutes(response.toArrival.p90Seconds, response.toArrival.n, k),
      withinStandardPct: shareOf(response.withinStandard, response.calls, k),
    },
  };
}

/** The first and last day of a YYYY-MM month. */
export function monthDays(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const figure = (count: number, withheld: boolean, population: number | null): PublicFigure =>
  withheld
    ? { count: null, ratePer100k: null, withheld }
    : { count, ratePer100k: ratePer100k(count, population), withheld };

/** The ICCS section a category counts in; a category the vocabulary does not know counts in 11 (other acts). */
export const sectionOfAny = (category: string) => (isCategoryCode(category) ? sectionOf(category) : '11');

/**
 * The month's published table for the areas of `level` (inside `within` when given). By default its columns are
 * the categories, as the public page shows them. `by: 'section'` sums them into ICCS sections (the partner view):
 * a section's figure is then also withheld where the public table withholds some of its categories holding
 * between 1 and k−1 together (or subtracting the published categories from it would give them back), and where
 * the public table withholds the area's total.
 */
export async function publicStats(
  db: Db,
  request: {
    level: PublicLevel;
    month: string;
    k: number;
    within?: AreaRow | undefined;
    by?: 'category' | 'section';
  },
): Promise<PublicStats> {
  const { level, month, k } = request;
  const { from, to } = monthDays(month);
  const areas = (
    request.within ? await listAreasWithin(db, request.within.id, level) : await listAreas(db, { level })
  ).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const ids = new Set(areas.map((a) => a.id));
  const counts = new Map<number, Map<string, number>>();
  const seen = new Set<string>();
  for (const row of await countByLevelAndCategory(db, level, from, to)) {
    if (!ids.has(row.areaId)) continue;
    seen.add(row.category);
    const byCategory = counts.get(row.areaId) ?? new Map<string, number>();
    byCategory.set(row.category, row.incidents);
    counts.set(row.areaId, byCategory);
  }
  const known = new Set<string>(categoryCodes);
  const categories = [...categoryCodes, ...[...seen].filter((c) => !known.has(c)).sort()];

  // Siblings under one parent form one table: the parent publishes their sums.
  const groups = new Map<number | null, AreaRow[]>();
  for (const area of areas) groups.set(area.parentId, [...(groups.get(area.parentId) ?? []), area]);
  const published = new Map<number, PublicArea>();
  for (const siblings of groups.values()) {
    const table = siblings.map((a) => categories.map((c) => counts.get(a.id)?.get(c) ?? 0));
    const totals = table.map((row) => row.reduce((s, x) => s + x, 0));
    const byCategory = suppress({ counts: table, totals }, k);
    const {
      columns,
      counts: shown,
      withheld,
    } = request.by === 'section'
      ? sectionTable(table, totals, categories, byCategory, k)
      : { columns: categories, counts: table, withheld: byCategory };
    siblings.forEach((area, i) => {
      const row = shown[i] as number[];
      published.set(area.id, {
        area: areaSummaryOf(area),
        parent: area.parentCode,
        total: figure(totals[i] as number, withheld.totals[i] as boolean, area.population),
        categories: columns.map((category, c) => ({
          category,
          ...figure(row[c] as number, (withheld.cells[i] as boolean[])[c] as boolean, area.population),
        })),
      });
    });
  }
  return { month, from, to, level, k, areas: areas.map((a) => published.get(a.id) as PublicArea) };
}

/** Every ICCS section, in order: the columns of a table by section. */
const sectionCodes = Object.keys(iccsSections).sort();

/**
 * A sibling table summed into ICCS sections and suppressed so that, next to the same table by category (whose
 * suppression is `byCategory`), no section gives back the categories that table withholds: forced withholdings
 * grow until stable, and a forced one is never the only figure withheld in its line.
 */
function sectionTable(
  table: readonly (readonly number[])[],
  totals: readonly number[],
  categories: readonly string[],
  byCategory: Suppression,
  k: number,
): { columns: string[]; counts: number[][]; withheld: Suppression } {
  const sectionIndex = categories.map((c) => sectionCodes.indexOf(sectionOfAny(c)));
  const counts = table.map((row) => {
    const out = sectionCodes.map(() => 0);
    row.forEach((n, c) => (out[sectionIndex[c] as number] = (out[sectionIndex[c] as number] as number) + n));
    return out;
  });
  // What the category table withholds inside each area's section.
  const hidden = table.map((row, a) => {
    const out = sectionCodes.map(() => 0);
    row.forEach((n, c) => {
      if ((byCategory.cells[a] as boolean[])[c]) {
        out[sectionIndex[c] as number] = (out[sectionIndex[c] as number] as number) + n;
      }
    });
    return out;
  });
  const forced: Suppression = { cells: counts.map((row) => row.map(() => false)), totals: [...byCategory.totals] };
  for (;;) {
    const withheld = suppress({ counts, totals }, k, forced);
    let changed = false;
    withheld.cells.forEach((row, a) =>
      row.forEach((isWithheld, s) => {
        const held = (hidden[a] as number[])[s] as number;
        if (!isWithheld && held > 0 && held < k) {
          (forced.cells[a] as boolean[])[s] = true;
          changed = true;
        }
      }),
    );
    if (!changed) return { columns: sectionCodes, counts, withheld };
  }
}
