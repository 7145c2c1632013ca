import { latLngToCell, polygonToCells } from 'h3-js';
import type { AreaSummary } from '../contract/common.js';
import type {
  FairnessReport,
  PatrolLogBody,
  PatrolLogEntry,
  PatrolLogList,
  PatrolPlan,
  PatrolUnit,
  PatrolUnitList,
  PresenceReport,
} from '../contract/patrols.js';
import { ratePer100k } from '../domain/area.js';
import { onDutyStatuses, patrolUnitStatuses, type PatrolUnitStatus } from '../domain/patrol-unit.js';
import type { AreaGeometry } from '../domain/area.js';
import type { Provenance } from '../domain/incident.js';
import { isoWeekDays, isoWeekOf } from '../domain/iso-week.js';
import type { Actor } from '../domain/plan.js';
import {
  patrolLogWriteDenial,
  patrolTimesProblem,
  previousShift,
  shiftHours,
  shiftStartMinutes,
  type Shift,
  type ShiftName,
} from '../domain/patrol.js';
import { periodSpan, specialPeriodNames, type SpecialPeriodName } from '../domain/special-periods.js';
import { addDays, daysBetween, zonedDay, zonedInstant } from '../domain/time.js';
import { forecastModels, type ForecastModel } from '../analytics/forecast/models.js';
import { cellCentre } from '../geo/study-grid.js';
import { unrestricted } from '../store/scope.js';
import { patrolFairness } from '../analytics/patrol-fairness.js';
import { defaultRotationDiscount, patrolPlan, type PatrolPlanProblem } from '../analytics/patrol-plan.js';
import { allProvenances, citizenProvenances, defaultTrainingDays, forecastGrid } from './forecast.js';
import { periodExpectations } from './period-forecast.js';
import { findAreaByCode, listAreasWithin, listBoundaries, type AreaRow } from '../store/areas.js';
import type { Db } from '../store/db.js';
import {
  incidentsByArea,
  incidentsByH3R8,
  insertPatrolLog,
  listPatrolLog,
  patrolHours,
  patrolledCells,
  type PatrolLogRow,
  type TimeRange,
} from '../store/patrols.js';
import {
  findPatrolUnit,
  listPatrolUnits,
  presenceByShift,
  setPatrolUnitStatus,
  type PatrolUnitRow,
} from '../store/patrol-units.js';
import { audit, inTransaction, userActor } from '../store/audit.js';
import { areaPaths, findUnitByCode } from '../store/plans.js';
import type { User } from '../store/users.js';
import { areaSummaryOf } from './plans.js';

/** Patrols: the dosage log, fairness across districts, and shift plans (docs/patrols.md). */

export type PatrolFailure = 'invalid' | 'area_not_found' | 'not_found' | 'forbidden' | 'out_of_scope';

/** A patrol request that cannot be satisfied, with the field at fault. */
export class PatrolError extends Error {
  readonly failure: PatrolFailure;
  readonly field: string | undefined;
  constructor(failure: PatrolFailure, message: string, field?: string) {
    super(message);
    this.failure = failure;
    this.field = field;
  }
}

const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

function entryOut(row: PatrolLogRow): PatrolLogEntry {
  return {
    id: row.id,
    unit: row.unitCode,
    cell: row.cell,
    district: row.districtCode,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    hours: hoursBetween(row.startedAt, row.endedAt),
    source: row.source,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
  };
}

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new PatrolError('invalid', `${field}: not a valid time: ${value}`, field);
  return date;
}

/**
 * Records time a unit spent in a cell of a district: the director-general anywhere, a wali in the region, a
 * district chief in the district (`patrolLogWriteDenial`).
 */
