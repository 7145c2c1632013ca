/**
 * The restricted register through the API and the store, on both engines: only the judicial police may use it,
 * within its scope (an entry outside it answers 404 like a missing one); every read states a purpose and is
 * recorded with it; lapsed and withdrawn entries are read no more and a lapsed one cannot be renewed; an entry is
 * listed for open cases of the caller's scope only; and the sweep records lapses once and blanks old entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../src/paths.js';
import type { ErrorBody } from '../../src/contract/common.js';
import type { RegisterEntry, RegisterPage, RegisterValidity } from '../../src/contract/register.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { listAudit, systemActor } from '../../src/store/audit.js';
import { createRegisterEntry, sweepRegister } from '../../src/store/register.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { testUntil } from '../fixtures.js';
import { get, signIn, testApp, type Reply } from './helpers.js';

const dayMs = 86_400_000;
const purpose = 'Enquête 2026/118 : vérification avant audition';
const list = (query = '') => `/api/register?purpose=${encodeURIComponent(purpose)}${query}`;
const detail = (id: number) => `/api/register/${id}?purpose=${encodeURIComponent(purpose)}`;
const password = 'register fixture password';

/** The roles other than the judicial police, by a demo account of each. */
const otherRoles = [
  ['director_general', 'dg'],
  ['wali', 'wali.casablanca'],
  ['district_chief', 'chief.anfa'],
  ['analyst', 'analyst.rabat'],
  ['partner', 'commune.casablanca'],
  ['auditor', 'auditor'],
  ['administrator', 'admin'],
] as const;

describe('the register’s tables', () => {
  it('are named by no source file but the register’s store, its migration and the schema types', () => {
    const naming = readdirSync(join(rootDir, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) =>
        /register_entry|register_case_link|registerEntry|registerCaseLink/.test(
          readFileSync(join(rootDir, 'src', file), 'utf8'),
        ),
      )
      .map((file) => file.replaceAll('\\', '/'))
      .sort();
    expect(naming).toEqual(['store/migrations/0013-register.ts', 'store/register.ts', 'store/schema.ts']);
  });
});

