import {
  defaultResponseStandards,
  emptyResponseTimes,
  responseTimesFromCounts,
  sharePct,
  type ResponseStandards,
  type ResponseTimes,
} from '../analytics/response-times.js';
import type { AreaSummary } from '../contract/common.js';
import type { Clearance, ClearanceReport, ResponseReport } from '../contract/response.js';
import { callPriorities, callTypes, type CallPriority } from '../domain/call.js';
import { categories } from '../domain/category.js';
import { addDays, daysBetween } from '../domain/time.js';
import { listAreas, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import {
  clearanceGroups,
  responseGroupsFromCalls,
  type ClearanceGroupRow,
  type ResponseGroupRow,
} from '../store/response.js';
import { responseSourceFor } from '../store/response-rollup.js';
import type { Scope } from '../store/scope.js';

/** The longest window read: ten years, as the other analyses. */
export const maxResponseDays = 3660;

/** A window of days that cannot be read: its end before its start, or too long. `field` names the bound at fault. */
export class ResponseWindowError extends RangeError {
  readonly field: 'from' | 'to';
  constructor(field: 'from' | 'to', message: string) {
    super(message);
    this.field = field;
  }
}

export interface ResponseContext {
  summary: (area: AreaRow) => AreaSummary;
  /** Whether the figures come from the generated demo. */
  synthetic: boolean;
}

export interface ResponseRequest {
  area: AreaRow;
  /** First and last local days of receipt, both included. */
  from: string;
  to: string;
  priority?: CallPriority | undefined;
  /** Minutes to be on scene by priority; default `defaultResponseStandards`. */
  standards?: ResponseStandards | undefined;
  /** Percentiles from the calls themselves (`percentile_cont`), never from the roll-up's histograms. */
  exact?: boolean | undefined;
}

function checkWindow(from: string, to: string): void {
  if (to < from) throw new ResponseWindowError('to', `to (${to}) is before from (${from})`);
  if (daysBetween(from, to) + 1 > maxResponseDays) {
    throw new ResponseWindowError('to', `the window is longer than ${maxResponseDays} days`);
  }
}

/** Standards as a query gives them: minutes for priorities 1–4, comma-separated ('10,20,45,90'). */
export function parseStandards(text: string): ResponseStandards {
  const minutes = text.split(',').map((m) => Number(m.trim()));
  if (minutes.length !== callPriorities.length || !minutes.every((m) => Number.isInteger(m) && m >= 1 && m <= 1440)) {
    throw new RangeError(`expected four whole numbers of minutes from 1 to 1440, for priorities 1–4, not ${text}`);
  }
  const [p1, p2, p3, p4] = minutes as [number, number, number, number];
  return { 1: p1, 2: p2, 3: p3, 4: p4 };
}

/** The Mondays of the weeks a window touches, with each week's days inside the window. */
function weeksOf(from: string, to: string): { weekStart: string; from: string; to: string }[] {
  const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  const weeks = [];
  for (let start = addDays(from, -weekday); start <= to; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    weeks.push({ weekStart: start, from: start < from ? from : start, to: end > to ? to : end });
  }
  return weeks;
}

/**
 * Response times of the calls received in an area over local days (src/analytics/response-times.ts defines every
 * figure): the total, each priority, call type, local hour and week, with the standards used. Every priority and
 * hour, and every week of the window, is listed, with no calls where there were none; call types only where there
 * were calls. The figures come from the response roll-up when it can give them (`responseSourceFor`: counts and
 * shares exact, percentiles within one bin, about 2 %, of the exact ones), else, or when `exact` is asked, from the
 * calls themselves; `source` says which.
 */
export async function responseReport(
  db: Db,
  scope: Scope,
  request: ResponseRequest,
  context: ResponseContext,
): Promise<ResponseReport> {
  const { area, from, to } = request;
  checkWindow(from, to);
  const standards = request.standards ?? defaultResponseStandards;
  const priority = request.priority ?? null;
  const query = { area, window: { from, to }, priority, standards };
  const source = request.exact
    ? { name: 'raw' as const, read: responseGroupsFromCalls }
    : await responseSourceFor(db, scope, query);
  const rows = await source.read(db, scope, query);
  const groups = new Map<string, ResponseTimes>();
  for (const row of rows) groups.set(`${row.grouping}:${row.key ?? ''}`, responseTimesFromCounts(row));
  const times = (grouping: ResponseGroupRow['grouping'], key: string | number | null) =>
    groups.get(`${grouping}:${key ?? ''}`) ?? emptyResponseTimes;
  const knownTypes = new Set<string>(callTypes);
  const presentTypes = rows.filter((r) => r.grouping === 'callType').map((r) => r.key ?? '');
  const typeOrder = [...callTypes, ...presentTypes.filter((t) => !knownTypes.has(t)).sort()];
  return {
    area: context.summary(area),
    from,
    to,
    timeZone: area.timeZone,
    priority,
    synthetic: context.synthetic,
    source: source.name,
    standards: callPriorities.map((p) => ({ priority: p, minutes: standards[p] })),
    summary: times('total', null),
    byPriority: callPriorities
      .filter((p) => priority === null || p === priority)
      .map((p) => ({ priority: p, ...times('priority', p) })),
    byCallType: typeOrder
      .filter((t) => presentTypes.includes(t))
      .map((callType) => ({ callType, ...times('callType', callType) })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...times('hour', hour) })),
    byWeek: weeksOf(from, to).map((w) => ({ ...w, ...times('week', w.weekStart) })),
  };
}

export interface ClearanceRequest {
  area: AreaRow;
  /** First and last local days of occurrence, both included. */
  from: string;
  to: string;
}

const violentCategories = categories.filter((c) => c.violent).map((c) => c.code);

const noClearance: Clearance = {
  incidents: 0,
  solved: 0,
  solvedPct: null,
  timeToSolve: { n: 0, medianSeconds: null, p90Seconds: null },
};

const clearanceOf = (row: ClearanceGroupRow | undefined): Clearance =>
  row === undefined
    ? noClearance
    : {
        incidents: row.incidents,
        solved: row.solved,
        solvedPct: sharePct(row.solved, row.incidents),
        timeToSolve: row.timeToSolve,
      };

/**
 * Clearance of the incidents that occurred in an area over local days: DGSN's headline (the share solved overall
 * and of violent crime), each category with incidents, and each of the area's children (a province shows its
 * cities), every child listed.
 */
export async function clearanceReport(
  db: Db,
  scope: Scope,
  request: ClearanceRequest,
  context: ResponseContext,
): Promise<ClearanceReport> {
  const { area, from, to } = request;
  checkWindow(from, to);
  const children = await listAreas(db, { parentId: area.id });
  const rows = await clearanceGroups(db, scope, {
    area,
    window: { from, to },
    violentCategories,
    childIds: children.map((c) => c.id),
  });
  const find = (grouping: ClearanceGroupRow['grouping'], key: string | null) =>
    rows.find((r) => r.grouping === grouping && r.key === key);
  return {
    area: context.summary(area),
    from,
    to,
    synthetic: context.synthetic,
    headline: {
      overall: clearanceOf(find('total', null)),
      violent: clearanceOf(find('violent', null)),
      violentCategories,
    },
    byCategory: categories
      .map((c) => ({ category: c.code, row: find('category', c.code) }))
      .filter((c) => c.row !== undefined)
      .map(({ category, row }) => ({ category, ...clearanceOf(row) })),
    byChildArea: children.map((child) => ({
      area: context.summary(child),
      ...clearanceOf(find('child', String(child.id))),
    })),
  };
}
