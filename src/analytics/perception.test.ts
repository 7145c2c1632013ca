import { describe, expect, it } from 'vitest';
import { perceptionSummary } from './perception.js';

describe('perceptionSummary', () => {
  it('gives the mean answer and the share answering 4 or 5', () => {
    expect(perceptionSummary([1, 1, 2, 4, 2], 10)).toEqual({
      n: 10,
      withheld: false,
      counts: [1, 1, 2, 4, 2],
      mean: (1 + 2 + 6 + 16 + 10) / 10,
      shareSafe: 0.6,
    });
  });

  it('withholds everything but n below the minimum', () => {
    expect(perceptionSummary([0, 0, 0, 9, 0], 10)).toEqual({
      n: 9,
      withheld: true,
      counts: null,
      mean: null,
      shareSafe: null,
    });
  });

  it('refuses counts that are not one per answer', () => {
    expect(() => perceptionSummary([1, 2, 3], 1)).toThrow(RangeError);
  });
});
