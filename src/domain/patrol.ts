import type { Actor, Denial } from './plan.js';
import { hasPermission, scopeCovers, type AreaPath } from './role.js';
import { addDays, isIsoDay } from './time.js';

/** Patrols: shifts, the dosage log and who may write it (docs/patrols.md). */

/** The three shifts of a day, in local time; the night runs into the next day. */
export const shiftNames = ['morning', 'afternoon', 'night'] as const;
export type ShiftName = (typeof shiftNames)[number];

export const shiftHours = 8;
export const shiftStartMinutes: Record<ShiftName, number> = { morning: 6 * 60, afternoon: 14 * 60, night: 22 * 60 };

export interface Shift {
  day: string;
  name: ShiftName;
}

/** `2026-11-20:night` as a shift, or null. */
export function parseShift(value: string): Shift | null {
  const [day, name, ...rest] = value.split(':');
  if (rest.length > 0 || day === undefined || !isIsoDay(day)) return null;
  return (shiftNames as readonly string[]).includes(name ?? '') ? { day, name: name as ShiftName } : null;
}

/** The shift before: the night before a morning is the previous day's. */
export function previousShift(shift: Shift): Shift {
  if (shift.name === 'morning') return { day: addDays(shift.day, -1), name: 'night' };
  return { day: shift.day, name: shift.name === 'night' ? 'afternoon' : 'morning' };
}

/** `planned`: a plan's assignment, recorded ahead; `actual`: time a unit spent there. */
export const patrolSources = ['planned', 'actual'] as const;
export type PatrolSource = (typeof patrolSources)[number];

/** The longest stretch one log entry may cover. */
export const maxPatrolLogHours = 24;

/** Why an entry's times do not hold together (the field and a message), or null. */
export function patrolTimesProblem(startedAt: Date, endedAt: Date): { field: string; message: string } | null {
  if (endedAt.getTime() <= startedAt.getTime()) return { field: 'endedAt', message: 'endedAt: not after startedAt' };
  if (endedAt.getTime() - startedAt.getTime() > maxPatrolLogHours * 3_600_000) {
    return { field: 'endedAt', message: `endedAt: more than ${maxPatrolLogHours} hours after startedAt` };
  }
  return null;
}

/**
 * Writing the patrol log for a district: the director-general anywhere, a wali within the region, a district
 * chief within the district; analysts read only.
 */
export function patrolLogWriteDenial(actor: Actor, district: AreaPath): Denial | null {
  if (!hasPermission(actor.role, 'patrols.write')) return 'forbidden';
  return scopeCovers(actor.scopeAreaId, district) ? null : 'out_of_scope';
}
