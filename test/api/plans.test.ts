/**
 * Plans and follow-up through the API, on both engines: a plan for Casablanca-Settat with objectives measured on
 * incidents written into Anfa on days at the edges of their windows (so the roll-up triggers count them), counted
 * by hand below; actions, one late; weekly submissions; who may write what; the field named on bad input; the
 * brief's `planFollowUp`; and `istibaq plans list`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFollowUp } from '../../src/analysis/plans.js';
import type { PlanList, PlanProgress, SubmissionWeek } from '../../src/contract/plans.js';
import type { CategoryCode } from '../../src/domain/category.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, loadAreaDirectory } from '../../src/store/areas.js';
import { openDb, type Db } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { listUnitsWithin } from '../../src/store/plans.js';
import { writeBatch } from '../../src/store/records.js';
import { unrestricted } from '../../src/store/scope.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const anfa = '06.141.01.01';
const password = 'plans fixture password';

/**
 * [local day, category, how many]. As of Sunday 15 November 2026 the 28 days are 19 October – 15 November 2026
 * and a year before 19 October – 15 November 2025.
 */
const fixture: [day: string, category: CategoryCode, n: number][] = [
  ['2025-10-18', 'theft', 3], // the day before last year's window
  ['2025-10-19', 'burglary', 12], // its first day
  ['2025-11-01', 'robbery', 5], // another category: in the total only
  ['2025-11-15', 'theft', 8], // its last day
  ['2026-10-19', 'burglary', 9], // the first day of this year's window
  ['2026-11-02', 'assault_minor', 2], // another category
  ['2026-11-15', 'theft', 9], // the as-of day
  ['2026-11-16', 'theft', 4], // the day after
];

async function loadFixture(db: Db): Promise<void> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const incidents = fixture.flatMap(([day, category, n]) =>
    Array.from({ length: n }, () => {
      const occurredAt = new Date(`${day}T12:00:00Z`);
      const record = makeIncident({ category, occurredAt, reportedAt: occurredAt });
      const place = locate(directory, record);
      if (!place || place.districtId !== directory.byCode(anfa)?.id) throw new Error('the fixture is not in Anfa');
      return { record, place };
    }),
  );
  await writeBatch(db, { incidents, calls: [] });
}

type Method = 'POST' | 'PATCH' | 'PUT';

async function send<T>(app: App, method: Method, url: string, payload: unknown, cookie: string): Promise<Reply<T>> {
  const response = await app.inject({ method, url, payload: payload as object, headers: { cookie } });
  return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
}

const plan = {
  kind: 'emergency',
  title: 'Burglary and theft in Casablanca-Settat',
  area: '06',
  start: '2026-10-01',
  end: '2026-12-31',
};

/** Burglary and theft in Anfa, the 28 days against a year before, 10 % fewer by 31 December. */
const countObjective = {
  area: anfa,
  categories: ['burglary', 'theft'],
  measure: 'count',
  window: 'rolling',
  windowDays: 28,
  baseline: 'year_before',
  targetChangePct: -10,
  deadline: '2026-12-31',
};

