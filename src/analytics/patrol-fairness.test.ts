import { describe, expect, it } from 'vitest';
import { patrolFairness } from './patrol-fairness.js';

describe('patrolFairness', () => {
  it('computes hours per 100,000, the shares and their ratio as worked by hand', () => {
    const { districts, patrolHours, incidents } = patrolFairness([
      { districtId: 'A', population: 200_000, patrolHours: 30, incidents: 6 },
      { districtId: 'B', population: 50_000, patrolHours: 10, incidents: 2 },
      { districtId: 'C', population: null, patrolHours: 0, incidents: 0 },
    ]);
    expect(patrolHours).toBe(40);
    expect(incidents).toBe(8);
    const [a, b, c] = districts;
    // A: 30 / 200,000 × 100,000 = 15; crime 6/8 = 0.75, patrol 30/40 = 0.75, ratio 1.
    expect(a).toMatchObject({ hoursPer100k: 15, crimeShare: 0.75, patrolShare: 0.75, patrolToCrime: 1 });
    expect(b).toMatchObject({ hoursPer100k: 20, crimeShare: 0.25, patrolShare: 0.25, patrolToCrime: 1 });
    expect(c).toMatchObject({ hoursPer100k: null, crimeShare: 0, patrolShare: 0, patrolToCrime: null });
  });

  it('leaves shares empty when there is no patrol time or no crime at all', () => {
    const { districts } = patrolFairness([{ districtId: 'A', population: 1000, patrolHours: 0, incidents: 0 }]);
    expect(districts[0]).toMatchObject({ crimeShare: null, patrolShare: null, patrolToCrime: null, hoursPer100k: 0 });
  });
});
