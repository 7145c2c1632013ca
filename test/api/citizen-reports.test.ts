/**
 * Citizen reports through the API, on both engines: the Open311 GeoReport v2 fields and error shapes, hostile input
 * (each refused with a 4xx and nothing stored, but for markup, which is a valid report kept verbatim), the rate
 * limits, following a report by its code without its contact details, the officers' triage and its permissions,
 * turning a report into one citizen-reported incident counted by the roll-up, and the perception survey.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CitizenReport,
  Open311Request,
  PerceptionResult,
  ReportQueue,
} from '../../src/contract/citizen-reports.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode } from '../../src/store/areas.js';
import { citizenRowCounts } from '../../src/store/citizen-reports.js';
import { createUser } from '../../src/store/users.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { testUntil } from '../fixtures.js';
import { get, signIn, testApp, type ErrorReply, type Reply } from './helpers.js';

const anfa = '06.141.01.01';
/** A point in Anfa (Casablanca) and one in Paris. */
const inAnfa = { lat: 33.5823, long: -7.6836 };
const password = 'citizen reports fixture password';
const base = '/api/open311/v2';

type Open311Error = { code: number; description: string }[];

/** Asymmetric matchers, typed as what they stand for. */
const anyString = expect.any(String) as unknown as string;
const anyNumber = expect.any(Number) as unknown as number;
const containing = (text: string) => expect.stringContaining(text) as unknown as string;
const matching = (pattern: RegExp) => expect.stringMatching(pattern) as unknown as string;

