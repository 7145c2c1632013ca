import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * One row of the year-to-date roll-up (`rollup_ytd`, migration 0006): an area and category in one month, with the
 * incidents and solved ones of the year's earlier months and the month's cumulative counts by day of month
 * (`incidents[d - 1]` counts days 1 to d).
 */
export interface YtdRow {
  areaId: number;
  category: string;
  /** The month's first day. */
  month: string;
  beforeIncidents: number;
  beforeSolved: number;
  incidents: number[];
  solved: number[];
}

export const ytdColumns = [
  'area_id',
  'category',
  'month',
  'before_incidents',
  'before_solved',
  'incidents',
  'solved',
] as const;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

interface PairYear {
  areaId: number;
  /** As given: COPY text when the counts came from COPY text. */
  category: string;
  year: number;
  /** The first month (1–12) with a daily row. */
  first: number;
  /** Incidents then solved, by (month − 1) × 31 + day − 1. */
  counts: Int32Array;
}

/**
 * The year-to-date roll-up computed from daily counts (the daily roll-up's rows, in any order), as a bulk load
 * writes it and as the tests check the trigger's: every area, category and year with a daily row gets a row for
 * each month from the first such month through December. Days without a row count zero.
 */
export class RollupYtdBuilder {
  readonly #pairs = new Map<string, PairYear>();

  /** Counts of one area, category and local day ('YYYY-MM-DD'). */
  add(areaId: number, category: string, day: string, incidents: number, solved: number): void {
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    const at = (month - 1) * 31 + Number(day.slice(8, 10)) - 1;
    const key = `${areaId}\t${category}\t${year}`;
    let pair = this.#pairs.get(key);
    if (!pair) {
      pair = { areaId, category, year, first: month, counts: new Int32Array(2 * 12 * 31) };
      this.#pairs.set(key, pair);
    }
    if (month < pair.first) pair.first = month;
    pair.counts[at] = (pair.counts[at] as number) + incidents;
    pair.counts[372 + at] = (pair.counts[372 + at] as number) + solved;
  }

  /** Daily roll-up rows as COPY text: area_id, day, category, incidents, solved. */
  addCopyText(text: string): void {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      if (line === '') continue;
      const [areaId, day, category, incidents, solved] = line.split('\t');
      this.add(Number(areaId), category as string, day as string, Number(incidents), Number(solved));
    }
  }

  /** Every row, by month, then area and category. */
  *rows(): Generator<YtdRow> {
    const pairs = [...this.#pairs.values()].sort(
      (a, b) =>
        a.year - b.year || a.areaId - b.areaId || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0),
    );
    // Running totals of the earlier months of each pair's year, advanced month by month.
    const before = new Float64Array(pairs.length * 2);
    let i = 0;
    while (i < pairs.length) {
      const year = (pairs[i] as PairYear).year;
      let j = i;
      while (j < pairs.length && (pairs[j] as PairYear).year === year) j++;
      for (let month = 1; month <= 12; month++) {
        const days = daysInMonth(year, month);
        const monthText = `${year}-${pad(month)}-01`;
        for (let p = i; p < j; p++) {
          const pair = pairs[p] as PairYear;
          if (month < pair.first) continue;
          const incidents = new Array<number>(days);
          const solved = new Array<number>(days);
          let n = 0;
          let s = 0;
          const base = (month - 1) * 31;
          for (let d = 0; d < days; d++) {
            n += pair.counts[base + d] as number;
            s += pair.counts[372 + base + d] as number;
            incidents[d] = n;
            solved[d] = s;
          }
          yield {
            areaId: pair.areaId,
            category: pair.category,
            month: monthText,
            beforeIncidents: before[2 * p] as number,
            beforeSolved: before[2 * p + 1] as number,
            incidents,
            solved,
          };
          before[2 * p] = (before[2 * p] as number) + n;
          before[2 * p + 1] = (before[2 * p + 1] as number) + s;
        }
      }
      i = j;
    }
  }

  /** The rows as COPY text in `ytdColumns` order, a chunk at a time. */
  *copyChunks(linesPerChunk = 20_000): Generator<string> {
    let lines: string[] = [];
    for (const r of this.rows()) {
      lines.push(
        `${r.areaId}\t${r.category}\t${r.month}\t${r.beforeIncidents}\t${r.beforeSolved}\t{${r.incidents.join(',')}}\t{${r.solved.join(',')}}\n`,
      );
      if (lines.length >= linesPerChunk) {
        yield lines.join('');
        lines = [];
      }
    }
    if (lines.length > 0) yield lines.join('');
  }
}

/** The year-to-date roll-up computed afresh from the daily roll-up, by month, area and category. */
export async function rollupYtdFromDaily(db: Db): Promise<YtdRow[]> {
  const daily = await sql<{ areaId: number; day: string; category: string; incidents: number; solved: number }>`
    select area_id, day, category, incidents, solved from rollup_daily
  `.execute(db);
  const builder = new RollupYtdBuilder();
  for (const r of daily.rows) builder.add(r.areaId, r.category, r.day, r.incidents, r.solved);
  return [...builder.rows()];
}

/** The year-to-date roll-up as stored, in the order of `rollupYtdFromDaily`. */
export async function readRollupYtd(db: Db): Promise<YtdRow[]> {
  const result = await sql<YtdRow>`
    select area_id, category, month, before_incidents, before_solved, incidents, solved
      from rollup_ytd
     order by month, area_id, category collate "C"
  `.execute(db);
  return result.rows;
}
