/** Calendar days in a time zone, as ISO strings ('2026-11-25'). Pure: no clock, only the zone rules of Intl. */

export const defaultTimeZone = 'Africa/Casablanca';

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Adds whole calendar days to an ISO day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Number of calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The same calendar day one or more years earlier. 29 February maps to 28 February in a year without it, so a
 * window ending on 29 February is compared with one ending on 28 February.
 */
export function sameDayYearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock parts of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string = defaultTimeZone) {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The calendar day an instant falls on in a zone. */
export function zonedDay(instant: Date, timeZone: string = defaultTimeZone): string {
  return zonedParts(instant, timeZone).day;
}

function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  const asUtc = Date.parse(
    `${p.day}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:${String(p.second).padStart(2, '0')}Z`,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * A zone's clock changes in one UTC year, found once: the offset every six hours, and where two differ, the minute
 * of the change by bisection. Asking Intl takes microseconds a call; an import asks for every row.
 */
interface YearOffsets {
  initial: number;
  changes: { at: number; offset: number }[];
}

const step = 6 * 3_600_000;
const minute = 60_000;
const years = new Map<string, YearOffsets>();

function yearOffsets(timeZone: string, year: number): YearOffsets {
  const key = `${timeZone}|${year}`;
  let found = years.get(key);
  if (found) return found;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const initial = offsetAt(start, timeZone);
  const changes: { at: number; offset: number }[] = [];
  let previous = initial;
  for (let t = start + step; t <= end; t += step) {
    const offset = offsetAt(t, timeZone);
    if (offset === previous) continue;
    // The change lies in (t - step, t]: narrow it to the minute.
    let lo = t - step;
    let hi = t;
    while (hi - lo > minute) {
      const mid = lo + Math.floor((hi - lo) / 2 / minute) * minute;
      if (offsetAt(mid, timeZone) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, offset });
    previous = offset;
  }
  found = { initial, changes };
  if (years.size > 2000) years.clear();
  years.set(key, found);
  return found;
}

/** The zone's offset from UTC at an instant, in minutes (Africa/Casablanca: +60, or 0 during Ramadan). */
export function zoneOffsetMinutes(instant: Date, timeZone: string = defaultTimeZone): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid instant');
  const { initial, changes } = yearOffsets(timeZone, new Date(ms).getUTCFullYear());
  let offset = initial;
  for (const change of changes) {
    if (change.at > ms) break;
    offset = change.offset;
  }
  return offset;
}

/**
 * The instant at which a wall-clock time of a day begins in a zone. Times that do not exist (skipped by a
 * clock change) move forward by the size of the gap.
 */
export function zonedInstant(day: string, minutesOfDay: number, timeZone: string = defaultTimeZone): Date {
  const naive = Date.parse(`${day}T00:00:00Z`) + minutesOfDay * 60_000;
  const first = zoneOffsetMinutes(new Date(naive), timeZone);
  const guess = naive - first * 60_000;
  const second = zoneOffsetMinutes(new Date(guess), timeZone);
  if (second === first) return new Date(guess);
  const corrected = naive - second * 60_000;
  if (zoneOffsetMinutes(new Date(corrected), timeZone) === second) return new Date(corrected);
  // Neither offset fits: the time fell in a gap. Read with the offset before the jump (the smaller one), it lands
  // the size of the gap later, whichever side of UTC the zone is on.
  return new Date(naive - Math.min(first, second) * 60_000);
}