describe.each(engines)('citizen reports on %s', (engine) => {
  let t: TestDb;
  let app: App;
  const cookies: Record<string, string> = {};
  let nextIp = 1;
  /** Each call from a new client address unless one is given, so that the per-client limit stays out of the way. */
  const client = () => `198.51.100.${nextIp++}`;

  const submit = async <T>(
    payload: string | Record<string, unknown>,
    { ip = client(), form = false, url = `${base}/requests.json` } = {},
  ): Promise<Reply<T>> => {
    const body =
      typeof payload === 'string'
        ? payload
        : form
          ? new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, String(v)])).toString()
          : JSON.stringify(payload);
    const response = await app.inject({
      method: 'POST',
      url,
      payload: body,
      remoteAddress: ip,
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    });
    return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
  };
  const send = async <T>(method: 'PATCH' | 'POST', url: string, user: string, payload: unknown) => {
    const response = await app.inject({
      method,
      url,
      payload: payload as object,
      headers: { cookie: cookies[user] ?? '' },
    });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const file = async (over: Record<string, unknown> = {}) => {
    const reply = await submit<{ service_request_id: string }[]>({
      service_code: 'theft',
      ...inAnfa,
      description: 'Un vol de téléphone près du marché',
      ...over,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body[0]?.service_request_id ?? '';
  };

  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
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

  it('lists the services with the Open311 fields, named in Arabic by default and in French on request', async () => {
    const ar = await get<Record<string, unknown>[]>(app, `${base}/services.json`);
    expect(ar.status).toBe(200);
    expect(ar.body.map((s) => s.service_code)).toEqual([
      'theft',
      'burglary',
      'violence',
      'vandalism',
      'drugs',
      'public-order',
      'suspicious-activity',
      'other',
    ]);
    expect(ar.body[0]).toEqual({
      service_code: 'theft',
      service_name: 'سرقة',
      description: anyString,
      metadata: false,
      type: 'realtime',
      keywords: containing('theft'),
      group: 'crime',
    });
    const fr = await get<Record<string, unknown>[]>(app, `${base}/services.json?locale=fr`);
    expect(fr.body[0]?.service_name).toBe('Vol');
    expect((await get<Open311Error>(app, `${base}/services.json?locale=de`)).body).toEqual([
      { code: 400, description: containing('locale') },
    ]);
  });

  it('answers a service definition with no attributes, and unknown resources with 404 in the Open311 shape', async () => {
    expect(await get(app, `${base}/services/theft.json`)).toMatchObject({
      status: 200,
      body: { service_code: 'theft', attributes: [] },
    });
    expect(await get<Open311Error>(app, `${base}/services/parking.json`)).toMatchObject({
      status: 404,
      body: [{ code: 404, description: containing('service_code') }],
    });
    expect(await get<Open311Error>(app, `${base}/services/theft.xml`)).toMatchObject({
      status: 404,
      body: [{ code: 404 }],
    });
    expect(await get<Open311Error>(app, `${base}/requests/ABCDEFGHJK.json`)).toMatchObject({
      status: 404,
      body: [{ code: 404 }],
    });
    expect(await get<Open311Error>(app, `${base}/discovery.json`)).toMatchObject({
      status: 404,
      body: [{ code: 404 }],
    });
  });

  it('files a form-encoded report and lets anyone with its code follow it, without contact details', async () => {
    const before = await citizenRowCounts(t.db);
    const created = await submit<Record<string, unknown>[]>(
      {
        service_code: 'burglary',
        lat: 33.58234,
        long: -7.68367,
        address_string: 'Boulevard d’Anfa',
        description: 'باب المحل مكسور',
        email: 'citizen@example.ma',
        first_name: 'Salma',
        last_name: 'Bennani',
        phone: '+212 600 000 000',
        api_key: 'anything',
      },
      { form: true },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual([
      {
        service_request_id: matching(/^[A-HJKMNP-Z2-9]{10}$/),
        service_notice: anyString,
        account_id: null,
      },
    ]);
    expect(await citizenRowCounts(t.db)).toEqual({ ...before, reports: before.reports + 1 });
    const code = String(created.body[0]?.service_request_id);

    const one = await get<Open311Request[]>(app, `${base}/requests/${code}.json?locale=en`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([
      {
        service_request_id: code,
        status: 'open',
        status_notes: null,
        service_name: 'Burglary',
        service_code: 'burglary',
        description: 'باب المحل مكسور',
        agency_responsible: 'DGSN',
        service_notice: null,
        requested_datetime: testUntil.toISOString(),
        updated_datetime: testUntil.toISOString(),
        expected_datetime: null,
        address: 'Boulevard d’Anfa',
        address_id: null,
        zipcode: null,
        lat: 33.582,
        long: -7.684,
        media_url: null,
        extended_attributes: { kind: 'report', detailed_status: 'open', merged_into: null },
      },
    ]);
    const listed = await get<Open311Request[]>(app, `${base}/requests.json?service_request_id=${code},NOPE`);
    expect(listed.body).toEqual(
      await get<Open311Request[]>(app, `${base}/requests.json?service_request_id=${code}`).then((r) => r.body),
    );
    expect(listed.body.map((r) => r.service_request_id)).toEqual([code]);
    for (const secret of ['citizen@example.ma', 'Salma', 'Bennani', '600 000']) {
      expect(JSON.stringify([one.body, listed.body])).not.toContain(secret);
    }

    // Officers see who wrote it.
    const queue = await get<ReportQueue>(app, `/api/citizen-reports?area=${anfa}`, cookies.chief);
    expect(queue.body.items.find((r) => r.code === code)).toMatchObject({
      anonymous: false,
      contact: { name: 'Salma Bennani', email: 'citizen@example.ma', phone: '+212 600 000 000' },
      area: { code: anfa },
      lat: 33.58234,
    });
  });

  it('takes a tip with no place, anonymously, into the national queue only', async () => {
    const code = await file({ kind: 'tip', service_code: 'drugs', lat: undefined, long: undefined });
    const dg = await get<ReportQueue>(app, '/api/citizen-reports', cookies.dg);
    expect(dg.body.items.find((r) => r.code === code)).toMatchObject({
      kind: 'tip',
      area: null,
      anonymous: true,
      contact: null,
    });
    const wali = await get<ReportQueue>(app, '/api/citizen-reports', cookies.wali);
    expect(wali.body.items.map((r) => r.code)).not.toContain(code);
  });

  it('refuses each hostile or malformed report with a 4xx in the Open311 shape and stores nothing', async () => {
    const valid = { service_code: 'theft', ...inAnfa, description: 'ok' };
    const cases: [string, string | Record<string, unknown>, number, string, { form?: boolean }?][] = [
      ['oversized body', { ...valid, description: 'x'.repeat(20_000) }, 413, 'bytes'],
      ['latitude without longitude', { ...valid, long: undefined }, 400, 'long'],
      ['non-numeric latitude', { ...valid, lat: 'abc' }, 400, 'lat'],
      ['non-numeric latitude, form-encoded', { ...valid, lat: '33.5N' }, 400, 'lat', { form: true }],
      ['infinite latitude', { ...valid, lat: 'Infinity' }, 400, 'lat'],
      ['latitude beyond the pole', { ...valid, lat: 95 }, 400, 'lat'],
      ['a point in Paris', { ...valid, lat: 48.8566, long: 2.3522 }, 400, 'lat'],
      ['a point at sea off Morocco', { ...valid, lat: 34.5, long: -12 }, 400, 'lat'],
      [
        'repeated latitude',
        'service_code=theft&lat=33.58&lat=33.59&long=-7.68&description=x',
        400,
        'lat',
        { form: true },
      ],
      ['missing service_code', { ...valid, service_code: undefined }, 400, 'service_code'],
      ['unknown service_code', { ...valid, service_code: 'parking' }, 400, 'service_code'],
      ['missing description', { ...valid, description: undefined }, 400, 'description'],
      ['blank description', { ...valid, description: '   ' }, 400, 'description'],
      ['description too long', { ...valid, description: 'é'.repeat(2001) }, 400, 'description'],
      ['control characters', { ...valid, description: 'a\u0000b' }, 400, 'description'],
      ['bidirectional override', { ...valid, description: 'abc\u202Egnp.exe' }, 400, 'description'],
      ['a report with no place', { ...valid, lat: undefined, long: undefined }, 400, 'lat'],
      ['an unknown field', { ...valid, priority: 'urgent' }, 400, 'priority'],
      ['a filled honeypot', { ...valid, website: 'http://spam.example' }, 400, 'refused'],
      ['a bad e-mail address', { ...valid, email: '<script>@x' }, 400, 'email'],
      ['malformed JSON', '{"service_code": "theft", ', 400, ''],
    ];
    const before = await citizenRowCounts(t.db);
    for (const [name, payload, status, mention, options] of cases) {
      const cleaned =
        typeof payload === 'string'
          ? payload
          : Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
      const reply = await submit<Open311Error>(cleaned, { form: options?.form ?? false });
      expect({ name, status: reply.status }).toEqual({ name, status });
      expect({ name, body: reply.body }).toEqual({
        name,
        body: [{ code: status, description: containing(mention) }],
      });
    }
    expect(await citizenRowCounts(t.db)).toEqual(before);
  });

  it('keeps a script in a description verbatim, as plain text in JSON, for the public and for officers', async () => {
    const script = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>';
    const code = await file({ description: script });
    const follow = await app.inject({ method: 'GET', url: `${base}/requests/${code}.json` });
    expect(follow.headers['content-type']).toMatch(/^application\/json/);
    expect(follow.json<Open311Request[]>()[0]?.description).toBe(script);
    const queue = await get<ReportQueue>(app, `/api/citizen-reports?area=${anfa}`, cookies.wali);
    expect(queue.body.items.find((r) => r.code === code)?.description).toBe(script);
  });

  it('answers 429 after five reports from one client, in the Open311 shape, while others may still report', async () => {
    const ip = client();
    for (let i = 0; i < 5; i++) {
      expect((await submit({ service_code: 'other', ...inAnfa, description: `n${i}` }, { ip })).status).toBe(201);
    }
    const before = await citizenRowCounts(t.db);
    const refused = await submit<Open311Error>({ service_code: 'other', ...inAnfa, description: 'sixth' }, { ip });
    expect(refused).toMatchObject({ status: 429, body: [{ code: 429 }] });
    expect(await citizenRowCounts(t.db)).toEqual(before);
    expect((await submit({ service_code: 'other', ...inAnfa, description: 'elsewhere' })).status).toBe(201);
  });

  it('answers 429 to everyone once the global cap of reports in ten minutes is reached', async () => {
    const at = new Date(testUntil.getTime() - 60_000).toISOString();
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from citizen_report where requested_at > ${new Date(testUntil.getTime() - 600_000).toISOString()}`.execute(
      t.db,
    );
    const missing = 500 - Number(rows[0]?.n ?? 0);
    await sql`
      insert into citizen_report (code, kind, service_code, description, anonymous, requested_at, updated_at, client_hash)
      select translate(lpad(i::text, 10, 'X'), '01', 'AB'), 'tip', 'other', 'flood', true, ${at}, ${at}, 'flood'
      from generate_series(1, ${missing}) as i
    `.execute(t.db);
    try {
      const before = await citizenRowCounts(t.db);
      const refused = await submit<Open311Error>({ service_code: 'theft', ...inAnfa, description: 'one more' });
      expect(refused).toMatchObject({ status: 429, body: [{ code: 429 }] });
      expect(await citizenRowCounts(t.db)).toEqual(before);
    } finally {
      await sql`delete from citizen_report where client_hash = 'flood'`.execute(t.db);
    }
  });

  it('lets officers in scope set a status and a public note, and no analyst or wali of another region', async () => {
    const code = await file();
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/citizen-reports/${code}`, payload: { status: 'acknowledged' } }))
        .statusCode,
    ).toBe(401);
    for (const [user, status, errorCode] of [
      ['analyst', 403, 'FORBIDDEN'],
      ['wali7', 403, 'OUT_OF_SCOPE'],
    ] as const) {
      const reply = await send<ErrorReply>('PATCH', `/api/citizen-reports/${code}`, user, { status: 'rejected' });
      expect({ user, status: reply.status, code: reply.body.code }).toEqual({ user, status, code: errorCode });
      for (const [url, payload] of [
        [`/api/citizen-reports/${code}/merge`, { into: code }],
        [`/api/citizen-reports/${code}/incident`, { category: 'theft', occurredAt: '2026-11-20T10:00:00Z' }],
      ] as const) {
        expect((await send<ErrorReply>('POST', url, user, payload)).status).toBe(403);
      }
    }
    const wali7Queue = await get<ReportQueue>(app, '/api/citizen-reports', cookies.wali7);
    expect(wali7Queue.body.items.map((r) => r.code)).not.toContain(code);
    expect((await get<ErrorReply>(app, `/api/citizen-reports?area=${anfa}`, cookies.wali7)).body.code).toBe(
      'OUT_OF_SCOPE',
    );

    const patched = await send<CitizenReport>('PATCH', `/api/citizen-reports/${code}`, 'chief', {
      status: 'acknowledged',
      statusNotes: 'Une patrouille passera ce soir.',
    });
    expect(patched.body).toMatchObject({ status: 'acknowledged', statusNotes: 'Une patrouille passera ce soir.' });
    const follow = await get<Open311Request[]>(app, `${base}/requests/${code}.json`);
    expect(follow.body[0]).toMatchObject({
      status: 'open',
      status_notes: 'Une patrouille passera ce soir.',
      extended_attributes: { detailed_status: 'acknowledged' },
    });
    await send('PATCH', `/api/citizen-reports/${code}`, 'wali', { status: 'closed' });
    expect((await get<Open311Request[]>(app, `${base}/requests/${code}.json`)).body[0]?.status).toBe('closed');
    expect(
      (await send<ErrorReply>('PATCH', '/api/citizen-reports/ABCDEFGHJK', 'dg', { status: 'closed' })).body.code,
    ).toBe('REPORT_NOT_FOUND');
    expect(
      (await send<ErrorReply>('PATCH', `/api/citizen-reports/${code}`, 'dg', { statusNotes: 'bad\u0007note' })).body,
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'statusNotes' });
  });

  it('merges a duplicate into the report kept, which the duplicate’s author then sees', async () => {
    const kept = await file();
    const duplicate = await file({ description: 'Le même vol, signalé deux fois' });
    expect(
      (await send<ErrorReply>('POST', `/api/citizen-reports/${kept}/merge`, 'chief', { into: kept })).body,
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'into',
    });
    const merged = await send<CitizenReport>('POST', `/api/citizen-reports/${duplicate}/merge`, 'chief', {
      into: kept,
    });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: kept });
    expect((await get<Open311Request[]>(app, `${base}/requests/${duplicate}.json`)).body[0]).toMatchObject({
      status: 'closed',
      extended_attributes: { detailed_status: 'merged', merged_into: kept },
    });
    expect(
      (await send<ErrorReply>('POST', `/api/citizen-reports/${kept}/merge`, 'chief', { into: duplicate })).body.code,
    ).toBe('REPORT_CONFLICT');
  });

  it('turns a report into exactly one citizen-reported incident, counted by the roll-up', async () => {
    const code = await file({ description: 'Vol à l’arraché' });
    const anfaId = (await findAreaByCode(t.db, anfa))?.id ?? 0;
    const counted = async () => {
      const { rows } = await sql<{ n: string | null }>`
        select sum(incidents) as n from rollup_daily where area_id = ${anfaId} and day = '2026-11-20' and category = 'robbery'
      `.execute(t.db);
      return Number(rows[0]?.n ?? 0);
    };
    const before = await counted();
    const body = { category: 'robbery', occurredAt: '2026-11-20T09:30:00Z' };
    expect(
      (
        await send<ErrorReply>('POST', `/api/citizen-reports/${code}/incident`, 'chief', {
          ...body,
          occurredAt: '2026-11-21T09:30:00Z',
        })
      ).body,
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'occurredAt',
    });
    const made = await send<CitizenReport>('POST', `/api/citizen-reports/${code}/incident`, 'chief', body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'in_progress', incidentId: anyNumber });
    const again = await send<ErrorReply>('POST', `/api/citizen-reports/${code}/incident`, 'dg', body);
    expect(again).toMatchObject({ status: 409, body: { code: 'REPORT_CONFLICT' } });

    const incidents = await t.db
      .selectFrom('incident')
      .select(['id', 'provenance', 'source', 'externalId', 'category', 'lat', 'lon', 'districtId', 'reportedAt'])
      .where('source', '=', 'citizen-report')
      .execute();
    expect(incidents.map((i) => ({ ...i, id: Number(i.id) }))).toEqual([
      {
        id: made.body.incidentId,
        provenance: 'citizen_report',
        source: 'citizen-report',
        externalId: code,
        category: 'robbery',
        lat: inAnfa.lat,
        lon: inAnfa.long,
        districtId: anfaId,
        reportedAt: testUntil,
      },
    ]);
    expect(await counted()).toBe(before + 1);
    expect(
      (await get<Open311Request[]>(app, `${base}/requests/${code}.json`)).body[0]?.extended_attributes,
    ).toMatchObject({
      detailed_status: 'in_progress',
    });
  });

  it('pages the queue newest first with a cursor', async () => {
    const all = await get<ReportQueue>(app, `/api/citizen-reports?area=${anfa}&limit=200`, cookies.dg);
    const first = await get<ReportQueue>(app, `/api/citizen-reports?area=${anfa}&limit=3`, cookies.dg);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await get<ReportQueue>(
      app,
      `/api/citizen-reports?area=${anfa}&limit=3&cursor=${first.body.nextCursor}`,
      cookies.dg,
    );
    expect([...first.body.items, ...second.body.items].map((r) => r.code)).toEqual(
      all.body.items.slice(0, 6).map((r) => r.code),
    );
    const open = await get<ReportQueue>(app, `/api/citizen-reports?area=${anfa}&status=merged`, cookies.dg);
    expect(open.body.items.every((r) => r.status === 'merged') && open.body.items.length > 0).toBe(true);
  });

  it('records perception answers for an area or a point and withholds results below ten answers', async () => {
    const url = '/api/perception?area=06&from=2026-11-20&to=2026-11-20';
    const answer = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/public/perception', payload, remoteAddress: client() });
    const before = await citizenRowCounts(t.db);
    for (const [payload, field] of [
      [{ answer: 6, area: anfa }, 'answer'],
      [{ answer: 3 }, 'lat'],
      [{ answer: 3, lat: 48.85, lon: 2.35 }, 'lat'],
      [{ answer: 3, area: anfa, lat: 33.5, lon: -7.6 }, 'area'],
      [{ answer: 3, area: '99.999' }, 'area'],
      [{ answer: 3, area: anfa, name: 'me' }, 'name'],
    ] as const) {
      const reply = await answer(payload);
      expect({
        payload,
        status: reply.statusCode < 500 && reply.statusCode >= 400,
        field: reply.json<ErrorReply>().field,
      }).toEqual({
        payload,
        status: true,
        field,
      });
    }
    expect(await citizenRowCounts(t.db)).toEqual(before);

    for (const a of [5, 4, 4, 3, 2, 1, 5, 4, 4]) expect((await answer({ answer: a, area: anfa })).statusCode).toBe(201);
    expect((await get<PerceptionResult>(app, url, cookies.wali)).body).toMatchObject({
      n: 9,
      withheld: true,
      counts: null,
      mean: null,
    });
    const atPoint = await answer({ answer: 5, lat: inAnfa.lat, lon: inAnfa.long });
    expect(atPoint.json()).toMatchObject({ area: { code: anfa }, day: '2026-11-20' });
    expect((await get<PerceptionResult>(app, url, cookies.wali)).body).toMatchObject({
      n: 10,
      withheld: false,
      counts: [1, 1, 1, 4, 3],
      mean: 3.7,
      shareSafe: 0.7,
    });
    expect((await get<ErrorReply>(app, url, cookies.wali7)).body.code).toBe('OUT_OF_SCOPE');
    expect((await get<ErrorReply>(app, url)).status).toBe(401);

    const ip = client();
    const fromOne = () =>
      app.inject({
        method: 'POST',
        url: '/api/public/perception',
        payload: { answer: 3, area: anfa },
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i++) expect((await fromOne()).statusCode).toBe(201);
    expect((await fromOne()).statusCode).toBe(429);
  });
});
