import type { AreaSummary } from '../../../../src/contract/common.js';
import type { Counts } from '../../../../src/contract/stats.js';

export const sortKeys = ['name', 'current', 'previous', 'changePct', 'ratePer100k', 'solvedPct'] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export type Row = Counts & { area: AreaSummary };

/** Names read A→Z first; figures read largest first, which is what a table of incidents is scanned for. */
export const firstDirection = (key: SortKey): SortDirection => (key === 'name' ? 'ascending' : 'descending');

/** The sort after a click on a column: the other direction on the same column, else the column's first one. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/**
 * Rows sorted by a column. Missing figures (no population, too few incidents to compare) go last in either
 * direction, and ties keep the names' order.
 */
export function sortRows<R extends Row>(
  rows: readonly R[],
  { key, direction }: Sort,
  name: (area: AreaSummary) => string,
  compareNames: (a: string, b: string) => number,
): R[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: R, b: R) => compareNames(name(a.area), name(b.area));
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName(a, b);
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  });
}