describe.each(engines)('plans and follow-up on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};
  let planId: number;
  let anfaUnit: string;
  let otherUnit: string;
  let marrakechUnit: string;
  let anfaPopulation: number;

  beforeAll(async () => {
    t = await freshDb(engine);
    await loadFixture(t.db);
    const area = async (code: string) => {
      const found = await findAreaByCode(t.db, code);
      if (!found) throw new Error(`no area ${code}`);
      return found;
    };
    anfaPopulation = (await area(anfa)).population ?? 0;
    expect(anfaPopulation).toBeGreaterThan(0);
    const districtUnits = (await listUnitsWithin(t.db, (await area('06')).id)).filter((u) => u.kind === 'district');
    anfaUnit = `D-${anfa}`;
    otherUnit = districtUnits.find((u) => u.code !== anfaUnit)?.code ?? '';
    marrakechUnit = (await listUnitsWithin(t.db, (await area('07')).id)).find((u) => u.kind === 'district')?.code ?? '';
    const users = [
      { username: 'dg', role: 'director_general', scope: null },
      { username: 'wali', role: 'wali', scope: '06' },
      { username: 'wali7', role: 'wali', scope: '07' },
      { username: 'chief', role: 'district_chief', scope: anfa },
      { username: 'analyst', role: 'analyst', scope: '06' },
    ] as const;
    for (const u of users) {
      const scopeAreaId = u.scope === null ? null : (await area(u.scope)).id;
      await createUser(t.db, { username: u.username, displayName: u.username, role: u.role, scopeAreaId, password });
    }
    app = await testApp(t.db, { demo: false });
    for (const u of users) cookies[u.username] = await signIn(app, u.username, password);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('creates a plan with objectives and computes their progress from the roll-up as counted by hand', async () => {
    const created = await send<PlanProgress>(app, 'POST', '/api/plans', plan, cookies.dg ?? '');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    planId = created.body.plan.id;
    expect(created.body.plan).toMatchObject({ status: 'active', area: { code: '06' }, ownerArea: { code: '06' } });
    const withCount = await send(app, 'POST', `/api/plans/${planId}/objectives`, countObjective, cookies.dg ?? '');
    expect(withCount.status, JSON.stringify(withCount.body)).toBe(201);
    const rate = { ...countObjective, categories: [], measure: 'rate' };
    expect((await send(app, 'POST', `/api/plans/${planId}/objectives`, rate, cookies.dg ?? '')).status).toBe(201);

    const reply = await get<PlanProgress>(app, `/api/plans/${planId}/progress?asOf=2026-11-15`, cookies.dg);
    expect(reply.status).toBe(200);
    const [count, total] = reply.body.plan.objectives;
    // Burglary and theft: 9 + 9 now against 12 + 8 a year before; the target 20 × 0.9 = 18, reached.
    expect(count?.progress).toMatchObject({
      status: 'on_track',
      measuredOn: '2026-11-15',
      current: { from: '2026-10-19', to: '2026-11-15', days: 28 },
      baseline: { from: '2025-10-19', to: '2025-11-15', days: 28 },
      currentCount: 18,
      baselineCount: 20,
      baselineValue: 20,
      currentValue: 18,
    });
    expect(count?.progress?.targetValue).toBeCloseTo(18, 10);
    expect(count?.progress?.achievedChangePct).toBeCloseTo(-10, 10);
    expect(count?.progress?.shareOfTarget).toBeCloseTo(1, 10);
    // 45 of the 91 days from 1 October to 31 December have gone: expected 20 − 2 × 45 / 91.
    expect(count?.progress?.expectedValue).toBeCloseTo(20 - (2 * 45) / 91, 10);
    // Every category, per 100,000: 9 + 2 + 9 = 20 now against 12 + 5 + 8 = 25, a fall of 20 %, twice the target's.
    const per = 100_000 / anfaPopulation;
    expect(total?.progress).toMatchObject({ status: 'on_track', currentCount: 20, baselineCount: 25 });
    expect(total?.progress?.currentValue).toBeCloseTo(20 * per, 10);
    expect(total?.progress?.baselineValue).toBeCloseTo(25 * per, 10);
    expect(total?.progress?.targetValue).toBeCloseTo(22.5 * per, 10);
    expect(total?.progress?.achievedChangePct).toBeCloseTo(-20, 10);
    expect(total?.progress?.shareOfTarget).toBeCloseTo(2, 10);
  });

  it('judges an objective on its deadline once passed: a zero baseline held at zero is achieved', async () => {
    const reply = await get<PlanProgress>(app, `/api/plans/${planId}/progress?asOf=2027-01-05`, cookies.dg);
    const progress = reply.body.plan.objectives[0]?.progress;
    expect(progress).toMatchObject({
      status: 'achieved',
      measuredOn: '2026-12-31',
      current: { from: '2026-12-04', to: '2026-12-31' },
      currentCount: 0,
      baselineCount: 0,
      achievedChangePct: null,
      shareOfTarget: null,
      elapsedShare: 1,
    });
  });

  it('flags an action past its due day and not done as late, and clears it once done', async () => {
    const late = { description: 'Night patrols in Maarif', ownerUnit: anfaUnit, due: '2026-11-10' };
    const added = await send<PlanProgress>(app, 'POST', `/api/plans/${planId}/actions`, late, cookies.wali ?? '');
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const onTime = { description: 'Meet shopkeepers', ownerUnit: otherUnit, due: '2026-11-30' };
    expect((await send(app, 'POST', `/api/plans/${planId}/actions`, onTime, cookies.wali ?? '')).status).toBe(201);

    const now = await get<PlanProgress>(app, `/api/plans/${planId}/progress?asOf=2026-11-20`, cookies.chief);
    expect(now.body.plan.actions.map((a) => [a.ownerUnit.code, a.late, a.daysLate, a.canUpdate])).toEqual([
      [anfaUnit, true, 10, true],
      [otherUnit, false, null, false],
    ]);
    expect(now.body.plan).toMatchObject({ openActions: 2, lateActions: 1, canEdit: false });
    const before = await get<PlanProgress>(app, `/api/plans/${planId}/progress?asOf=2026-11-10`, cookies.chief);
    expect(before.body.plan.lateActions).toBe(0);

    // The district chief marks his unit's action done: done today (the clock's 20 November), late no more.
    const id = now.body.plan.actions[0]?.id ?? 0;
    const done = await send<PlanProgress>(
      app,
      'PATCH',
      `/api/plans/${planId}/actions/${id}`,
      { status: 'done' },
      cookies.chief ?? '',
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.plan.actions[0]).toMatchObject({ status: 'done', doneOn: '2026-11-20', late: false });
    // As of the day before it was done, it was late.
    const then = await get<PlanProgress>(app, `/api/plans/${planId}/progress?asOf=2026-11-19`, cookies.dg);
    expect(then.body.plan.actions[0]).toMatchObject({ late: true, daysLate: 9 });
  });

  it('lets a district chief update only his district’s actions, and write no plan', async () => {
    const list = await get<PlanList>(app, `/api/plans?area=${anfa}&asOf=2026-11-20`, cookies.chief);
    expect(list.status).toBe(200);
    const other = list.body.items[0]?.actions.find((a) => a.ownerUnit.code === otherUnit);
    const reply = await send<ErrorReply>(
      app,
      'PATCH',
      `/api/plans/${planId}/actions/${other?.id ?? 0}`,
      { status: 'done' },
      cookies.chief ?? '',
    );
    expect(reply).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
    const own = list.body.items[0]?.actions.find((a) => a.ownerUnit.code === anfaUnit);
    const handOver = await send<ErrorReply>(
      app,
      'PATCH',
      `/api/plans/${planId}/actions/${own?.id ?? 0}`,
      { ownerUnit: otherUnit },
      cookies.chief ?? '',
    );
    expect(handOver).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE', field: 'ownerUnit' } });
    const create = await send<ErrorReply>(app, 'POST', '/api/plans', { ...plan, area: anfa }, cookies.chief ?? '');
    expect(create).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('refuses writes to analysts and to the wali of another region', async () => {
    const analyst = cookies.analyst ?? '';
    for (const [method, url, body] of [
      ['POST', '/api/plans', plan],
      ['PATCH', `/api/plans/${planId}`, { title: 'Renamed' }],
      ['POST', `/api/plans/${planId}/objectives`, countObjective],
      ['POST', `/api/plans/${planId}/actions`, { description: 'x', ownerUnit: anfaUnit, due: '2026-12-01' }],
      ['PUT', '/api/submissions?area=06&week=2026-W47', { efforts: 'x', difficulties: 'y' }],
    ] as const) {
      const reply = await send<ErrorReply>(app, method, url, body, analyst);
      expect({ url, status: reply.status, code: reply.body.code }).toEqual({ url, status: 403, code: 'FORBIDDEN' });
    }
    // The analyst still reads the plans of his region.
    expect((await get(app, `/api/plans/${planId}/progress`, analyst)).status).toBe(200);

    const wali7 = cookies.wali7 ?? '';
    expect(await send<ErrorReply>(app, 'POST', '/api/plans', plan, wali7)).toMatchObject({
      status: 403,
      body: { code: 'OUT_OF_SCOPE' },
    });
    expect(await send<ErrorReply>(app, 'PATCH', `/api/plans/${planId}`, { title: 'x' }, wali7)).toMatchObject({
      status: 403,
      body: { code: 'OUT_OF_SCOPE' },
    });
    expect((await get<ErrorReply>(app, `/api/plans/${planId}/progress`, wali7)).body.code).toBe('OUT_OF_SCOPE');
    expect((await get<ErrorReply>(app, '/api/plans?area=06', wali7)).status).toBe(403);
    const own = await get<PlanList>(app, '/api/plans', wali7);
    expect(own.body).toMatchObject({ area: { code: '07' }, items: [] });
  });

  it('lets the wali edit plans of his region, and shows a national plan to a district chief without its figures', async () => {
    const renamed = await send<PlanProgress>(
      app,
      'PATCH',
      `/api/plans/${planId}`,
      { title: 'Burglary and theft: emergency plan' },
      cookies.wali ?? '',
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.plan).toMatchObject({ title: 'Burglary and theft: emergency plan', canEdit: true });

    const national = await send<PlanProgress>(
      app,
      'POST',
      '/api/plans',
      { ...plan, kind: 'strategic', title: 'National', area: 'MA' },
      cookies.dg ?? '',
    );
    const nationalId = national.body.plan.id;
    for (const area of ['MA', anfa]) {
      const objective = { ...countObjective, area };
      expect((await send(app, 'POST', `/api/plans/${nationalId}/objectives`, objective, cookies.dg ?? '')).status).toBe(
        201,
      );
    }
    const seen = await get<PlanProgress>(app, `/api/plans/${nationalId}/progress?asOf=2026-11-15`, cookies.chief);
    expect(seen.status).toBe(200);
    expect(seen.body.plan.objectives.map((o) => [o.area.code, o.withheld, o.progress?.currentCount ?? null])).toEqual([
      ['MA', true, null],
      [anfa, false, 18],
    ]);
    // The broadest plan first; the other region's wali sees neither.
    const list = await get<PlanList>(app, `/api/plans?area=${anfa}&asOf=2026-11-15`, cookies.chief);
    expect(list.body.items.map((p) => p.area.code)).toEqual(['MA', '06']);
    expect(await send(app, 'PATCH', `/api/plans/${nationalId}`, { status: 'closed' }, cookies.dg ?? '')).toMatchObject({
      status: 200,
    });
  });

  it('keeps one submission per area and week, replaced on each write, with the children’s, until the week ends', async () => {
    const put = (area: string, week: string, body: unknown, user: string) =>
      send<SubmissionWeek>(app, 'PUT', `/api/submissions?area=${area}&week=${week}`, body, cookies[user] ?? '');
    const first = await put('06', '2026-W47', { efforts: 'Patrols doubled', difficulties: 'Few vehicles' }, 'wali');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await put('06', '2026-W47', { efforts: 'Patrols tripled', difficulties: '' }, 'wali');
    expect(second.body).toMatchObject({
      week: '2026-W47',
      from: '2026-11-16',
      to: '2026-11-22',
      open: true,
      canWrite: true,
      submission: { area: { code: '06' }, efforts: 'Patrols tripled', difficulties: '', submittedBy: 'wali' },
    });
    expect((await put('06.141', '2026-W47', { efforts: 'Prefecture', difficulties: '-' }, 'dg')).status).toBe(200);
    expect((await put(anfa, '2026-W47', { efforts: 'District', difficulties: '-' }, 'chief')).status).toBe(200);
    expect(await put('06', '2026-W47', { efforts: 'x', difficulties: 'y' }, 'chief')).toMatchObject({
      status: 403,
      body: { code: 'OUT_OF_SCOPE', field: 'area' },
    });
    expect(await put('06', '2026-W46', { efforts: 'x', difficulties: 'y' }, 'wali')).toMatchObject({
      status: 409,
      body: { code: 'SUBMISSION_CLOSED', field: 'week' },
    });

    // The current week by default (Friday 20 November 2026 is in week 47); the children's beside.
    const read = await get<SubmissionWeek>(app, '/api/submissions?area=06', cookies.analyst);
    expect(read.body).toMatchObject({ week: '2026-W47', canWrite: false, submission: { efforts: 'Patrols tripled' } });
    expect(read.body.children.map((s) => s.area.code)).toEqual(['06.141']);
    const empty = await get<SubmissionWeek>(app, '/api/submissions?area=06&week=2026-W40', cookies.wali);
    expect(empty.body).toMatchObject({ open: false, submission: null, children: [] });
  });

  it('gives the meeting brief the plans, open and late actions and the week’s submissions', async () => {
    const region = await findAreaByCode(t.db, '06');
    const brief = await planFollowUp(t.db, unrestricted, {
      areaId: region?.id ?? 0,
      asOf: '2026-11-20',
      week: '2026-W47',
    });
    expect(brief).toMatchObject({
      area: { code: '06' },
      asOf: '2026-11-20',
      weekFrom: '2026-11-16',
      weekTo: '2026-11-22',
    });
    // The national plan was closed: only the region's remains.
    expect(brief.plans.map((p) => [p.area.code, p.relation])).toEqual([['06', 'covering']]);
    expect(brief.plans[0]?.objectives[0]?.progress?.status).toBeDefined();
    expect(brief.openActions.map((a) => [a.ownerUnit.code, a.late])).toEqual([[otherUnit, false]]);
    expect(brief.lateActions).toEqual([]);
    expect(brief.submissions.map((s) => s.area.code)).toEqual(['06', '06.141']);
    expect(brief.missingSubmissions.map((a) => a.code)).not.toContain('06.141');
    expect(brief.missingSubmissions.length).toBeGreaterThan(0);
    const late = await planFollowUp(t.db, unrestricted, {
      areaId: region?.id ?? 0,
      asOf: '2026-11-19',
      week: '2026-W47',
    });
    expect(late.lateActions.map((a) => [a.ownerUnit.code, a.daysLate, a.planTitle])).toEqual([
      [anfaUnit, 9, 'Burglary and theft: emergency plan'],
    ]);
  });

  it.each([
    ['POST', '/api/plans', { ...plan, end: '2026-09-30' }, 'end'],
    ['POST', '/api/plans', { ...plan, start: '2026-02-30' }, 'start'],
    ['POST', '/api/plans', { ...plan, title: ' ' }, 'title'],
    ['POST', '/api/plans', { ...plan, kind: 'urgent' }, 'kind'],
    ['POST', '/api/plans', { ...plan, colour: 'red' }, 'colour'],
    ['POST', '/api/plans', { ...plan, area: 'nowhere' }, 'area'],
    ['OBJ', '', { ...countObjective, windowDays: undefined }, 'windowDays'],
    ['OBJ', '', { ...countObjective, targetChangePct: 0 }, 'targetChangePct'],
    ['OBJ', '', { ...countObjective, deadline: '2027-01-31' }, 'deadline'],
    ['OBJ', '', { ...countObjective, area: '07' }, 'area'],
    ['OBJ', '', { ...countObjective, categories: ['piracy'] }, 'categories'],
    ['OBJ', '', { ...countObjective, baseline: 'fixed', baselineFrom: '2025-01-01' }, 'baselineTo'],
    ['ACT', '', { description: 'x', ownerUnit: 'D-nowhere', due: '2026-12-01' }, 'ownerUnit'],
    ['ACT', '', { description: 'x', ownerUnit: 'MARRAKECH', due: '2026-12-01' }, 'ownerUnit'],
    [
      'ACT',
      '',
      { description: 'x', ownerUnit: 'ANFA', due: '2026-12-01', status: 'done', doneOn: '2026-12-01' },
      'doneOn',
    ],
    ['ACT', '', { description: 'x', ownerUnit: 'ANFA', due: '2026-12-01', doneOn: '2026-11-01' }, 'doneOn'],
    ['PUT', '/api/submissions?area=06&week=2026-W54', { efforts: 'x', difficulties: 'y' }, 'week'],
    ['PUT', '/api/submissions?area=06&week=2026-47', { efforts: 'x', difficulties: 'y' }, 'week'],
    ['PUT', '/api/submissions?area=06&week=2026-W47', { efforts: 'x' }, 'difficulties'],
  ] as const)('answers 400 naming the field: %s %s → %s', async (kind, url, body, field) => {
    const units: Record<string, string> = { ANFA: anfaUnit, MARRAKECH: marrakechUnit };
    const payload =
      'ownerUnit' in body ? { ...body, ownerUnit: units[body.ownerUnit] ?? body.ownerUnit } : (body as unknown);
    const [method, path] =
      kind === 'OBJ'
        ? (['POST', `/api/plans/${planId}/objectives`] as const)
        : kind === 'ACT'
          ? (['POST', `/api/plans/${planId}/actions`] as const)
          : ([kind, url] as const);
    const reply = await send<ErrorReply>(app, method, path, payload, cookies.dg ?? '');
    const expected = field === 'area' && kind === 'POST' ? 404 : 400;
    expect(reply.status, JSON.stringify(reply.body)).toBe(expected);
    expect(reply.body.field).toBe(field);
  });

  it('answers 400 on a bad asOf, 404 for an unknown plan or action, and 401 without a session', async () => {
    expect(
      (await get<ErrorReply>(app, `/api/plans/${planId}/progress?asOf=2026-02-30`, cookies.dg)).body,
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'asOf' });
    expect((await get<ErrorReply>(app, '/api/plans?period=week', cookies.dg)).body).toMatchObject({ field: 'period' });
    expect((await get<ErrorReply>(app, '/api/plans/999999/progress', cookies.dg)).body.code).toBe('PLAN_NOT_FOUND');
    const reply = await send<ErrorReply>(
      app,
      'PATCH',
      `/api/plans/${planId}/actions/999999`,
      { status: 'done' },
      cookies.dg ?? '',
    );
    expect(reply).toMatchObject({ status: 404, body: { code: 'ACTION_NOT_FOUND' } });
    expect((await get(app, '/api/plans')).status).toBe(401);
  });
});

describe('istibaq plans list', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'istibaq-plans-'));
    const db = await openDb(dir);
    try {
      await migrateToLatest(db);
      await loadFixture(db);
      const region = await findAreaByCode(db, '06');
      const district = await findAreaByCode(db, anfa);
      const unit = (await listUnitsWithin(db, district?.id ?? 0))[0];
      const { insertPlan, insertObjective, insertAction } = await import('../../src/store/plans.js');
      const planId = await insertPlan(db, {
        kind: 'emergency',
        title: 'Burglary and theft',
        areaId: region?.id ?? 0,
        ownerAreaId: region?.id ?? 0,
        start: '2026-10-01',
        end: '2026-12-31',
        status: 'active',
        createdBy: null,
      });
      await insertObjective(db, {
        planId,
        areaId: district?.id ?? 0,
        categories: ['burglary', 'theft'],
        measure: 'count',
        window: 'rolling',
        windowDays: 28,
        windowFrom: null,
        windowTo: null,
        baseline: 'year_before',
        baselineFrom: null,
        baselineTo: null,
        targetChangePct: -10,
        deadline: '2026-12-31',
      });
      await insertAction(db, {
        planId,
        description: 'Night patrols',
        ownerUnitId: unit?.id ?? 0,
        due: '2026-11-10',
        status: 'open',
        doneOn: null,
      });
    } finally {
      await db.destroy();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const istibaq = (args: string[]) => runCli(['plans', 'list', ...args], { ISTIBAQ_DATA: dir });

  it(
    'prints the plans with their objectives’ progress and late actions, and the API’s answer with --json',
    { timeout: 120_000 },
    async () => {
      const text = await istibaq(['--area', anfa, '--as-of', '2026-11-15']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/as of 2026-11-15/);
      expect(text.stdout).toMatch(
        /burglary\+theft count in .* \(06\.141\.01\.01\), 28 days vs a year before, -10\.0% by 2026-12-31: baseline 20\.0 → now 18\.0 → target 18\.0 \(-10\.0%, 100% of the target\) on track/,
      );
      expect(text.stdout).toMatch(/LATE #\d+ due 2026-11-10 \(5 d late\), D-06\.141\.01\.01: Night patrols/);
      const json = await istibaq(['--area', '06', '--as-of', '2026-11-15', '--json']);
      expect(json.code).toBe(0);
      const list = JSON.parse(json.stdout) as PlanList;
      expect(list.items[0]?.objectives[0]?.progress).toMatchObject({ currentCount: 18, baselineCount: 20 });
    },
  );

  it('exits 2 on a bad day or an unknown area', { timeout: 60_000 }, async () => {
    expect((await istibaq(['--as-of', '2026-02-30'])).code).toBe(2);
    const unknown = await istibaq(['--area', 'nowhere']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--area/);
  });
});
