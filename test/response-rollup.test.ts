/**
 * The response roll-up (migration 0008) on both engines: kept by the trigger through inserts, updates (times, area,
 * priority, day) and deletes, written by the bulk load and filled by the migration, it always equals one computed
 * here in TypeScript from the calls themselves (local day in Casablanca, every ancestor area, durations binned by
 * `responseBinOf`); and the figures read from it for every province of the demo have the raw counts and shares
 * exactly, and percentiles within one bin of `percentile_cont`.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBounds, type Histogram } from '../src/analytics/response-histogram.js';
import { defaultResponseStandards, durationStats, percentileCont } from '../src/analytics/response-times.js';
import type { NewCall } from '../src/domain/call.js';
import { zonedParts } from '../src/domain/time.js';
import type { AreaDirectory } from '../src/geo/area-directory.js';
import { ensureMoroccoGeography } from '../src/ingest/geography.js';
import { locate } from '../src/ingest/locate.js';
import { findAreaByCode, listAreas, loadAreaDirectory } from '../src/store/areas.js';
import { writeBatch } from '../src/store/records.js';
import type { Db } from '../src/store/db.js';
import {
  fillResponseRollups,
  responseBinEdges,
  responseBinOf,
  responseRollupTables,
} from '../src/store/migrations/0008-response-rollup.js';
import {
  readResponseRollup,
  responseGroupsFromRollup,
  responseSourceFor,
  standardOnEdge,
  type ResponseRollupRow,
} from '../src/store/response-rollup.js';
import { responseGroupsFromCalls, type ResponseGroupRow, type ResponseQuery } from '../src/store/response.js';
import { unrestricted } from '../src/store/scope.js';
import { engines, freshDb, seededDb, type TestDb } from './db.js';
import { makeCall } from './factories.js';

const anfa = { lat: 33.5823, lon: -7.6836 };
const marrakechMedina = { lat: 31.6292, lon: -7.9876 };

interface RawCall {
  areaId: number;
  receivedAt: Date;
  dispatchedAt: Date | null;
  onSceneAt: Date | null;
  closedAt: Date | null;
  priority: number;
  callType: string;
}

async function readCalls(db: Db): Promise<RawCall[]> {
  const result = await sql<RawCall>`
    select area_id, received_at, dispatched_at, on_scene_at, closed_at, priority::int as priority, call_type
      from call_for_service
  `.execute(db);
  return result.rows;
}

const seconds = (from: Date, to: Date | null) => (to === null ? null : (to.getTime() - from.getTime()) / 1000);

/** A roll-up table computed from the calls in TypeScript: the reference the stored tables must equal. */
function expectedRollup(calls: RawCall[], directory: AreaDirectory): ResponseRollupRow[] {
  const rows = new Map<string, ResponseRollupRow & { hist: Map<number, number>[] }>();
  for (const call of calls) {
    const local = zonedParts(call.receivedAt);
    const extra = null;
    const durations = [call.dispatchedAt, call.onSceneAt, call.closedAt].map((at) => seconds(call.receivedAt, at));
    for (const area of directory.lineage(call.areaId)) {
      const key = `${area.id}|${local.day}|${call.priority}|${extra}`;
      let row = rows.get(key);
      if (!row) {
        const empty = { bins: [], counts: [] };
        row = {
          areaId: area.id,
          day: local.day,
          priority: call.priority,
          extra,
          calls: 0,
          dispatched: 0,
          arrived: 0,
          closed: 0,
          toDispatch: empty,
          toArrival: empty,
          toClose: empty,
          hist: [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()],
        };
        rows.set(key, row);
      }
      row.calls++;
      durations.forEach((d, kind) => {
        if (d === null) return;
        const hist = row.hist[kind] as Map<number, number>;
        const bin = responseBinOf(d);
        hist.set(bin, (hist.get(bin) ?? 0) + 1);
      });
      if (durations[0] !== null) row.dispatched++;
      if (durations[1] !== null) row.arrived++;
      if (durations[2] !== null) row.closed++;
    }
  }
  const histogram = (hist: Map<number, number>): Histogram => {
    const bins = [...hist.keys()].sort((a, b) => a - b);
    return { bins, counts: bins.map((b) => hist.get(b) as number) };
  };
  return [...rows.values()]
    .map(({ hist, ...row }) => ({
      ...row,
      toDispatch: histogram(hist[0] as Map<number, number>),
      toArrival: histogram(hist[1] as Map<number, number>),
      toClose: histogram(hist[2] as Map<number, number>),
    }))
    .sort(byKey);
}

