/**
 * When incidents happen in the week: counts by local hour of day (0–23) × ISO weekday (Monday 1 … Sunday 7).
 * Counts in, matrix out. Incidents whose time is known only to the day carry a weekday but no hour, those known
 * only to the month neither: they are counted apart (`unplaced`), never spread over cells nor dropped.
 */
import type { TimePrecision } from '../domain/incident.js';
import { addDays } from '../domain/time.js';

/** Incidents of one precision at a local weekday and hour, as the store counts them. */
export interface WeekdayHourCount {
  precision: TimePrecision;
  /** ISO weekday of the local day, Monday 1 to Sunday 7. */
  weekday: number;
  /** Local hour, 0 to 23 (meaningless below the instant precision). */
  hour: number;
  incidents: number;
}

export interface WeekdayHourPattern {
  /** `matrix[weekday - 1][hour]`: incidents known to the instant, by local weekday and hour. */
  matrix: number[][];
  /** Incidents in the matrix. */
  placed: number;
  unplaced: {
    /** Known to the day: their weekday is known, not their hour. */
    day: number;
    /** Known to the month only. */
    month: number;
    total: number;
  };
  /** The incidents known to the day by weekday (index weekday - 1). */
  dayOnlyByWeekday: number[];
}

/** The window the patterns read by default: the 28 days ending on the as-of day, the table's 28-day period. */
export const defaultPatternDays = 28;

export function defaultPatternWindow(asOf: string): { from: string; to: string } {
  return { from: addDays(asOf, -(defaultPatternDays - 1)), to: asOf };
}

/** The weekday × hour matrix from the store's counts; cells without a count are zero. */
export function weekdayHourPattern(counts: readonly WeekdayHourCount[]): WeekdayHourPattern {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const dayOnlyByWeekday = new Array<number>(7).fill(0);
  let placed = 0;
  let day = 0;
  let month = 0;
  for (const c of counts) {
    if (c.precision === 'month') {
      month += c.incidents;
      continue;
    }
    if (!(Number.isInteger(c.weekday) && c.weekday >= 1 && c.weekday <= 7)) {
      throw new RangeError(`invalid weekday: ${c.weekday}`);
    }
    if (c.precision === 'day') {
      day += c.incidents;
      dayOnlyByWeekday[c.weekday - 1] = (dayOnlyByWeekday[c.weekday - 1] ?? 0) + c.incidents;
      continue;
    }
    if (!(Number.isInteger(c.hour) && c.hour >= 0 && c.hour <= 23)) throw new RangeError(`invalid hour: ${c.hour}`);
    const row = matrix[c.weekday - 1] as number[];
    row[c.hour] = (row[c.hour] ?? 0) + c.incidents;
    placed += c.incidents;
  }
  return { matrix, placed, unplaced: { day, month, total: day + month }, dayOnlyByWeekday };
}
