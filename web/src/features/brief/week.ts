import { isoWeekDays, isoWeekOf } from '../../../../src/domain/iso-week.js';
import { addDays } from '../../../../src/domain/time.js';

/** The ISO week `weeks` weeks after (or before, when negative) a week, or null when the text names no week. */
export function shiftWeek(week: string, weeks: number): string | null {
  const days = isoWeekDays(week);
  return days === null ? null : isoWeekOf(addDays(days.from, weeks * 7));
}

/** Whether the text names an ISO week (2026-W47). */
export function isWeek(value: string): boolean {
  return isoWeekDays(value) !== null;
}
