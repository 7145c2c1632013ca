import type { ImportJob } from '../../../../src/contract/import.js';

/** A job still on its way: polled until it is done or failed. */
export function isLive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The share of the file read so far, from 0 to 1; null when the size is unknown. */
export function readShare(bytesRead: number, bytesTotal: number | null): number | null {
  if (bytesTotal === null || bytesTotal <= 0) return null;
  return Math.min(1, Math.max(0, bytesRead / bytesTotal));
}

/** What the page saw of a job at one moment: its rows read, and when (the page's clock, in milliseconds). */
export interface Sample {
  atMs: number;
  rows: number;
}

/**
 * Rows read per second between the first and the last look at a running job. Both times are the page's own, so
 * a server clock set differently does not skew the rate; it is null until the two looks are apart in time.
 */
export function rowsPerSecond(first: Sample, last: Sample): number | null {
  const seconds = (last.atMs - first.atMs) / 1000;
  if (seconds <= 0) return null;
  return Math.max(0, last.rows - first.rows) / seconds;
}
