/**
 * Response times and clearance through the API, on both engines, over the small demo: a hand-made set of calls and
 * incidents written into Anfa (Casablanca) after the demo's last day, so that nothing else falls in their days,
 * with every figure computed by hand below; then the demo's own calls and incidents read raw and run through the
 * pure definitions (src/analytics/response-times.ts), which the SQL must match exactly; then the errors, and the
 * command once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearanceHeadline,
  defaultResponseStandards,
  responseTimes,
  responseTimesBy,
  type CallTimeline,
} from '../../src/analytics/response-times.js';
import type { ClearanceReport, ResponseReport, ResponseTimes } from '../../src/contract/response.js';
import type { CallPriority, CallType } from '../../src/domain/call.js';
import { categoryOf, type CategoryCode } from '../../src/domain/category.js';
import { zonedParts } from '../../src/domain/time.js';
import { locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, loadAreaDirectory } from '../../src/store/areas.js';
import type { Db } from '../../src/store/db.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { makeCall, makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const anfa = '06.141.01.01';
/** The city of Casablanca, whose children are its préfectures d'arrondissements, Anfa's among them. */
const city = '06.141.01.0';
const anfaPrefecture = '06.141.01.00';
const password = 'response fixture password';
const min = 60;
const daySeconds = 86_400;

/** Local time in Casablanca in winter (UTC+1). */
const local = (dayTime: string) => new Date(`${dayTime}:00+01:00`);
const later = (at: Date, minutes: number | null) =>
  minutes === null ? null : new Date(at.getTime() + minutes * 60_000);

/** [priority, call type, received (local), dispatch, on scene, closed (minutes after receipt, null never)]. */
const calls: [CallPriority, CallType, string, number | null, number | null, number | null][] = [
  [1, 'violence', '2026-12-30T08:00', 1, 6, 40], // A: within 10
  [1, 'violence', '2026-12-30T08:30', 2, 12, 50], // B: not within 10
  [1, 'robbery', '2026-12-30T14:00', null, null, 5], // C: never dispatched, closed
  [2, 'theft', '2026-12-30T14:10', 3, null, 30], // D: never on scene
  [2, 'theft', '2026-12-31T20:00', 4, 20, null], // E: on scene at 20 of 20, never closed
  [2, 'domestic', '2026-12-31T23:55', 8, 19, 75], // F: dispatched, on scene and closed in 2027
  [3, 'disturbance', '2027-01-04T23:50', 8, 40, 90], // G: the next week, on scene after midnight
  [1, 'violence', '2027-01-01T00:20', 0, 10, 25], // H: 1 January locally, 31 December 23:20 in UTC
];

const timelines: CallTimeline[] = calls.map(([priority, , received, d, s, c]) => {
  const receivedAt = local(received);
  return {
    priority,
    receivedAt,
    dispatchedAt: later(receivedAt, d),
    onSceneAt: later(receivedAt, s),
    closedAt: later(receivedAt, c),
  };
});

/** [category, occurred (local), days to solve or null]: December 2026 in Anfa. */
const incidents: [CategoryCode, string, number | null][] = [
  ['homicide', '2026-12-01T22:00', 2],
  ['robbery', '2026-12-01T23:30', null],
  ['robbery', '2026-12-30T12:00', 10], // solved in January
  ['theft', '2026-12-02T10:00', 1],
  ['theft', '2026-12-02T11:00', null],
  ['theft', '2026-12-31T23:30', null], // 22:30 UTC: still 31 December
  ['theft', '2027-01-01T00:30', 1], // 31 December in UTC, 1 January locally: not in December
];

async function loadFixture(db: Db): Promise<void> {
  const directory = await loadAreaDirectory(db);
  const place = (record: { lat: number | null; lon: number | null }) => {
    const found = locate(directory, record);
    if (!found || found.districtId !== directory.byCode(anfa)?.id) throw new Error('the fixture point is not in Anfa');
    return found;
  };
  await writeBatch(db, {
    incidents: incidents.map(([category, occurred, solveDays]) => {
      const occurredAt = local(occurred);
      const solvedAt = solveDays === null ? null : new Date(occurredAt.getTime() + solveDays * daySeconds * 1000);
      const record = makeIncident({
        category,
        occurredAt,
        reportedAt: occurredAt,
        ...(solvedAt ? { status: 'solved' as const, solvedAt } : {}),
      });
      return { record, place: place(record) };
    }),
    calls: calls.map(([, callType], i) => {
      const record = makeCall({ ...(timelines[i] as CallTimeline), callType });
      return { record, place: place(record) };
    }),
  });
}

