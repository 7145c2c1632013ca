/**
 * The audit trail through the API and the store, on both engines: sign-ins (and failed ones), account changes,
 * patrol log and plan writes, brief downloads and imports are recorded; an incident's reclassification writes its history and an audit entry and moves its count in the
 * roll-up; the log refuses UPDATE and DELETE; its search is the director-general's; parallel appends still make one
 * chain (PostgreSQL); and an entry edited behind the application's back is named by the verification — through
 * `istibaq audit verify` on PostgreSQL, which a child process can reach.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, IncidentHistory } from '../../src/contract/audit.js';
import { auditGenesisHash, auditSerialisation } from '../../src/domain/audit.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { h3Hex, locate } from '../../src/ingest/locate.js';
import { ImportRunner } from '../../src/server/import-runner.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, loadAreaDirectory } from '../../src/store/areas.js';
import { audit, listAudit, sha256, systemActor, userActor, verifyAuditLog } from '../../src/store/audit.js';
import type { Db } from '../../src/store/db.js';
import { createImportJob } from '../../src/store/imports.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser, findUserByUsername, updateUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const anfa = '06.141.01.01';
const password = 'audit fixture password';
const day = '2026-11-05';

interface Fixture {
  incidentIds: number[];
  anfaId: number;
  /** The H3 resolution-8 cell (hexadecimal) the incidents fall in. */
  cell: string;
}

/** Two thefts in Anfa on 5 November. */
async function loadFixture(db: Db): Promise<Fixture> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const occurredAt = new Date(`${day}T12:00:00Z`);
  const incidents = [0, 1].map(() => {
    const record = makeIncident({ occurredAt, reportedAt: occurredAt, category: 'theft' });
    const place = locate(directory, record);
    if (!place) throw new Error('not located');
    return { record, place };
  });
  await writeBatch(db, { incidents, calls: [] });
  const rows = await db.selectFrom('incident').select('id').orderBy('id').execute();
  const area = await findAreaByCode(db, anfa);
  if (!area) throw new Error('no Anfa');
  const cell = incidents[0]?.place.h3R8;
  if (!cell) throw new Error('no cell');
  return { incidentIds: rows.map((r) => r.id), anfaId: area.id, cell: h3Hex(cell) };
}

async function rollupCounts(db: Db, areaId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('rollupDaily')
    .select(['category', 'incidents'])
    .where('areaId', '=', areaId)
    .where('day', '=', day)
    .execute();
  return Object.fromEntries(rows.filter((r) => r.incidents !== 0).map((r) => [r.category, r.incidents]));
}

/** Edits one entry's details with the append-only trigger switched off, as someone with the table's keys could. */
async function tamper(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await sql`update audit_log set details = '{"reason":"nothing to see"}' where id = ${id}`.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
}

