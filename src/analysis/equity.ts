import { disparity, type Worse } from '../analytics/disparity.js';
import { defaultResponseStandards, sharePct } from '../analytics/response-times.js';
import type { AreaSummary } from '../contract/common.js';
import {
  equityMeasureNames,
  type Disparity,
  type EquityFigure,
  type EquityMeasure,
  type EquityMeasureSummary,
  type EquityReport,
  type EquityTrend,
} from '../contract/equity.js';
import { ratePer100k } from '../domain/area.js';
import { callPriorities } from '../domain/call.js';
import { categories } from '../domain/category.js';
import { addDays, daysBetween, zonedInstant } from '../domain/time.js';
import { listAreas, listAreasWithin, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import {
  clearanceEquityGroups,
  patrolEquityGroups,
  responseEquityGroups,
  type ClearanceEquityRow,
  type EquityLevel,
  type KeyedRange,
  type PatrolEquityRow,
  type ResponseEquityRow,
} from '../store/equity.js';
import { unrestricted, type Scope } from '../store/scope.js';
import { maxResponseDays } from './response.js';

/**
 * Equity (README: Response times and clearance): every area of a level inside a parent held against the national
 * figure for the same window — the standard — on each measure, ranked worst first, with the disparity across the
 * areas (population-weighted Gini and Theil, worst to median: src/analytics/disparity.ts) and its monthly trend.
 * The figures are those of the response and clearance reports and of the patrol log, grouped in SQL per area.
 */

export const defaultMinN = 5;

/** Which way each measure is worse, and its unit. */
export const measureTraits: Record<EquityMeasure, { worse: Worse; unit: EquityMeasureSummary['unit'] }> = {
  arrivalMedian: { worse: 'higher', unit: 'seconds' },
  arrivalP90: { worse: 'higher', unit: 'seconds' },
  withinStandard: { worse: 'lower', unit: 'percent' },
  clearance: { worse: 'lower', unit: 'percent' },
  violentClearance: { worse: 'lower', unit: 'percent' },
  patrolHours: { worse: 'lower', unit: 'hoursPer100k' },
};

/** A request that cannot be answered, with the query field at fault. */
export class EquityRequestError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export interface EquityContext {
  summary: (area: AreaRow) => AreaSummary;
  synthetic: boolean;
}

export interface EquityRequest {
  /** The area whose provinces or cities are compared; already in the caller's scope. */
  parent: AreaRow;
  level: EquityLevel;
  from: string;
  to: string;
  measure?: EquityMeasure | undefined;
  minN?: number | undefined;
}

export interface EquityTrendRequest {
  parent: AreaRow;
  level: EquityLevel;
  measure?: EquityMeasure | undefined;
  months?: number | undefined;
  /** The last day of the last month. */
  to: string;
  minN?: number | undefined;
}

const levelOrder = ['country', 'region', 'province', 'city'] as const;

function checkLevel(parent: AreaRow, level: EquityLevel): void {
  const parentIndex = (levelOrder as readonly string[]).indexOf(parent.level);
  if (parentIndex < 0 || parentIndex >= levelOrder.indexOf(level)) {
    throw new EquityRequestError('level', `level: ${parent.code} is a ${parent.level}, with no ${level} inside it`);
  }
}

function checkWindow(from: string, to: string): void {
  if (to < from) throw new EquityRequestError('to', `to (${to}) is before from (${from})`);
  if (daysBetween(from, to) + 1 > maxResponseDays) {
    throw new EquityRequestError('to', `the window is longer than ${maxResponseDays} days`);
  }
}

/** The record's figures before comparison: a value and its n per measure. */
type RawFigures = Record<EquityMeasure, { value: number | null; n: number }>;

const violentCategories = categories.filter((c) => c.violent).map((c) => c.code);

function rawFigures(
  response: ResponseEquityRow | undefined,
  clearance: ClearanceEquityRow | undefined,
  patrol: PatrolEquityRow | undefined,
  population: number | null,
): RawFigures {
  const arrivalN = response?.arrivalN ?? 0;
  return {
    arrivalMedian: { value: response?.arrivalMedian ?? null, n: arrivalN },
    arrivalP90: { value: response?.arrivalP90 ?? null, n: arrivalN },
    withinStandard: { value: sharePct(response?.withinStandard ?? 0, response?.calls ?? 0), n: response?.calls ?? 0 },
    clearance: { value: sharePct(clearance?.solved ?? 0, clearance?.incidents ?? 0), n: clearance?.incidents ?? 0 },
    violentClearance: {
      value: sharePct(clearance?.violentSolved ?? 0, clearance?.violent ?? 0),
      n: clearance?.violent ?? 0,
    },
    patrolHours: { value: ratePer100k(patrol?.hours ?? 0, population), n: patrol?.entries ?? 0 },
  };
}

/** Whether an area's figure counts: a value, enough behind it (patrol presence needs no sample), a population. */
function counts(measure: EquityMeasure, figure: { value: number | null; n: number }, minN: number, area: AreaRow) {
  return (
    figure.value !== null &&
    (measure === 'patrolHours' || figure.n >= minN) &&
    area.population !== null &&
    area.population > 0
  );
}

function disparityOf(
  measure: EquityMeasure,
  rows: readonly { area: AreaRow; raw: RawFigures }[],
  minN: number,
): Disparity {
  const items = rows
    .filter((r) => counts(measure, r.raw[measure], minN, r.area))
    .map((r) => ({ value: r.raw[measure].value as number, weight: r.area.population as number }));
  return disparity(items, measureTraits[measure].worse);
}

interface Groups {
  response: ResponseEquityRow[];
  clearance: ClearanceEquityRow[];
  patrol: PatrolEquityRow[];
}

/** Local months from–to as keyed ranges, each cut to the window. */
function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to;) {
    const next = addDays(start, 32).slice(0, 7) + '-01';
    const end = addDays(next, -1);
    months.push({ month: start.slice(0, 7), from: start < from ? from : start, to: end > to ? to : end });
    start = next;
  }
  return months;
}