export async function recordPatrol(db: Db, user: User, body: PatrolLogBody): Promise<PatrolLogEntry> {
  const district = await findAreaByCode(db, body.district);
  if (!district) throw new PatrolError('area_not_found', `no area with code ${body.district}`, 'district');
  const path = (await areaPaths(db, [district.id])).get(district.id) ?? { id: district.id, ancestorIds: [] };
  const actor: Actor = { role: user.role, scopeAreaId: user.scopeAreaId };
  const denial = patrolLogWriteDenial(actor, path);
  if (denial === 'forbidden') throw new PatrolError('forbidden', 'your role may not write the patrol log', 'district');
  if (denial === 'out_of_scope') {
    throw new PatrolError('out_of_scope', `district ${body.district} is outside your scope`, 'district');
  }
  if (district.level !== 'district') {
    throw new PatrolError('invalid', `district: ${body.district} is a ${district.level}, not a district`, 'district');
  }
  const startedAt = instant(body.startedAt, 'startedAt');
  const endedAt = instant(body.endedAt, 'endedAt');
  const problem = patrolTimesProblem(startedAt, endedAt);
  if (problem) throw new PatrolError('invalid', problem.message, problem.field);
  const unit = await findUnitByCode(db, body.unit);
  if (!unit) throw new PatrolError('invalid', `unit: no police unit with code ${body.unit}`, 'unit');
  const id = await insertPatrolLog(db, {
    unitId: unit.id,
    cell: body.cell,
    districtId: district.id,
    startedAt,
    endedAt,
    source: body.source ?? 'actual',
    recordedBy: user.id,
  });
  const row = (await listPatrolLog(db, district.id, { from: startedAt, to: endedAt })).find((r) => r.id === id);
  if (!row) throw new Error(`patrol log entry ${id} vanished`);
  return entryOut(row);
}

/** Local days from–to (both included) of an area's zone as a time range. */
export function dayRange(area: AreaRow, from: string, to: string): TimeRange {
  return { from: zonedInstant(from, 0, area.timeZone), to: zonedInstant(addDays(to, 1), 0, area.timeZone) };
}

function checkPeriod(from: string, to: string): void {
  if (to < from) throw new PatrolError('invalid', 'to: before from', 'to');
}

/** The log's entries in an area's districts overlapping local days from–to. The area is already in scope. */
export async function patrolLog(db: Db, area: AreaRow, from: string, to: string): Promise<PatrolLogList> {
  checkPeriod(from, to);
  const rows = await listPatrolLog(db, area.id, dayRange(area, from, to));
  return { area: areaSummaryOf(area), from, to, items: rows.map(entryOut) };
}

