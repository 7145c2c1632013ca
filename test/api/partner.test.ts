/**
 * Partner access through the API, on both engines, over the small demo: a partner reads its territory in
 * aggregate (never a count below k, never an incident, a point or a time finer than a month; black spots only as
 * H3 cells of resolution 7) and the actions shared with it; nobody else reads the partner view, and a partner reads
 * nothing else. Plans take partners whose territory overlaps theirs, audited.
 */
import { cellToBoundary, getResolution, isValidCell } from 'h3-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerActions, PartnerOverview } from '../../src/contract/partner.js';
import type { PlanProgress } from '../../src/contract/plans.js';
import { demoPlanPartners, ensureDemoPlanPartners } from '../../src/ingest/demo-plans.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { listAudit } from '../../src/store/audit.js';
import { sessionCookie } from '../../src/server/auth.js';
import { createSession, createUser, findUserByUsername } from '../../src/store/users.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const k = 10;

/** Keys that would name, date or place an incident or a person. */
const forbiddenKeys = new Set([
  'id',
  'incidentId',
  'incidentIds',
  'lat',
  'lon',
  'latitude',
  'longitude',
  'point',
  'points',
  'occurredAt',
  'reportedAt',
  'solvedAt',
  'time',
  'externalId',
  'h3R8',
  'h3R9',
  'username',
  'displayName',
  'victim',
  'suspect',
]);

/** Every key of a JSON value, and every number array of length 2 (a position), walked depth first. */
function walk(value: unknown, keys: string[], positions: number[][]): void {
  if (Array.isArray(value)) {
    if (value.length === 2 && value.every((x) => typeof x === 'number')) positions.push(value);
    else for (const x of value) walk(x, keys, positions);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, x] of Object.entries(value)) {
      keys.push(key);
      walk(x, keys, positions);
    }
  }
}

async function send<T>(app: App, method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) {
  const response = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json<T>() } as Reply<T>;
}

