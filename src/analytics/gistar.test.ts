import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  erf,
  erfc,
  giBin,
  gistar,
  gistarNaive,
  normalCdf,
  twoSidedP,
  type GistarNeighbours,
  type GistarOptions,
} from './gistar.js';
import { poisson, seededRandom } from './random.js';

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('erfc, normalCdf, twoSidedP', () => {
  // erfc to 17 digits from mpmath 1.3.0 at 40 digits (mpmath.erfc).
  const erfcValues: [number, number][] = [
    [0.01, 0.98871658444415038],
    [0.5, 0.47950012218695346],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689273],
    [2, 0.0046777349810472658],
    [3, 2.2090496998585441e-5],
    [5, 1.5374597944280349e-12],
    [10, 2.0884875837625448e-45],
    [20, 5.3958656116079009e-176],
    [26, 5.6631924088561428e-296],
    [-1, 1.8427007929497149],
  ];

  it('matches erfc to a relative 1e-13, far into the tail', () => {
    for (const [x, expected] of erfcValues) expect(relativeError(erfc(x), expected)).toBeLessThan(1e-13);
  });

  it('gives erf its symmetry and its limits', () => {
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(relativeError(erf(0.5), 1 - 0.47950012218695346)).toBeLessThan(1e-14);
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });

  it("matches R's pnorm in both tails", () => {
    // R 4.2.2: sprintf("%.17g", pnorm(x)).
    const values: [number, number][] = [
      [-20, 2.7536241186062337e-89],
      [-10, 7.6198530241605269e-24],
      [-8.5, 9.4795348222033192e-18],
      [-5, 2.8665157187919391e-7],
      [-3, 0.0013498980316300946],
      [-1.959963984540054, 0.025000000000000012],
      [-1, 0.15865525393145705],
      [-0.1, 0.46017216272297101],
      [0, 0.5],
      [0.5, 0.69146246127401301],
      [1, 0.84134474606854293],
      [1.6448536269514722, 0.94999999999999996],
      [2.5758293035489004, 0.995],
      [3, 0.9986501019683699],
      [6, 0.9999999990134123],
    ];
    for (const [x, expected] of values) expect(relativeError(normalCdf(x), expected)).toBeLessThan(1e-13);
  });

  it("matches R's two-sided p-values, 2 * pnorm(-abs(z))", () => {
    const values: [number, number][] = [
      [0, 1],
      [0.3, 0.76417715562209465],
      [-1, 0.31731050786291409],
      [1.959963984540054, 0.050000000000000024],
      [2.5, 0.01241933065155227],
      [-4, 6.3342483666239849e-5],
      [7.5, 6.3817833458217927e-14],
      [12, 3.5529642241553581e-33],
      [30, 9.8134278542963744e-198],
    ];
    for (const [z, expected] of values) expect(relativeError(twoSidedP(z), expected)).toBeLessThan(1e-13);
  });
});

describe('adjustPValues', () => {
  const p = [0.01, 0.04, 0.03, NaN, 0.04, 0.2, 0.001, 0.9, 0.5, 0.03];

  it("matches R's p.adjust(p, 'holm'), NA left out of the count", () => {
    // R 4.2.2, with NA for NaN; by hand: sorted 0.001, 0.01, 0.03, 0.03, 0.04, 0.04, 0.2, 0.5, 0.9 (m = 9) times
    // 9, 8, 7, … gives 0.009, 0.08, 0.21, 0.18, 0.2, 0.16, 0.6, 1, 0.9, then running maxima capped at 1.
    const expected = [0.08, 0.21, 0.21, NaN, 0.21, 0.6, 0.009, 1, 1, 0.21];
    const actual = adjustPValues(p, 'holm');
    expected.forEach((value, i) => {
      if (Number.isNaN(value)) expect(actual[i]).toBeNaN();
      else expect(actual[i]).toBeCloseTo(value, 15);
    });
  });

  it("matches R's p.adjust(p, 'BH')", () => {
    // By hand: m/k · p_(k) = 0.009, 0.045, 0.09, 0.0675, 0.072, 0.06, 0.257…, 0.5625, 0.9, then running minima
    // from the largest.
    const expected = [0.045, 0.06, 0.06, NaN, 0.06, 0.25714285714285717, 0.009, 0.9, 0.5625, 0.06];
    const actual = adjustPValues(p, 'bh');
    expected.forEach((value, i) => {
      if (Number.isNaN(value)) expect(actual[i]).toBeNaN();
      else expect(actual[i]).toBeCloseTo(value, 15);
    });
  });

  it('leaves p alone with none, and copies it', () => {
    const input = new Float64Array([0.2, 0.01]);
    const out = adjustPValues(input, 'none');
    expect([...out]).toEqual([0.2, 0.01]);
    expect(out).not.toBe(input);
  });

  it('gives a single p-value back unchanged, and an empty list empty', () => {
    expect([...adjustPValues([0.03], 'holm')]).toEqual([0.03]);
    expect([...adjustPValues([0.03], 'bh')]).toEqual([0.03]);
    expect(adjustPValues([], 'bh')).toHaveLength(0);
  });

  it('rejects an unknown method', () => {
    expect(() => adjustPValues([0.1], 'bonferroni' as 'holm')).toThrow(RangeError);
  });
});

