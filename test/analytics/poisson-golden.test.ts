/** The exact Poisson test against R's `poisson.test` on the cases of test/fixtures/compstat/poisson-reference.json. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poissonRateTest } from '../../src/analytics/poisson-test.js';

interface ReferenceCase {
  current: number;
  previous: number;
  currentDays: number;
  previousDays: number;
  pValue: number;
}

/** R's poisson.test p-values, made by the command the file records (test/fixtures/compstat/poisson-reference.R). */
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/compstat/poisson-reference.json', import.meta.url), 'utf8'),
) as { command: string; cases: ReferenceCase[] };

describe('the exact Poisson test against R', () => {
  it.each(reference.cases)(
    'gives R’s p-value for $current in $currentDays days against $previous in $previousDays days',
    ({ current, previous, currentDays, previousDays, pValue }) => {
      const ours = poissonRateTest(current, previous, currentDays, previousDays).pValue;
      if (pValue < 1e-300) expect(ours).toBeLessThan(1e-300);
      else expect(Math.abs(ours - pValue) / pValue).toBeLessThan(1e-9);
    },
  );

  it('records the command that made the reference values', () => {
    expect(reference.command).toBe('Rscript test/fixtures/compstat/poisson-reference.R');
  });
});