/** The districts of an area (the area itself when it is one), by code. */
async function districtsOf(db: Db, area: AreaRow): Promise<AreaRow[]> {
  const districts = await listAreasWithin(db, area.id, 'district');
  return districts.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The patrol units based in an area's districts, with how many are in each status. */
export async function patrolUnits(db: Db, area: AreaRow): Promise<PatrolUnitList> {
  const rows = await listPatrolUnits(db, area.id);
  const byStatus: Record<string, number> = Object.fromEntries(patrolUnitStatuses.map((s) => [s, 0]));
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return { area: areaSummaryOf(area), byStatus, items: rows.map(unitOut) };
}

function unitOut(row: PatrolUnitRow): PatrolUnit {
  return {
    code: row.code,
    station: row.stationCode,
    district: row.districtCode,
    kind: row.kind,
    status: row.status,
    statusSince: row.statusSince.toISOString(),
    illustrative: row.illustrative,
  };
}

/** Sets a patrol unit's status: whoever may write its district's patrol log (`patrolLogWriteDenial`). */
export async function changeUnitStatus(
  db: Db,
  user: User,
  code: string,
  status: PatrolUnitStatus,
  at: Date,
): Promise<PatrolUnit> {
  const unit = await findPatrolUnit(db, code);
  if (!unit) throw new PatrolError('not_found', `no patrol unit with code ${code}`, 'code');
  const path = (await areaPaths(db, [unit.districtId])).get(unit.districtId) ?? {
    id: unit.districtId,
    ancestorIds: [],
  };
  const denial = patrolLogWriteDenial({ role: user.role, scopeAreaId: user.scopeAreaId }, path);
  if (denial === 'forbidden') throw new PatrolError('forbidden', 'your role may not change a unit’s status', 'code');
  if (denial === 'out_of_scope') throw new PatrolError('out_of_scope', `unit ${code} is outside your scope`, 'code');
  await inTransaction(db, async (trx) => {
    await setPatrolUnitStatus(trx, unit.id, status, at, user.id);
    await audit(trx, {
      actor: userActor(user),
      action: 'patrol_unit.status',
      target: { kind: 'patrol_unit', id: unit.id },
      areaId: unit.districtId,
      details: { code, old: unit.status, new: status, at: at.toISOString() },
    });
  });
  return unitOut({ ...unit, status, statusSince: at });
}

/**
 * Presence over local days from–to in each district of an area: its patrol units (and how many are on duty now),
 * the actual patrol hours of the log by shift, per 100,000 residents, and the units present on average per shift.
 */
export async function presenceReport(db: Db, area: AreaRow, from: string, to: string): Promise<PresenceReport> {
  checkPeriod(from, to);
  const districts = await districtsOf(db, area);
  const days = daysBetween(from, to) + 1;
  const hours = new Map<number, Record<ShiftName, number>>();
  for (const row of await presenceByShift(db, area.id, dayRange(area, from, to), area.timeZone)) {
    const byShift = hours.get(row.districtId) ?? { morning: 0, afternoon: 0, night: 0 };
    byShift[row.shift] += row.hours;
    hours.set(row.districtId, byShift);
  }
  const units = new Map<number, { units: number; onDuty: number }>();
  for (const u of await listPatrolUnits(db, area.id)) {
    const count = units.get(u.districtId) ?? { units: 0, onDuty: 0 };
    count.units++;
    if (onDutyStatuses.includes(u.status)) count.onDuty++;
    units.set(u.districtId, count);
  }
  let total = 0;
  let population = 0;
  const rows = districts.map((d) => {
    const byShift = hours.get(d.id) ?? { morning: 0, afternoon: 0, night: 0 };
    const sum = byShift.morning + byShift.afternoon + byShift.night;
    total += sum;
    population += d.population ?? 0;
    const perShift = (h: number) => h / shiftHours / days;
    return {
      district: areaSummaryOf(d),
      units: units.get(d.id)?.units ?? 0,
      onDuty: units.get(d.id)?.onDuty ?? 0,
      hours: sum,
      hoursByShift: byShift,
      hoursPer100k: ratePer100k(sum, d.population),
      unitsPerShift: {
        morning: perShift(byShift.morning),
        afternoon: perShift(byShift.afternoon),
        night: perShift(byShift.night),
      },
    };
  });
  return {
    area: areaSummaryOf(area),
    from,
    to,
    days,
    hours: total,
    hoursPer100k: ratePer100k(total, population),
    districts: rows,
  };
}

/**
 * Fairness over local days from–to for each district of an area: actual patrol hours from the log (the part of
 * each entry inside the period), per 100,000 residents, the district's share of the districts' incidents (daily
 * roll-up) and of their patrol hours, and the ratio of the two.
 */
export async function fairnessReport(db: Db, area: AreaRow, from: string, to: string): Promise<FairnessReport> {
  checkPeriod(from, to);
  const districts = await districtsOf(db, area);
  const hours = new Map<number, number>();
  for (const row of await patrolHours(db, area.id, dayRange(area, from, to), 'actual')) {
    hours.set(row.districtId, (hours.get(row.districtId) ?? 0) + row.hours);
  }
  const incidents = await incidentsByArea(
    db,
    districts.map((d) => d.id),
    from,
    to,
  );
  const summary = patrolFairness(
    districts.map((d) => ({
      districtId: String(d.id),
      population: d.population,
      patrolHours: hours.get(d.id) ?? 0,
      incidents: incidents.get(d.id) ?? 0,
    })),
  );
  return {
    area: areaSummaryOf(area),
    from,
    to,
    patrolHours: summary.patrolHours,
    incidents: summary.incidents,
    districts: summary.districts.map((row, i) => {
      const { patrolHours: h, hoursPer100k, incidents: n, crimeShare, patrolShare, patrolToCrime } = row;
      const district = districts[i] as AreaRow;
      return {
        district: areaSummaryOf(district) satisfies AreaSummary,
        patrolHours: h,
        hoursPer100k,
        incidents: n,
        crimeShare,
        patrolShare,
        patrolToCrime,
      };
    }),
  };
}

/** A cell's risk for a shift, in any unit as long as one source uses one. */
export interface CellRisk {
  /** H3 index, hexadecimal. */
  cell: string;
  /** The district the cell counts for; null to add the risk only to a cell inside one of the area's districts. */
  districtId: number | null;
  risk: number;
}

export interface RiskRequest {
  area: AreaRow;
  shiftStart: Date;
}

/** Where a plan's risk comes from: the stand-in below, or a forecast's expected counts. */
export interface RiskSource {
  /** What the risk is, in a few words, for the plan's reader. */
  describe: string;
  window(request: RiskRequest): TimeRange;
  cells(db: Db, request: RiskRequest): Promise<CellRisk[]>;
}

/**
 * Reported incidents — citizens' reports and calls for service, not police-initiated records, which follow
 * patrols and would send them back where they already are — per H3 resolution-8 cell over the `days` before the
 * shift.
 */
export function recentIncidentRisk(options: { days?: number; provenances?: readonly Provenance[] } = {}): RiskSource {
  const days = options.days ?? 28;
  const provenances = options.provenances ?? ['citizen_report', 'call_for_service'];
  const window = ({ shiftStart }: RiskRequest): TimeRange => ({
    from: new Date(shiftStart.getTime() - days * 86_400_000),
    to: shiftStart,
  });
  return {
    describe: `incidents (${provenances.join(', ')}) of the ${days} days before the shift, per H3 resolution-8 cell`,
    window,
    async cells(db, request) {
      const rows = await incidentsByH3R8(db, request.area, window(request), provenances);
      return rows.map((r) => ({ cell: BigInt(r.h3R8).toString(16), districtId: r.districtId, risk: r.incidents }));
    },
  };
}

/**
 * A forecast's expected incidents in the shift (ETAS, or another model of src/analytics/forecast) on the area's
 * study grid, summed per H3 resolution-8 cell of the grid cells' centres. Learns from citizens' reports and calls
 * for service unless `includePoliceInitiated`, for the same reason as `recentIncidentRisk`.
 */
export function forecastRisk(
  options: { model?: ForecastModel; trainingDays?: number; includePoliceInitiated?: boolean } = {},
): RiskSource {
  const model = options.model ?? 'etas';
  const trainingDays = options.trainingDays ?? defaultTrainingDays;
  const provenances = options.includePoliceInitiated ? allProvenances : citizenProvenances;
  const window = ({ shiftStart }: RiskRequest): TimeRange => ({
    from: new Date(shiftStart.getTime() - trainingDays * 86_400_000),
    to: shiftStart,
  });
  return {
    describe: `${model} forecast of incidents in the shift, learned from the ${trainingDays} days before it (${provenances.join(', ')}), per H3 resolution-8 cell`,
    window,
    async cells(db, request) {
      const fitted = await forecastGrid(db, unrestricted, {
        area: request.area,
        start: request.shiftStart,
        horizonDays: shiftHours / 24,
        model,
        provenances,
        trainingDays,
      });
      const grid = fitted.study.grid;
      const risk = new Map<string, number>();
      for (let cell = 0; cell < fitted.scores.length; cell++) {
        const score = fitted.scores[cell] as number;
        if (grid.inside[cell] !== 1 || score <= 0) continue;
        const [lon, lat] = cellCentre(grid, cell);
        const h3 = latLngToCell(lat, lon, 8);
        risk.set(h3, (risk.get(h3) ?? 0) + score);
      }
      return [...risk].map(([cell, value]) => ({ cell, districtId: null, risk: value }));
    },
  };
}

/** Where a plan's risk can come from: recent reported incidents, or one of the forecast models. */
export const patrolRiskSources = ['recent', ...forecastModels, ...specialPeriodNames] as const;
export type PatrolRiskName = (typeof patrolRiskSources)[number];

/** A forecast of the shift itself: ETAS (docs/forecast-backtest.md shows it ahead of the other models). */
export const defaultPatrolRisk: PatrolRiskName = 'etas';

/** The risk source of that name; forecasts learn from the year before the shift. */
export function patrolRisk(name: PatrolRiskName, options: { includePoliceInitiated?: boolean } = {}): RiskSource {
  const provenances = options.includePoliceInitiated ? allProvenances : citizenProvenances;
  if (name === 'recent') return recentIncidentRisk({ provenances });
  if ((specialPeriodNames as readonly string[]).includes(name)) {
    return periodRisk(name as SpecialPeriodName, options);
  }
  return forecastRisk({ ...options, model: name as ForecastModel });
}

/** The year of the named period that holds an instant (New Year's year is the one that begins), or null. */
function periodHolding(
  name: SpecialPeriodName,
  at: Date,
  timeZone: string,
): { year: number; from: Date; to: Date } | null {
  const year = Number(zonedDay(at, timeZone).slice(0, 4));
  for (const candidate of [year, year + 1]) {
    const span = periodSpan({ kind: 'named', name }, candidate);
    if (!span) continue;
    const from = zonedInstant(span.fromDay, span.fromMinutes, timeZone);
    const to = zonedInstant(span.toDay, span.toMinutes, timeZone);
    if (at >= from && at < to) return { year: candidate, from, to };
  }
  return null;
}

/**
 * For a shift inside a named period (New Year, Ramadan, the Eids): the period's forecast — ETAS learned from the
 * year before the period, times each cell's uplift in the same period of the three years before
 * (src/analysis/period-forecast.ts) — spread evenly over the period's hours, so a cell's risk is its expected
 * incidents in one 8-hour stretch of the period, summed per H3 resolution-8 cell. A shift outside the period is
 * refused with 400 on `shift`.
 */
export function periodRisk(name: SpecialPeriodName, options: { includePoliceInitiated?: boolean } = {}): RiskSource {
  const provenances = options.includePoliceInitiated ? allProvenances : citizenProvenances;
  return {
    describe:
      `${name} forecast: ETAS of the period × the uplift of the same period in the 3 years before, ` +
      `learned from ${provenances.join(', ')}, per H3 resolution-8 cell, for 8 of the period's hours`,
    window: ({ area, shiftStart }) => {
      const held = periodHolding(name, shiftStart, area.timeZone);
      return held
        ? { from: new Date(held.from.getTime() - defaultTrainingDays * 86_400_000), to: held.from }
        : { from: shiftStart, to: shiftStart };
    },
    async cells(db, { area, shiftStart }) {
      const held = periodHolding(name, shiftStart, area.timeZone);
      if (!held) throw new PatrolError('invalid', `shift: not within ${name} (risk=${name})`, 'shift');
      const expectations = await periodExpectations(db, unrestricted, {
        area,
        period: { kind: 'named', name },
        year: held.year,
        includePoliceInitiated: options.includePoliceInitiated ?? false,
      });
      const share = shiftHours / 24 / expectations.lengthDays;
      const risk = new Map<string, number>();
      for (const c of expectations.cells) {
        if (c.expected <= 0) continue;
        const [lon, lat] = c.centre;
        const h3 = latLngToCell(lat, lon, 8);
        risk.set(h3, (risk.get(h3) ?? 0) + c.expected * share);
      }
      return [...risk].map(([cell, value]) => ({ cell, districtId: null, risk: value }));
    },
  };
}

/** The H3 resolution-8 cells whose centres lie in a boundary. */
function cellsOf(geometry: AreaGeometry | null): string[] {
  if (geometry === null) return [];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygonToCells(polygon, 8, true));
}

