import { describe, expect, it } from 'vitest';
import {
  areaPath,
  briefPath,
  compstatPath,
  forecastPath,
  hotspotsPath,
  importsPath,
  parseRoute,
  reportPath,
} from './routes.js';

describe('parseRoute', () => {
  it('reads the import page, alone or opened on one job', () => {
    expect(parseRoute('/imports')).toEqual({ page: 'imports', id: null });
    expect(parseRoute('/imports/')).toEqual({ page: 'imports', id: null });
    expect(parseRoute('/imports/42')).toEqual({ page: 'imports', id: 42 });
  });

  it('leaves job numbers that are not positive whole numbers to the not-found page', () => {
    for (const path of ['/imports/0', '/imports/-1', '/imports/1.5', '/imports/abc', '/imports/1/2']) {
      expect(parseRoute(path).page, path).toBe('notFound');
    }
  });

  it('gives back the paths it reads', () => {
    expect(parseRoute(importsPath(7))).toEqual({ page: 'imports', id: 7 });
    expect(parseRoute(importsPath())).toEqual({ page: 'imports', id: null });
    expect(parseRoute(areaPath('07.351'))).toEqual({ page: 'area', code: '07.351' });
    expect(parseRoute(hotspotsPath('06.141.01.0'))).toEqual({ page: 'hotspots', code: '06.141.01.0' });
    expect(parseRoute(hotspotsPath())).toEqual({ page: 'hotspotsHome' });
  });

  it('reads the forecast page, for the default area or a named one, and keeps its settings as a query', () => {
    expect(parseRoute('/forecast')).toEqual({ page: 'forecastHome' });
    expect(parseRoute(forecastPath('06.141.01.0'))).toEqual({ page: 'forecast', code: '06.141.01.0' });
    expect(parseRoute('/forecast/06/1').page).toBe('notFound');
    expect(forecastPath('06', 'horizon=day')).toBe('/forecast/06?horizon=day');
    expect(forecastPath(null, '?model=kde')).toBe('/forecast?model=kde');
  });

  it('reads the black-spot page, for the default area or a named one, and keeps its settings as a query', () => {
    expect(parseRoute('/hotspots/')).toEqual({ page: 'hotspotsHome' });
    expect(parseRoute('/hotspots/06.141')).toEqual({ page: 'hotspots', code: '06.141' });
    expect(parseRoute('/hotspots/a%2Fb').page).toBe('notFound');
    expect(parseRoute('/hotspots/06/1').page).toBe('notFound');
    expect(hotspotsPath('06', 'from=2026-01-01')).toBe('/hotspots/06?from=2026-01-01');
    expect(hotspotsPath(null, '?layer=gistar')).toBe('/hotspots?layer=gistar');
  });

  it('reads the CompStat page, for the default area or a named one, and keeps its settings as a query', () => {
    expect(parseRoute('/compstat')).toEqual({ page: 'compstatHome' });
    expect(parseRoute('/compstat/')).toEqual({ page: 'compstatHome' });
    expect(parseRoute(compstatPath('06.141.01.0'))).toEqual({ page: 'compstat', code: '06.141.01.0' });
    expect(parseRoute('/compstat/06/1').page).toBe('notFound');
    expect(compstatPath('06', '?asOf=2026-11-19')).toBe('/compstat/06?asOf=2026-11-19');
    expect(compstatPath()).toBe('/compstat');
  });

  it('reads the meeting brief page, for the default area or a named one, and keeps its week and language', () => {
    expect(parseRoute('/brief')).toEqual({ page: 'briefHome' });
    expect(parseRoute(briefPath('06'))).toEqual({ page: 'brief', code: '06' });
    expect(parseRoute('/brief/06/W47').page).toBe('notFound');
    expect(briefPath('06', '?week=2026-W47&lang=fr')).toBe('/brief/06?week=2026-W47&lang=fr');
    expect(briefPath()).toBe('/brief');
  });
});

describe('citizen report routes', () => {
  it('reads the public form, a report followed by its code in capitals, and the triage queue', () => {
    expect(parseRoute(reportPath())).toEqual({ page: 'report' });
    expect(parseRoute(reportPath('Y9JT2XSA9N'))).toEqual({ page: 'reportStatus', code: 'Y9JT2XSA9N' });
    expect(parseRoute('/report/y9jt2xsa9n')).toEqual({ page: 'reportStatus', code: 'Y9JT2XSA9N' });
    expect(parseRoute('/triage')).toEqual({ page: 'triage' });
  });

  it('leaves codes that no report could have to the not-found page', () => {
    for (const path of ['/report/a%20b', '/report/ABC/1', '/report/<script>', `/report/${'A'.repeat(21)}`]) {
      expect(parseRoute(path).page, path).toBe('notFound');
    }
  });
});

describe('register route', () => {
  it('reads the register page, with or without a trailing slash, and nothing below it', () => {
    expect(parseRoute('/register')).toEqual({ page: 'register' });
    expect(parseRoute('/register/')).toEqual({ page: 'register' });
    expect(parseRoute('/register/12').page).toBe('notFound');
  });
});

describe('the accounts and audit routes', () => {
  it('reads the accounts page and the audit trail', () => {
    expect(parseRoute('/admin/users')).toEqual({ page: 'adminUsers' });
    expect(parseRoute('/audit/')).toEqual({ page: 'audit' });
    expect(parseRoute('/admin').page).toBe('notFound');
  });
});

describe('the partner route', () => {
  it('reads the partner page, with or without a trailing slash, and nothing below it', () => {
    expect(parseRoute('/partner')).toEqual({ page: 'partner' });
    expect(parseRoute('/partner/')).toEqual({ page: 'partner' });
    expect(parseRoute('/partner/06').page).toBe('notFound');
  });
});