const rangeOf = (key: string | null, from: string, to: string, timeZone: string): KeyedRange => ({
  key,
  from: zonedInstant(from, 0, timeZone),
  to: zonedInstant(addDays(to, 1), 0, timeZone),
});

/** The figures per area of the level inside the parent, and the country's, over a window, whole or by month. */
async function readGroups(
  db: Db,
  scope: Scope,
  parent: AreaRow,
  level: EquityLevel,
  window: { from: string; to: string },
  byMonth: boolean,
): Promise<{ areas: Groups; national: Groups; country: AreaRow }> {
  const country = (await listAreas(db, { level: 'country' }))[0];
  if (!country) throw new Error('no country in the geography');
  const periods = byMonth
    ? monthsOf(window.from, window.to).map((m) => rangeOf(m.month, m.from, m.to, parent.timeZone))
    : [rangeOf(null, window.from, window.to, parent.timeZone)];
  const read = (area: AreaRow, lvl: EquityLevel | null, readScope: Scope): Promise<Groups> =>
    Promise.all([
      responseEquityGroups(db, readScope, {
        parent: area,
        level: lvl,
        window,
        byMonth,
        standards: defaultResponseStandards,
      }),
      clearanceEquityGroups(db, readScope, { parent: area, level: lvl, window, byMonth, violentCategories }),
      patrolEquityGroups(db, { parent: area, level: lvl, periods }),
    ]).then(([response, clearance, patrol]) => ({ response, clearance, patrol }));
  const areas = await read(parent, level, scope);
  // The standard is the national figure, an aggregate every area is held against whatever the caller's scope.
  const national = parent.id === country.id ? areas : await read(country, null, unrestricted);
  return { areas, national, country };
}

const keyOf = (areaId: number | null, month: string | null) => `${areaId ?? ''}:${month ?? ''}`;
const index = <R extends { areaId: number | null; month: string | null }>(rows: readonly R[]) =>
  new Map(rows.map((r) => [keyOf(r.areaId, r.month), r]));

/** Each group's rows by area and month, to look up. */
function indexed(groups: Groups) {
  const response = index(groups.response);
  const clearance = index(groups.clearance);
  const patrol = index(groups.patrol);
  return (areaId: number | null, month: string | null, population: number | null) => {
    const key = keyOf(areaId, month);
    return rawFigures(response.get(key), clearance.get(key), patrol.get(key), population);
  };
}

/**
 * Every province (or city) of the parent on every measure, against the national figure over the same local days:
 * the difference and the ratio to it, the rank (1 the worst) among the areas with enough calls or incidents, and
 * the disparity across them. Areas come worst first on the chosen measure, the unranked last by code.
 */