describe.each(engines)('the audit trail on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  const patch = async <T>(user: string, id: number, payload: object): Promise<Reply<T>> => {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/incidents/${id}`,
      payload,
      headers: { cookie: cookies[user] ?? '' },
    });
    return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
  };
  const entries = (action: string) => listAudit(t.db, { action, limit: 100 });

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

  it('records account creation, sign-ins and a failed sign-in without the password tried', async () => {
    const created = await entries('user.create');
    expect(created.map((e) => e.details)).toContainEqual({
      username: 'chief',
      role: 'district_chief',
      scope: anfa,
      demo: false,
    });
    expect((await entries('auth.login')).map((e) => e.actorName).sort()).toEqual([
      'analyst',
      'chief',
      'dg',
      'wali',
      'wali7',
    ]);
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chief', password: 'not the password' },
    });
    expect(failed.statusCode).toBe(401);
    const [entry] = await entries('auth.login_failed');
    expect(entry).toMatchObject({ actorName: 'chief', details: { reason: 'unknown user or wrong password' } });
    expect(JSON.stringify(entry)).not.toContain('not the password');
  });

  it('records a role change with the old and new role and scope', async () => {
    const user = await findUserByUsername(t.db, 'wali7');
    if (!user) throw new Error('no wali7');
    await updateUser(t.db, user.id, { role: 'analyst' }, { id: null, name: 'cli:test' });
    const [entry] = await entries('user.role_change');
    expect(entry).toMatchObject({
      actorName: 'cli:test',
      targetKind: 'user',
      targetId: String(user.id),
      details: { username: 'wali7', role: { old: 'wali', new: 'analyst' }, sessionsRevoked: 1 },
    });
    await updateUser(t.db, user.id, { role: 'wali' });
    // A change of role ends the account's sessions: wali7 signs in again.
    expect((await get(app, '/api/auth/me', cookies.wali7)).status).toBe(401);
    cookies.wali7 = await signIn(app, 'wali7', password);
  });

  it('reclassifies an incident with a reason: history, audit entry and the roll-up moved', async () => {
    const [id, other] = f.incidentIds;
    if (id === undefined || other === undefined) throw new Error('no incidents');
    expect(await rollupCounts(t.db, f.anfaId)).toEqual({ theft: 2 });

    const changed = await patch<IncidentHistory>('chief', id, { category: 'robbery', reason: 'a knife was shown' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      category: 'robbery',
      history: [
        { actor: 'chief', field: 'category', oldValue: 'theft', newValue: 'robbery', reason: 'a knife was shown' },
      ],
    });
    expect(await rollupCounts(t.db, f.anfaId)).toEqual({ theft: 1, robbery: 1 });

    const [entry] = await entries('incident.reclassify');
    expect(entry).toMatchObject({
      actorName: 'chief',
      targetKind: 'incident',
      targetId: String(id),
      areaId: f.anfaId,
      details: { changes: { category: { old: 'theft', new: 'robbery' } }, reason: 'a knife was shown' },
    });

    const solved = await patch<IncidentHistory>('wali', id, { status: 'solved' });
    expect(solved.body.history.map((h) => [h.actor, h.field, h.oldValue, h.newValue])).toEqual([
      ['chief', 'category', 'theft', 'robbery'],
      ['wali', 'status', 'recorded', 'solved'],
      ['wali', 'solvedAt', null, '2026-11-20T12:00:00.000Z'],
    ]);
    expect((await entries('incident.update'))[0]).toMatchObject({ actorName: 'wali', targetId: String(id) });
    const read = await get<IncidentHistory>(app, `/api/incidents/${id}/history`, cookies.analyst);
    expect(read.status).toBe(200);
    expect(read.body.history).toHaveLength(3);
  });

  it('refuses an edit without a reason, by an analyst or out of scope, and without a session', async () => {
    const [, id] = f.incidentIds;
    if (id === undefined) throw new Error('no incident');
    expect(await patch<ErrorReply>('dg', id, { category: 'fraud' })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'reason' },
    });
    expect(await patch<ErrorReply>('dg', id, { category: 'no_such_category', reason: 'x' })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'category' },
    });
    expect(await patch<ErrorReply>('analyst', id, { status: 'closed' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await patch<ErrorReply>('wali7', id, { status: 'closed' })).toMatchObject({
      status: 403,
      body: { code: 'OUT_OF_SCOPE' },
    });
    expect(await patch<ErrorReply>('dg', 999_999_999, { status: 'closed' })).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect(await patch<ErrorReply>('nobody', id, { status: 'closed' })).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED' },
    });
    expect(await rollupCounts(t.db, f.anfaId)).toEqual({ theft: 1, robbery: 1 });
  });

  it('lets the director-general alone search the trail, by user, action and target, a page at a time', async () => {
    expect((await get<ErrorReply>(app, '/api/audit')).status).toBe(401);
    for (const user of ['analyst', 'wali', 'chief']) {
      expect(await get<ErrorReply>(app, '/api/audit', cookies[user])).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN' },
      });
    }
    expect(await get<ErrorReply>(app, '/api/audit?action=auth.nothing', cookies.dg)).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', field: 'action' },
    });
    expect(await get<ErrorReply>(app, '/api/audit?cursor=abc', cookies.dg)).toMatchObject({
      status: 400,
      body: { field: 'cursor' },
    });

    const [id] = f.incidentIds;
    const byTarget = await get<AuditPage>(app, `/api/audit?target=incident:${id}`, cookies.dg);
    expect(byTarget.body.items.map((e) => e.action)).toEqual(['incident.update', 'incident.reclassify']);
    const byUser = await get<AuditPage>(app, '/api/audit?user=chief&action=auth.login', cookies.dg);
    expect(byUser.body.items.map((e) => [e.actor, e.action])).toEqual([['chief', 'auth.login']]);
    const future = await get<AuditPage>(app, '/api/audit?from=2999-01-01', cookies.dg);
    expect(future.body.items).toEqual([]);

    const first = await get<AuditPage>(app, '/api/audit?action=auth.login&limit=2', cookies.dg);
    expect(first.body.items).toHaveLength(2);
    const rest = await get<AuditPage>(
      app,
      `/api/audit?action=auth.login&limit=10&cursor=${first.body.nextCursor}`,
      cookies.dg,
    );
    const ids = [...first.body.items, ...rest.body.items].map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6); // five accounts, and wali7 again after its role change
    expect((await entries('audit.search'))[0]).toMatchObject({ actorName: 'dg' });
  });

  it('records patrol log and plan writes, brief downloads and imports', async () => {
    const patrol = await app.inject({
      method: 'POST',
      url: '/api/patrols/log',
      headers: { cookie: cookies.chief ?? '' },
      payload: {
        unit: `D-${anfa}`,
        cell: f.cell,
        district: anfa,
        startedAt: '2026-11-03T07:00:00Z',
        endedAt: '2026-11-03T15:00:00Z',
      },
    });
    expect(patrol.statusCode, patrol.body).toBe(201);
    expect((await entries('patrol.log'))[0]).toMatchObject({
      actorName: 'chief',
      targetKind: 'patrol_log',
      targetId: String(patrol.json<{ id: number }>().id),
      details: { district: anfa, cell: f.cell },
    });

    const plan = {
      kind: 'emergency',
      title: 'Theft in Casablanca-Settat',
      area: '06',
      start: '2026-10-01',
      end: '2026-12-31',
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { cookie: cookies.wali ?? '' },
      payload: plan,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await entries('plan.create'))[0]).toMatchObject({
      actorName: 'wali',
      targetId: String(created.json<{ plan: { id: number } }>().plan.id),
      details: plan,
    });

    const brief = await app.inject({
      method: 'GET',
      url: `/api/reports/brief.html?area=${anfa}&lang=fr`,
      headers: { cookie: cookies.chief ?? '' },
    });
    expect(brief.statusCode).toBe(200);
    expect((await entries('export.brief_html'))[0]).toMatchObject({
      actorName: 'chief',
      targetKind: 'area',
      targetId: anfa,
      details: { lang: 'fr' },
    });

    const dir = await mkdtemp(join(tmpdir(), 'istibaq-audit-'));
    const file = join(dir, 'one.csv');
    await writeFile(file, 'id,category,occurred_at,lat,lon\nA-1,theft,2026-11-10T10:00:00+01:00,33.5823,-7.6836\n');
    const chief = await findUserByUsername(t.db, 'chief');
    if (!chief) throw new Error('no chief');
    const job = await createImportJob(t.db, {
      userId: chief.id,
      kind: 'incidents',
      preset: 'istibaq',
      source: 'audit-test',
      fileName: 'one.csv',
      bytesTotal: 80,
    });
    const runner = new ImportRunner(t.db);
    runner.submit(job, file, { preset: 'istibaq', source: 'audit-test', fileName: 'one.csv' }, userActor(chief));
    await runner.idle();
    await rm(dir, { recursive: true, force: true });
    expect((await entries('import.run'))[0]).toMatchObject({
      actorName: 'chief',
      targetKind: 'import',
      targetId: String(job),
      details: { file: 'one.csv', inserted: 1, rejected: 0 },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log', async () => {
    await expect(sql`update audit_log set actor_name = 'someone' where id = 1`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`update incident_history set reason = null`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('chains each entry to the one before with SHA-256 of its canonical serialisation', async () => {
    const [first] = await t.db.selectFrom('auditLog').selectAll().where('id', '=', 1).execute();
    if (!first) throw new Error('no first entry');
    expect(first.prevHash).toBe(auditGenesisHash);
    expect(first.hash).toBe(sha256(auditSerialisation(first)));
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });

  it.runIf(engine === 'postgres')('keeps one chain when appends run in parallel', async () => {
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => audit(t.db, { actor: systemActor, action: 'import.run', details: { i } })),
    );
    const result = await verifyAuditLog(t.db);
    expect(result).toMatchObject({ ok: true });
    const prev = await t.db.selectFrom('auditLog').select('prevHash').execute();
    expect(new Set(prev.map((p) => p.prevHash)).size).toBe(prev.length);
  });

  it('names an entry edited behind the application’s back', async () => {
    const [target] = await entries('incident.reclassify');
    if (!target) throw new Error('no reclassification entry');
    if (engine === 'postgres') {
      const intact = await runCli(['audit', 'verify'], { DATABASE_URL: t.url });
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/^chain intact: \d+ entries/);
    }
    await tamper(t.db, target.id);
    expect(await verifyAuditLog(t.db)).toEqual({
      ok: false,
      broken: {
        id: target.id,
        action: 'incident.reclassify',
        reason: 'hash_mismatch',
        message: 'its hash does not match its contents',
      },
    });
    if (engine === 'postgres') {
      const broken = await runCli(['audit', 'verify'], { DATABASE_URL: t.url });
      expect(broken.code, broken.stderr).toBe(1);
      expect(broken.stdout).toContain(`chain broken at entry ${target.id} (incident.reclassify): hash_mismatch`);
    }
  });
});