/** The demo's calls received in an area over local days (all its areas are in Casablanca's zone), read raw. */
async function rawCalls(db: Db, code: string, from: string, to: string) {
  const rows = await sql<CallTimeline & { callType: string }>`
    select c.received_at, c.dispatched_at, c.on_scene_at, c.closed_at, c.priority, c.call_type
      from call_for_service c
     where c.area_id in (select area_id from area_ancestor aa join area a on a.id = aa.ancestor_id where a.code = ${code})
  `.execute(db);
  return rows.rows
    .map((r) => ({ ...r, local: zonedParts(r.receivedAt) }))
    .filter((r) => r.local.day >= from && r.local.day <= to);
}

describe.each(engines)('response times and clearance on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await seededDb(engine);
    await loadFixture(t.db);
    const users = [
      { username: 'dg', role: 'director_general', scope: null },
      { username: 'chief', role: 'district_chief', scope: anfa },
      { username: 'wali7', role: 'wali', scope: '07' },
    ] as const;
    for (const u of users) {
      const scopeAreaId = u.scope === null ? null : ((await findAreaByCode(t.db, u.scope))?.id ?? null);
      const username = `response-${u.username}`;
      await createUser(t.db, { username, displayName: username, role: u.role, scopeAreaId, password });
    }
    app = await testApp(t.db);
    for (const u of users) cookies[u.username] = await signIn(app, `response-${u.username}`, password);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const response = async (query: string, user = 'dg') => {
    const reply = await get<ResponseReport>(app, `/api/response?${query}`, cookies[user]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  it('gives the hand-computed medians, 90th percentiles and shares of the fixture’s calls', async () => {
    const body = await response(`area=${anfa}&from=2026-12-30&to=2027-01-04&exact=true`);
    expect(body.source).toBe('raw');
    const { summary } = body;
    expect(summary).toMatchObject({
      calls: 8,
      dispatched: 7,
      neverDispatched: 1,
      arrived: 6,
      neverArrived: 2,
      closed: 7,
      neverClosed: 1,
      withinStandard: 5,
      withinStandardPct: 62.5,
    });
    // Dispatch 0 1 2 3 4 8 8; arrival 6 10 12 19 20 40; close 5 25 30 40 50 75 90 (minutes).
    expect(summary.toDispatch).toEqual({ n: 7, medianSeconds: 3 * min, p90Seconds: 8 * min });
    expect(summary.toArrival).toEqual({ n: 6, medianSeconds: 15.5 * min, p90Seconds: 30 * min });
    expect(summary.toClose.medianSeconds).toBe(40 * min);
    expect(summary.toClose.p90Seconds).toBeCloseTo(81 * min, 6);
    // The SQL and the pure definition agree to the last bit.
    expect(summary).toEqual(responseTimes(timelines));
    expect(body.standards).toEqual([
      { priority: 1, minutes: 10 },
      { priority: 2, minutes: 20 },
      { priority: 3, minutes: 45 },
      { priority: 4, minutes: 90 },
    ]);
  });

  it('breaks the fixture down by priority, call type, local hour and week', async () => {
    const body = await response(`area=${anfa}&from=2026-12-30&to=2027-01-04&exact=true`);
    const brief = (t: ResponseTimes) => [t.calls, t.neverDispatched, t.neverArrived, t.withinStandard];
    expect(body.byPriority.map((p) => [p.priority, ...brief(p)])).toEqual([
      [1, 4, 1, 1, 2], // A, B, C, H
      [2, 3, 0, 1, 2], // D, E, F
      [3, 1, 0, 0, 1], // G
      [4, 0, 0, 0, 0],
    ]);
    expect(body.byPriority[0]?.toArrival).toMatchObject({ n: 3, medianSeconds: 10 * min });
    expect(body.byPriority[3]?.toArrival).toEqual({ n: 0, medianSeconds: null, p90Seconds: null });
    expect(body.byCallType.map((c) => [c.callType, c.calls])).toEqual([
      ['violence', 3],
      ['theft', 2],
      ['robbery', 1],
      ['disturbance', 1],
      ['domestic', 1],
    ]);
    // Hours of receipt in local time: H at 00:20, F and G at 23:xx.
    const hours = Object.fromEntries(body.byHour.filter((h) => h.calls > 0).map((h) => [h.hour, h.calls]));
    expect(hours).toEqual({ 0: 1, 8: 2, 14: 2, 20: 1, 23: 2 });
    expect(body.byHour).toHaveLength(24);
    expect(body.byWeek.map((w) => [w.weekStart, w.from, w.to, w.calls])).toEqual([
      ['2026-12-28', '2026-12-30', '2027-01-03', 7],
      ['2027-01-04', '2027-01-04', '2027-01-04', 1],
    ]);
  });

  it('reads the roll-up by default: the same counts and shares, percentiles within a bin, and says so', async () => {
    const query = `area=${anfa}&from=2026-12-30&to=2027-01-04`;
    const [binned, exact] = [await response(query), await response(`${query}&exact=true`)];
    expect([binned.source, exact.source]).toEqual(['rollup', 'raw']);
    const counts = ({ toDispatch: _d, toArrival: _a, toClose: _c, ...rest }: ResponseTimes) => rest;
    const every = (r: ResponseReport) => [r.summary, ...r.byPriority, ...r.byCallType, ...r.byHour, ...r.byWeek];
    expect(every(binned).map(counts)).toEqual(every(exact).map(counts));
    // Bins are about 2 % wide, so a percentile from them is within about 2 % of the exact one.
    every(binned).forEach((group, i) => {
      const other = every(exact)[i] as ResponseTimes;
      for (const kind of ['toDispatch', 'toArrival', 'toClose'] as const) {
        expect(group[kind].n).toBe(other[kind].n);
        for (const field of ['medianSeconds', 'p90Seconds'] as const) {
          const [a, b] = [group[kind][field], other[kind][field]];
          if (a === null || b === null) expect(a).toBe(b);
          else expect(Math.abs(a - b)).toBeLessThanOrEqual(0.021 * Math.max(a, b));
        }
      }
    });
    // A standard that is no bin edge is counted from the calls.
    expect((await response(`${query}&standards=10,20,45,181`)).source).toBe('raw');
  });

  it('counts a call on the local day it was received, across midnight and the new year', async () => {
    // H came in at 00:20 on 1 January (23:20 on 31 December in UTC); F at 23:55 on 31 December, on scene in 2027.
    expect((await response(`area=${anfa}&from=2027-01-01&to=2027-01-01&exact=true`)).summary).toMatchObject({
      calls: 1,
      toArrival: { n: 1, medianSeconds: 10 * min },
    });
    const december = await response(`area=${anfa}&from=2026-12-30&to=2026-12-31&exact=true`);
    expect(december.summary).toEqual(responseTimes(timelines.slice(0, 6)));
  });

  it('finds the same calls at every level of the hierarchy', async () => {
    const district = (await response(`area=${anfa}&from=2026-12-30&to=2027-01-04`)).summary;
    for (const code of [anfaPrefecture, city, '06.141', '06', 'MA']) {
      expect((await response(`area=${code}&from=2026-12-30&to=2027-01-04`)).summary, code).toEqual(district);
    }
  });

  it('filters one priority and takes other standards', async () => {
    const one = await response(`area=${anfa}&from=2026-12-30&to=2027-01-04&priority=1`);
    expect(one.priority).toBe(1);
    expect(one.summary).toMatchObject({ calls: 4, withinStandard: 2, withinStandardPct: 50 });
    expect(one.byPriority.map((p) => p.priority)).toEqual([1]);
    const strict = await response(`area=${anfa}&from=2026-12-30&to=2027-01-04&standards=5,15,30,60`);
    // On scene within 5 / 15 / 30 minutes: A (6) no, E (20) no, F (19) no, G (40) no, H (10) no.
    expect(strict.summary).toMatchObject({ withinStandard: 0, withinStandardPct: 0 });
    expect(strict.standards[1]).toEqual({ priority: 2, minutes: 15 });
  });

  it('matches the pure definitions exactly on the demo’s calls, by every grouping', async () => {
    const [from, to] = ['2025-12-29', '2026-11-20'];
    for (const code of ['06', anfaPrefecture]) {
      const raw = await rawCalls(t.db, code, from, to);
      expect(raw.length, code).toBeGreaterThan(10);
      const body = await response(`area=${code}&from=${from}&to=${to}&exact=true`);
      expect(body.summary).toEqual(responseTimes(raw));
      const by = <K extends string | number>(key: (c: (typeof raw)[number]) => K) =>
        responseTimesBy(raw, key, defaultResponseStandards).map((g) => [g.key, g.times]);
      expect(body.byPriority.filter((p) => p.calls > 0).map(({ priority, ...times }) => [priority, times])).toEqual(
        by((c) => c.priority),
      );
      expect(
        body.byCallType
          .map(({ callType, ...times }) => [callType, times] as const)
          .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      ).toEqual(by((c) => c.callType));
      expect(body.byHour.filter((h) => h.calls > 0).map(({ hour, ...times }) => [hour, times])).toEqual(
        by((c) => c.local.hour),
      );
      const weekStart = (day: string) => {
        const date = new Date(`${day}T00:00:00Z`);
        date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
        return date.toISOString().slice(0, 10);
      };
      expect(
        body.byWeek
          .filter((w) => w.calls > 0)
          .map(({ weekStart: start, from: _f, to: _t, ...times }) => [start, times]),
      ).toEqual(by((c) => weekStart(c.local.day)));
    }
  });

  it('gives the hand-computed clearance headline, categories and child areas', async () => {
    const reply = await get<ClearanceReport>(
      app,
      `/api/clearance?area=${city}&from=2026-12-01&to=2026-12-31`,
      cookies.dg,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { headline, byCategory, byChildArea } = reply.body;
    // Six incidents in December (not the one of 1 January), three solved in 2, 10 and 1 days.
    expect(headline.overall).toMatchObject({ incidents: 6, solved: 3, solvedPct: 50 });
    expect(headline.overall.timeToSolve).toMatchObject({ n: 3, medianSeconds: 2 * daySeconds });
    expect(headline.overall.timeToSolve.p90Seconds).toBeCloseTo(8.4 * daySeconds, 3);
    // Violent: the homicide (2 days) and two robberies (one solved in 10 days).
    expect(headline.violent).toMatchObject({ incidents: 3, solved: 2 });
    expect(headline.violent.solvedPct).toBeCloseTo(200 / 3, 10);
    expect(headline.violent.timeToSolve).toMatchObject({ n: 2, medianSeconds: 6 * daySeconds });
    expect(headline.violentCategories).toEqual(['homicide', 'assault_serious', 'sexual_violence', 'robbery']);
    expect(byCategory.map((c) => [c.category, c.incidents, c.solved])).toEqual([
      ['homicide', 1, 1],
      ['robbery', 2, 1],
      ['theft', 3, 1],
    ]);
    const children = byChildArea.filter((c) => c.incidents > 0);
    expect(children.map((c) => [c.area.code, c.incidents, c.solved])).toEqual([[anfaPrefecture, 6, 3]]);
    expect(byChildArea.length).toBeGreaterThan(1);
    expect(byChildArea.every((c) => c.area.code.startsWith('06.141.01.'))).toBe(true);
  });

  it('matches the pure clearance on the demo’s incidents', async () => {
    const [from, to] = ['2025-01-01', '2025-12-31'];
    const rows = await sql<{ category: string; occurredAt: Date; solvedAt: Date | null; occurredPrecision: string }>`
      select i.category, i.occurred_at, i.solved_at, i.occurred_precision
        from incident i
       where i.area_id in (select area_id from area_ancestor aa join area a on a.id = aa.ancestor_id where a.code = '06')
    `.execute(t.db);
    const inWindow = rows.rows.filter((r) => {
      const day = zonedParts(r.occurredAt).day;
      return r.occurredPrecision !== 'month' && day >= from && day <= to;
    });
    expect(inWindow.length).toBeGreaterThan(10);
    const expected = clearanceHeadline(inWindow, (c) => categoryOf(c).violent);
    const reply = await get<ClearanceReport>(app, `/api/clearance?area=06&from=${from}&to=${to}`, cookies.dg);
    const { headline, byCategory, byChildArea } = reply.body;
    expect({ overall: headline.overall, violent: headline.violent }).toEqual({
      overall: expected.overall,
      violent: expected.violent,
    });
    expect(
      byCategory
        .map(({ category, ...c }) => ({ category, clearance: c }))
        .sort((a, b) => (a.category < b.category ? -1 : 1)),
    ).toEqual(expected.byCategory);
    expect(byChildArea.reduce((sum, c) => sum + c.incidents, 0)).toBe(expected.overall.incidents);
  });

  it('answers inside the caller’s scope only, and 401 without a session', async () => {
    const own = await get<ResponseReport>(app, '/api/response?from=2026-12-30&to=2027-01-04', cookies.chief);
    expect(own.status).toBe(200);
    expect(own.body.area.code).toBe(anfa);
    expect(own.body.summary.calls).toBe(8);
    for (const [user, code] of [
      ['chief', city],
      ['wali7', anfa],
    ] as const) {
      for (const route of ['response', 'clearance']) {
        const reply = await get<ErrorReply>(
          app,
          `/api/${route}?area=${code}&from=2026-12-01&to=2026-12-31`,
          cookies[user],
        );
        expect(reply.status, `${route} ${user}`).toBe(403);
        expect(reply.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
      }
    }
    for (const route of ['response', 'clearance']) {
      const missing = await get<ErrorReply>(
        app,
        `/api/${route}?area=nowhere&from=2026-12-01&to=2026-12-31`,
        cookies.dg,
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'AREA_NOT_FOUND', field: 'area' });
      expect((await get(app, `/api/${route}?area=${anfa}&from=2026-12-01&to=2026-12-31`)).status).toBe(401);
    }
  });

  it.each([
    ['to=2026-12-31', 'from'],
    ['from=2026-02-30&to=2026-03-31', 'from'],
    ['from=2026-12-31&to=2026-12-01', 'to'],
    ['from=2000-01-01&to=2026-12-31', 'to'],
    ['from=2026-12-01&to=2026-12-31&priority=5', 'priority'],
    ['from=2026-12-01&to=2026-12-31&standards=10,20', 'standards'],
    ['from=2026-12-01&to=2026-12-31&standards=0,20,45,90', 'standards'],
    ['from=2026-12-01&to=2026-12-31&asOf=2026-12-31', 'asOf'],
  ])('rejects %s naming the field', async (query, field) => {
    const reply = await get<ErrorReply>(app, `/api/response?area=${anfa}&${query}`, cookies.dg);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it.runIf(engine === 'postgres')(
    'prints the figures as a table, and the two answers with --json',
    { timeout: 120_000 },
    async () => {
      const args = ['response', '--area', anfa, '--from', '2026-12-30', '--to', '2027-01-04', '--exact'];
      const [json, text, bad] = await Promise.all([
        runCli([...args, '--json'], { DATABASE_URL: t.url }),
        runCli(args, { DATABASE_URL: t.url }),
        runCli([...args, '--priority', '5'], { DATABASE_URL: t.url }),
      ]);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as { response: ResponseReport; clearance: ClearanceReport };
      expect(parsed.response.summary).toEqual(responseTimes(timelines));
      // The robbery of 30 December (solved in 10 days) and the thefts of 31 December and 1 January (1 day).
      expect(parsed.clearance.headline.overall).toMatchObject({ incidents: 3, solved: 2 });
      expect(text.code).toBe(0);
      // calls, never dispatched, never on scene, open; dispatch 3.0 / 8.0 and arrival 15.5 / 30.0 minutes; n 6; close
      // 40.0; 62.5 % within standard.
      expect(text.stdout).toMatch(/^all calls\s+8\s+1\s+2\s+1\s+3\.0\s+8\.0\s+15\.5\s+30\.0\s+6\s+40\.0\s+62\.5%$/m);
      expect(text.stdout).toMatch(/^violent\s+1\s+1\s+100\.0%\s+10\.0\s+10\.0$/m);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--priority: expected 1, 2, 3 or 4, not 5/);
    },
  );
});