/** Rows in the order of their key (hours as numbers). */
function byKey(a: ResponseRollupRow, b: ResponseRollupRow): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const extra = (x: string | null, y: string | null) =>
    x === null || y === null ? 0 : /^\d+$/.test(x) ? Number(x) - Number(y) : text(x, y);
  return a.areaId - b.areaId || text(a.day, b.day) || a.priority - b.priority || extra(a.extra, b.extra);
}

async function expectRollupsFromCalls(db: Db, directory: AreaDirectory) {
  const calls = await readCalls(db);
  for (const table of responseRollupTables) {
    const stored = (await readResponseRollup(db, table)).sort(byKey);
    expect(stored, table).toEqual(expectedRollup(calls, directory));
  }
}

describe('the bins of the response roll-up', () => {
  it('close on every whole minute up to three hours, and on 24 hours', () => {
    for (let minute = 1; minute <= 180; minute++) expect(standardOnEdge(minute), String(minute)).toBe(true);
    expect(responseBinEdges).toContain(86_400);
    expect(standardOnEdge(181)).toBe(false);
  });
  it('are at most about 2 % wide from 1 s to 24 hours', () => {
    for (let k = 1; k < responseBinEdges.length; k++) {
      const [lo, hi] = binBounds(responseBinEdges, k);
      expect(hi - lo).toBeLessThanOrEqual(0.0201 * lo + 0.001);
    }
  });
  it('put a duration on an edge in the bin it closes', () => {
    const k = responseBinOf(600);
    expect(responseBinEdges[k]).toBe(600);
    expect(responseBinOf(600.001)).toBe(k + 1);
    expect(responseBinOf(0)).toBe(0);
    expect(responseBinOf(1)).toBe(0);
    expect(responseBinOf(90_000)).toBe(responseBinEdges.length);
  });
});

