import { describe, expect, it } from 'vitest';
import {
  defaultEquitySettings,
  periodDays,
  readEquitySettings,
  readPeriod,
  writeEquitySettings,
  writePeriod,
} from './settings.js';

describe('response and equity settings', () => {
  it('takes the 365 days up to the last day with data when the address names no period', () => {
    expect(periodDays(readPeriod(''), '2026-11-20')).toEqual({ from: '2025-11-21', to: '2026-11-20' });
    expect(periodDays(readPeriod('?to=2026-06-30'), '2026-11-20')).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(periodDays(readPeriod('?from=2026-01-01&to=2026-03-31'), '2026-11-20')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });

  it('reads back what it writes, and leaves defaults out of the address', () => {
    expect(writeEquitySettings(defaultEquitySettings)).toBe('');
    const settings = { level: 'city', measure: 'clearance', from: '2026-01-01', to: '2026-06-30', minN: 10 } as const;
    expect(readEquitySettings(writeEquitySettings(settings))).toEqual(settings);
    expect(readPeriod(writePeriod({ from: '2026-01-01', to: null }))).toEqual({ from: '2026-01-01', to: null });
  });

  it('falls back to the defaults for anything it cannot read', () => {
    expect(readEquitySettings('?level=district&measure=speed&minN=0&from=yesterday')).toEqual(defaultEquitySettings);
    expect(readEquitySettings('?minN=2.5').minN).toBeNull();
  });
});
