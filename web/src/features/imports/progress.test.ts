import { describe, expect, it } from 'vitest';
import { isLive, readShare, rowsPerSecond } from './progress.js';

describe('readShare', () => {
  it('gives the share of the file read, kept between 0 and 1', () => {
    expect(readShare(250, 1000)).toBe(0.25);
    expect(readShare(1200, 1000)).toBe(1);
    expect(readShare(-5, 1000)).toBe(0);
  });

  it('is unknown without a size', () => {
    expect(readShare(10, null)).toBeNull();
    expect(readShare(10, 0)).toBeNull();
  });
});

describe('rowsPerSecond', () => {
  it('divides the rows read between two looks by the time between them', () => {
    expect(rowsPerSecond({ atMs: 1000, rows: 0 }, { atMs: 3000, rows: 50_000 })).toBe(25_000);
  });

  it('is unknown until the two looks are apart in time', () => {
    expect(rowsPerSecond({ atMs: 1000, rows: 0 }, { atMs: 1000, rows: 10 })).toBeNull();
  });

  it('never goes below zero', () => {
    expect(rowsPerSecond({ atMs: 0, rows: 10 }, { atMs: 1000, rows: 5 })).toBe(0);
  });
});

describe('isLive', () => {
  it('follows queued and running jobs only', () => {
    const statuses = ['queued', 'running', 'done', 'failed'] as const;
    expect(statuses.map((status) => isLive({ status }))).toEqual([true, true, false, false]);
  });
});
