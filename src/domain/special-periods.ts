import { addDays, isIsoDay, sameDayYearsBefore } from './time.js';

/**
 * Named periods that come back every year (New Year, Ramadan, the two Eids) and custom ones (a major event), with
 * their local start and end in a given Gregorian year. Pure: Hijri dates come from Intl's Umm al-Qura calendar
 * (`islamic-umalqura`, Saudi Arabia's tabular-astronomical calendar, in Node's full ICU). Morocco fixes Ramadan and
 * the Eids by sighting the crescent, which can fall a day after Umm al-Qura; a period known to have started on
 * another day can be given as a custom period.
 */

export const specialPeriodNames = ['new-year', 'ramadan', 'eid-al-fitr', 'eid-al-adha'] as const;
export type SpecialPeriodName = (typeof specialPeriodNames)[number];

/** Local wall-clock bounds: from `fromDay` at `fromMinutes` (inclusive) to `toDay` at `toMinutes` (exclusive). */
export interface LocalSpan {
  fromDay: string;
  fromMinutes: number;
  toDay: string;
  toMinutes: number;
}

export type PeriodSpec =
  | { kind: 'named'; name: SpecialPeriodName }
  /** A period on the same calendar days every year: `from` and `to` are days of one year, `to` included. */
  | { kind: 'custom'; name: string; from: string; to: string };

const hijriFormat = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});

/** The Umm al-Qura date of a Gregorian day. */
export function hijriDate(day: string): { year: number; month: number; day: number } {
  if (!isIsoDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  const parts: Record<string, string> = {};
  for (const p of hijriFormat.formatToParts(new Date(`${day}T00:00:00Z`))) parts[p.type] = p.value;
  return { year: Number.parseInt(parts.year ?? '', 10), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * The first Gregorian day of `year` on which the Umm al-Qura calendar reads
 * the given Hijri month and day; null when none falls in the year. A Hijri year is 354 or 355 days, so about every
 * 33 years a Hijri date falls twice in one Gregorian year: the first is taken.
 */
export function gregorianDayOf(year: number, hijriMonth: number, hijriDay: number): string | null {
  if (!Number.isInteger(year)) throw new RangeError(`invalid year: ${year}`);
  const first = `${String(year).padStart(4, '0')}-01-01`;
  for (let d = 0; d < 366; d++) {
    const day = addDays(first, d);
    if (!day.startsWith(String(year).padStart(4, '0'))) break;
    const h = hijriDate(day);
    if (h.month === hijriMonth && h.day === hijriDay) return day;
  }
  return null;
}

/** The day after the last day of the Hijri month that starts on `firstDay`. */
function nextHijriMonth(firstDay: string): string {
  const { month } = hijriDate(firstDay);
  let day = addDays(firstDay, 28);
  while (hijriDate(day).month === month) day = addDays(day, 1);
  return day;
}

const wholeDays = (fromDay: string, days: number): LocalSpan => ({
  fromDay,
  fromMinutes: 0,
  toDay: addDays(fromDay, days),
  toMinutes: 0,
});

/**
 * The period's local span in a Gregorian year, or null when it does not occur that year:
 * - new-year: 31 December of the year before, 18:00, to 2 January, 06:00 (New Year's Eve night, the day and the
 *   following night: the hours the celebration and its aftermath cover);
 * - ramadan: 1 Ramadan to the last day of Ramadan, whole local days;
 * - eid-al-fitr: 1 to 3 Shawwal; eid-al-adha: 10 to 12 Dhu al-Hijjah (the feast and the two days after);
 * - custom: its days shifted to the year (29 February becomes 28 February), the last day included.
 * Local days begin at midnight, not at sunset as Hijri days do.
 */
export function periodSpan(spec: PeriodSpec, year: number): LocalSpan | null {
  if (!Number.isInteger(year)) throw new RangeError(`invalid year: ${year}`);
  if (spec.kind === 'custom') {
    if (!isIsoDay(spec.from) || !isIsoDay(spec.to) || spec.to < spec.from) {
      throw new RangeError(`invalid custom period ${spec.from} to ${spec.to}`);
    }
    const shift = Number(spec.from.slice(0, 4)) - year;
    return {
      fromDay: sameDayYearsBefore(spec.from, shift),
      fromMinutes: 0,
      toDay: addDays(sameDayYearsBefore(spec.to, shift), 1),
      toMinutes: 0,
    };
  }
  switch (spec.name) {
    case 'new-year':
      return {
        fromDay: `${String(year - 1).padStart(4, '0')}-12-31`,
        fromMinutes: 18 * 60,
        toDay: `${String(year).padStart(4, '0')}-01-02`,
        toMinutes: 6 * 60,
      };
    case 'ramadan': {
      const first = gregorianDayOf(year, 9, 1);
      return first === null ? null : { ...wholeDays(first, 0), toDay: nextHijriMonth(first) };
    }
    case 'eid-al-fitr': {
      const first = gregorianDayOf(year, 10, 1);
      return first === null ? null : wholeDays(first, 3);
    }
    case 'eid-al-adha': {
      const first = gregorianDayOf(year, 12, 10);
      return first === null ? null : wholeDays(first, 3);
    }
  }
}
