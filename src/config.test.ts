import { describe, expect, it } from 'vitest';
import { ConfigError, databaseUrl, readConfig } from './config.js';

describe('readConfig', () => {
  it('fills every setting with its default', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ PORT: 8080, ISTIBAQ_DEMO: true, ISTIBAQ_DEMO_SCALE: 1, LOG_LEVEL: 'warn' });
  });

  it('converts strings from the environment to numbers and booleans', () => {
    const config = readConfig({ PORT: '3000', ISTIBAQ_DEMO: 'false', ISTIBAQ_DEMO_SCALE: '0.01' });
    expect(config).toMatchObject({ PORT: 3000, ISTIBAQ_DEMO: false, ISTIBAQ_DEMO_SCALE: 0.01 });
  });

  it('lists every bad variable, not just the first', () => {
    try {
      readConfig({ PORT: 'eighty', ISTIBAQ_DEMO_SCALE: '0', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const keys = (error as ConfigError).problems.map((p) => p.split('=')[0]);
      expect(keys).toEqual(expect.arrayContaining(['PORT', 'ISTIBAQ_DEMO_SCALE', 'LOG_LEVEL']));
    }
  });

  it('opens DATABASE_URL when set and the ISTIBAQ_DATA folder otherwise', () => {
    expect(databaseUrl(readConfig({ DATABASE_URL: 'postgres://db/istibaq' }))).toBe('postgres://db/istibaq');
    expect(databaseUrl(readConfig({ ISTIBAQ_DATA: '/var/lib/istibaq' }))).toBe('/var/lib/istibaq');
  });
});
