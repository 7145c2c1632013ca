import { describe, expect, it } from 'vitest';
import {
  blackSpotQuery,
  defaultSettings,
  defaultWindow,
  kdeQuery,
  readSettings,
  windowProblem,
  writeSettings,
} from './settings.js';

describe('readSettings and writeSettings', () => {
  it('read back what they write, leaving defaults out of the address', () => {
    const settings = {
      ...defaultSettings,
      from: '2023-11-21',
      to: '2026-11-19',
      categories: ['robbery' as const, 'burglary' as const],
      cellSize: 500,
      bandwidth: 800,
      kernel: 'gaussian' as const,
      confidence: 99 as const,
      period: 'week' as const,
      layer: 'gistar' as const,
      spot: 2,
    };
    expect(readSettings(writeSettings(settings))).toEqual(settings);
    expect(writeSettings(defaultSettings)).toBe('');
    expect(readSettings('')).toEqual(defaultSettings);
  });

  it('keeps categories in the vocabulary’s order and drops unknown ones', () => {
    expect(readSettings('category=theft&category=nonsense&category=homicide').categories).toEqual([
      'homicide',
      'theft',
    ]);
  });

  it('falls back to the default for anything it cannot read', () => {
    const read = readSettings(
      'from=2026-02-30&to=yesterday&cellSize=10&bandwidth=abc&kernel=box&confidence=80&period=day&layer=x&spot=0',
    );
    expect(read).toEqual(defaultSettings);
    expect(readSettings('cellSize=5001').cellSize).toBeNull();
    expect(readSettings('spot=1.5').spot).toBeNull();
  });
});

describe('windows', () => {
  it('defaults to the twelve months up to the last day with data', () => {
    expect(defaultWindow('2026-11-20')).toEqual({ from: '2025-11-21', to: '2026-11-20' });
    expect(defaultWindow('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });

  it('names the field at fault in a window that cannot be sent', () => {
    expect(windowProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(windowProblem('2026-01-32', '2026-02-01')).toBe('from');
    expect(windowProblem('2026-02-01', '2026-01-01')).toBe('to');
    expect(windowProblem('2016-01-01', '2026-01-10')).toBe('to');
  });
});

describe('queries', () => {
  const settings = { ...defaultSettings, from: '2026-01-01', to: '2026-06-30' };

  it('send only what was chosen, so the server applies its own defaults', () => {
    expect(kdeQuery('06', settings)).toEqual({ area: '06', from: '2026-01-01', to: '2026-06-30', kernel: 'quartic' });
    expect(blackSpotQuery('06', { ...settings, categories: ['theft'], cellSize: 250 })).toEqual({
      area: '06',
      from: '2026-01-01',
      to: '2026-06-30',
      category: ['theft'],
      cellSize: 250,
      confidence: 95,
      period: 'month',
    });
  });
});
