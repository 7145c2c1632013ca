import type { AreaSummary } from '../../../src/contract/common.js';
import { intlLocales, type Language } from './index.js';

export interface Formatters {
  /** A count: 1.234 in Moroccan Arabic and French, 1,234 in English. */
  count: (value: number) => string;
  /** A rate or measure with one decimal. */
  decimal: (value: number) => string;
  /** A class break, already rounded to two significant digits: 0,35 or 9,4 or 140. */
  significant: (value: number) => string;
  /** A percentage given as 0–100. */
  percent: (value: number) => string;
  /** A change given as a signed percentage (+12 %, −4 %). */
  change: (value: number) => string;
  /** A calendar day (YYYY-MM-DD) as people write it: "16 ماي 2015", "16 mai 2015", "16 May 2015". */
  day: (value: string) => string;
  /** The year of a calendar day. */
  year: (value: string) => string;
  /** An instant (ISO 8601) on the browser's clock, to the minute: "20 نونبر 2026، 13:05". */
  instant: (value: string) => string;
  /** A file size in decimal units, never below a kilobyte: 0,5 kB, 12 MB, 1,2 GB. */
  bytes: (value: number) => string;
  /** A measure rounded to the tenth, without a trailing zero: 2,3 or 11. */
  tenths: (value: number) => string;
  /** A share given as a fraction (0–1), to a tenth of a percent: 14,4 %. */
  share: (value: number) => string;
  /** A length in whole metres, with its unit: "1.380 مترًا", "1.380 m". */
  metres: (value: number) => string;
  /** An instant (ISO 8601) on a given zone's clock, to the minute: "11 نونبر 2026، 23:28". */
  dateTime: (value: string, timeZone: string) => string;
  /** Compares names in the language's own order. */
  compare: (a: string, b: string) => number;
}

const cache = new Map<Language, Formatters>();

/** Number and date formatters for one language, built once with `Intl`. */
export function formatters(language: Language): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = intlLocales[language];
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const significant = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const change = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  // Days are calendar days, not instants: read and write them in UTC so no time zone shifts them.
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const sizes = (['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const).map(
    (unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }),
  );
  const tenths = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const metres = new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 });
  const zoned = new Map<string, Intl.DateTimeFormat>();
  const inZone = (timeZone: string) => {
    let formatter = zoned.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      });
      zoned.set(timeZone, formatter);
    }
    return formatter;
  };
  const collator = new Intl.Collator(locale);
  const asDate = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);
  const made: Formatters = {
    count: (value) => count.format(value),
    decimal: (value) => decimal.format(value),
    significant: (value) => significant.format(value),
    percent: (value) => percent.format(value / 100),
    change: (value) => change.format(value / 100),
    day: (value) => day.format(asDate(value)),
    year: (value) => year.format(asDate(value)),
    instant: (value) => instant.format(new Date(value)),
    bytes: (value) => {
      let scaled = value / 1000;
      let index = 0;
      while (scaled >= 1000 && index < sizes.length - 1) {
        scaled /= 1000;
        index++;
      }
      return (sizes[index] ?? count).format(scaled);
    },
    tenths: (value) => tenths.format(value),
    share: (value) => share.format(value),
    metres: (value) => metres.format(value),
    dateTime: (value, timeZone) => inZone(timeZone).format(new Date(value)),
    compare: (a, b) => collator.compare(a, b),
  };
  cache.set(language, made);
  return made;
}

/** An area's name in the given language. */
export function areaName(area: Pick<AreaSummary, 'nameAr' | 'nameFr' | 'nameEn'>, language: Language): string {
  if (language === 'ar') return area.nameAr;
  return language === 'fr' ? area.nameFr : area.nameEn;
}