describe.each(engines)('the response roll-up kept by the trigger on %s', (engine) => {
  let t: TestDb;
  let directory: AreaDirectory;
  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
    directory = await loadAreaDirectory(t.db);
  });
  afterAll(() => t.drop());

  const insert = async (records: NewCall[]) => {
    const calls = records.map((record) => {
      const place = locate(directory, record);
      if (!place) throw new Error(`cannot place ${JSON.stringify(record)}`);
      return { record, place };
    });
    await writeBatch(t.db, { incidents: [], calls });
  };
  const at = (iso: string) => new Date(iso);
  const after = (from: Date, s: number) => new Date(from.getTime() + s * 1000);

  it('equals the calls after inserts: durations on bin edges, missing times, across local midnight', async () => {
    const records: NewCall[] = [];
    const days = ['2026-03-01', '2026-03-02', '2026-03-08'];
    days.forEach((day, i) => {
      for (let n = 0; n < 4; n++) {
        const receivedAt = at(`${day}T${String(8 + 3 * n).padStart(2, '0')}:15:00.250Z`);
        records.push(
          makeCall({
            ...(n % 2 === 0 ? anfa : marrakechMedina),
            receivedAt,
            dispatchedAt: n === 3 ? null : after(receivedAt, 45 + 30 * n + i),
            // Exactly 10 and 20 minutes (bin edges), a fraction over, and never on scene.
            onSceneAt: n === 3 ? null : after(receivedAt, [600, 1200, 600.001][n] as number),
            closedAt: i === 2 && n === 1 ? null : after(receivedAt, 3600 + 97 * n),
            priority: (((n + i) % 4) + 1) as 1 | 2 | 3 | 4,
            callType: n === 0 ? 'violence' : 'theft',
          }),
        );
      }
    });
    // 23:30 UTC on 1 March is 00:30 on 2 March in Casablanca (UTC+1); a duration of 0 and one over 24 hours.
    const lateNight = at('2026-03-01T23:30:00Z');
    records.push(
      makeCall({
        ...anfa,
        receivedAt: lateNight,
        dispatchedAt: lateNight,
        onSceneAt: after(lateNight, 90_000),
        closedAt: after(lateNight, 90_001),
      }),
    );
    await insert(records.slice(0, 7));
    await insert(records.slice(7));
    await expectRollupsFromCalls(t.db, directory);
  });

  it('equals the calls after updates: times changed, a call moved to another area, a priority changed', async () => {
    const ids = (await sql<{ id: number }>`select id from call_for_service order by id`.execute(t.db)).rows.map((r) =>
      Number(r.id),
    );
    const [a, b, c] = ids as [number, number, number];
    await sql`update call_for_service set on_scene_at = received_at + interval '7 minutes', closed_at = null
               where id = ${a}`.execute(t.db);
    const marrakech = locate(directory, { ...marrakechMedina });
    if (!marrakech) throw new Error('no Marrakech');
    await t.db
      .updateTable('callForService')
      .set({
        areaId: marrakech.areaId,
        regionId: marrakech.regionId,
        provinceId: marrakech.provinceId,
        cityId: marrakech.cityId,
        districtId: marrakech.districtId,
        lat: marrakechMedina.lat,
        lon: marrakechMedina.lon,
      })
      .where('id', '=', b)
      .execute();
    // One statement: a priority and a day changed, and a time at the same time.
    await sql`update call_for_service
                 set priority = case when id = ${c} then 4 else priority end,
                     received_at = received_at - interval '2 days',
                     dispatched_at = dispatched_at + interval '5 seconds'
               where id in (${c}, ${ids[5]})`.execute(t.db);
    await expectRollupsFromCalls(t.db, directory);
  });

  it('equals the calls after deletes, with no row left where no call is', async () => {
    const ids = (await sql<{ id: number }>`select id from call_for_service order by id`.execute(t.db)).rows.map((r) =>
      Number(r.id),
    );
    await t.db.deleteFrom('callForService').where('id', 'in', ids.slice(3, 9)).execute();
    await expectRollupsFromCalls(t.db, directory);
    await t.db.deleteFrom('callForService').execute();
    for (const table of responseRollupTables) expect(await readResponseRollup(t.db, table), table).toEqual([]);
  });
});

/** The figures of both sources for an area, by grouping and key. */
const byGroup = (rows: ResponseGroupRow[]) => new Map(rows.map((r) => [`${r.grouping}:${r.key ?? ''}`, r]));

/**
 * The largest difference allowed between a percentile from the roll-up and `percentile_cont` over `values`: the
 * widths of the bins holding the two order statistics it interpolates between, weighted as it weighs them.
 */
function binTolerance(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const h = p * (sorted.length - 1);
  const width = (x: number) => {
    const [lo, hi] = binBounds(responseBinEdges, responseBinOf(x));
    return hi - lo;
  };
  const f = h - Math.floor(h);
  return (1 - f) * width(sorted[Math.floor(h)] as number) + f * width(sorted[Math.ceil(h)] as number) + 1e-9;
}