export function shiftRange(shift: Shift, timeZone: string): TimeRange {
  const from = zonedInstant(shift.day, shiftStartMinutes[shift.name], timeZone);
  return { from, to: new Date(from.getTime() + shiftHours * 3_600_000) };
}

export interface PlanRequest {
  area: AreaRow;
  shift: Shift;
  /** Units available for the shift; default the area's patrol units on duty now (available, on patrol, responding). */
  units?: number | undefined;
  /** Hours per cell per week; default 24 (three shifts). */
  capHours?: number;
  /** Hours each district must get in the shift; default one shift's worth (a unit). */
  floorHours?: number;
  rotationDiscount?: number;
  /** Default `recentIncidentRisk()`. */
  risk?: RiskSource;
}

/** How many earlier shifts rotation looks back on. */
const rotationMemory = 3;

function problemOut(p: PatrolPlanProblem, codes: Map<string, string>): PatrolPlan['problems'][number] {
  switch (p.kind) {
    case 'floor_exceeds_units':
      return { kind: p.kind, message: `the floors need ${p.unitsNeeded} units; ${p.unitsAvailable} are available` };
    case 'idle_units':
      return { kind: p.kind, message: `${p.units} units have no open cell (taken this shift or at the weekly cap)` };
    case 'floor_unreachable': {
      const district = codes.get(p.districtId) ?? p.districtId;
      return {
        kind: p.kind,
        district,
        reason: p.reason,
        message: `district ${district} is ${p.shortfallHours} h short of its floor (${p.reason.replaceAll('_', ' ')})`,
      };
    }
  }
}

