import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../geo/area-directory.js';
import { dayIndexOf } from './demo-producer.js';
import { RollupAccumulator } from './rollup-accumulator.js';

const directory = new AreaDirectory([
  { id: 1, code: 'MA', level: 'country', parentId: null, population: null, geometry: null },
  { id: 2, code: 'R', level: 'region', parentId: 1, population: null, geometry: null },
  { id: 3, code: 'C', level: 'city', parentId: 2, population: null, geometry: null },
  { id: 4, code: 'D', level: 'district', parentId: 3, population: null, geometry: null },
]);
const days = ['2026-03-01', '2026-03-02'];
const categories = ['theft', 'robbery'];

describe('RollupAccumulator', () => {
  it('counts an incident in its area and every ancestor, with solved ones apart', () => {
    const rollup = new RollupAccumulator(directory, [1, 2, 3, 4], days, categories);
    rollup.add(4, 0, 0, true);
    rollup.add(4, 0, 0, false);
    rollup.add(3, 1, 1, false);
    const lines = [...rollup.copyChunks()].join('').trim().split('\n').sort();
    expect(lines).toEqual(
      [
        '1\t2026-03-01\ttheft\t2\t1',
        '1\t2026-03-02\trobbery\t1\t0',
        '2\t2026-03-01\ttheft\t2\t1',
        '2\t2026-03-02\trobbery\t1\t0',
        '3\t2026-03-01\ttheft\t2\t1',
        '3\t2026-03-02\trobbery\t1\t0',
        '4\t2026-03-01\ttheft\t2\t1',
      ].sort(),
    );
  });

  it('cuts its output into chunks of the requested number of lines', () => {
    const rollup = new RollupAccumulator(directory, [1, 2, 3, 4], days, categories);
    rollup.add(4, 1, 1, false);
    const chunks = [...rollup.copyChunks(3)];
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([3, 1]);
  });

  it('refuses an area outside the roll-up and a day outside the calendar', () => {
    const rollup = new RollupAccumulator(directory, [1, 2], days, categories);
    expect(() => rollup.add(4, 0, 0, false)).toThrow(RangeError);
    expect(() => new RollupAccumulator(directory, [1, 2, 3, 4], days, categories).add(4, 2, 0, false)).toThrow(
      RangeError,
    );
  });
});

describe('dayIndexOf', () => {
  const starts = [
    Date.parse('2026-02-28T23:00:00Z'),
    Date.parse('2026-03-02T00:00:00Z'),
    Date.parse('2026-03-03T00:00:00Z'),
  ];

  it('finds the local day an instant falls in, its midnight included', () => {
    expect(dayIndexOf(starts, starts[0] as number)).toBe(0);
    expect(dayIndexOf(starts, (starts[1] as number) - 1)).toBe(0);
    expect(dayIndexOf(starts, starts[1] as number)).toBe(1);
    expect(dayIndexOf(starts, (starts[2] as number) + 3_600_000)).toBe(2);
  });
});
