/**
 * Patrol units and presence through the API, on both engines, over the small demo (whose units and last four weeks
 * of shifts are generated: src/synthetic/patrols.ts): presence per district equals the patrol log counted in SQL,
 * units and their statuses as stored, a status change by whoever may write the district's log and no one else,
 * and the generated gap: the most remote big city has fewer patrol hours per resident than the largest.
 */
import { latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodExpectations } from '../../src/analysis/period-forecast.js';
import type { PatrolPlan, PatrolUnit, PatrolUnitList, PresenceReport } from '../../src/contract/patrols.js';
import type { Position } from '../../src/domain/area.js';
import type { App } from '../../src/server/app.js';
import { remotenessOf } from '../../src/synthetic/plan.js';
import { findAreaByCode, listAreas, type AreaRow } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import { createUser } from '../../src/store/users.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const prefecture = '06.141.01.0';
const anfa = '06.141.01.01';
const password = 'presence fixture password';
const period = { from: '2026-10-23', to: '2026-11-19' };

interface LogSum {
  code: string;
  hours: number;
}

describe.each(engines)('patrol units and presence on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await seededDb(engine);
    const users = [
      { username: 'p-dg', role: 'director_general', scope: null },
      { username: 'p-chief', role: 'district_chief', scope: anfa },
      { username: 'p-analyst', role: 'analyst', scope: '06' },
    ] as const;
    for (const u of users) {
      const scopeAreaId = u.scope === null ? null : ((await findAreaByCode(t.db, u.scope))?.id ?? null);
      await createUser(t.db, { username: u.username, displayName: u.username, role: u.role, scopeAreaId, password });
    }
    app = await testApp(t.db);
    for (const u of users) cookies[u.username] = await signIn(app, u.username, password);
  }, 180_000);

  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('counts each district’s patrol hours as the log holds them, by shift and per 100,000 residents', async () => {
    const reply = await get<PresenceReport>(
      app,
      `/api/patrols/presence?area=${prefecture}&from=${period.from}&to=${period.to}`,
      cookies['p-dg'],
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.days).toBe(28);
    // The period is 23 October 00:00 to 20 November 00:00 in Casablanca (UTC+1): the last night shift counts for
    // its first hour only.
    const logged = await sql<LogSum>`
      select a.code,
             sum(extract(epoch from (least(p.ended_at, '2026-11-19T23:00:00Z')
                                     - greatest(p.started_at, '2026-10-22T23:00:00Z'))) / 3600)::float8 as hours
        from patrol_log p join area a on a.id = p.district_id
       where p.source = 'actual'
         and p.started_at < '2026-11-19T23:00:00Z' and p.ended_at > '2026-10-22T23:00:00Z'
         and a.code like '06.141.01.%'
       group by a.code
    `.execute(t.db);
    const byCode = new Map(logged.rows.map((r) => [r.code, r.hours]));
    expect(byCode.size).toBeGreaterThan(1);
    for (const d of reply.body.districts) {
      expect(d.hours, d.district.code).toBeCloseTo(byCode.get(d.district.code) ?? 0, 9);
      const { morning, afternoon, night } = d.hoursByShift;
      expect(morning + afternoon + night).toBeCloseTo(d.hours, 9);
      expect(d.unitsPerShift.night).toBeCloseTo(night / 8 / 28, 12);
      expect(d.hoursPer100k).toBeCloseTo((d.hours * 100_000) / (d.district.population ?? Number.NaN), 9);
      expect(d.onDuty).toBeLessThanOrEqual(d.units);
    }
    expect(reply.body.hours).toBeCloseTo(
      reply.body.districts.reduce((s, d) => s + (byCode.get(d.district.code) ?? 0), 0),
      6,
    );
  });

  it('lists a district’s units with their statuses, counted by status', async () => {
    const reply = await get<PatrolUnitList>(app, `/api/patrol-units?area=${anfa}`, cookies['p-analyst']);
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeGreaterThan(0);
    expect(reply.body.items.every((u) => u.district === anfa && u.illustrative)).toBe(true);
    expect(Object.values(reply.body.byStatus).reduce((s, n) => s + n, 0)).toBe(reply.body.items.length);
    const stored = await sql<{ n: number }>`
      select count(*)::int as n from patrol_unit p join area a on a.id = p.district_id where a.code = ${anfa}
    `.execute(t.db);
    expect(reply.body.items).toHaveLength(stored.rows[0]?.n ?? -1);
  });

  it('lets the district chief change a unit’s status and records it; others get 403, 404 or 400', async () => {
    const units = (await get<PatrolUnitList>(app, `/api/patrol-units?area=${anfa}`, cookies['p-dg'])).body.items;
    const unit = units[0] as PatrolUnit;
    const elsewhere = (await get<PatrolUnitList>(app, '/api/patrol-units?area=06.141.01.31', cookies['p-dg'])).body
      .items[0] as PatrolUnit;
    const patch = async <T>(user: string, code: string, payload: object): Promise<Reply<T>> => {
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/patrol-units/${encodeURIComponent(code)}`,
        payload,
        headers: { cookie: cookies[user] ?? '' },
      });
      return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
    };
    const changed = await patch<PatrolUnit>('p-chief', unit.code, { status: 'out_of_service' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      code: unit.code,
      status: 'out_of_service',
      statusSince: '2026-11-20T12:00:00.000Z',
    });
    const history = await sql<{ status: string; username: string }>`
      select c.status, u.username from patrol_unit_status_change c
        join patrol_unit p on p.id = c.unit_id join app_user u on u.id = c.changed_by
       where p.code = ${unit.code}
    `.execute(t.db);
    expect(history.rows).toEqual([{ status: 'out_of_service', username: 'p-chief' }]);
    const logged = await sql<{ actorName: string; details: { old: string; new: string } }>`
      select actor_name, details from audit_log where action = 'patrol_unit.status' order by id desc limit 1
    `.execute(t.db);
    expect(logged.rows[0]).toMatchObject({
      actorName: 'p-chief',
      details: { code: unit.code, old: unit.status, new: 'out_of_service' },
    });
    expect((await patch<ErrorReply>('p-chief', elsewhere.code, { status: 'available' })).body).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect((await patch<ErrorReply>('p-analyst', unit.code, { status: 'available' })).status).toBe(403);
    expect((await patch<ErrorReply>('p-dg', 'D-none/1', { status: 'available' })).body).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await patch<ErrorReply>('p-dg', unit.code, { status: 'asleep' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'status',
    });
  });

  it('plans a New Year shift from the period’s forecast, each H3 cell’s risk its share of the period’s expected incidents', async () => {
    const expectations = await periodExpectations(t.db, unrestricted, {
      area: (await findAreaByCode(t.db, prefecture)) as AreaRow,
      period: { kind: 'named', name: 'new-year' },
      year: 2026,
    });
    const share = 8 / 24 / expectations.lengthDays;
    const byH3 = new Map<string, number>();
    for (const c of expectations.cells) {
      const h3 = latLngToCell(c.centre[1], c.centre[0], 8);
      byH3.set(h3, (byH3.get(h3) ?? 0) + Math.max(0, c.expected) * share);
    }
    const reply = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${prefecture}&shift=2025-12-31:night&units=20&risk=new-year`,
      cookies['p-dg'],
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.risk.source).toMatch(/^new-year forecast/);
    const withRisk = reply.body.assignments.filter((a) => a.risk > 0);
    expect(withRisk.length).toBeGreaterThan(0);
    for (const a of withRisk) expect(a.risk, a.cell).toBeCloseTo(byH3.get(a.cell) ?? Number.NaN, 9);
    const outside = await get<ErrorReply>(
      app,
      `/api/patrols/plan?area=${prefecture}&shift=2026-06-01:morning&units=20&risk=new-year`,
      cookies['p-dg'],
    );
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'shift' });
  });

  it('plans a shift with the area’s patrol units on duty when no number of units is given', async () => {
    const list = (await get<PatrolUnitList>(app, `/api/patrol-units?area=${prefecture}`, cookies['p-dg'])).body;
    const onDuty = ['available', 'on_patrol', 'responding'].reduce((s, k) => s + (list.byStatus[k] ?? 0), 0);
    expect(onDuty).toBeGreaterThan(0);
    const plan = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${prefecture}&shift=2026-11-19:morning&risk=recent`,
      cookies['p-dg'],
    );
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.units).toBe(onDuty);
    const given = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${prefecture}&shift=2026-11-19:morning&risk=recent&units=3`,
      cookies['p-dg'],
    );
    expect(given.body.units).toBe(3);
  });

  it('shows the generated gap: the most remote big city has fewer patrol hours per resident than the largest', async () => {
    const cities = (await listAreas(t.db, { level: 'city' })).filter((c) => c.centroid !== null);
    const remoteness = remotenessOf(
      cities.map((c) => ({ population: c.population ?? 0, centre: c.centroid as Position })),
    );
    const largest = cities.reduce((a, b) => ((b.population ?? 0) > (a.population ?? 0) ? b : a));
    const remote = cities
      .map((c, i) => ({ c, r: remoteness[i] as number }))
      .filter(({ c }) => (c.population ?? 0) >= 150_000)
      .reduce((a, b) => (b.r > a.r ? b : a));
    expect(remote.r).toBeGreaterThan(0.5);
    const presence = async (code: string) =>
      (
        await get<PresenceReport>(
          app,
          `/api/patrols/presence?area=${code}&from=${period.from}&to=${period.to}`,
          cookies['p-dg'],
        )
      ).body.hoursPer100k ?? Number.NaN;
    expect(await presence(remote.c.code)).toBeLessThan(0.8 * (await presence(largest.code)));
  });
});
