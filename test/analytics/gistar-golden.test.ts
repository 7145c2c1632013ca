import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gistar, type GistarOptions } from '../../src/analytics/gistar.js';

// Chicago's 2019 aggravated assaults in 500 m cells, and spdep's Gi* for them (test/fixtures/golden/gistar/README.md).
const folder = new URL('../fixtures/golden/gistar/', import.meta.url);

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(name, folder), 'utf8').trim().split('\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? '']));
  });
}

const cells = readCsv('cells.csv');
const reference = readCsv('gistar-z.csv');
const nx = Math.max(...cells.map((c) => Number(c.col))) + 1;
const ny = Math.max(...cells.map((c) => Number(c.row))) + 1;
const counts = cells.map((c) => Number(c.count));
const inside = cells.map((c) => c.inside === '1');

const cases: { column: string; options: GistarOptions }[] = [
  { column: 'queen_full', options: { nx, ny } },
  { column: 'queen_mask', options: { nx, ny, mask: inside } },
  {
    column: 'band1200_mask',
    options: { nx, ny, mask: inside, neighbours: { kind: 'band', distanceM: 1200, cellSizeM: 500 } },
  },
  {
    column: 'band2600_mask',
    options: { nx, ny, mask: inside, neighbours: { kind: 'band', distanceM: 2600, cellSizeM: 500 } },
  },
];

describe("Gi* against spdep's localG on Chicago's 2019 aggravated assaults", () => {
  it('reads the fixture whole: a 69 × 86 grid, 2,442 cells inside the districts', () => {
    expect(cells).toHaveLength(nx * ny);
    expect(reference).toHaveLength(nx * ny);
    expect([nx, ny]).toEqual([69, 86]);
    expect(inside.filter(Boolean)).toHaveLength(2442);
    cells.forEach((cell, i) => {
      expect(Number(cell.index)).toBe(i);
      expect(Number(reference[i]?.index)).toBe(i);
    });
  });

  for (const { column, options } of cases) {
    it(`agrees on every cell to 1e-6: ${column}`, () => {
      const { z } = gistar(counts, options);
      let worst = 0;
      reference.forEach((row, i) => {
        const expected = row[column];
        if (expected === 'NA') {
          expect(z[i]).toBeNaN();
          return;
        }
        const delta = Math.abs((z[i] as number) - Number(expected));
        worst = Math.max(worst, delta);
      });
      expect(worst).toBeLessThan(1e-6);
      // What the fixture really shows: agreement to rounding.
      expect(worst).toBeLessThan(1e-12);
    });
  }
});
