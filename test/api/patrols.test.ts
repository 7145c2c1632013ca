/**
 * Patrols through the API, on both engines: the dosage log (validation, the field named, who may write where),
 * the fairness report on incidents written into two districts of the Casablanca-Anfa prefecture (so the roll-up
 * triggers count them) and log entries recorded through the API, counted by hand below; and a shift plan's first
 * unit, whose risk, rotation and hours this week come from the same fixture.
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenProvenances, forecastGrid } from '../../src/analysis/forecast.js';
import type { FairnessReport, PatrolLogEntry, PatrolLogList, PatrolPlan } from '../../src/contract/patrols.js';
import type { Provenance } from '../../src/domain/incident.js';
import { cellCentre } from '../../src/geo/study-grid.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { h3Hex, locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, listAreasWithin, loadAreaDirectory, type AreaRow } from '../../src/store/areas.js';
import type { Db } from '../../src/store/db.js';
import { unrestricted } from '../../src/store/scope.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const prefecture = '06.141.01.0';
const anfa = '06.141.01.01';
const password = 'patrols fixture password';

interface Fixture {
  other: AreaRow;
  anfa: AreaRow;
  /** The H3 resolution-8 cell (hexadecimal) of the reported incidents in Anfa. */
  hotCell: string;
  otherCell: string;
}

/**
 * Anfa: 6 reported incidents on 2–7 November 2026 and 1 on 1 November (before the period), all in one cell, and 2
 * police-initiated ones on 4 November elsewhere in Anfa; the other district: 2 reported incidents on 5 November.
 */
async function loadFixture(db: Db): Promise<Fixture> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const anfaArea = await findAreaByCode(db, anfa);
  if (!anfaArea) throw new Error('no Anfa');
  const place = (lat: number, lon: number) => {
    const found = locate(directory, makeIncident({ lat, lon }));
    if (!found?.districtId || !found.h3R8) throw new Error(`${lat},${lon} is in no district`);
    return { districtId: found.districtId, cell: h3Hex(found.h3R8) };
  };
  const districts = await listAreasWithin(db, (await findAreaByCode(db, prefecture))?.id ?? 0, 'district');
  const other = districts
    .filter((d) => d.code !== anfa && d.centroid !== null)
    .find((d) => d.centroid && place(d.centroid[1], d.centroid[0]).districtId === d.id);
  if (!other?.centroid) throw new Error('no other district with its centroid inside it');
  const hot = place(33.5823, -7.6836);
  const police = place(33.5905, -7.6525);
  if (hot.districtId !== anfaArea.id || police.districtId !== anfaArea.id || police.cell === hot.cell) {
    throw new Error('the fixture points are not in two cells of Anfa');
  }
  const at = (day: string, lat: number, lon: number, provenance: Provenance = 'citizen_report') => {
    const occurredAt = new Date(`${day}T12:00:00Z`);
    const record = makeIncident({ occurredAt, reportedAt: occurredAt, lat, lon, provenance });
    const located = locate(directory, record);
    if (!located) throw new Error('not located');
    return { record, place: located };
  };
  const [lon, lat] = other.centroid;
  const incidents = [
    at('2026-11-01', 33.5823, -7.6836),
    ...['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07'].map((d) =>
      at(d, 33.5823, -7.6836),
    ),
    at('2026-11-04', 33.5905, -7.6525, 'police_initiated'),
    at('2026-11-04', 33.5905, -7.6525, 'police_initiated'),
    at('2026-11-05', lat, lon),
    at('2026-11-05', lat, lon),
  ];
  await writeBatch(db, { incidents, calls: [] });
  return { other, anfa: anfaArea, hotCell: hot.cell, otherCell: place(lat, lon).cell };
}

