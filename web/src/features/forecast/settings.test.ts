import { describe, expect, it } from 'vitest';
import { defaultSettings, delayParts, readSettings, writeSettings } from './settings.js';

describe('forecast page settings', () => {
  it('reads back what it writes, leaving defaults out of the address', () => {
    const settings = { horizon: 'day', model: 'kde', share: 0.05, asOf: '2026-09-30' } as const;
    expect(writeSettings(settings)).toBe('horizon=day&model=kde&share=0.05&asOf=2026-09-30');
    expect(readSettings(writeSettings(settings))).toEqual(settings);
    expect(writeSettings(defaultSettings)).toBe('');
  });

  it('falls back to the defaults for values it cannot read', () => {
    expect(readSettings('?horizon=year&model=arima&share=0.5&asOf=2026-02-30')).toEqual(defaultSettings);
  });

  it('gives delays under a day in hours', () => {
    expect(delayParts(0.25)).toEqual({ value: 6, unit: 'hours' });
    expect(delayParts(2.5)).toEqual({ value: 2.5, unit: 'days' });
  });
});
