import { describe, expect, it } from 'vitest';
import { defaultPublicSettings, readPublicSettings, writePublicSettings } from './settings.js';

describe('the public page’s settings in its address', () => {
  it('reads what it wrote, and writes nothing for the defaults', () => {
    const settings = { level: 'district', region: '06', month: '2026-10', category: 'theft' } as const;
    expect(readPublicSettings(writePublicSettings(settings))).toEqual(settings);
    expect(writePublicSettings(defaultPublicSettings)).toBe('');
  });

  it('falls back to the defaults for anything unreadable', () => {
    expect(readPublicSettings('?level=street&month=2026-13&region=<b>&category=a%20b')).toEqual(defaultPublicSettings);
  });
});
