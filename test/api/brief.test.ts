/**
 * The meeting brief through the API, on both engines, over the small demo: the JSON answer is the CompStat table,
 * trends, alerts and plan follow-up the other routes give for the same area and week; the HTML document is the
 * brief in the language asked, with text written by users escaped; bad weeks, scopes and signed-out callers get
 * the errors they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/contract/brief.js';
import type { App } from '../../src/server/app.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const region = '06'; // Casablanca-Settat
const week = '2026-W47'; // Monday 16 to Sunday 22 November 2026; the demo's data stop on Friday 20 November

describe.each(engines)('the meeting brief (%s)', (engine) => {
  let t: TestDb;
  let app: App;
  let wali: string;
  let dg: string;

  beforeAll(async () => {
    t = await seededDb(engine);
    app = await testApp(t.db);
    wali = await signIn(app, 'wali.casablanca');
    dg = await signIn(app, 'dg');
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('gives the CompStat table, trends, alerts and plan follow-up of the week, as the other routes do', async () => {
    const reply = await get<Brief>(app, `/api/reports/brief?area=${region}&week=${week}`, wali);
    expect(reply.status).toBe(200);
    const brief = reply.body;
    expect(brief).toMatchObject({ week, weekFrom: '2026-11-16', weekTo: '2026-11-22', asOf: '2026-11-20' });
    expect(brief.weekComplete).toBe(false);
    expect(brief.synthetic).toBe(true);
    expect(brief.area.code).toBe(region);

    const compstat = await get(app, `/api/compstat?area=${region}&asOf=2026-11-20`, wali);
    expect(brief.compstat).toEqual(compstat.body);
    const trends = await get(app, `/api/compstat/trends?area=${region}&asOf=2026-11-20&weeks=13`, wali);
    expect(brief.trends).toEqual(trends.body);
    const alerts = await get<{ items: unknown[] }>(
      app,
      `/api/alerts?area=${region}&from=2026-11-16&to=2026-11-20&limit=500`,
      wali,
    );
    expect(brief.alertsTotal).toBe(alerts.body.items.length);
    const plans = await get<{ items: { id: number }[] }>(app, `/api/plans?area=${region}&asOf=2026-11-20`, wali);
    for (const plan of brief.followUp.plans.filter((p) => p.relation === 'covering')) {
      expect(plans.body.items.map((p) => p.id)).toContain(plan.id);
    }
    // The demo's emergency plan for the region, with a late action.
    expect(brief.followUp.plans.length).toBeGreaterThan(0);
    expect(brief.followUp.lateActions.every((a) => a.late)).toBe(true);
  });

  it('defaults to the week of the latest day with data', async () => {
    const reply = await get<Brief>(app, `/api/reports/brief?area=${region}`, wali);
    expect(reply.status).toBe(200);
    expect(reply.body.week).toBe(week);
  });

  it('gives the brief as one HTML document in Arabic by default, in French when asked', async () => {
    const ar = await app.inject({
      method: 'GET',
      url: `/api/reports/brief.html?area=${region}&week=${week}`,
      headers: { cookie: wali },
    });
    expect(ar.statusCode).toBe(200);
    expect(ar.headers['content-type']).toMatch(/^text\/html/);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('الدار البيضاء-سطات');
    expect(ar.body).toContain('معطيات اصطناعية');
    expect(ar.body).not.toMatch(/<script|src="http|href="http/);

    const fr = await app.inject({
      method: 'GET',
      url: `/api/reports/brief.html?area=${region}&week=${week}&lang=fr`,
      headers: { cookie: wali },
    });
    expect(fr.body).toContain('<html lang="fr" dir="ltr">');
    expect(fr.body).toContain('Casablanca-Settat');
    expect(fr.body).toContain('Données synthétiques');
  });

  it('prints what users wrote as text, never as markup', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const put = await app.inject({
      method: 'PUT',
      url: `/api/submissions?area=${region}&week=${week}`,
      headers: { cookie: wali },
      payload: { efforts: hostile, difficulties: 'R&D "quotes"' },
    });
    expect(put.statusCode).toBe(200);
    const html = await app.inject({
      method: 'GET',
      url: `/api/reports/brief.html?area=${region}&week=${week}`,
      headers: { cookie: wali },
    });
    expect(html.body).not.toContain('<script>');
    expect(html.body).not.toContain('<img src=x');
    expect(html.body).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html.body).toContain('R&#38;D &#34;quotes&#34;');
  });

  it('answers 400 naming the week for a week that does not exist or has not started', async () => {
    for (const bad of ['2026-W54', '2025-W53', '2027-W02']) {
      const reply = await get<ErrorReply>(app, `/api/reports/brief?area=${region}&week=${bad}`, dg);
      expect(reply.status, bad).toBe(400);
      expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'week' });
    }
    const malformed = await get<ErrorReply>(app, `/api/reports/brief?area=${region}&week=W47`, dg);
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('week');
    const lang = await get<ErrorReply>(app, `/api/reports/brief?area=${region}&lang=de`, dg);
    expect(lang.status).toBe(400);
    expect(lang.body.field).toBe('lang');
  });

  it('keeps a wali to the region: another region is 403, an unknown area 404, no session 401', async () => {
    const other = await get<ErrorReply>(app, `/api/reports/brief?area=07&week=${week}`, wali);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUT_OF_SCOPE');
    const html = await app.inject({ method: 'GET', url: `/api/reports/brief.html?area=07`, headers: { cookie: wali } });
    expect(html.statusCode).toBe(403);
    const unknown = await get<ErrorReply>(app, `/api/reports/brief?area=99.999`, dg);
    expect(unknown.status).toBe(404);
    const anonymous = await get<ErrorReply>(app, `/api/reports/brief?area=${region}`);
    expect(anonymous.status).toBe(401);
  });
});
