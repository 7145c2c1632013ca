import type { AlertFeed } from '../analysis/alert-feed.js';
import { scanDays, type ScanResult } from '../analysis/monitoring.js';
import { addDays, daysBetween, defaultTimeZone, zonedDay } from '../domain/time.js';
import type { Db } from '../store/db.js';
import { lastDayWithData } from '../store/monitoring.js';

/** Days rescanned after an import: records of the last week often arrive late. */
const importLookbackDays = 7;
/** The most days one scan catches up on after the server was stopped. */
const catchUpDays = 7;

export interface AlertMonitorOptions {
  db: Db;
  feed: AlertFeed;
  now: () => Date;
  /** How often to look for a newly complete day (default one hour). */
  intervalMs?: number;
  /** Told of each scan's failure; the monitor keeps running. */
  onError?: (error: unknown) => void;
}

/**
 * Runs the alert scan in the server: the latest complete day (the latest day with data before today) at start,
 * then every hour any day completed since, and the last week again after each import. Scans run one at a time;
 * each reads only the daily roll-up.
 */
export class AlertMonitor {
  readonly #options: AlertMonitorOptions;
  #lastScanned: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: AlertMonitorOptions) {
    this.#options = options;
  }

  /** Scans the latest complete day now and starts the hourly check. */
  start(): Promise<ScanResult[]> {
    this.#timer ??= setInterval(() => void this.tick(), this.#options.intervalMs ?? 3_600_000);
    this.#timer.unref();
    return this.tick();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Scans every complete day after the last one scanned (at most a week), or the latest one the first time. */
  tick(): Promise<ScanResult[]> {
    return this.#enqueue(async () => {
      const latest = await this.#latestComplete();
      if (latest === null || (this.#lastScanned !== null && latest <= this.#lastScanned)) return [];
      let from: string;
      if (this.#lastScanned === null) from = latest;
      else if (daysBetween(this.#lastScanned, latest) > catchUpDays) from = addDays(latest, -(catchUpDays - 1));
      else from = addDays(this.#lastScanned, 1);
      const results = await scanDays(
        this.#options.db,
        { from, to: latest, now: this.#options.now() },
        this.#options.feed,
      );
      this.#lastScanned = latest;
      return results;
    });
  }

  /** Scans the last week of complete days again, for the records an import brought. */
  afterImport(): Promise<ScanResult[]> {
    return this.#enqueue(async () => {
      const latest = await this.#latestComplete();
      if (latest === null) return [];
      const results = await scanDays(
        this.#options.db,
        { from: addDays(latest, -(importLookbackDays - 1)), to: latest, now: this.#options.now() },
        this.#options.feed,
      );
      if (this.#lastScanned === null || latest > this.#lastScanned) this.#lastScanned = latest;
      return results;
    });
  }

  #latestComplete(): Promise<string | null> {
    return lastDayWithData(this.#options.db, zonedDay(this.#options.now(), defaultTimeZone));
  }

  #enqueue(work: () => Promise<ScanResult[]>): Promise<ScanResult[]> {
    const run = this.#queue.then(work).catch((error: unknown) => {
      this.#options.onError?.(error);
      return [] as ScanResult[];
    });
    this.#queue = run;
    return run;
  }
}
