import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByArea, countByAreaFromIncidents } from '../src/store/stats.js';
import { findAreaByCode, listAreas } from '../src/store/areas.js';
import { engines, seededDb, type TestDb } from './db.js';

describe.each(engines)('demo seeding on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb(engine);
  });
  afterAll(() => t.drop());

  it('keeps the daily roll-up equal to counts computed from raw incidents', async () => {
    const regions = await listAreas(t.db, { level: 'region' });
    const country = await findAreaByCode(t.db, 'MA');
    const ids = [...regions.map((r) => r.id), country?.id ?? -1];
    const current = { from: '2026-01-01', to: '2026-11-20' };
    const previous = { from: '2025-01-01', to: '2025-11-20' };
    const byRollup = await countByArea(t.db, ids, current, previous);
    const byRaw = await countByAreaFromIncidents(t.db, ids, current, previous);
    const sort = (rows: typeof byRollup) => [...rows].sort((a, b) => a.areaId - b.areaId);
    expect(sort(byRollup)).toEqual(sort(byRaw));
    expect(byRollup.reduce((s, r) => s + r.current, 0)).toBeGreaterThan(0);
  });
});
