import { addDays } from './time.js';

/** ISO 8601 weeks ('2026-W47'): Monday to Sunday, the week belonging to the year of its Thursday. */

const weekPattern = /^(\d{4})-W(\d{2})$/;

/** Monday of ISO week 1 of a year: the Monday on or before 4 January. */
function firstMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  jan4.setUTCDate(4 - (weekday - 1));
  return jan4.toISOString().slice(0, 10);
}

/** The ISO week a calendar day falls in. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The week's Thursday decides its year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday of an ISO week, or null when the text names no week (2026-W54, 2025-W53, 26-W1). */
export function isoWeekDays(week: string): { from: string; to: string } | null {
  const match = weekPattern.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (year < 1900 || number < 1) return null;
  const from = addDays(firstMonday(year), (number - 1) * 7);
  if (isoWeekOf(from) !== week) return null;
  return { from, to: addDays(from, 6) };
}
