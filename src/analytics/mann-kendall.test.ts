import { describe, expect, it } from 'vitest';
import { mannKendall } from './mann-kendall.js';

// The same series as test/fixtures/golden/mann-kendall/make.R; `referenceText` is its output (R 4.2.2),
// reference.txt there, copied verbatim (analytics/ reads no files).
const series: Record<string, number[]> = {
  pi_digits: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4],
  rising: [1.2, 0.8, 2.5, 3.1, 2.9, 4.4, 5.0, 4.7, 6.3, 7.1],
  falling: [2.8, 3.1, 2.5, 2.2, 2.4, 1.9, 1.5, 1.7, 1.1, 0.6, 0.9, 0.2],
  ties: [0, 0, 0, 1, 1, 2, 0, 2, 2, 2],
  three: [1, 2, 3],
};

const referenceText = `
pi_digits: S=40 varS=930 z=1.2788603797787081 p=0.20094622686430724 tau=0.2199928503485436 sen=0.16666666666666666
rising: S=39 varS=125 z=3.3988233257996803 p=0.0006767641801210465 tau=0.8666666666666667 sen=0.64999999999999991
falling: S=-58 varS=212.66666666666666 z=-3.9086352435453273 p=9.2818981336846167e-05 tau=-0.87878787878787878 sen=-0.24444444444444444
ties: S=26 varS=106.66666666666667 z=2.4206145913796355 p=0.015494294961568079 tau=0.68516015970314881 sen=0.25
three: S=3 varS=3.6666666666666665 z=1.044465935734187 p=0.29626987148428635 tau=1 sen=1
`;

const reference = referenceText
  .trim()
  .split('\n')
  .map((line) => {
    const [name, rest] = line.split(': ');
    const fields: Record<string, string> = {};
    for (const pair of (rest ?? '').split(' ')) {
      const [key, value] = pair.split('=');
      fields[key ?? ''] = value ?? '';
    }
    return { name: name ?? '', values: fields };
  });

describe('mannKendall', () => {
  it('covers every series of the R reference', () => {
    expect(reference.map((r) => r.name).sort()).toEqual(Object.keys(series).sort());
  });

  for (const { name, values } of reference) {
    it(`matches R's cor.test (Kendall, continuity-corrected) and Sen's slope: ${name}`, () => {
      const result = mannKendall(series[name] ?? [], { senSlope: true });
      expect(result).not.toBeNull();
      if (!result) return;
      expect(result.s).toBe(Number(values.S));
      expect(result.varS).toBeCloseTo(Number(values.varS), 10);
      expect(result.z).toBeCloseTo(Number(values.z), 12);
      expect(Math.abs(result.p - Number(values.p)) / Number(values.p)).toBeLessThan(1e-12);
      expect(result.tau).toBeCloseTo(Number(values.tau), 12);
      expect(result.senSlope).toBeCloseTo(Number(values.sen), 12);
    });
  }

  it('matches a hand-computed series', () => {
    // 1, 3, 2: pairs (1,3) +, (1,2) +, (3,2) − give S = 1; Var(S) = 3·2·11/18 = 11/3; the continuity correction
    // brings z to 0 and p to 1. Slopes 2, 1/2, −1: Sen's slope 1/2. τ = 1/3.
    const result = mannKendall([1, 3, 2], { senSlope: true });
    expect(result).toEqual({ n: 3, s: 1, varS: 11 / 3, z: 0, p: 1, tau: 1 / 3, senSlope: 0.5 });
  });

  it("takes Sen's slope per unit of the given times", () => {
    // Values rising 2 per period over periods 7 days apart: 2/7 a day.
    const result = mannKendall([1, 3, 5, 7], { senSlope: true, times: [0, 7, 14, 21] });
    expect(result?.senSlope).toBeCloseTo(2 / 7, 15);
    expect(result?.s).toBe(6);
  });

  it("leaves Sen's slope out unless asked", () => {
    expect(mannKendall([1, 2, 3])?.senSlope).toBeNull();
  });

  it('finds no trend in a constant series', () => {
    const result = mannKendall([4, 4, 4, 4]);
    expect(result?.s).toBe(0);
    expect(result?.varS).toBe(0);
    expect(result?.z).toBe(0);
    expect(result?.p).toBe(1);
    expect(result?.tau).toBeNaN();
  });

  it('returns null for fewer than two values', () => {
    expect(mannKendall([])).toBeNull();
    expect(mannKendall([3])).toBeNull();
  });

  it('rejects non-finite values and times that do not increase', () => {
    expect(() => mannKendall([1, NaN, 3])).toThrow(RangeError);
    expect(() => mannKendall([1, 2, 3], { times: [0, 2, 2] })).toThrow(RangeError);
    expect(() => mannKendall([1, 2, 3], { times: [0, 2] })).toThrow(RangeError);
  });
});
