import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoNotAllowedError, seedDemo } from '../../src/ingest/demo.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { locate } from '../../src/ingest/locate.js';
import type { AreaDirectory } from '../../src/geo/area-directory.js';
import { findAreaByCode, listAreas, loadAreaDirectory } from '../../src/store/areas.js';
import { replaceAllRecords } from '../../src/store/bulk-load.js';
import { listCalls } from '../../src/store/calls.js';
import { withRawSession } from '../../src/store/db.js';
import { listIncidents } from '../../src/store/incidents.js';
import { incidentLine, writeBatch, type Place } from '../../src/store/records.js';
import { unrestricted } from '../../src/store/scope.js';
import { countByArea, countByAreaFromIncidents, type WindowCounts } from '../../src/store/stats.js';
import type { NewIncident } from '../../src/domain/incident.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeCall, makeIncident } from '../factories.js';
import { testUntil } from '../fixtures.js';

const current = { from: '2026-10-24', to: '2026-11-20' };
const previous = { from: '2025-10-24', to: '2025-11-20' };
const anfa: [lon: number, lat: number] = [-7.6836, 33.5823];
const marrakechMedina: [lon: number, lat: number] = [-7.9876, 31.6292];

describe.each(engines)('writing records on %s', (engine) => {
  let t: TestDb;
  let directory: AreaDirectory;
  let areaIds: number[];
  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
    directory = await loadAreaDirectory(t.db);
    areaIds = (await listAreas(t.db)).map((a) => a.id);
  });
  afterAll(() => t.drop());

  const place = (record: { lat: number | null; lon: number | null }, areaCode?: string): Place => {
    const areaId = areaCode === undefined ? undefined : directory.byCode(areaCode)?.id;
    const found = locate(directory, record, areaId);
    if (!found) throw new Error(`cannot place ${JSON.stringify(record)}`);
    return found;
  };
  const sorted = (rows: WindowCounts[]) => [...rows].sort((a, b) => a.areaId - b.areaId);
  const byRollup = async () => sorted(await countByArea(t.db, areaIds, current, previous));
  const byRaw = async () => sorted(await countByAreaFromIncidents(t.db, areaIds, current, previous));
  const countsOf = async (code: string) => {
    const id = (await findAreaByCode(t.db, code))?.id;
    return (await byRaw()).find((r) => r.areaId === id) ?? { areaId: id, current: 0, previous: 0, solved: 0 };
  };
  const incidentCount = async () => (await listIncidents(t.db, unrestricted, { limit: 1_000_000 })).length;

  it('writes a batch of incidents and calls, linking each call to its incident', async () => {
    const at = (iso: string) => new Date(iso);
    const records: NewIncident[] = [
      makeIncident({ occurredAt: at('2026-11-10T20:15:00Z'), lon: anfa[0], lat: anfa[1] }),
      makeIncident({
        occurredAt: at('2026-11-11T01:00:00Z'),
        status: 'solved',
        solvedAt: at('2026-11-12T09:00:00Z'),
        lon: anfa[0],
        lat: anfa[1],
      }),
      makeIncident({ occurredAt: at('2025-11-01T12:00:00Z'), lon: marrakechMedina[0], lat: marrakechMedina[1] }),
      makeIncident({ occurredAt: at('2026-11-19T23:30:00Z'), lat: null, lon: null, category: 'fraud' }),
    ];
    const places = [
      place(records[0] as NewIncident),
      place(records[1] as NewIncident),
      place(records[2] as NewIncident),
      place(records[3] as NewIncident, '06.141.01.01'),
    ];
    const ids = await writeBatch(t.db, {
      incidents: records.map((record, i) => ({ record, place: places[i] as Place })),
      calls: [
        { record: makeCall(), place: places[0] as Place, incidentIndex: 0 },
        { record: makeCall({ callType: 'assistance', outcome: 'assistance_given' }), place: places[0] as Place },
      ],
    });
    expect(ids).toHaveLength(4);
    const calls = await listCalls(t.db, unrestricted, { limit: 10 });
    expect(calls.map((c) => c.incidentId).sort()).toEqual([ids[0], null].sort());
    const incidents = await listIncidents(t.db, unrestricted, { limit: 10 });
    expect(incidents.find((i) => i.id === ids[3])).toMatchObject({ areaCode: '06.141.01.01', lat: null, h3R9: null });
    expect(incidents.find((i) => i.id === ids[0])?.areaCode).toBe('06.141.01.01');
  });

  it('keeps the roll-up equal to the raw counts after inserts, at every level', async () => {
    expect(await byRollup()).toEqual(await byRaw());
    // The incident at 23:30 UTC on 19 November falls on the 20th in Casablanca, inside the window.
    expect(await countsOf('06.141.01.01')).toMatchObject({ current: 3, previous: 0, solved: 1 });
    expect(await countsOf('06')).toMatchObject({ current: 3, previous: 0, solved: 1 });
    expect(await countsOf('07')).toMatchObject({ current: 0, previous: 1, solved: 0 });
    expect(await countsOf('MA')).toMatchObject({ current: 3, previous: 1, solved: 1 });
  });

  it('keeps the roll-up in step when an incident is solved and another deleted', async () => {
    const [open] = await t.db
      .updateTable('incident')
      .set({ status: 'solved', solvedAt: new Date('2026-11-15T10:00:00Z') })
      .where('category', '=', 'fraud')
      .returning('id')
      .execute();
    expect(open).toBeDefined();
    await t.db.deleteFrom('incident').where('occurredAt', '=', new Date('2026-11-10T20:15:00Z')).execute();
    expect(await countsOf('06.141.01.01')).toMatchObject({ current: 2, previous: 0, solved: 2 });
    expect(await byRollup()).toEqual(await byRaw());
  });

  it('keeps the roll-up in step when an incident moves to another local day and another area', async () => {
    const record = makeIncident({ occurredAt: new Date('2026-11-14T22:30:00Z'), category: 'robbery' });
    const [id] = await writeBatch(t.db, { incidents: [{ record, place: place(record) }], calls: [] });
    const medina = directory.assignmentFor(directory.byCode('07.351.01.07')?.id ?? -1);
    // 23:30 UTC on 14 November is already the 15th in Casablanca.
    await t.db
      .updateTable('incident')
      .set({
        occurredAt: new Date('2026-11-14T23:30:00Z'),
        ...medina,
        lat: marrakechMedina[1],
        lon: marrakechMedina[0],
      })
      .where('id', '=', id ?? -1)
      .execute();
    expect((await countsOf('07.351.01.07')).current).toBe(1);
    expect(await byRollup()).toEqual(await byRaw());
    const days = await t.db
      .selectFrom('rollupDaily')
      .select(['day', 'incidents'])
      .where('areaId', '=', medina.areaId)
      .where('category', '=', 'robbery')
      .where('incidents', '>', 0)
      .execute();
    expect(days).toEqual([{ day: '2026-11-15', incidents: 1 }]);
  });

  it('keeps the roll-up equal to the raw counts once an area has no incidents left', async () => {
    await t.db
      .deleteFrom('incident')
      .where('cityId', '=', directory.byCode('07.351.01.0')?.id ?? -1)
      .execute();
    expect(await countsOf('07')).toMatchObject({ current: 0, previous: 0 });
    expect(await byRollup()).toEqual(await byRaw());
  });

  it('writes nothing of a batch that fails half-way', async () => {
    const before = await incidentCount();
    const rollupBefore = await byRollup();
    const good = makeIncident();
    const bad = makeIncident({ status: 'lost' as NewIncident['status'] });
    await expect(
      writeBatch(t.db, {
        incidents: [
          { record: good, place: place(good) },
          { record: bad, place: place(bad) },
        ],
        calls: [],
      }),
    ).rejects.toThrow();
    expect(await incidentCount()).toBe(before);
    expect(await byRollup()).toEqual(rollupBefore);
    // The session is usable again after the rollback.
    expect(await writeBatch(t.db, { incidents: [{ record: good, place: place(good) }], calls: [] })).toHaveLength(1);
  });

  it('leaves everything as it was when a bulk load fails half-way', async () => {
    const incidentsBefore = await listIncidents(t.db, unrestricted, { limit: 1_000_000 });
    const callsBefore = await listCalls(t.db, unrestricted, { limit: 1_000_000 });
    const rollupBefore = await byRollup();
    const indexes = () =>
      withRawSession(t.db, (s) =>
        s.query<{ name: string }>(
          `select indexname as name from pg_indexes where tablename in ('incident', 'call_for_service') order by 1`,
        ),
      );
    const indexesBefore = await indexes();
    expect(indexesBefore.length).toBeGreaterThan(4);

    const failure = new Error('the source went away');
    await expect(
      replaceAllRecords(t.db, async (loader) => {
        const record = makeIncident({ occurredAt: testUntil });
        await loader.copyIncidents(incidentLine(loader.firstIncidentId, record, place(record)));
        await loader.copyRollup(`${directory.byCode('MA')?.id}\t2026-11-20\ttheft\t1000\t0\n`);
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await listIncidents(t.db, unrestricted, { limit: 1_000_000 })).toEqual(incidentsBefore);
    expect(await listCalls(t.db, unrestricted, { limit: 1_000_000 })).toEqual(callsBefore);
    expect(await byRollup()).toEqual(rollupBefore);
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('keeps the roll-up triggers on after a failed bulk load', async () => {
    const record = makeIncident({ occurredAt: new Date('2026-11-01T12:00:00Z') });
    const before = await countsOf('06.141.01.01');
    await writeBatch(t.db, { incidents: [{ record, place: place(record) }], calls: [] });
    expect((await countsOf('06.141.01.01')).current).toBe(before.current + 1);
    expect(await byRollup()).toEqual(await byRaw());
  });

  it('replaces every record in one go and lets later writes continue after its ids', async () => {
    let lastId = 0;
    await replaceAllRecords(t.db, async (loader) => {
      const record = makeIncident({ occurredAt: new Date('2026-11-05T12:00:00Z'), externalId: 'bulk-1' });
      const p = place(record);
      lastId = loader.firstIncidentId;
      await loader.copyIncidents(incidentLine(lastId, record, p));
      const rows = directory.lineage(p.areaId).map((a) => `${a.id}\t2026-11-05\ttheft\t1\t0\n`);
      await loader.copyRollup(rows.join(''));
      loader.usedIncidentIdsUpTo(lastId);
    });
    const incidents = await listIncidents(t.db, unrestricted, { limit: 10 });
    expect(incidents.map((i) => i.externalId)).toEqual(['bulk-1']);
    expect(await byRollup()).toEqual(await byRaw());
    const record = makeIncident();
    const [next] = await writeBatch(t.db, { incidents: [{ record, place: place(record) }], calls: [] });
    expect(next).toBeGreaterThan(lastId);
  });

  it('refuses to seed the demo over real incidents and leaves them alone', async () => {
    const before = await listIncidents(t.db, unrestricted, { limit: 1_000_000 });
    expect(before.some((i) => !i.synthetic)).toBe(true);
    await expect(seedDemo(t.db, { seed: 1, scale: 0.001, until: testUntil, years: 1 })).rejects.toBeInstanceOf(
      DemoNotAllowedError,
    );
    expect(await listIncidents(t.db, unrestricted, { limit: 1_000_000 })).toEqual(before);
  });
});