describe('giBin', () => {
  it("follows ArcGIS's Gi_Bin levels", () => {
    expect(giBin(3, 0.005)).toBe(3);
    expect(giBin(2.2, 0.03)).toBe(2);
    expect(giBin(1.7, 0.09)).toBe(1);
    expect(giBin(1.5, 0.1)).toBe(0);
    expect(giBin(-3, 0.005)).toBe(-3);
    expect(giBin(-2.2, 0.049)).toBe(-2);
    expect(giBin(-1.7, 0.0999)).toBe(-1);
    expect(giBin(NaN, NaN)).toBe(0);
  });
});

/** Gi* from its definition, with neighbours found by distances between cell centres: a third implementation. */
function bruteForce(values: readonly number[], nx: number, mask: readonly boolean[] | null, within: number): number[] {
  const cells = values.map((value, i) => ({ value, row: Math.floor(i / nx), col: i % nx, on: mask?.[i] ?? true }));
  const on = cells.filter((c) => c.on);
  const n = on.length;
  const mean = on.reduce((s, c) => s + c.value, 0) / n;
  const s = Math.sqrt(on.reduce((t, c) => t + c.value * c.value, 0) / n - mean * mean);
  return cells.map((cell) => {
    if (!cell.on) return NaN;
    const near = on.filter((o) => (o.row - cell.row) ** 2 + (o.col - cell.col) ** 2 <= within);
    const w = near.length;
    const sum = near.reduce((t, o) => t + o.value, 0);
    return (sum - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
  });
}

function randomGrid(nx: number, ny: number, seed: number, withMask: boolean) {
  const random = seededRandom(seed, 'gistar-test');
  const values = Array.from({ length: nx * ny }, () => poisson(random, 0.5 + 4 * random()));
  const mask = withMask ? Array.from({ length: nx * ny }, () => random() > 0.2) : null;
  return { values, mask };
}

describe('gistar', () => {
  it('matches a hand-computed 3 × 3 example', () => {
    // One 9 among zeros: n = 9, X̄ = 1, S² = 81/9 − 1 = 8. A corner has 4 neighbours (itself included):
    // (9 − 4) / (√8 · √((36 − 16)/8)) = 5 / √20 = √5/2; an edge cell 6: (9 − 6) / (√8 · √((54 − 36)/8)) = 1/√2.
    // The centre's neighbourhood is the whole grid (w = n), where Gi* is undefined.
    const values = [0, 0, 0, 0, 9, 0, 0, 0, 0];
    const { z, n, mean, sd } = gistar(values, { nx: 3, ny: 3 });
    expect(n).toBe(9);
    expect(mean).toBe(1);
    expect(sd).toBeCloseTo(Math.sqrt(8), 14);
    expect(z[0]).toBeCloseTo(Math.sqrt(5) / 2, 14);
    expect(z[1]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(z[8]).toBeCloseTo(Math.sqrt(5) / 2, 14);
    expect(z[4]).toBeNaN();
  });

  it('leaves masked cells out of n, the mean, S and every neighbourhood', () => {
    // The bottom-right cell does not exist: n = 8, X̄ = 9/8, S² = 81/8 − (9/8)² = 567/64.
    // Corner (0, 0): w = 4, (9 − 4.5) / (S · √(16/7)) = 1 exactly. Cell (1, 2): w = 5 (not 6),
    // (9 − 45/8) / (S · √(15/7)) = √15 / 5.
    const values = [0, 0, 0, 0, 9, 0, 0, 0, 1000];
    const mask = [1, 1, 1, 1, 1, 1, 1, 1, 0];
    const { z, n, mean } = gistar(values, { nx: 3, ny: 3, mask });
    expect(n).toBe(8);
    expect(mean).toBe(9 / 8);
    expect(z[0]).toBeCloseTo(1, 14);
    expect(z[5]).toBeCloseTo(Math.sqrt(15) / 5, 14);
    expect(z[8]).toBeNaN();
  });

  it('gives standardised values when the band holds only the cell itself', () => {
    const { values } = randomGrid(7, 5, 3, false);
    const { z, mean, sd } = gistar(values, {
      nx: 7,
      ny: 5,
      neighbours: { kind: 'band', distanceM: 499, cellSizeM: 500 },
    });
    values.forEach((value, i) => expect(z[i]).toBeCloseTo((value - mean) / sd, 12));
  });

  it('agrees with a brute-force computation from cell centres, queen and bands, with and without a mask', () => {
    const cases: { neighbours: GistarNeighbours; within: number }[] = [
      { neighbours: { kind: 'queen' }, within: 2 },
      { neighbours: { kind: 'band', distanceM: 100, cellSizeM: 100 }, within: 1 },
      { neighbours: { kind: 'band', distanceM: 2, cellSizeM: 1 }, within: 4 }, // (2, 0) sits on the boundary: in
      { neighbours: { kind: 'band', distanceM: 1200, cellSizeM: 500 }, within: 5.76 },
      { neighbours: { kind: 'band', distanceM: 2600, cellSizeM: 500 }, within: 27.04 },
    ];
    for (const withMask of [false, true]) {
      const { values, mask } = randomGrid(13, 9, withMask ? 11 : 12, withMask);
      for (const { neighbours, within } of cases) {
        const expected = bruteForce(values, 13, mask, within);
        const { z } = gistar(values, { nx: 13, ny: 9, mask, neighbours });
        expected.forEach((value, i) => {
          if (Number.isNaN(value)) expect(z[i]).toBeNaN();
          else expect(z[i]).toBeCloseTo(value, 10);
        });
      }
    }
  });

  it('gives exactly what the explicit-neighbour version gives, on grids of many shapes', () => {
    const shapes: [number, number][] = [
      [1, 1],
      [1, 9],
      [9, 1],
      [2, 2],
      [40, 31],
    ];
    const neighbourhoods: GistarNeighbours[] = [
      { kind: 'queen' },
      { kind: 'band', distanceM: 1200, cellSizeM: 500 },
      { kind: 'band', distanceM: 5000, cellSizeM: 500 },
    ];
    let seed = 20;
    for (const [nx, ny] of shapes) {
      for (const withMask of [false, true]) {
        const { values, mask } = randomGrid(nx, ny, seed++, withMask);
        for (const neighbours of neighbourhoods) {
          const options: GistarOptions = { nx, ny, mask, neighbours, pAdjust: 'bh' };
          const fast = gistar(values, options);
          const naive = gistarNaive(values, options);
          // Integer counts: every sum is exact, so the two agree to the last bit.
          expect([...fast.z]).toEqual([...naive.z]);
          expect([...fast.pAdjusted]).toEqual([...naive.pAdjusted]);
          expect([...fast.bin]).toEqual([...naive.bin]);
        }
      }
    }
  });

  it('agrees with the explicit-neighbour version on non-integer values', () => {
    const random = seededRandom(5, 'gistar-real');
    const values = Array.from({ length: 60 * 45 }, () => 1000 * random() ** 3);
    for (const neighbours of [{ kind: 'queen' }, { kind: 'band', distanceM: 3.5, cellSizeM: 1 }] as const) {
      const fast = gistar(values, { nx: 60, ny: 45, neighbours });
      const naive = gistarNaive(values, { nx: 60, ny: 45, neighbours });
      fast.z.forEach((value, i) => expect(value).toBeCloseTo(naive.z[i] as number, 11));
    }
  });

  it('gives p-values, their adjustment and Gi_Bin classes per cell', () => {
    const { values } = randomGrid(30, 30, 7, false);
    values[15 * 30 + 15] = 60;
    values[15 * 30 + 16] = 55;
    values[16 * 30 + 15] = 50;
    const plain = gistar(values, { nx: 30, ny: 30 });
    const holm = gistar(values, { nx: 30, ny: 30, pAdjust: 'holm' });
    plain.z.forEach((z, i) => {
      expect(plain.p[i]).toBe(twoSidedP(z));
      expect(plain.bin[i]).toBe(giBin(z, plain.p[i] as number));
      expect(holm.pAdjusted[i]).toBeGreaterThanOrEqual(plain.p[i] as number);
    });
    expect(plain.bin[15 * 30 + 15]).toBe(3);
    expect(holm.bin[15 * 30 + 15]).toBe(3);
    expect(plain.bin.filter((b) => b !== 0).length).toBeGreaterThan(holm.bin.filter((b) => b !== 0).length);
  });

  it('gives NaN everywhere when every value is the same', () => {
    const { z, p, bin } = gistar(new Float64Array(16).fill(2), { nx: 4, ny: 4 });
    expect([...z].every(Number.isNaN)).toBe(true);
    expect([...p].every(Number.isNaN)).toBe(true);
    expect([...bin].every((b) => b === 0)).toBe(true);
  });

  it('rejects inconsistent input', () => {
    expect(() => gistar([1, 2, 3], { nx: 2, ny: 2 })).toThrow(RangeError);
    expect(() => gistar([1, 2, 3, 4], { nx: 2, ny: 2, mask: [1, 1] })).toThrow(RangeError);
    expect(() => gistar([1, 2, 3, NaN], { nx: 2, ny: 2 })).toThrow(RangeError);
    expect(() => gistar([1, 2, 3, 4], { nx: 0, ny: 4 })).toThrow(RangeError);
    const band = { kind: 'band', distanceM: -1, cellSizeM: 1 } as const;
    expect(() => gistar([1, 2, 3, 4], { nx: 2, ny: 2, neighbours: band })).toThrow(RangeError);
  });

  it('ignores values outside the mask, even non-finite ones', () => {
    const { z } = gistar([1, 5, 2, NaN], { nx: 2, ny: 2, mask: [true, true, true, false] });
    expect(z[3]).toBeNaN();
  });
});
