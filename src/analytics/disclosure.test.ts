import { describe, expect, it } from 'vitest';
import { suppress, type DisclosureTable } from './disclosure.js';
import { poisson, seededRandom } from './random.js';

const table = (counts: number[][]): DisclosureTable => ({
  counts,
  totals: counts.map((row) => row.reduce((s, x) => s + x, 0)),
});

/** The rules' guarantees, checked line by line on a table and its suppression. */
function guarantees(t: DisclosureTable, k: number) {
  const { cells, totals } = suppress(t, k);
  const problems: string[] = [];
  t.counts.forEach((row, a) =>
    row.forEach((count, c) => {
      if (!cells[a]?.[c] && count < k) problems.push(`cell ${a},${c} = ${count} published`);
    }),
  );
  t.totals.forEach((total, a) => {
    if (!totals[a] && total < k) problems.push(`total ${a} = ${total} published`);
    if (totals[a] && !cells[a]?.some(Boolean)) problems.push(`total ${a} is the sum of its published categories`);
  });
  const line = (values: readonly number[], withheld: readonly boolean[], name: string) => {
    const held = values.reduce((s, v, i) => s + (withheld[i] ? v : 0), 0);
    // A line withheld whole has a margin equal to what it holds: below k, the parent's own table withholds it.
    if (withheld.some(Boolean) && !withheld.every(Boolean) && held < k) {
      problems.push(`${name}: withheld cells hold ${held} < ${k}`);
    }
  };
  t.counts.forEach((row, a) => {
    if (!totals[a]) line(row, cells[a] ?? [], `area ${a}`);
  });
  const categories = t.counts[0]?.length ?? 0;
  for (let c = 0; c < categories; c++) {
    line(
      t.counts.map((row) => row[c] ?? 0),
      cells.map((row) => row[c] ?? false),
      `category ${c}`,
    );
  }
  line([...t.totals], totals, 'totals');
  return { cells, totals, problems };
}

describe('suppress', () => {
  it('publishes a table with nothing below k as it is', () => {
    const s = suppress(
      table([
        [12, 30],
        [15, 11],
      ]),
      10,
    );
    expect(s).toEqual({
      cells: [
        [false, false],
        [false, false],
      ],
      totals: [false, false],
    });
  });

  it('withholds a small count and, by hand, the cells that would give it back', () => {
    // Area 0: 3 and 40 (total 43 published): 3 alone would be 43 − 40, so 40 goes too (the row holds 43 ≥ 10).
    // Category 0 across the areas: 3 withheld alone would be the parent's 23 − 20, so 20 goes too; area 1 then
    // holds 20 withheld against its published total 45, which is ≥ 10: done.
    const s = suppress(
      table([
        [3, 40],
        [20, 25],
      ]),
      10,
    );
    expect(s.cells).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(s.totals).toEqual([false, false]);
  });

  it('counts zeros as below k and protects them like any other small count', () => {
    // 0 alone would be 110 − 50 − 60, so 50 goes too. (An only child's categories are its parent's: the parent
    // publishes its own 50 or withholds its 0 by the same rules.)
    const s = suppress(table([[0, 50, 60]]), 5);
    expect(s.cells).toEqual([[true, true, false]]);
    expect(s.totals).toEqual([false]);
  });

  it('withholds a small total, another total to protect it, and a category of that area', () => {
    // Totals 7 and 30 under one parent: 7 is withheld, so is 30 (or 37 − 30 gives 7 back); area 1's categories
    // (12 and 18) are all published, so the smaller (12) is withheld lest 12 + 18 give its total back.
    const { cells, totals, problems } = guarantees(
      table([
        [3, 4],
        [12, 18],
      ]),
      10,
    );
    expect(totals).toEqual([true, true]);
    expect(cells[0]).toEqual([true, true]);
    expect(cells[1]?.[0]).toBe(true);
    expect(problems).toEqual([]);
  });

  it('keeps every guarantee on 300 seeded random tables of sibling areas by category', () => {
    const random = seededRandom('disclosure', 1);
    for (let n = 0; n < 300; n++) {
      const areas = 1 + Math.floor(random() * 8);
      const categories = 1 + Math.floor(random() * 6);
      const scale = [0.5, 3, 12, 40][n % 4] as number;
      const counts = Array.from({ length: areas }, () =>
        Array.from({ length: categories }, () => poisson(random, scale * random())),
      );
      const k = [3, 5, 10][n % 3] as number;
      expect(guarantees(table(counts), k).problems, JSON.stringify({ counts, k })).toEqual([]);
    }
  });

  it('refuses a k below 1 and ragged tables', () => {
    expect(() => suppress(table([[1]]), 0)).toThrow(RangeError);
    expect(() => suppress({ counts: [[1, 2], [3]], totals: [3, 3] }, 5)).toThrow(RangeError);
  });
});

describe('suppress with forced withholdings', () => {
  it('withholds a forced cell and protects it like one below k', () => {
    const t = table([
      [30, 40, 50],
      [60, 70, 80],
    ]);
    const plain = suppress(t, 10);
    expect(plain.cells.flat().some(Boolean)).toBe(false);
    const forced = suppress(t, 10, { cells: [[true, false, false]] });
    expect(forced.cells[0]?.[0]).toBe(true);
    // Alone in its row and its column it would come back by subtraction: a second cell goes in each line.
    expect(forced.cells[0]?.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(forced.cells.map((row) => row[0]).filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it('withholds a forced total and keeps one of its categories withheld', () => {
    const forced = suppress(
      table([
        [30, 40, 50],
        [60, 70, 80],
      ]),
      10,
      { totals: [true, false] },
    );
    expect(forced.totals[0]).toBe(true);
    expect(forced.cells[0]?.some(Boolean)).toBe(true);
  });
});