export async function equityReport(
  db: Db,
  scope: Scope,
  request: EquityRequest,
  context: EquityContext,
): Promise<EquityReport> {
  const { parent, level, from, to } = request;
  const measure = request.measure ?? 'arrivalMedian';
  const minN = request.minN ?? defaultMinN;
  checkLevel(parent, level);
  checkWindow(from, to);
  const inside = await listAreasWithin(db, parent.id, level);
  const { areas, national, country } = await readGroups(db, scope, parent, level, { from, to }, false);
  const areaFigures = indexed(areas);
  const rows = inside.map((area) => ({ area, raw: areaFigures(area.id, null, area.population) }));
  const nationalRaw = indexed(national)(null, null, country.population);

  const ranks = new Map<EquityMeasure, Map<number, number>>();
  for (const m of equityMeasureNames) {
    const sign = measureTraits[m].worse === 'higher' ? -1 : 1;
    const ranked = rows
      .filter((r) => counts(m, r.raw[m], minN, r.area))
      .sort(
        (a, b) => sign * ((a.raw[m].value as number) - (b.raw[m].value as number)) || cmp(a.area.code, b.area.code),
      );
    ranks.set(m, new Map(ranked.map((r, i) => [r.area.id, i + 1])));
  }
  const figure = (m: EquityMeasure, area: AreaRow, raw: RawFigures): EquityFigure => {
    const { value, n } = raw[m];
    const standard = nationalRaw[m].value;
    const compared = value !== null && standard !== null;
    return {
      value,
      n,
      difference: compared ? value - standard : null,
      ratio: compared && standard > 0 ? value / standard : null,
      worse: compared ? (measureTraits[m].worse === 'higher' ? value > standard : value < standard) : null,
      rank: ranks.get(m)?.get(area.id) ?? null,
    };
  };
  const rankOf = (id: number) => ranks.get(measure)?.get(id) ?? Infinity;
  const ordered = [...rows].sort((a, b) => rankOf(a.area.id) - rankOf(b.area.id) || cmp(a.area.code, b.area.code));
  return {
    area: context.summary(parent),
    level,
    from,
    to,
    measure,
    minN,
    synthetic: context.synthetic,
    standard: { kind: 'national', area: context.summary(country) },
    onSceneStandards: callPriorities.map((p) => ({ priority: p, minutes: defaultResponseStandards[p] })),
    measures: equityMeasureNames.map((m) => ({
      measure: m,
      ...measureTraits[m],
      national: nationalRaw[m].value,
      nationalN: nationalRaw[m].n,
      disparity: disparityOf(m, rows, minN),
    })),
    areas: ordered.map(({ area, raw }) => ({
      area: context.summary(area),
      figures: Object.fromEntries(equityMeasureNames.map((m) => [m, figure(m, area, raw)])) as Record<
        EquityMeasure,
        EquityFigure
      >,
    })),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The disparity of one measure across the provinces (or cities) of the parent, month by month: the calendar months
 * ending with the one holding `to` (the last cut at `to`), each with the national figure of the month.
 */
export async function equityTrend(
  db: Db,
  scope: Scope,
  request: EquityTrendRequest,
  context: EquityContext,
): Promise<EquityTrend> {
  const { parent, level, to } = request;
  const measure = request.measure ?? 'arrivalMedian';
  const minN = request.minN ?? defaultMinN;
  const count = request.months ?? 12;
  checkLevel(parent, level);
  let first = `${to.slice(0, 7)}-01`;
  for (let i = 1; i < count; i++) first = `${addDays(first, -1).slice(0, 7)}-01`;
  const inside = await listAreasWithin(db, parent.id, level);
  const { areas, national, country } = await readGroups(db, scope, parent, level, { from: first, to }, true);
  const areaFigures = indexed(areas);
  const nationalFigures = indexed(national);
  return {
    area: context.summary(parent),
    level,
    measure,
    minN,
    synthetic: context.synthetic,
    months: monthsOf(first, to).map(({ month, from, to: end }) => {
      const rows = inside.map((area) => ({ area, raw: areaFigures(area.id, month, area.population) }));
      const nationalRaw = nationalFigures(null, month, country.population);
      return {
        month,
        from,
        to: end,
        national: nationalRaw[measure].value,
        nationalN: nationalRaw[measure].n,
        disparity: disparityOf(measure, rows, minN),
      };
    }),
  };
}
