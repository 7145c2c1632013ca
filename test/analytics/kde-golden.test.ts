import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kde, scottBandwidth, type KdeOptions } from '../../src/analytics/kde.js';

// Chicago's 2019 aggravated assaults in police districts 11 and 15, in metres (EPSG:26971), and spatstat's
// density.ppp of them on a 60 m grid (test/fixtures/golden/kde/README.md).
const folder = new URL('../fixtures/golden/kde/', import.meta.url);

function readCsv(name: string): { columns: string[]; rows: number[][] } {
  const [header, ...lines] = readFileSync(new URL(name, folder), 'utf8').trim().split('\n');
  return { columns: (header ?? '').split(','), rows: lines.map((line) => line.split(',').map(Number)) };
}

function column(table: { columns: string[]; rows: number[][] }, name: string): Float64Array {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new Error(`no column ${name}`);
  return Float64Array.from(table.rows, (row) => row[index] as number);
}

const points = readCsv('points.csv');
const x = column(points, 'x');
const y = column(points, 'y');
const w = column(points, 'w');
const gridCsv = readCsv('grid.csv');
const [xmin, ymin, cell, nx, ny] = ['xmin', 'ymin', 'cell', 'nx', 'ny'].map((name) => column(gridCsv, name)[0]) as [
  number,
  number,
  number,
  number,
  number,
];
const grid = { originXM: xmin, originYM: ymin, cellSizeM: cell, nx, ny };
const surfaces = readCsv('surfaces.csv');
const scott = readCsv('scott.csv');

// All with spatstat's sigma = 170 m, the kernel's standard deviation.
const cases: { column: string; options: Omit<KdeOptions, 'bandwidth' | 'grid'>; weighted?: boolean }[] = [
  { column: 'quartic', options: { kernel: 'quartic' } },
  { column: 'gaussian', options: { kernel: 'gaussian' } },
  { column: 'epanechnikov', options: { kernel: 'epanechnikov' } },
  { column: 'disc', options: { kernel: 'uniform' } },
  { column: 'quartic_w', options: { kernel: 'quartic' }, weighted: true },
  { column: 'quartic_edge', options: { kernel: 'quartic', edgeCorrection: 'uniform' } },
];

describe("kde against spatstat's density.ppp on Chicago's 2019 aggravated assaults", () => {
  it('reads the fixture whole: 2,249 points, a 128 × 74 grid of 60 m cells', () => {
    expect(x).toHaveLength(2249);
    expect([nx, ny, cell]).toEqual([128, 74, 60]);
    expect(surfaces.rows).toHaveLength(nx * ny);
    expect(surfaces.columns).toEqual(cases.map((c) => c.column));
  });

  for (const { column: name, options, weighted } of cases) {
    for (const method of ['fft', 'direct'] as const) {
      it(`agrees on every cell within 1 % of the peak: ${name}, ${method}`, () => {
        const reference = column(surfaces, name);
        const surface = kde(
          { x, y, weight: weighted ? w : undefined },
          { ...options, bandwidth: { sdM: 170 }, grid, method },
        );
        let peak = 0;
        let worst = 0;
        for (let k = 0; k < reference.length; k++) {
          const expected = reference[k] as number;
          peak = Math.max(peak, expected);
          // The fixture is per square kilometre, rounded to 1e-4.
          worst = Math.max(worst, Math.abs((surface.values[k] as number) * 1e6 - expected));
        }
        expect(peak).toBeGreaterThan(300);
        expect(worst / peak).toBeLessThan(0.01);
        // What the fixture really shows: the same numbers up to its rounding (5e-5 / peak ≈ 1.6e-7), except the
        // gaussian, which spatstat does not truncate and kde cuts at 5 sd (mass beyond: e^−12.5 ≈ 4e-6).
        expect(worst / peak).toBeLessThan(name === 'gaussian' ? 5e-6 : 2e-7);
      });
    }
  }

  it("gives bw.scott(X, isotropic = TRUE)'s bandwidth", () => {
    const expected = column(scott, 'bw_scott_iso')[0] as number;
    expect(scottBandwidth({ x, y })).toBeCloseTo(expected, 9);
    expect(Math.abs((scottBandwidth({ x, y }) as number) / expected - 1)).toBeLessThan(1e-12);
  });
});