/**
 * A plan for one shift over an area's districts: risk from `risk`, the hours each cell had this ISO week before
 * the shift (actual log entries), rotation from the cells logged in the last three shifts (planned or actual).
 * Cells are every H3 resolution-8 cell whose centre lies in a district, and any cell with risk outside those.
 */
export async function planPatrols(db: Db, request: PlanRequest): Promise<PatrolPlan> {
  const { area, shift } = request;
  const units =
    request.units ?? (await listPatrolUnits(db, area.id)).filter((u) => onDutyStatuses.includes(u.status)).length;
  const capHours = request.capHours ?? 3 * shiftHours;
  const floorHours = request.floorHours ?? shiftHours;
  const rotationDiscount = request.rotationDiscount ?? defaultRotationDiscount;
  const risk = request.risk ?? recentIncidentRisk();
  const range = shiftRange(shift, area.timeZone);

  const districts = await districtsOf(db, area);
  const shapes = await listBoundaries(db, { ids: districts.map((d) => d.id) });
  const cells = new Map<string, { districtId: number; risk: number }>();
  for (const d of [...shapes].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    for (const cell of cellsOf(d.geometry)) if (!cells.has(cell)) cells.set(cell, { districtId: d.id, risk: 0 });
  }
  const known = new Set(districts.map((d) => d.id));
  for (const r of await risk.cells(db, { area, shiftStart: range.from })) {
    if (r.districtId !== null && !known.has(r.districtId)) continue;
    const cell = cells.get(r.cell);
    if (cell) cell.risk += r.risk;
    else if (r.districtId !== null) cells.set(r.cell, { districtId: r.districtId, risk: r.risk });
  }

  const week = isoWeekDays(isoWeekOf(shift.day));
  const weekStart = zonedInstant(week?.from ?? shift.day, 0, area.timeZone);
  const weekHours = new Map<string, number>();
  if (weekStart < range.from) {
    for (const row of await patrolHours(db, area.id, { from: weekStart, to: range.from }, 'actual')) {
      weekHours.set(row.cell, (weekHours.get(row.cell) ?? 0) + row.hours);
    }
  }
  const previousShifts: string[][] = [];
  for (let s = previousShift(shift), i = 0; i < rotationMemory; s = previousShift(s), i++) {
    previousShifts.push(await patrolledCells(db, area.id, shiftRange(s, area.timeZone)));
  }

  const plan = patrolPlan({
    cells: [...cells].map(([id, c]) => ({
      id,
      districtId: String(c.districtId),
      risk: c.risk,
      hoursThisWeek: weekHours.get(id) ?? 0,
    })),
    districts: districts.map((d) => ({ id: String(d.id), population: d.population, floorHours })),
    units,
    shiftHours,
    capHoursPerWeek: capHours,
    previousShifts,
    rotationDiscount,
  });
  const codes = new Map(districts.map((d) => [String(d.id), d.code]));
  const cellCounts = new Map<string, number>();
  for (const c of cells.values()) cellCounts.set(String(c.districtId), (cellCounts.get(String(c.districtId)) ?? 0) + 1);
  const riskWindow = risk.window({ area, shiftStart: range.from });
  return {
    area: areaSummaryOf(area),
    shift: { day: shift.day, name: shift.name, start: range.from.toISOString(), end: range.to.toISOString() },
    units,
    capHours,
    rotationDiscount,
    risk: { source: risk.describe, from: riskWindow.from.toISOString(), to: riskWindow.to.toISOString() },
    assignments: plan.assignments.map((a) => ({
      slot: a.slot,
      cell: a.cellId,
      district: codes.get(a.districtId) ?? a.districtId,
      hours: a.hours,
      basis: a.basis,
      risk: a.risk,
      score: a.score,
      streak: a.streak,
      hoursThisWeek: weekHours.get(a.cellId) ?? 0,
    })),
    districts: plan.districts.map((d) => ({
      district: codes.get(d.districtId) ?? d.districtId,
      population: districts.find((x) => String(x.id) === d.districtId)?.population ?? null,
      cells: cellCounts.get(d.districtId) ?? 0,
      floorHours: d.floorHours,
      unitsNeeded: d.unitsNeeded,
      units: d.units,
      plannedHours: d.plannedHours,
      floorMet: d.floorMet,
      shortfallHours: d.shortfallHours,
    })),
    idleUnits: plan.idleUnits,
    feasible: plan.feasible,
    problems: plan.problems.map((p) => problemOut(p, codes)),
  };
}
