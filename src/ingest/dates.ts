/**
 * Dates and times as import files write them, read into instants with an explicit time zone.
 *
 * A value keeps the precision it was written with: a time of day gives an instant, a date alone a day (`at` is the
 * local midnight that starts it), and a month alone a month (`at` is the local midnight of its 1st) — a month is
 * never made up into a day. Impossible values (30 February, month 13, hour 25, year 0000) come back as
 * `{ error }` with the reason, so an import can report the row and go on; only a bad option (an unknown time zone
 * or format name) throws.
 *
 * Formats recognised when none is given:
 *
 * | written                                   | example                     | precision        |
 * |-------------------------------------------|-----------------------------|------------------|
 * | ISO 8601 with an offset or Z              | `2019-01-01T19:50:00Z`      | instant          |
 * | ISO 8601 / `YYYY-MM-DD HH:MM[:SS]`        | `2010-01-01 00:05`          | instant (local)  |
 * | `YYYY/MM/DD [HH:MM[:SS]]`                 | `2019/03/10 02:30`          | day or instant   |
 * | `YYYY-MM-DD`, `YYYYMMDD`                  | `2019-01-01`, `20190101`    | day              |
 * | `YYYY-MM`, `YYYY/MM`                      | `2022-01`                   | month            |
 * | `DD/MM/YYYY [HH:MM[:SS]]`, also with `-`  | `25/12/2019 14:30`          | day or instant   |
 * | `MM/DD/YYYY hh:mm[:ss] AM/PM`             | `12/25/2019 02:30:00 PM`    | instant          |
 * | `DD.MM.YYYY [HH:MM[:SS]]`                 | `25.12.2019`                | day or instant   |
 *
 * Slashed (and dashed) dates are read day first, as European and Moroccan exports write them, unless `dayFirst` is
 * false, or `dayFirst` is not given and the time has AM/PM (US portals write month first). Dotted dates are always
 * day first. Whatever the order, a row is never re-read the other way round because its numbers would fit: a file
 * read in the wrong order fails on its first day after the 12th, with a reason that says so.
 *
 * Local times (without an offset) are placed with the zone's rules by `zonedInstant` of src/domain/time.ts: a time
 * skipped when the clocks go forward is moved on by the size of the gap (02:30 on a spring-forward night in Chicago
 * is 03:30 CDT), and a time repeated when they go back is given one of its two instants (which one depends on the
 * zone: the first in America/Chicago, the second in Europe/London and Africa/Casablanca).
 */
import { zonedInstant } from '../domain/time.js';

export const datePrecisions = ['instant', 'day', 'month'] as const;
export type DatePrecision = (typeof datePrecisions)[number];

export interface ParsedDate {
  at: Date;
  precision: DatePrecision;
}

export type DateResult = ParsedDate | { error: string };

/**
 * Named formats:
 * - `iso`: ISO 8601 — a date and time with or without an offset (`T` or a space between them), a date, or a month;
 * - `iso-local`: the same, but the wall-clock time is read in the zone and any offset ignored, for exports that
 *   label local times with `Z` (the NYC and San Francisco samples' hours look local: see dates.test.ts);
 * - `month`: a month, written `YYYY-MM`, `YYYY/MM`, or as its first day (`2022-01-01`, as some police.uk copies
 *   write it), read as the month;
 * - `dmy`: day, month, year with `/`, `-` or `.` and an optional time (24-hour, or 12-hour with AM/PM);
 * - `mdy`: month, day, year, likewise.
 */
export const dateFormatNames = ['iso', 'iso-local', 'month', 'dmy', 'mdy'] as const;
export type DateFormatName = (typeof dateFormatNames)[number];

