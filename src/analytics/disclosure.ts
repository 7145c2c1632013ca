/**
 * Statistical disclosure control for published counts: no published figure below k, and no withheld figure
 * recoverable exactly by adding and subtracting published ones.
 *
 * A table is one group of sibling areas (the districts of one city, the cities of one province…) by category for
 * one period, with each area's total. Its published margins are each area's total and, one level up, the parent's
 * count per category and in all (published by the parent's own table). Rules, applied until nothing changes:
 *
 * 1. Primary suppression: every count below k, zeros included (a published 0 would be a count below k).
 * 2. An area whose total is below k has its total suppressed (its categories are then all below k too).
 * 3. Complementary suppression: in every line whose margin is published — an area's categories against its
 *    published total; one category (or the totals) across the sibling areas against the parent's figure — the
 *    suppressed cells must hold k or more between them, or subtracting the published cells from the margin would
 *    give a figure below k (exactly, when one cell is suppressed). While they hold less, the smallest published
 *    cell of the line (lowest index on ties) is suppressed too.
 * 4. An area whose total is withheld keeps at least one category withheld (the smallest), or the sum of its
 *    categories would give the total back.
 *
 * Each step only adds suppressions, so the loop ends; the result depends only on the counts and k. It protects
 * against subtraction within a table and against its parent; counts are never perturbed, so every published
 * figure is exact.
 */

export interface DisclosureTable {
  /** counts[area][category]. */
  counts: readonly (readonly number[])[];
  /** Each area's total over every category (the sum of its row when the categories are exhaustive). */
  totals: readonly number[];
}

export interface Suppression {
  /** cells[area][category]: true where the count is withheld. */
  cells: boolean[][];
  /** true where the area's total is withheld. */
  totals: boolean[];
}

interface Line {
  values: number[];
  suppressed: boolean[];
  /** Cells withheld because another table withholds them: never left the only one withheld in a line. */
  forced?: boolean[];
  set(index: number): void;
}

/** Suppresses the smallest published cell of a line while its suppressed cells hold less than k; true if any. */
function protect(line: Line, k: number): boolean {
  let changed = false;
  for (;;) {
    let held = 0;
    let withheld = 0;
    let smallest = -1;
    for (let i = 0; i < line.values.length; i++) {
      const v = line.values[i] as number;
      if (line.suppressed[i]) {
        held += v;
        withheld++;
      } else if (smallest < 0 || v < (line.values[smallest] as number)) {
        smallest = i;
      }
    }
    // A forced cell may hold k or more, but alone in its line it would come back exactly by subtraction.
    const alone = withheld === 1 && line.suppressed.some((isWithheld, i) => isWithheld && line.forced?.[i] === true);
    if (withheld === 0 || (held >= k && !alone) || smallest < 0) return changed;
    line.set(smallest);
    line.suppressed[smallest] = true;
    changed = true;
  }
}

/**
 * @param forced cells and totals to withhold whatever their counts (a figure another table withholds), on top of
 *   the primary rule; the complementary rules then protect them like any other, and never leave one the only
 *   figure withheld in a line
 */
export function suppress(table: DisclosureTable, k: number, forced?: Partial<Suppression>): Suppression {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number ≥ 1, not ${k}`);
  const areas = table.counts.length;
  if (table.totals.length !== areas) throw new RangeError('one total per area');
  const categories = areas === 0 ? 0 : (table.counts[0] as readonly number[]).length;
  const cells = table.counts.map((row, a) => {
    if (row.length !== categories) throw new RangeError('every area needs a count per category');
    return row.map((count, c) => count < k || forced?.cells?.[a]?.[c] === true);
  });
  const totals = table.totals.map((total, a) => total < k || forced?.totals?.[a] === true);

  for (let changed = true; changed;) {
    changed = false;
    for (let a = 0; a < areas; a++) {
      if (totals[a]) continue; // no published margin to subtract from
      const row = cells[a] as boolean[];
      const line: Line = {
        values: [...(table.counts[a] as readonly number[])],
        suppressed: [...row],
        forced: [...(forced?.cells?.[a] ?? [])],
        set: (c) => (row[c] = true),
      };
      if (protect(line, k)) changed = true;
    }
    for (let c = 0; c < categories; c++) {
      const line: Line = {
        values: table.counts.map((row) => row[c] as number),
        suppressed: cells.map((row) => row[c] as boolean),
        forced: table.counts.map((_, a) => forced?.cells?.[a]?.[c] === true),
        set: (a) => ((cells[a] as boolean[])[c] = true),
      };
      if (protect(line, k)) changed = true;
    }
    const line: Line = {
      values: [...table.totals],
      suppressed: [...totals],
      forced: table.totals.map((_, a) => forced?.totals?.[a] === true),
      set: (a) => (totals[a] = true),
    };
    if (protect(line, k)) changed = true;
    for (let a = 0; a < areas; a++) {
      const row = cells[a] as boolean[];
      if (!totals[a] || categories === 0 || row.some(Boolean)) continue;
      const counts = table.counts[a] as readonly number[];
      let smallest = 0;
      for (let c = 1; c < categories; c++) if ((counts[c] as number) < (counts[smallest] as number)) smallest = c;
      row[smallest] = true;
      changed = true;
    }
  }
  return { cells, totals };
}