describe.each(engines)('partner access on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};
  let planId: number;

  beforeAll(async () => {
    t = await seededDb(engine);
    const anfa = await findAreaByCode(t.db, '06.141.01.01');
    await createUser(t.db, {
      username: 'partner.anfa',
      displayName: 'partner.anfa',
      role: 'partner',
      partnerKind: 'civil_society',
      scopeAreaId: anfa?.id ?? null,
      password: 'partner-test-password',
    });
    app = await testApp(t.db);
    // One sign-in through the API; the other sessions come from the store (sign-in allows ten a minute).
    cookies['commune.casablanca'] = await signIn(app, 'commune.casablanca');
    const demo = ['dg', 'wali.casablanca', 'wali.marrakech', 'chief.anfa', 'analyst.rabat', 'opj.casablanca'];
    for (const u of [...demo, 'auditor', 'admin', 'parquet.casablanca', 'ong.marrakech', 'partner.anfa']) {
      const user = await findUserByUsername(t.db, u);
      if (!user) throw new Error(`no user ${u}`);
      cookies[u] = `${sessionCookie}=${(await createSession(t.db, user.id, 1)).token}`;
    }
    const plan = await sql<{ id: number }>`
      select p.id from plan p join area a on a.id = p.area_id where p.synthetic and a.code = '06'
    `.execute(t.db);
    planId = plan.rows[0]?.id ?? 0;
    expect(planId).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives a partner its territory in aggregate: nothing below k, no incident, black spots as H3 r7 cells', async () => {
    const reply = await get<PartnerOverview>(app, '/api/partner/overview', cookies['commune.casablanca']);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body;
    expect(body).toMatchObject({
      territory: { code: '06.141.01.0' },
      area: { code: '06.141.01.0' },
      k,
      synthetic: true,
    });
    expect(body).toMatchObject({ from: '2025-11', to: '2026-10' });
    expect(body.series[0]?.area.code).toBe('06.141.01.0');
    expect(body.series.length).toBeGreaterThan(1);
    let published = 0;
    for (const s of body.series) {
      expect(s.months.map((m) => m.month)).toHaveLength(12);
      for (const m of s.months) {
        for (const f of [m.total, ...m.sections]) {
          if (f.withheld) expect(f.count).toBeNull();
          else {
            published++;
            expect(f.count).toBeGreaterThanOrEqual(k);
          }
        }
      }
    }
    expect(published).toBeGreaterThan(0);
    // A published monthly total is the roll-up's own.
    const october = body.series[0]?.months.at(-1);
    const truth = await sql<{ n: number }>`
      select coalesce(sum(r.incidents), 0)::int as n from rollup_daily r join area a on a.id = r.area_id
       where a.code = '06.141.01.0' and r.day between '2026-10-01' and '2026-10-31'
    `.execute(t.db);
    if (october && !october.total.withheld) expect(october.total.count).toBe(truth.rows[0]?.n);

    const keys: string[] = [];
    const positions: number[][] = [];
    walk(body, keys, positions);
    expect(keys.filter((key) => forbiddenKeys.has(key))).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no instant anywhere
    const vertices = new Set<string>();
    for (const c of body.blackSpots.cells) {
      expect(isValidCell(c.cell) && getResolution(c.cell)).toBe(7);
      expect(c.count).toBeGreaterThanOrEqual(k);
      for (const p of cellToBoundary(c.cell, true)) vertices.add(p.join(','));
    }
    expect(body.blackSpots.boundaries.features).toHaveLength(body.blackSpots.cells.length);
    for (const p of positions) expect(vertices.has(p.join(',')), `position ${p.join(',')}`).toBe(true);
    for (const trend of [body.trend.total, ...body.trend.sections]) {
      expect(trend.withheld === (trend.changePct === null)).toBe(true);
    }
  });

  it('narrows to an area inside the territory and refuses any other with 403 OUT_OF_SCOPE', async () => {
    const inside = await get<PartnerOverview>(
      app,
      '/api/partner/overview?area=06.141.01.01&from=2026-09&to=2026-10',
      cookies['commune.casablanca'],
    );
    expect(inside.status, JSON.stringify(inside.body)).toBe(200);
    expect(inside.body.area.code).toBe('06.141.01.01');
    expect(inside.body.territory.code).toBe('06.141.01.0');
    for (const [user, area] of [
      ['commune.casablanca', '06.141'],
      ['commune.casablanca', '07'],
      ['ong.marrakech', '06'],
      ['partner.anfa', '06.141.01.0'],
    ] as const) {
      const reply = await get<ErrorReply>(app, `/api/partner/overview?area=${area}`, cookies[user]);
      expect(reply.status, `${user} ${area}`).toBe(403);
      expect(reply.body.code).toBe('OUT_OF_SCOPE');
    }
    const future = await get<ErrorReply>(app, '/api/partner/overview?to=2026-11', cookies['commune.casablanca']);
    expect([future.status, future.body.field]).toEqual([400, 'to']);
  });

  it('refuses the partner view to every other role, and everything else to a partner', async () => {
    for (const user of ['dg', 'wali.casablanca', 'chief.anfa', 'analyst.rabat', 'opj.casablanca', 'auditor', 'admin']) {
      for (const url of ['/api/partner/overview', '/api/partner/actions']) {
        const reply = await get<ErrorReply>(app, url, cookies[user]);
        expect([reply.status, reply.body.code], `${user} ${url}`).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect((await get(app, '/api/partner/overview')).status).toBe(401);
    for (const url of ['/api/incidents?area=06', '/api/hotspots/kde?area=06', '/api/stats/overview', '/api/plans']) {
      for (const user of ['commune.casablanca', 'parquet.casablanca', 'ong.marrakech']) {
        const reply = await get<ErrorReply>(app, url, cookies[user]);
        expect([reply.status, reply.body.code], `${user} ${url}`).toEqual([403, 'FORBIDDEN']);
      }
    }
    const write = await send<ErrorReply>(
      app,
      'POST',
      `/api/plans/${planId}/partners`,
      cookies['commune.casablanca'] ?? '',
      {
        username: 'commune.casablanca',
      },
    );
    expect(write.status).toBe(403);
  });

  it('gives a partner only the shared actions of the plans it takes part in', async () => {
    const shared = await sql<{ description: string }>`
      select description from plan_action where plan_id = ${planId} and shared order by due_day, id
    `.execute(t.db);
    expect(shared.rows).toHaveLength(2);
    for (const user of ['commune.casablanca', 'parquet.casablanca']) {
      const reply = await get<PartnerActions>(app, '/api/partner/actions', cookies[user]);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.plans).toHaveLength(1);
      const plan = reply.body.plans[0];
      expect(plan?.actions.map((a) => a.description)).toEqual(shared.rows.map((r) => r.description));
      expect(plan?.actions.some((a) => a.late)).toBe(true);
      expect(plan?.objectives.length).toBeGreaterThan(0);
      const keys: string[] = [];
      walk(reply.body, keys, []);
      expect(keys.filter((key) => forbiddenKeys.has(key))).toEqual([]);
    }
    const marrakech = await get<PartnerActions>(app, '/api/partner/actions', cookies['ong.marrakech']);
    expect([marrakech.status, marrakech.body.plans]).toEqual([200, []]);
  });

  it('puts the demo partners back on the demo plan when a server restarts on a demo that lacks them', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from plan_partner where plan_id = ${planId}`.execute(t.db))
        .rows[0]?.n;
    const before = await count();
    await sql`delete from plan_partner where plan_id = ${planId}`.execute(t.db);
    await ensureDemoPlanPartners(t.db);
    await ensureDemoPlanPartners(t.db);
    expect(await count()).toBe(before);
    expect(before).toBe(demoPlanPartners.length);
  });

  it('adds and removes partners whose territory overlaps the plan’s, shares actions, and audits each', async () => {
    const wali = cookies['wali.casablanca'] ?? '';
    const url = `/api/plans/${planId}/partners`;
    for (const username of ['ong.marrakech', 'dg', 'nobody']) {
      const refused = await send<ErrorReply>(app, 'POST', url, wali, { username });
      expect([refused.status, refused.body.field], username).toEqual([400, 'username']);
    }
    const elsewhere = await send<ErrorReply>(app, 'POST', url, cookies['wali.marrakech'] ?? '', {
      username: 'partner.anfa',
    });
    expect(elsewhere.status).toBe(403);

    const added = await send<PlanProgress>(app, 'POST', url, wali, { username: 'partner.anfa' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.plan.partners.map((p) => p.username)).toEqual([
      'commune.casablanca',
      'parquet.casablanca',
      'partner.anfa',
    ]);
    const seen = await get<PartnerActions>(app, '/api/partner/actions', cookies['partner.anfa']);
    expect(seen.body.plans[0]?.actions).toHaveLength(2);

    const unshared = added.body.plan.actions.find((a) => !a.shared);
    expect(unshared).toBeDefined();
    const byChief = await send<ErrorReply>(
      app,
      'PATCH',
      `/api/plans/${planId}/actions/${unshared?.id ?? 0}`,
      cookies['chief.anfa'] ?? '',
      { shared: true },
    );
    expect([byChief.status, byChief.body.field]).toEqual([403, 'shared']);
    const sharing = await send<PlanProgress>(app, 'PATCH', `/api/plans/${planId}/actions/${unshared?.id ?? 0}`, wali, {
      shared: true,
    });
    expect(sharing.status, JSON.stringify(sharing.body)).toBe(200);
    expect(
      (await get<PartnerActions>(app, '/api/partner/actions', cookies['partner.anfa'])).body.plans[0]?.actions,
    ).toHaveLength(3);

    const removed = await send<PlanProgress>(app, 'DELETE', `${url}/partner.anfa`, wali);
    expect(removed.status).toBe(200);
    expect(removed.body.plan.partners.map((p) => p.username)).not.toContain('partner.anfa');
    const again = await send<ErrorReply>(app, 'DELETE', `${url}/partner.anfa`, wali);
    expect([again.status, again.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    expect((await get<PartnerActions>(app, '/api/partner/actions', cookies['partner.anfa'])).body.plans).toEqual([]);

    const entries = async (action: 'plan.partner_add' | 'plan.partner_remove' | 'plan.action_share') =>
      listAudit(t.db, { action, user: 'wali.casablanca', limit: 10 });
    expect((await entries('plan.partner_add'))[0]).toMatchObject({
      targetKind: 'plan',
      targetId: String(planId),
      details: { username: 'partner.anfa' },
    });
    expect((await entries('plan.partner_remove'))[0]).toMatchObject({ details: { username: 'partner.anfa' } });
    expect((await entries('plan.action_share'))[0]).toMatchObject({
      details: { actionId: unshared?.id, shared: true },
    });
  });
});