/**
 * A named format, or a pattern of these tokens, every other character standing for itself (`[…]` for literal
 * letters):
 * `YYYY` year; `MM`/`M` month, `DD`/`D` day, `HH`/`H` hour 0–23, `hh`/`h` hour 1–12 (the doubled tokens take exactly
 * two digits, the single ones one or two); `mm` minute and `ss` second (two digits); `SSS` fraction of a second
 * (one or more digits); `A` AM or PM; `Z` an offset (`Z`, `+01:00`, `+0100`, `+01`). A space matches any run of
 * spaces. Examples: `DD/MM/YYYY HH:mm`, `M/D/YYYY h:mm:ss A`, `YYYYMMDD`, `YYYY-MM-DD[T]HH:mm:ssZ`.
 */
export type DateFormat = string;

export interface DateOptions {
  /** Default: detected from the text (see the module's table). */
  format?: DateFormat;
  /** The IANA zone of times written without an offset, e.g. `Africa/Casablanca`. */
  timeZone: string;
  /** Read ambiguous slashed dates as day/month (true) or month/day (false); see the module's comment for the default. */
  dayFirst?: boolean;
}

/** A date split over columns, as Vancouver's YEAR, MONTH, DAY, HOUR, MINUTE. */
export interface DateParts {
  year: number;
  month: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** What a text says, before it is checked and placed in time. */
interface Fields {
  year: number;
  month: number;
  day?: number;
  hour?: number;
  /** Set when the hour is on a 12-hour clock. */
  meridiem?: 'AM' | 'PM';
  minute?: number;
  second?: number;
  millisecond?: number;
  /** Minutes east of UTC, when the text gives an offset. */
  offsetMinutes?: number;
  /** Added to an error about the month or day: how the order of day and month was chosen. */
  orderHint?: string;
}

type Reader = (text: string, dayFirst?: boolean) => Fields | null;

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const time = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
const offset = String.raw`\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)`;

const isoPattern = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)${time}(?:${offset})?)?$`);
const slashedYearFirst = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})(?:(?:T|\s+)${time})?$`);
const yearMonth = /^(\d{4})[-/](\d{1,2})$/;
const compact = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const dayMonthYear = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?:T|\s+)${time})?$`);

function int(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function fraction(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.slice(0, 3).padEnd(3, '0'));
}

function meridiem(value: string | undefined): 'AM' | 'PM' | undefined {
  if (value === undefined) return undefined;
  return value.toUpperCase().startsWith('A') ? 'AM' : 'PM';
}

/** Minutes east of UTC from `Z`, `UTC`, `+01:00`, `+0100` or `+01`; NaN when out of range. */
function offsetMinutes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^(z|utc|gmt)$/i.test(value)) return 0;
  const digits = value.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 18 || minutes > 59) return NaN;
  return (value.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The time groups of `time` (hour, minute, second, fraction, meridiem), from index `i` of a match. */
function timeFields(match: RegExpExecArray, i: number): Partial<Fields> {
  if (match[i] === undefined) return {};
  const fields: Partial<Fields> = {
    hour: int(match[i]),
    minute: int(match[i + 1]),
    second: int(match[i + 2]),
    millisecond: fraction(match[i + 3]),
  };
  const half = meridiem(match[i + 4]);
  if (half) fields.meridiem = half;
  return fields;
}

const readIso: Reader = (text) => {
  const match = isoPattern.exec(text);
  if (match) {
    return {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      ...timeFields(match, 4),
      offsetMinutes: offsetMinutes(match[9]),
    };
  }
  const month = /^(\d{4})-(\d{1,2})$/.exec(text);
  return month ? { year: Number(month[1]), month: Number(month[2]) } : null;
};

const readSlashedYearFirst: Reader = (text) => {
  const match = slashedYearFirst.exec(text);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), ...timeFields(match, 4) };
};

const readYearMonth: Reader = (text) => {
  const match = yearMonth.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
};

const readCompact: Reader = (text) => {
  const match = compact.exec(text);
  if (!match) return null;
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: int(match[4]),
    minute: int(match[5]),
    second: match[4] === undefined ? undefined : (int(match[6]) ?? 0),
    offsetMinutes: offsetMinutes(match[7]),
  };
};

/** Day, month and year in either order; `order` forces one, otherwise `dayFirst` and the clock decide. */
function dayMonthYearReader(order?: 'dmy' | 'mdy'): Reader {
  return (text, dayFirst) => {
    const match = dayMonthYear.exec(text);
    if (!match) return null;
    const clock = timeFields(match, 5);
    let first: boolean;
    let orderHint: string;
    if (order) {
      first = order === 'dmy';
      orderHint = first ? 'read as day/month/year' : 'read as month/day/year';
    } else if (match[2] === '.') {
      first = true;
      orderHint = 'dotted dates are read as day.month.year';
    } else if (dayFirst !== undefined) {
      first = dayFirst;
      orderHint = first ? 'read as day/month/year (dayFirst)' : 'read as month/day/year (dayFirst: false)';
    } else {
      first = clock.meridiem === undefined;
      orderHint = first
        ? 'read as day/month/year; set dayFirst: false for month/day/year'
        : 'read as month/day/year because of AM/PM; set dayFirst: true for day/month/year';
    }
    const a = Number(match[1]);
    const b = Number(match[3]);
    return { year: Number(match[4]), month: first ? b : a, day: first ? a : b, ...clock, orderHint };
  };
}

const readMonth: Reader = (text) => {
  const fields = readYearMonth(text) ?? readIso(text);
  if (!fields || fields.hour !== undefined) return null;
  return fields;
};

const readIsoLocal: Reader = (text) => {
  const fields = readIso(text);
  if (fields) delete fields.offsetMinutes;
  return fields;
};

const autoReaders: Reader[] = [readIso, readSlashedYearFirst, readYearMonth, readCompact, dayMonthYearReader()];

const namedReaders: Record<DateFormatName, { reader: Reader; expected: string }> = {
  iso: { reader: readIso, expected: 'an ISO 8601 date' },
  'iso-local': { reader: readIsoLocal, expected: 'an ISO 8601 date' },
  month: { reader: readMonth, expected: 'a month (YYYY-MM, or its first day YYYY-MM-01)' },
  dmy: { reader: dayMonthYearReader('dmy'), expected: 'a day/month/year date' },
  mdy: { reader: dayMonthYearReader('mdy'), expected: 'a month/day/year date' },
};

const tokenPattern = /\[[^\]]*\]|YYYY|MM|M|DD|D|HH|H|hh|h|mm|ss|SSS|A|a|Z|\s+|./g;
const tokenRegex: Record<string, string> = {
  YYYY: String.raw`(\d{4})`,
  MM: String.raw`(\d{2})`,
  M: String.raw`(\d{1,2})`,
  DD: String.raw`(\d{2})`,
  D: String.raw`(\d{1,2})`,
  HH: String.raw`(\d{2})`,
  H: String.raw`(\d{1,2})`,
  hh: String.raw`(\d{2})`,
  h: String.raw`(\d{1,2})`,
  mm: String.raw`(\d{2})`,
  ss: String.raw`(\d{2})`,
  SSS: String.raw`(\d+)`,
  A: '([AaPp][Mm])',
  a: '([AaPp][Mm])',
  Z: '(Z|z|[+-]\\d{2}(?::?\\d{2})?)',
};
const tokenField: Record<string, keyof Fields> = {
  YYYY: 'year',
  MM: 'month',
  M: 'month',
  DD: 'day',
  D: 'day',
  HH: 'hour',
  H: 'hour',
  hh: 'hour',
  h: 'hour',
  mm: 'minute',
  ss: 'second',
  SSS: 'millisecond',
  A: 'meridiem',
  a: 'meridiem',
  Z: 'offsetMinutes',
};

const compiledPatterns = new Map<string, Reader>();

/** A reader for a pattern such as `DD/MM/YYYY HH:mm`; throws a RangeError when the pattern cannot give a date. */
function patternReader(pattern: string): Reader {
  const known = compiledPatterns.get(pattern);
  if (known) return known;
  const fields: (keyof Fields)[] = [];
  let source = '^';
  let twelveHour = false;
  for (const token of pattern.match(tokenPattern) ?? []) {
    const field = tokenField[token];
    if (field !== undefined) {
      if (token === 'hh' || token === 'h') twelveHour = true;
      if (fields.includes(field)) throw new RangeError(`date format "${pattern}" has its ${field} twice`);
      fields.push(field);
      source += tokenRegex[token] ?? '';
    } else if (/^\s+$/.test(token)) {
      source += String.raw`\s+`;
    } else {
      const literal = token.startsWith('[') && token.length > 1 ? token.slice(1, -1) : token;
      source += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  const has = (field: keyof Fields) => fields.includes(field);
  const problem = !has('year')
    ? 'no year (YYYY)'
    : !has('month')
      ? 'no month (MM)'
      : has('hour') && !has('day')
        ? 'an hour but no day'
        : has('minute') && !has('hour')
          ? 'minutes but no hour'
          : has('second') && !has('minute')
            ? 'seconds but no minutes'
            : twelveHour !== has('meridiem')
              ? 'a 12-hour clock (hh) needs AM/PM (A), and AM/PM needs hh'
              : null;
  if (problem) throw new RangeError(`date format "${pattern}" has ${problem}`);
  const regex = new RegExp(`${source}$`);
  const reader: Reader = (text) => {
    const match = regex.exec(text);
    if (!match) return null;
    const result: Fields = { year: 0, month: 0 };
    fields.forEach((field, i) => {
      const value = match[i + 1];
      if (value === undefined) return;
      if (field === 'meridiem') result.meridiem = meridiem(value);
      else if (field === 'offsetMinutes') result.offsetMinutes = offsetMinutes(value);
      else if (field === 'millisecond') result.millisecond = fraction(value);
      else if (field !== 'orderHint') result[field] = Number(value);
    });
    if (result.hour !== undefined) {
      result.minute ??= 0;
      result.second ??= 0;
    }
    return result;
  };
  compiledPatterns.set(pattern, reader);
  return reader;
}

const checkedZones = new Set<string>();

function checkTimeZone(timeZone: string): void {
  if (checkedZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new RangeError(`unknown time zone: "${timeZone}"`);
  }
  checkedZones.add(timeZone);
}

function readerFor(format: DateFormat | undefined): { reader: Reader; expected: string } | null {
  if (format === undefined) return null;
  if ((dateFormatNames as readonly string[]).includes(format)) return namedReaders[format as DateFormatName];
  if (!format.includes('YYYY')) {
    throw new RangeError(
      `unknown date format: "${format}" (a name: ${dateFormatNames.join(', ')}; or a pattern such as "DD/MM/YYYY HH:mm")`,
    );
  }
  return { reader: patternReader(format), expected: `the format ${format}` };
}

/**
 * Checks the options `parseDate` would be given, so that a mapping can be refused before its first row.
 *
 * @throws RangeError for an unknown time zone, an unknown format name or a pattern that cannot give a date
 */
export function checkDateOptions(options: DateOptions): void {
  checkTimeZone(options.timeZone);
  readerFor(options.format);
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Reads a date, a date and time, or a month.
 *
 * @param text the value as written in the file (surrounding spaces are ignored)
 * @returns the instant and the precision it was written with, or the reason it is not a valid date
 * @throws RangeError for an unknown time zone or format name (see `checkDateOptions`)
 */
export function parseDate(text: string, options: DateOptions): DateResult {
  checkTimeZone(options.timeZone);
  const named = readerFor(options.format);
  const value = text.trim();
  if (value === '') return { error: 'empty' };
  let fields: Fields | null = null;
  if (named) {
    fields = named.reader(value, options.dayFirst);
    if (!fields) return { error: `not ${named.expected}: ${quoted(value)}` };
    if (options.format === 'month' && fields.day !== undefined) {
      if (fields.day !== 1) return { error: `a month written as a day must be its 1st, not ${quoted(value)}` };
      delete fields.day;
    }
  } else {
    for (const reader of autoReaders) {
      fields = reader(value, options.dayFirst);
      if (fields) break;
    }
    if (!fields) return { error: `not a date in a known format: ${quoted(value)}` };
  }
  return placed(fields, options.timeZone);
}

/**
 * Reads a date split over columns: a month without a day, a day without an hour, or a time of day (minutes and
 * seconds default to 0).
 *
 * @throws RangeError for an unknown time zone
 */
export function dateFromParts(parts: DateParts, timeZone: string): DateResult {
  checkTimeZone(timeZone);
  for (const [name, value] of Object.entries(parts) as [string, number | undefined][]) {
    if (value !== undefined && !Number.isInteger(value)) return { error: `${name} is not a whole number: ${value}` };
  }
  if (!Number.isInteger(parts.year)) return { error: 'no year' };
  if (!Number.isInteger(parts.month)) return { error: 'no month' };
  const { year, month, day, hour, minute, second } = parts;
  if (day === undefined && hour !== undefined) return { error: 'an hour without a day' };
  if (hour === undefined && minute !== undefined) return { error: 'minutes without an hour' };
  if (minute === undefined && second !== undefined) return { error: 'seconds without minutes' };
  const fields: Fields = { year, month };
  if (day !== undefined) fields.day = day;
  if (hour !== undefined) Object.assign(fields, { hour, minute: minute ?? 0, second: second ?? 0 });
  return placed(fields, timeZone);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The reason the fields are not a real date and time, or null. */
function impossibility(f: Fields): string | null {
  const hint = f.orderHint ? ` (${f.orderHint})` : '';
  if (f.year < 1000) return `year ${pad(f.year, 4)} is out of range (1000–9999)`;
  if (f.month < 1 || f.month > 12) return `month ${f.month} is out of range (1–12)${hint}`;
  if (f.day !== undefined) {
    if (f.day < 1 || f.day > 31) return `day ${f.day} is out of range (1–31)${hint}`;
    if (f.day > daysInMonth(f.year, f.month)) {
      return `no ${ordinal(f.day)} of ${monthNames[f.month - 1] ?? ''} in ${f.year}${hint}`;
    }
  }
  if (f.hour !== undefined) {
    const twelve = f.meridiem !== undefined;
    if (twelve && (f.hour < 1 || f.hour > 12)) return `hour ${f.hour} is out of range (1–12 with AM/PM)`;
    if (f.hour > 23) return `hour ${f.hour} is out of range (0–23)`;
  }
  if (f.minute !== undefined && f.minute > 59) return `minute ${f.minute} is out of range (0–59)`;
  if (f.second !== undefined && f.second > 59) return `second ${f.second} is out of range (0–59)`;
  if (f.offsetMinutes !== undefined && Number.isNaN(f.offsetMinutes)) return 'the UTC offset is out of range';
  return null;
}

/** Checks the fields and places them in time: with their offset when they have one, else in the zone. */
function placed(fields: Fields, timeZone: string): DateResult {
  if (fields.hour !== undefined && fields.minute === undefined) fields.minute = 0;
  const reason = impossibility(fields);
  if (reason) return { error: reason };
  const { year, month } = fields;
  const day = fields.day ?? 1;
  const precision: DatePrecision = fields.day === undefined ? 'month' : fields.hour === undefined ? 'day' : 'instant';
  let hour = fields.hour ?? 0;
  if (fields.meridiem !== undefined) hour = (hour % 12) + (fields.meridiem === 'PM' ? 12 : 0);
  const minutesOfDay = hour * 60 + (fields.minute ?? 0);
  const extraMs = (fields.second ?? 0) * 1000 + (fields.millisecond ?? 0);
  if (fields.offsetMinutes !== undefined) {
    const utc = Date.UTC(year, month - 1, day, 0, minutesOfDay - fields.offsetMinutes) + extraMs;
    return { at: new Date(utc), precision };
  }
  const local = zonedInstant(`${pad(year, 4)}-${pad(month)}-${pad(day)}`, minutesOfDay, timeZone);
  return { at: new Date(local.getTime() + extraMs), precision };
}
