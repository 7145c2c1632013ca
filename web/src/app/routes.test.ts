import { describe, expect, it } from 'vitest';
import { areaPath, importsPath, parseRoute } from './routes.js';

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
  });
});