describe.each(engines)('the restricted register on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};
  /** Open incidents in Casablanca-Settat, a solved one there, and an open one in Marrakech-Safi. */
  let open06: { id: number; districtCode: string }[];
  let solved06: number;
  let open07: number;

  const send = async <T>(method: 'POST', url: string, user: string, payload: object): Promise<Reply<T>> => {
    const response = await app.inject({ method, url, payload, headers: { cookie: cookies[user] ?? '' } });
    return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
  };
  const reads = () => listAudit(t.db, { action: 'register.read', limit: 1000 });
  const openIn = async (region: string, solved: boolean) => {
    const area = await findAreaByCode(t.db, region);
    let q = t.db
      .selectFrom('incident')
      .innerJoin('area as d', 'd.id', 'incident.districtId')
      .select(['incident.id', 'd.code as districtCode'])
      .where('incident.regionId', '=', area?.id ?? -1);
    q = solved
      ? q.where('incident.solvedAt', 'is not', null)
      : q.where('incident.solvedAt', 'is', null).where('incident.status', 'in', ['recorded', 'under_investigation']);
    return (await q.orderBy('incident.id', 'desc').limit(10).execute()).map((r) => ({ ...r, id: Number(r.id) }));
  };
  const create = (user: string, over: Record<string, unknown> = {}) =>
    send<RegisterValidity>('POST', '/api/register', user, {
      kind: 'wanted',
      fullName: 'Personne Fictive',
      aliases: ['Alias Un'],
      birthYear: 1990,
      description: 'Made up for the test',
      grounds: 'Mandat d’arrêt fictif',
      area: open06[0]?.districtCode,
      caseIds: [open06[0]?.id],
      ...over,
    });

  beforeAll(async () => {
    t = await seededDb(engine);
    const marrakech = await findAreaByCode(t.db, '07');
    await createUser(t.db, {
      username: 'opj.marrakech.test',
      displayName: 'OPJ Marrakech',
      password,
      role: 'judicial_police',
      scopeAreaId: marrakech?.id ?? null,
    });
    app = await testApp(t.db);
    cookies['opj.casablanca'] = await signIn(app, 'opj.casablanca');
    cookies['opj.marrakech.test'] = await signIn(app, 'opj.marrakech.test', password);
    for (const [, username] of otherRoles) cookies[username] = await signIn(app, username);
    open06 = await openIn('06', false);
    solved06 = (await openIn('06', true))[0]?.id ?? -1;
    open07 = (await openIn('07', false))[0]?.id ?? -1;
    expect(open06.length).toBeGreaterThan(2);
    expect(solved06).toBeGreaterThan(0);
    expect(open07).toBeGreaterThan(0);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses a read without a purpose, or with too short a one, as 400 on purpose and records nothing', async () => {
    const before = (await reads()).length;
    for (const url of [
      '/api/register',
      '/api/register?purpose=short',
      `/api/register?purpose=${encodeURIComponent('          x')}`,
      '/api/register/1',
      '/api/register/1?purpose=',
    ]) {
      const reply = await get<ErrorBody>(app, url, cookies['opj.casablanca']);
      expect(reply.status, url).toBe(400);
      expect(reply.body, url).toMatchObject({ code: 'VALIDATION_FAILED', field: 'purpose' });
    }
    expect(await reads()).toHaveLength(before);
  });

  it('lists the live demo entries of the officer’s scope, marked synthetic, and records the read with its purpose but not the names', async () => {
    const reply = await get<RegisterPage>(app, list(), cookies['opj.casablanca']);
    expect(reply.status).toBe(200);
    const demo = reply.body.items.filter((e) => e.synthetic);
    expect(demo).toHaveLength(5);
    for (const entry of demo) {
      expect(entry.area.code.startsWith('06.')).toBe(true);
      expect(entry.daysLeft).toBeGreaterThan(0);
      expect(entry.openCases).toBeGreaterThan(0);
    }
    const [entry] = await reads();
    expect(entry).toMatchObject({
      actorName: 'opj.casablanca',
      action: 'register.read',
      details: { purpose, count: reply.body.items.length, query: { limit: 50 } },
    });
    expect(JSON.stringify(entry?.details)).not.toContain(demo[0]?.fullName ?? '?');
  });

  it('searches names and aliases and filters by kind', async () => {
    const all = (await get<RegisterPage>(app, list(), cookies['opj.casablanca'])).body.items;
    const withAlias = all.find((e) => e.aliases.length > 0);
    const byAlias = await get<RegisterPage>(
      app,
      list(`&q=${encodeURIComponent(withAlias?.aliases[0]?.toLowerCase() ?? '?')}`),
      cookies['opj.casablanca'],
    );
    expect(byAlias.body.items.map((e) => e.id)).toContain(withAlias?.id);
    const poi = await get<RegisterPage>(app, list('&kind=person_of_interest'), cookies['opj.casablanca']);
    expect(poi.body.items.length).toBeGreaterThan(0);
    expect(poi.body.items.every((e) => e.kind === 'person_of_interest')).toBe(true);
  });

  it('reads one entry with its linked cases and records the read against the entry', async () => {
    const [first] = (await get<RegisterPage>(app, list(), cookies['opj.casablanca'])).body.items;
    if (!first) throw new Error('no entry');
    const reply = await get<RegisterEntry>(app, detail(first.id), cookies['opj.casablanca']);
    expect(reply.status).toBe(200);
    expect(reply.body.grounds.length).toBeGreaterThan(0);
    expect(reply.body.linked.length).toBe(first.cases);
    expect(reply.body.linked[0]).toMatchObject({ open: true, district: expect.stringMatching(/^06\./) as unknown });
    const [entry] = await reads();
    expect(entry).toMatchObject({
      targetKind: 'register_entry',
      targetId: String(first.id),
      details: { purpose, count: 1 },
    });
  });

  it.each(otherRoles)('refuses every register route to the %s (%s) with 403, recording nothing', async (_, user) => {
    const before = (await reads()).length;
    const calls: [string, string, object?][] = [
      ['GET', list()],
      ['GET', detail(1)],
      ['POST', '/api/register', { kind: 'wanted' }],
      ['POST', '/api/register/1/renew', { days: 30, reason: 'still sought' }],
      ['POST', '/api/register/1/withdraw', { reason: 'arrested' }],
      ['POST', '/api/register/1/cases', { incidentId: 1 }],
    ];
    for (const [method, url, payload] of calls) {
      const response = await app.inject({
        method: method as 'GET' | 'POST',
        url,
        ...(payload ? { payload } : {}),
        headers: { cookie: cookies[user] ?? '' },
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json<ErrorBody>().code).toBe('FORBIDDEN');
    }
    expect(await reads()).toHaveLength(before);
  });

  it('hides an entry of Casablanca-Settat from an officer of Marrakech-Safi: not listed, and 404 like a missing one', async () => {
    const created = await create('opj.casablanca');
    expect(created.status).toBe(201);
    const { id } = created.body;
    const listed = await get<RegisterPage>(app, list(), cookies['opj.marrakech.test']);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e) => e.id)).not.toContain(id);
    const outside = await get<ErrorBody>(app, detail(id), cookies['opj.marrakech.test']);
    const missing = await get<ErrorBody>(app, detail(999_999), cookies['opj.marrakech.test']);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ENTRY_NOT_FOUND');
    expect({ ...outside.body, message: '' }).toEqual({ ...missing.body, message: '' });
    for (const [url, payload] of [
      [`/api/register/${id}/renew`, { days: 30, reason: 'still sought' }],
      [`/api/register/${id}/withdraw`, { reason: 'arrested' }],
      [`/api/register/${id}/cases`, { incidentId: open07 }],
    ] as const) {
      const reply = await send<ErrorBody>('POST', url, 'opj.marrakech.test', payload);
      expect(reply.status, url).toBe(404);
      expect(reply.body.code, url).toBe('ENTRY_NOT_FOUND');
    }
  });

  it('creates an entry valid 90 days and records it without the personal fields', async () => {
    const created = await create('opj.casablanca', { fullName: 'Nom Très Particulier', aliases: [' X ', 'x'] });
    expect(created.status).toBe(201);
    expect(created.body.daysLeft).toBe(90);
    expect(created.body.expiresAt).toBe(new Date(testUntil.getTime() + 90 * dayMs).toISOString());
    const [entry] = await listAudit(t.db, { action: 'register.create', limit: 1 });
    expect(entry).toMatchObject({
      actorName: 'opj.casablanca',
      targetId: String(created.body.id),
      details: { id: created.body.id, kind: 'wanted', caseIds: [open06[0]?.id] },
    });
    expect(JSON.stringify(entry?.details)).not.toMatch(/Particulier|1990|Made up/);
    const read = await get<RegisterEntry>(app, detail(created.body.id), cookies['opj.casablanca']);
    expect(read.body).toMatchObject({ fullName: 'Nom Très Particulier', aliases: ['X'], createdBy: 'opj.casablanca' });
  });

  it('refuses to list a person for a solved case, a case outside the scope or no case, as 400 on caseIds', async () => {
    for (const caseIds of [[solved06], [open07], [999_999_999], [open06[0]?.id, solved06]]) {
      const reply = await create('opj.casablanca', { caseIds });
      expect(reply.status, JSON.stringify(caseIds)).toBe(400);
      expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'caseIds' });
    }
    const none = await create('opj.casablanca', { caseIds: [] });
    expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'caseIds' });
    const elsewhere = await create('opj.marrakech.test', {});
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
  });

  it('links another open case, refuses a solved one on incidentId, and records the link', async () => {
    const { id } = (await create('opj.casablanca')).body;
    const added = await send<{ added: boolean }>('POST', `/api/register/${id}/cases`, 'opj.casablanca', {
      incidentId: open06[1]?.id,
    });
    expect(added).toMatchObject({ status: 200, body: { added: true } });
    const [entry] = await listAudit(t.db, { action: 'register.link', limit: 1 });
    expect(entry).toMatchObject({ targetId: String(id), details: { incidentId: open06[1]?.id } });
    const solved = await send<ErrorBody>('POST', `/api/register/${id}/cases`, 'opj.casablanca', {
      incidentId: solved06,
    });
    expect(solved).toMatchObject({ status: 400, body: { field: 'incidentId' } });
    const read = await get<RegisterEntry>(app, detail(id), cookies['opj.casablanca']);
    expect(read.body.linked.map((c) => c.incidentId).sort()).toEqual([open06[0]?.id, open06[1]?.id].sort());
  });

  it('neither lists nor reads the lapsed demo entry, nor renews it', async () => {
    const lapsed = await t.db
      .selectFrom('registerEntry')
      .select('id')
      .where('synthetic', '=', true)
      .where('expiresAt', '<=', testUntil)
      .execute();
    expect(lapsed).toHaveLength(1);
    const id = lapsed[0]?.id ?? -1;
    const listed = await get<RegisterPage>(app, list(), cookies['opj.casablanca']);
    expect(listed.body.items.map((e) => e.id)).not.toContain(id);
    expect((await get<ErrorBody>(app, detail(id), cookies['opj.casablanca'])).status).toBe(404);
    const renewed = await send<ErrorBody>('POST', `/api/register/${id}/renew`, 'opj.casablanca', {
      days: 90,
      reason: 'still sought',
    });
    expect(renewed).toMatchObject({ status: 404, body: { code: 'ENTRY_NOT_FOUND' } });
  });

  it('renews a live entry from now for up to 180 days, with a reason, and records it', async () => {
    const { id } = (await create('opj.casablanca')).body;
    const renewed = await send<RegisterValidity>('POST', `/api/register/${id}/renew`, 'opj.casablanca', {
      days: 180,
      reason: 'toujours recherché',
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toEqual({
      id,
      expiresAt: new Date(testUntil.getTime() + 180 * dayMs).toISOString(),
      daysLeft: 180,
    });
    const [entry] = await listAudit(t.db, { action: 'register.renew', limit: 1 });
    expect(entry).toMatchObject({ targetId: String(id), details: { reason: 'toujours recherché' } });
    for (const payload of [{ days: 181, reason: 'x' }, { days: 30 }, { days: 0, reason: 'x' }]) {
      const refused = await send<ErrorBody>('POST', `/api/register/${id}/renew`, 'opj.casablanca', payload);
      expect(refused.status, JSON.stringify(payload)).toBe(400);
    }
  });

  it('withdraws an entry with a reason: it is listed and read no more', async () => {
    const { id } = (await create('opj.casablanca')).body;
    const withdrawn = await send('POST', `/api/register/${id}/withdraw`, 'opj.casablanca', { reason: 'interpellé' });
    expect(withdrawn).toMatchObject({ status: 200, body: { id, withdrawn: true } });
    const listed = await get<RegisterPage>(app, list(), cookies['opj.casablanca']);
    expect(listed.body.items.map((e) => e.id)).not.toContain(id);
    expect((await get(app, detail(id), cookies['opj.casablanca'])).status).toBe(404);
    const again = await send('POST', `/api/register/${id}/withdraw`, 'opj.casablanca', { reason: 'interpellé' });
    expect(again.status).toBe(404);
  });

  it('sweeps: records each lapse once and blanks the personal fields of entries ended 30 days ago or more', async () => {
    const district = await findAreaByCode(t.db, open06[0]?.districtCode ?? '?');
    const entry = (daysAgo: number) =>
      createRegisterEntry(
        t.db,
        {
          kind: 'person_of_interest',
          fullName: `Ancienne ${daysAgo}`,
          aliases: ['Ancien'],
          birthYear: 1970,
          description: 'lapsed',
          grounds: 'old grounds',
          areaId: district?.id ?? -1,
          caseIds: [open06[0]?.id ?? -1],
          createdBy: null,
          createdAt: new Date(testUntil.getTime() - (daysAgo + 90) * dayMs),
          expiresAt: new Date(testUntil.getTime() - daysAgo * dayMs),
        },
        systemActor,
      );
    const old = await entry(40);
    const recent = await entry(5);
    const result = await sweepRegister(t.db, testUntil, systemActor);
    // The two above and the demo's lapsed entry.
    expect(result).toEqual({ expired: 3, minimised: 1 });
    const rows = await t.db
      .selectFrom('registerEntry')
      .select(['id', 'fullName', 'aliases', 'birthYear', 'description', 'grounds', 'minimisedAt'])
      .where('id', 'in', [old, recent])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ fullName: null, aliases: [], birthYear: null, description: null });
    expect(rows[0]?.minimisedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ fullName: 'Ancienne 5', minimisedAt: null });
    const expiries = await listAudit(t.db, { action: 'register.expire', limit: 10 });
    expect(expiries.map((e) => e.targetId)).toEqual(expect.arrayContaining([String(old), String(recent)]));
    expect(JSON.stringify(expiries.map((e) => e.details))).not.toContain('Ancienne');
    expect(await sweepRegister(t.db, testUntil, systemActor)).toEqual({ expired: 0, minimised: 0 });
  });

  it.runIf(engine === 'postgres')('runs the sweep from the command line and prints its counts', async () => {
    const run = await runCli(['register', 'sweep', '--json'], { DATABASE_URL: t.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      expired: expect.any(Number) as unknown,
      minimised: expect.any(Number) as unknown,
    });
  });
});