describe.each(engines)('patrols on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  const post = async <T>(user: string, payload: unknown): Promise<Reply<T>> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/patrols/log',
      payload: payload as object,
      headers: { cookie: cookies[user] ?? '' },
    });
    return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
  };
  const entry = (over: Record<string, unknown> = {}) => ({
    unit: `D-${anfa}`,
    cell: f.hotCell,
    district: anfa,
    startedAt: '2026-11-03T07:00:00Z',
    endedAt: '2026-11-03T15:00:00Z',
    ...over,
  });

  beforeAll(async () => {
    t = await freshDb(engine);
    f = await loadFixture(t.db);
    const users = [
      { username: 'dg', role: 'director_general', scope: null },
      { username: 'wali', role: 'wali', scope: '06' },
      { username: 'wali7', role: 'wali', scope: '07' },
      { username: 'chief', role: 'district_chief', scope: anfa },
      { username: 'analyst', role: 'analyst', scope: '06' },
    ] as const;
    for (const u of users) {
      const scopeAreaId = u.scope === null ? null : ((await findAreaByCode(t.db, u.scope))?.id ?? null);
      await createUser(t.db, { username: u.username, displayName: u.username, role: u.role, scopeAreaId, password });
    }
    app = await testApp(t.db, { demo: false });
    for (const u of users) cookies[u.username] = await signIn(app, u.username, password);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers 401 without a session', async () => {
    for (const url of [
      '/api/patrols/log?from=2026-11-01&to=2026-11-07',
      '/api/patrols/fairness?from=2026-11-01&to=2026-11-07',
      '/api/patrols/plan?shift=2026-11-09:morning&units=2',
    ]) {
      expect((await get<ErrorReply>(app, url)).body, url).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const response = await app.inject({ method: 'POST', url: '/api/patrols/log', payload: entry() });
    expect(response.statusCode).toBe(401);
  });

  it('records time spent and names the field of a bad entry', async () => {
    const created = await post<PatrolLogEntry>('chief', entry());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ unit: `D-${anfa}`, district: anfa, hours: 8, source: 'actual' });
    expect(created.body.recordedBy).toBe('chief');

    const bad: [Record<string, unknown>, string][] = [
      [{ endedAt: '2026-11-03T07:00:00Z' }, 'endedAt'],
      [{ endedAt: '2026-11-04T07:00:01Z' }, 'endedAt'],
      [{ startedAt: 'yesterday' }, 'startedAt'],
      [{ unit: 'NO-SUCH-UNIT' }, 'unit'],
      [{ cell: 'a cell' }, 'cell'],
      [{ source: 'guessed' }, 'source'],
      [{ district: '06', unit: 'D-06.141.01.01' }, 'district'],
    ];
    for (const [over, field] of bad) {
      const reply = await post<ErrorReply>('dg', entry(over));
      expect({ over, status: reply.status, code: reply.body.code, field: reply.body.field }).toEqual({
        over,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    const withoutUnit: Record<string, unknown> = entry();
    delete withoutUnit.unit;
    expect((await post<ErrorReply>('dg', withoutUnit)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'unit',
    });
  });

  it('lets a district chief write only his district, a wali only his region, and no analyst', async () => {
    const elsewhere = entry({ district: f.other.code, cell: f.otherCell, unit: `D-${f.other.code}` });
    expect(await post<ErrorReply>('chief', elsewhere)).toMatchObject({
      status: 403,
      body: { code: 'OUT_OF_SCOPE', field: 'district' },
    });
    expect(await post<ErrorReply>('wali7', entry())).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
    expect(await post<ErrorReply>('analyst', entry())).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await post<ErrorReply>('dg', entry({ district: '99.999' }))).toMatchObject({
      status: 404,
      body: { code: 'AREA_NOT_FOUND', field: 'district' },
    });
    // The other district's 4 hours on 5 November, and 2 hours on 1 November, before the period below.
    for (const [startedAt, endedAt] of [
      ['2026-11-05T07:00:00Z', '2026-11-05T11:00:00Z'],
      ['2026-11-01T10:00:00Z', '2026-11-01T12:00:00Z'],
    ]) {
      expect((await post('wali', { ...elsewhere, startedAt, endedAt })).status).toBe(201);
    }
    // Anfa: a planned shift (not time spent), and a night across the period's end: 21:00–05:00 local (UTC+1).
    expect(
      (
        await post(
          'chief',
          entry({ startedAt: '2026-11-04T07:00:00Z', endedAt: '2026-11-04T15:00:00Z', source: 'planned' }),
        )
      ).status,
    ).toBe(201);
    expect(
      (await post('dg', entry({ startedAt: '2026-11-08T20:00:00Z', endedAt: '2026-11-09T04:00:00Z' }))).status,
    ).toBe(201);
  });

  it('lists the log of an area’s districts over local days for whoever sees the area', async () => {
    const list = await get<PatrolLogList>(
      app,
      `/api/patrols/log?area=${prefecture}&from=2026-11-02&to=2026-11-08`,
      cookies.analyst,
    );
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((i) => [i.district, i.startedAt, i.source, i.hours])).toEqual([
      [anfa, '2026-11-03T07:00:00.000Z', 'actual', 8],
      [anfa, '2026-11-04T07:00:00.000Z', 'planned', 8],
      [f.other.code, '2026-11-05T07:00:00.000Z', 'actual', 4],
      [anfa, '2026-11-08T20:00:00.000Z', 'actual', 8],
    ]);
    const own = await get<PatrolLogList>(app, '/api/patrols/log?from=2026-11-01&to=2026-11-08', cookies.chief);
    expect(own.body.items.map((i) => i.district)).toEqual([anfa, anfa, anfa]);
    expect(
      (await get<ErrorReply>(app, `/api/patrols/log?area=${anfa}&from=2026-11-01&to=2026-11-08`, cookies.wali7)).body
        .code,
    ).toBe('OUT_OF_SCOPE');
    expect(
      (await get<ErrorReply>(app, `/api/patrols/log?area=${anfa}&from=2026-11-08&to=2026-11-01`, cookies.dg)).body,
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
  });

  it('computes the fairness report as counted by hand', async () => {
    const reply = await get<FairnessReport>(
      app,
      `/api/patrols/fairness?area=${prefecture}&from=2026-11-02&to=2026-11-08`,
      cookies.wali,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    // Hours: Anfa 8 + 3 (the night up to local midnight, 23:00 UTC) = 11, the planned shift left out; the other 4.
    // Incidents: Anfa 6 reported + 2 police-initiated = 8 (the 1 November one is outside); the other 2.
    expect(reply.body).toMatchObject({ patrolHours: 15, incidents: 10 });
    const byCode = new Map(reply.body.districts.map((d) => [d.district.code, d]));
    const a = byCode.get(anfa);
    const o = byCode.get(f.other.code);
    expect(a).toMatchObject({ patrolHours: 11, incidents: 8, crimeShare: 0.8 });
    expect(a?.patrolShare).toBeCloseTo(11 / 15, 12);
    expect(a?.patrolToCrime).toBeCloseTo(11 / 15 / 0.8, 12);
    expect(a?.hoursPer100k).toBeCloseTo((11 * 100_000) / (f.anfa.population ?? 0), 9);
    expect(o).toMatchObject({ patrolHours: 4, incidents: 2, crimeShare: 0.2 });
    expect(o?.patrolToCrime).toBeCloseTo(4 / 15 / 0.2, 12);
    for (const d of reply.body.districts.filter((x) => x !== a && x !== o)) {
      expect(d).toMatchObject({ patrolHours: 0, incidents: 0, crimeShare: 0, patrolShare: 0, patrolToCrime: null });
    }
  });

  it('plans a shift from reported incidents, with rotation and the week’s hours from the log', async () => {
    const reply = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${anfa}&shift=2026-11-09:morning&units=2&risk=recent`,
      cookies.analyst,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ feasible: true, problems: [], idleUnits: 0, capHours: 24 });
    expect(reply.body.risk.source).toMatch(/^incidents \(citizen_report, call_for_service\) of the 28 days/);
    // The 7 reported incidents of the 28 days before 06:00 on Monday 9 November. The night entry (21:00–05:00)
    // overlaps the afternoon and the night shifts before: a streak of 2, 7 × 0.8²; 00:00–05:00 fall in this ISO week.
    const first = reply.body.assignments[0];
    expect(first).toMatchObject({ slot: 1, cell: f.hotCell, basis: 'floor', risk: 7, streak: 2, hoursThisWeek: 5 });
    expect(first?.score).toBeCloseTo(7 * 0.64, 12);
    // Police-initiated records give the other cell no risk.
    expect(reply.body.assignments[1]?.risk).toBe(0);
    expect(reply.body.districts).toMatchObject([{ district: anfa, units: 2, floorMet: true }]);
    const short = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${prefecture}&shift=2026-11-09:morning&units=1`,
      cookies.dg,
    );
    expect(short.body.feasible).toBe(false);
    expect(short.body.problems[0]).toMatchObject({ kind: 'floor_exceeds_units' });
  });

  it('plans from the ETAS forecast of the shift by default, each H3 cell’s risk the sum of its grid cells’', async () => {
    const start = new Date('2026-11-09T05:00:00Z'); // 06:00 in Casablanca (UTC+1)
    const fitted = await forecastGrid(t.db, unrestricted, {
      area: f.anfa,
      start,
      horizonDays: 1 / 3,
      model: 'etas',
      provenances: citizenProvenances,
    });
    const byH3 = new Map<string, number>();
    for (let cell = 0; cell < fitted.scores.length; cell++) {
      if (fitted.study.grid.inside[cell] !== 1) continue;
      const [lon, lat] = cellCentre(fitted.study.grid, cell);
      const h3 = latLngToCell(lat, lon, 8);
      byH3.set(h3, (byH3.get(h3) ?? 0) + (fitted.scores[cell] as number));
    }
    expect(byH3.get(f.hotCell)).toBeGreaterThan(0);

    const reply = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${anfa}&shift=2026-11-09:morning&units=2`,
      cookies.analyst,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.risk.source).toMatch(
      /^etas forecast of incidents in the shift.*citizen_report, call_for_service/,
    );
    expect(reply.body.risk).toMatchObject({ from: '2025-11-09T05:00:00.000Z', to: start.toISOString() });
    const [first, second] = reply.body.assignments;
    expect(first).toMatchObject({ cell: f.hotCell, basis: 'floor' });
    expect(first?.risk).toBeCloseTo(byH3.get(f.hotCell) ?? Number.NaN, 12);
    // Only the hot cell has reported incidents; the police-initiated cell learns nothing unless asked to.
    expect(second?.risk).toBe(0);
    const withPolice = await get<PatrolPlan>(
      app,
      `/api/patrols/plan?area=${anfa}&shift=2026-11-09:morning&units=2&risk=etas&includePoliceInitiated=true`,
      cookies.analyst,
    );
    expect(withPolice.body.risk.source).toContain('police_initiated');
    expect(withPolice.body.assignments.map((a) => a.risk > 0)).toEqual([true, true]);
    const bad = await get<ErrorReply>(
      app,
      `/api/patrols/plan?area=${anfa}&shift=2026-11-09:morning&units=2&risk=hunch`,
      cookies.analyst,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'risk' });
  });

  // The CLI runs in a child process, which can reach a PostgreSQL database but not an in-memory PGlite.
  it.runIf(engine === 'postgres')(
    'gives the same fairness report and a plan through istibaq patrols',
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: t.url };
      const period = ['--area', prefecture, '--from', '2026-11-02', '--to', '2026-11-08'];
      const json = await runCli(['patrols', 'fairness', ...period, '--json'], env);
      expect(json.stderr).toBe('');
      const api = await get<FairnessReport>(
        app,
        `/api/patrols/fairness?area=${prefecture}&from=2026-11-02&to=2026-11-08`,
        cookies.dg,
      );
      expect(JSON.parse(json.stdout)).toEqual(api.body);
      const text = await runCli(['patrols', 'fairness', ...period], env);
      expect(text.stdout).toMatch(/15\.0 patrol hours, 10 incidents/);
      const plan = await runCli(
        ['patrols', 'plan', '--area', anfa, '--shift', '2026-11-09:morning', '--units', '2', '--risk', 'recent'],
        env,
      );
      expect(plan.stderr).toBe('');
      expect(plan.stdout).toContain(`1     ${f.hotCell}`);
      const bad = await runCli(['patrols', 'plan', '--area', anfa, '--shift', '2026-11-09:noon', '--units', '2'], env);
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shift/) as unknown });
    },
  );
});
