import { equityMeasureNames, equityLevelNames, type EquityMeasure } from '../../../../src/contract/equity.js';

/**
 * The settings of the response dashboard and of the equity map, as their addresses keep them. A period left out
 * is the year (365 days) up to the last day with data.
 */

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const readDay = (value: string | null) => (value !== null && isoDay.test(value) ? value : null);

/** A day (YYYY-MM-DD) `days` after another. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface Period {
  /** First and last local days, both included; null for the default. */
  from: string | null;
  to: string | null;
}

/** The days a period covers: the days given, else the 365 days up to `until` (the last day with data). */
export function periodDays(period: Period, until: string): { from: string; to: string } {
  const to = period.to ?? until;
  return { from: period.from ?? addDays(to, -364), to };
}

export function readPeriod(search: string): Period {
  const params = new URLSearchParams(search);
  return { from: readDay(params.get('from')), to: readDay(params.get('to')) };
}

function periodParams(period: Period): URLSearchParams {
  const params = new URLSearchParams();
  if (period.from !== null) params.set('from', period.from);
  if (period.to !== null) params.set('to', period.to);
  return params;
}

const query = (params: URLSearchParams) => {
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
};

/** The query string of a period, leaving out defaults; the inverse of `readPeriod`. */
export const writePeriod = (period: Period) => query(periodParams(period));

export type EquityLevelName = (typeof equityLevelNames)[number];

export interface EquitySettings extends Period {
  level: EquityLevelName;
  measure: EquityMeasure;
  /** The fewest calls or incidents for an area to be ranked; null for the server's default. */
  minN: number | null;
}

export const defaultEquitySettings: EquitySettings = {
  level: 'province',
  measure: 'arrivalMedian',
  from: null,
  to: null,
  minN: null,
};

export function readEquitySettings(search: string): EquitySettings {
  const params = new URLSearchParams(search);
  const minN = Number(params.get('minN'));
  return {
    ...readPeriod(search),
    level: equityLevelNames.find((l) => l === params.get('level')) ?? defaultEquitySettings.level,
    measure: equityMeasureNames.find((m) => m === params.get('measure')) ?? defaultEquitySettings.measure,
    minN: params.has('minN') && Number.isInteger(minN) && minN >= 1 && minN <= 100_000 ? minN : null,
  };
}

/** The query string of the equity settings, leaving out defaults; the inverse of `readEquitySettings`. */
export function writeEquitySettings(settings: EquitySettings): string {
  const params = periodParams(settings);
  if (settings.level !== defaultEquitySettings.level) params.set('level', settings.level);
  if (settings.measure !== defaultEquitySettings.measure) params.set('measure', settings.measure);
  if (settings.minN !== null) params.set('minN', String(settings.minN));
  return query(params);
}
