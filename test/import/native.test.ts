import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { importFile } from '../../src/ingest/import/run-import.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { countByArea, countByAreaFromIncidents } from '../../src/store/stats.js';
import { engines, freshDb, type TestDb } from '../db.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'native');
const broken = join(fixtures, 'broken.csv');
const brokenCalls = join(fixtures, 'broken-calls.csv');

describe.each(engines)('importing the native format on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
  });
  afterAll(() => t.drop());

  it('rejects exactly the broken rows of a file, with line, column and reason, and lands the rest', async () => {
    const summary = await importFile(t.db, broken, { preset: 'istibaq', strict: true, dryRun: true });
    expect(summary.rows).toBe(10);
    expect(summary.rejected).toBe(6);
    expect(summary.inserted).toBe(4);
    expect(summary.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 11]);
    const byLine = new Map(summary.errors.map((e) => [e.line, e]));
    expect(byLine.get(3)).toMatchObject({ column: 'occurred_at' });
    expect(byLine.get(3)?.reason).toMatch(/30th of February/);
    expect(byLine.get(4)).toMatchObject({ column: 'lat' });
    expect(byLine.get(5)?.reason).toMatch(/out of range/);
    expect(byLine.get(6)).toMatchObject({ column: 'occurred_at', reason: 'occurredAt: empty' });
    expect(byLine.get(7)).toMatchObject({ column: 'category' });
    expect(byLine.get(7)?.reason).toMatch(/arson/);
    expect(byLine.get(11)?.reason).toMatch(/no location and no area/);
  });

  it('rejects calls whose timeline runs backwards, with file, line and reason, and lands the rest', async () => {
    const summary = await importFile(t.db, brokenCalls, { preset: 'istibaq-calls', source: 'fixture-calls' });
    expect(summary).toMatchObject({ file: 'broken-calls.csv', kind: 'calls', rows: 8, inserted: 4, rejected: 4 });
    expect(summary.errors).toEqual([
      { line: 3, reason: 'onSceneAt before dispatchedAt' },
      { line: 4, reason: 'dispatchedAt before receivedAt' },
      { line: 5, reason: 'closedAt before receivedAt' },
      { line: 8, reason: 'onSceneAt without dispatchedAt' },
    ]);
    const rows = await t.db
      .selectFrom('callForService')
      .select(['externalId', 'receivedAt', 'dispatchedAt', 'onSceneAt', 'closedAt'])
      .where('source', '=', 'fixture-calls')
      .orderBy('externalId')
      .execute();
    // A call never dispatched, one never on scene nor closed, and one across midnight and the new year all land.
    expect(rows.map((r) => r.externalId)).toEqual(['C-1', 'C-5', 'C-6', 'C-8']);
    expect(rows[1]).toMatchObject({ dispatchedAt: null, onSceneAt: null });
    expect(rows[2]?.onSceneAt).toEqual(new Date('2026-12-31T23:14:00Z'));
    expect(rows[3]).toMatchObject({ onSceneAt: null, closedAt: null });
  });

  it('counts an unknown category as other and reports it when not strict', async () => {
    const summary = await importFile(t.db, broken, { preset: 'istibaq', dryRun: true });
    expect(summary.rejected).toBe(5);
    expect(summary.unmappedCategories).toEqual({ arson: 1 });
  });

  it('writes the good rows once: a second import finds them all as duplicates', async () => {
    const first = await importFile(t.db, broken, { preset: 'istibaq', source: 'fixture' });
    expect(first).toMatchObject({ rows: 10, inserted: 5, rejected: 5, duplicates: 0 });
    const second = await importFile(t.db, broken, { preset: 'istibaq', source: 'fixture' });
    expect(second).toMatchObject({ inserted: 0, duplicates: 5, rejected: 5 });
    const rows = await t.db
      .selectFrom('incident')
      .innerJoin('area', 'area.id', 'incident.areaId')
      .select(['incident.externalId', 'incident.category', 'incident.occurredPrecision', 'area.code'])
      .where('incident.source', '=', 'fixture')
      .orderBy('incident.externalId')
      .execute();
    expect(rows).toEqual([
      { externalId: 'N-1', category: 'theft', occurredPrecision: 'instant', code: '06.141.01.01' },
      { externalId: 'N-6', category: 'other', occurredPrecision: 'instant', code: '06.141.01.01' },
      { externalId: 'N-7', category: 'assault_minor', occurredPrecision: 'day', code: '06.141.01.03' },
      { externalId: 'N-8', category: 'theft', occurredPrecision: 'month', code: '07.351.01.0' },
      { externalId: 'N-9', category: 'drug_possession', occurredPrecision: 'instant', code: '07.351.01.07' },
    ]);
  });

  it('counts a month-only incident in the monthly roll-up and never on a day', async () => {
    const marrakech = await findAreaByCode(t.db, '07.351.01.0');
    const monthly = await t.db
      .selectFrom('rollupMonthly')
      .select(['month', 'category', 'incidents'])
      .where('areaId', '=', marrakech?.id ?? -1)
      .where('month', '=', '2026-11-01')
      .orderBy('category')
      .execute();
    expect(monthly).toEqual([
      { month: '2026-11-01', category: 'drug_possession', incidents: 1 },
      { month: '2026-11-01', category: 'theft', incidents: 1 },
    ]);
    const daily = await t.db
      .selectFrom('rollupDaily')
      .select((eb) => eb.fn.sum<number>('incidents').as('n'))
      .where('areaId', '=', marrakech?.id ?? -1)
      .where('category', '=', 'theft')
      .executeTakeFirst();
    expect(Number(daily?.n ?? 0)).toBe(0);
  });

  it('rewrites a changed row with --update, and the roll-up follows it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'istibaq-update-'));
    const file = join(dir, 'native.csv');
    copyFileSync(broken, file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('N-1,theft,', 'N-1,robbery,'));
    const plain = await importFile(t.db, file, { preset: 'istibaq', source: 'fixture' });
    expect(plain).toMatchObject({ inserted: 0, updated: 0, duplicates: 5 });
    const updated = await importFile(t.db, file, { preset: 'istibaq', source: 'fixture', update: true });
    expect(updated).toMatchObject({ inserted: 0, updated: 1, duplicates: 4 });
    const row = await t.db
      .selectFrom('incident')
      .select('category')
      .where('source', '=', 'fixture')
      .where('externalId', '=', 'N-1')
      .executeTakeFirstOrThrow();
    expect(row.category).toBe('robbery');
    const anfa = await findAreaByCode(t.db, '06.141.01.01');
    const window = { from: '2026-11-01', to: '2026-11-30' };
    const ids = [anfa?.id ?? -1];
    expect(await countByArea(t.db, ids, window, window)).toEqual(
      await countByAreaFromIncidents(t.db, ids, window, window),
    );
    const robberies = await sql<{ n: number }>`
      select coalesce(sum(incidents), 0) as n from rollup_daily
       where area_id = ${anfa?.id ?? -1} and category = 'robbery' and day = '2026-11-02'`.execute(t.db);
    expect(robberies.rows[0]?.n).toBe(1);
  });
});
