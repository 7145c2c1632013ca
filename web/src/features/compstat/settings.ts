import { isCategoryCode, type CategoryCode } from '../../../../src/domain/category.js';
import { addDays, isIsoDay } from '../../../../src/domain/time.js';

/** The weeks the trend charts can show. */
export const weekChoices = [13, 26, 52] as const;
export type WeekChoice = (typeof weekChoices)[number];

/** The periods the hour × weekday pattern can cover, each ending on the as-of day. */
export const patternSpans = ['days28', 'yearToDate', 'weeks52'] as const;
export type PatternSpan = (typeof patternSpans)[number];

/**
 * The settings of a CompStat page, as its address keeps them: the as-of day and baseline year (null for the
 * server's defaults), the weeks of the trend charts, and the pattern's category (null for all) and period.
 */
export interface Settings {
  asOf: string | null;
  baselineYear: number | null;
  weeks: WeekChoice;
  category: CategoryCode | null;
  span: PatternSpan;
}

export const defaultSettings: Settings = { asOf: null, baselineYear: null, weeks: 13, category: null, span: 'days28' };

/** The settings a query string names; anything unreadable falls back to its default rather than failing. */
export function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  const asOf = params.get('asOf');
  const year = Number(params.get('baselineYear'));
  const category = params.get('category');
  return {
    asOf: asOf !== null && isIsoDay(asOf) && asOf >= '1900-01-01' ? asOf : null,
    baselineYear: Number.isInteger(year) && year >= 1900 && year <= 9999 ? year : null,
    weeks: weekChoices.find((w) => String(w) === params.get('weeks')) ?? defaultSettings.weeks,
    category: category !== null && isCategoryCode(category) ? category : null,
    span: patternSpans.find((s) => s === params.get('span')) ?? defaultSettings.span,
  };
}

/** The query string of some settings, leaving out what is at its default; the inverse of `readSettings`. */
export function writeSettings(settings: Settings): string {
  const params = new URLSearchParams();
  if (settings.asOf !== null) params.set('asOf', settings.asOf);
  if (settings.baselineYear !== null) params.set('baselineYear', String(settings.baselineYear));
  if (settings.weeks !== defaultSettings.weeks) params.set('weeks', String(settings.weeks));
  if (settings.category !== null) params.set('category', settings.category);
  if (settings.span !== defaultSettings.span) params.set('span', settings.span);
  return params.toString();
}

/** The days a pattern period covers as of a day: the 28 days (the table's), the year to date, or 52 weeks. */
export function patternWindow(asOf: string, span: PatternSpan): { from: string; to: string } {
  if (span === 'yearToDate') return { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
  return { from: addDays(asOf, span === 'days28' ? -27 : -363), to: asOf };
}

/** The baseline years offered as of a day: the ten years before its own, latest first, and the current choice. */
export function baselineChoices(asOf: string, current: number | null): number[] {
  const year = Number(asOf.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => year - 1 - i);
  if (current !== null && current < year && !years.includes(current)) years.push(current);
  return years.sort((a, b) => b - a);
}