describe.each(engines)('the response roll-up of the bulk-loaded small demo on %s', (engine) => {
  let t: TestDb;
  let directory: AreaDirectory;
  beforeAll(async () => {
    t = await seededDb(engine);
    directory = await loadAreaDirectory(t.db);
  });
  afterAll(() => t.drop());

  it('equals the calls, and so does the migration’s fill', async () => {
    await expectRollupsFromCalls(t.db, directory);
    await sql.raw(`truncate ${responseRollupTables.join(', ')}`).execute(t.db);
    await fillResponseRollups(t.db as unknown as Kysely<unknown>);
    await expectRollupsFromCalls(t.db, directory);
  });

  it('gives every province the raw counts and shares, and percentiles within one bin of percentile_cont', async () => {
    const provinces = await listAreas(t.db, { level: 'province' });
    const window = { from: '2023-11-21', to: '2026-11-20' };
    const calls = await readCalls(t.db);
    let compared = 0;
    for (const province of provinces) {
      const query: ResponseQuery = { area: province, window, priority: null, standards: defaultResponseStandards };
      expect((await responseSourceFor(t.db, unrestricted, query)).name).toBe('rollup');
      const rollup = byGroup(await responseGroupsFromRollup(t.db, unrestricted, query));
      const raw = byGroup(await responseGroupsFromCalls(t.db, unrestricted, query));
      const inProvince = new Set(
        directory
          .descendants(province.id)
          .map((a) => a.id)
          .concat(province.id),
      );
      const own = calls.filter((c) => {
        const day = zonedParts(c.receivedAt).day;
        return inProvince.has(c.areaId) && day >= window.from && day <= window.to;
      });
      for (const [key, exact] of raw) {
        if (exact.calls === 0) continue;
        const binned = rollup.get(key);
        if (!binned) throw new Error(`${province.code} ${key}: missing from the roll-up`);
        const { toDispatch, toArrival, toClose, ...counts } = exact;
        expect({ ...binned, toDispatch: null, toArrival: null, toClose: null }, `${province.code} ${key}`).toEqual({
          ...counts,
          toDispatch: null,
          toArrival: null,
          toClose: null,
        });
        // The durations of the group, for the bins the tolerance is made of.
        const [grouping, value] = key.split(':') as [string, string];
        const members = own.filter((c) => {
          const local = zonedParts(c.receivedAt);
          if (grouping === 'priority') return String(c.priority) === value;
          if (grouping === 'callType') return c.callType === value;
          if (grouping === 'hour') return String(local.hour) === value;
          if (grouping === 'week') {
            const day = new Date(`${local.day}T00:00:00Z`);
            day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
            return day.toISOString().slice(0, 10) === value;
          }
          return true;
        });
        const kinds = [
          [toDispatch, binned.toDispatch, (c: RawCall) => seconds(c.receivedAt, c.dispatchedAt)],
          [toArrival, binned.toArrival, (c: RawCall) => seconds(c.receivedAt, c.onSceneAt)],
          [toClose, binned.toClose, (c: RawCall) => seconds(c.receivedAt, c.closedAt)],
        ] as const;
        for (const [want, got, duration] of kinds) {
          const values = members.flatMap((c) => {
            const d = duration(c);
            return d === null ? [] : [d];
          });
          // The raw figures are those of the members: the check on the check.
          expect(durationStats(values), `${province.code} ${key}`).toEqual(want);
          expect(got.n).toBe(want.n);
          if (want.n === 0) {
            expect(got).toEqual(want);
            continue;
          }
          for (const [p, field] of [
            [0.5, 'medianSeconds'],
            [0.9, 'p90Seconds'],
          ] as const) {
            const exactValue = percentileCont(
              [...values].sort((x, y) => x - y),
              p,
            ) as number;
            expect(exactValue).toBe(want[field]);
            expect(
              Math.abs((got[field] as number) - exactValue),
              `${province.code} ${key} ${field}`,
            ).toBeLessThanOrEqual(binTolerance(values, p));
          }
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('leaves standards off the bin edges and areas wider than the caller’s scope to the calls', async () => {
    const province = await findAreaByCode(t.db, '06.141');
    const anfaArea = await findAreaByCode(t.db, '06.141.01.01');
    if (!province || !anfaArea) throw new Error('no Casablanca');
    const window = { from: '2026-01-01', to: '2026-11-20' };
    const query: ResponseQuery = { area: province, window, priority: null, standards: defaultResponseStandards };
    expect((await responseSourceFor(t.db, unrestricted, query)).name).toBe('rollup');
    const offEdge = { ...query, standards: { ...defaultResponseStandards, 4: 181 } };
    expect((await responseSourceFor(t.db, unrestricted, offEdge)).name).toBe('raw');
    const narrow = { area: { id: anfaArea.id, level: anfaArea.level } };
    expect((await responseSourceFor(t.db, narrow, query)).name).toBe('raw');
    expect((await responseSourceFor(t.db, { area: { id: province.id, level: province.level } }, query)).name).toBe(
      'rollup',
    );
  });
});
