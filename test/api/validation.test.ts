import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { encodeCursor } from '../../src/server/params.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** [request, status, code, field]: bad input is refused with the field at fault named. */
const badRequests: [string, number, string, string | undefined][] = [
  ['/api/areas?level=foo', 400, 'VALIDATION_FAILED', 'level'],
  ['/api/areas?parent=not%20a%20code', 400, 'VALIDATION_FAILED', 'parent'],
  ['/api/areas?colour=red', 400, 'VALIDATION_FAILED', 'colour'],
  ['/api/boundaries?level=planet', 400, 'VALIDATION_FAILED', 'level'],
  ['/api/incidents?limit=0', 400, 'VALIDATION_FAILED', 'limit'],
  ['/api/incidents?limit=abc', 400, 'VALIDATION_FAILED', 'limit'],
  ['/api/incidents?limit=1001', 400, 'VALIDATION_FAILED', 'limit'],
  ['/api/incidents?limit=2.5', 400, 'VALIDATION_FAILED', 'limit'],
  ['/api/incidents?sort=asc', 400, 'VALIDATION_FAILED', 'sort'],
  ['/api/incidents?category=theft&category=arson', 400, 'VALIDATION_FAILED', 'category'],
  ['/api/incidents?format=csv', 400, 'VALIDATION_FAILED', 'format'],
  ['/api/incidents?bbox=1,2,3', 400, 'VALIDATION_FAILED', 'bbox'],
  ['/api/incidents?bbox=west,south,east,north', 400, 'VALIDATION_FAILED', 'bbox'],
  ['/api/incidents?bbox=-7,34,-8,33', 400, 'VALIDATION_FAILED', 'bbox'],
  ['/api/incidents?bbox=-200,30,-7,34', 400, 'VALIDATION_FAILED', 'bbox'],
  ['/api/incidents?from=2026-13-40', 400, 'VALIDATION_FAILED', 'from'],
  ['/api/incidents?from=2026-02-30T10:00Z', 400, 'VALIDATION_FAILED', 'from'],
  ['/api/incidents?from=yesterday', 400, 'VALIDATION_FAILED', 'from'],
  ['/api/incidents?to=2026-02-29', 400, 'VALIDATION_FAILED', 'to'],
  ['/api/incidents?from=2026-05-02&to=2026-05-01', 400, 'VALIDATION_FAILED', 'to'],
  ['/api/incidents?cursor=garbage', 400, 'INVALID_CURSOR', 'cursor'],
  [`/api/incidents?cursor=${forged(['2026-01-01T00:00:00Z', 1e20])}`, 400, 'INVALID_CURSOR', 'cursor'],
  [`/api/incidents?cursor=${forged(['-200000-01-01T00:00:00Z', 5])}`, 400, 'INVALID_CURSOR', 'cursor'],
  [`/api/incidents?cursor=${forged({ id: 5 })}`, 400, 'INVALID_CURSOR', 'cursor'],
  ['/api/incidents?area=ZZ.999', 404, 'AREA_NOT_FOUND', 'area'],
  ['/api/calls?priority=9', 400, 'VALIDATION_FAILED', 'priority'],
  ['/api/calls?priority=urgent', 400, 'VALIDATION_FAILED', 'priority'],
  ['/api/calls?limit=0', 400, 'VALIDATION_FAILED', 'limit'],
  ['/api/calls?cursor=garbage', 400, 'INVALID_CURSOR', 'cursor'],
  ['/api/calls?area=ZZ.999', 404, 'AREA_NOT_FOUND', 'area'],
  ['/api/stats/overview?asOf=2026-11-31', 400, 'VALIDATION_FAILED', 'asOf'],
  ['/api/stats/overview?asOf=20261120', 400, 'VALIDATION_FAILED', 'asOf'],
  ['/api/stats/areas?level=region&asOf=2026-02-30', 400, 'VALIDATION_FAILED', 'asOf'],
  ['/api/stats/cells?area=07.351&asOf=0000-01-01', 400, 'VALIDATION_FAILED', 'asOf'],
  ['/api/calls?from=0000-01-01', 400, 'VALIDATION_FAILED', 'from'],
  ['/api/stats/overview?area=ZZ.999', 404, 'AREA_NOT_FOUND', 'area'],
  ['/api/stats/overview?window=7', 400, 'VALIDATION_FAILED', 'window'],
  ['/api/stats/areas', 400, 'VALIDATION_FAILED', 'level'],
  ['/api/stats/areas?level=foo', 400, 'VALIDATION_FAILED', 'level'],
  ['/api/stats/cells', 400, 'VALIDATION_FAILED', 'area'],
  ['/api/stats/cells?area=07.351&resolution=10', 400, 'VALIDATION_FAILED', 'resolution'],
  ['/api/stats/cells?area=07', 400, 'AREA_TOO_LARGE', 'area'],
  ['/api/stats/cells?area=MA', 400, 'AREA_TOO_LARGE', 'area'],
];

describe.each(engines)('bad input on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let cookie: string;
  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    cookie = await signIn(app, 'dg');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it.each(badRequests)('answers %s with %i %s naming %s', async (url, status, code, field) => {
    const reply = await get<ErrorReply>(app, url, cookie);
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(code);
    expect(reply.body.field).toBe(field);
    expect(reply.body.message).not.toBe('');
  });

  it('accepts a cursor it gave out', async () => {
    const first = await get<{ items: { id: number; occurredAt: string }[]; nextCursor: string }>(
      app,
      '/api/incidents?limit=2',
      cookie,
    );
    const last = first.body.items[1];
    expect(first.body.nextCursor).toBe(encodeCursor(new Date(last?.occurredAt ?? ''), last?.id ?? 0));
    expect((await get(app, `/api/incidents?limit=2&cursor=${first.body.nextCursor}`, cookie)).status).toBe(200);
  });

  it('accepts the same filters in their valid forms', async () => {
    for (const url of [
      '/api/incidents?limit=1000&category=theft&category=robbery&from=2026-01-01&to=2026-02-01T00:00:00Z',
      '/api/incidents?bbox=-7.7,33.5,-7.5,33.65&format=geojson',
      '/api/calls?priority=1&priority=2&from=2026-03-01',
      '/api/stats/overview?asOf=2024-02-29',
      '/api/stats/cells?area=07.351&resolution=9',
    ]) {
      expect((await get(app, url, cookie)).status, url).toBe(200);
    }
  });

  it('never answers 500 to a hostile query string', async () => {
    for (const url of [
      `/api/incidents?area=${'x'.repeat(65)}`,
      '/api/incidents?area=06%27%3B%20drop%20table%20incident%3B--',
      `/api/incidents?cursor=${'A'.repeat(201)}`,
      `/api/incidents?cursor=${encodeURIComponent(forged(['2026-01-01T00:00:00Z', Number.MAX_SAFE_INTEGER]))}`,
      '/api/incidents?limit=1e3',
      '/api/incidents?bbox=1e400,0,0,0',
      '/api/calls?from=0001-01-01T00:00:00Z',
      '/api/stats/overview?asOf=0001-01-01',
    ]) {
      const { status } = await get(app, url, cookie);
      expect(status, url).toBeLessThan(500);
    }
  });
});
