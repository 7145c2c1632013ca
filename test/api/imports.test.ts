/**
 * The import API (src/server/routes/imports.ts): uploads as the raw body, run as jobs by an ImportRunner, followed
 * with GET /api/imports/:id; who may upload, what a scoped analyst's rows outside the scope become, and who sees a job.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../src/contract/import.js';
import { countryCode } from '../../src/geo/morocco.js';
import { demoPassword, ensureDemoUsers } from '../../src/ingest/demo.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { buildApp, type App } from '../../src/server/app.js';
import { ImportRunner } from '../../src/server/import-runner.js';
import { findAreaByCode } from '../../src/store/areas.js';
import type { Db } from '../../src/store/db.js';
import { createUser } from '../../src/store/users.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { testUntil } from '../fixtures.js';
import { codesWithin, get, signIn, type ErrorReply } from './helpers.js';

const broken = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'native', 'broken.csv'));

/** The largest upload the test's app accepts: every file below is far smaller. */
const maxBytes = 4096;

/** The app as `serve` builds it (helpers.ts's testApp, plus an import runner and an upload limit). */
function importApp(db: Db, imports: ImportRunner, importMaxBytes?: number): Promise<App> {
  return buildApp(
    {
      db,
      version: 'test',
      demo: true,
      tileUrl: null,
      sessionHours: 12,
      secureCookies: false,
      now: () => testUntil,
      defaultArea: countryCode,
      imports,
      ...(importMaxBytes === undefined ? {} : { importMaxBytes }),
    },
    { webDir: null },
  );
}

/** Two incidents in Rabat (the city analyst.rabat is scoped to), then two in Casablanca and one in Marrakech. */
const scopedCsv = [
  'id,category,occurred_at,lat,lon',
  'R-1,theft,2026-11-02T21:15:00+01:00,34.0209,-6.8498',
  'R-2,robbery,2026-11-03T08:00:00+01:00,34.0000,-6.8600',
  'C-1,theft,2026-11-04T10:00:00+01:00,33.5823,-7.6836',
  'C-2,burglary,2026-11-05T11:00:00+01:00,33.5825,-7.6830',
  'M-1,fraud,2026-11-06T12:00:00+01:00,31.6292,-7.9876',
].join('\n');

describe.each(engines)('the import API on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let runner: ImportRunner;
  const cookies = new Map<string, string>();
  const cookie = (username: string) => cookies.get(username) ?? '';

  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
    await ensureDemoUsers(t.db);
    // A second analyst, scoped to Anfa (Casablanca): outside analyst.rabat's scope.
    const anfa = await findAreaByCode(t.db, '06.141.01.01');
    await createUser(t.db, {
      username: 'analyst.anfa',
      displayName: 'Analyst Anfa',
      password: demoPassword,
      role: 'analyst',
      scopeAreaId: anfa?.id ?? null,
    });
    runner = new ImportRunner(t.db);
    app = await importApp(t.db, runner, maxBytes);
    for (const username of ['dg', 'analyst.rabat', 'analyst.anfa', 'wali.casablanca', 'chief.anfa']) {
      cookies.set(username, await signIn(app, username));
    }
  });
  afterAll(async () => {
    await runner?.idle();
    await app?.close();
    await t?.drop();
  });

  const upload = (query: string, body: string | Buffer, as?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/imports?${query}`,
      headers: { 'content-type': 'text/csv', ...(as === undefined ? {} : { cookie: cookie(as) }) },
      payload: body,
    });

  /** Polls GET /api/imports/:id until the job has ended. */
  async function ended(id: number, as: string): Promise<ImportJob> {
    for (const started = Date.now(); ; await sleep(50)) {
      const reply = await get<ImportJob>(app, `/api/imports/${id}`, cookie(as));
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      if (reply.body.status === 'done' || reply.body.status === 'failed') return reply.body;
      if (Date.now() - started > 30_000) throw new Error(`import ${id} still ${reply.body.status} after 30 s`);
    }
  }

  const jobCount = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from import_job`.execute(t.db)).rows[0]?.n;
  const incidentsOf = (source: string) =>
    t.db
      .selectFrom('incident')
      .innerJoin('area', 'area.id', 'incident.areaId')
      .select(['incident.externalId', 'area.code'])
      .where('incident.source', '=', source)
      .orderBy('incident.externalId')
      .execute();

  let dgJob: number;
  let analystJob: number;

  it('answers 202 with a queued job to the director-general, and the job ends done with the file’s counts', async () => {
    const reply = await upload('preset=istibaq&source=api-dg&fileName=broken.csv', broken, 'dg');
    expect(reply.statusCode, reply.body).toBe(202);
    const job = reply.json<ImportJob>();
    expect(job).toMatchObject({
      kind: 'incidents',
      preset: 'istibaq',
      source: 'api-dg',
      fileName: 'broken.csv',
      bytesTotal: broken.length,
      summary: null,
      finishedAt: null,
    });
    expect(['queued', 'running']).toContain(job.status);
    dgJob = job.id;

    const done = await ended(job.id, 'dg');
    expect(done).toMatchObject({
      status: 'done',
      error: null,
      rowsRead: 10,
      inserted: 5,
      duplicates: 0,
      updated: 0,
      rejected: 5,
    });
    expect(done.summary).toMatchObject({ file: 'broken.csv', source: 'api-dg', rows: 10, inserted: 5, rejected: 5 });
    expect(done.summary?.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 11]);
    expect(done.summary?.unmappedCategories).toEqual({ arson: 1 });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect((await incidentsOf('api-dg')).map((r) => r.externalId)).toEqual(['N-1', 'N-6', 'N-7', 'N-8', 'N-9']);
  });

  it('counts every good row of the same file uploaded again as a duplicate', async () => {
    const reply = await upload('preset=istibaq&source=api-dg', broken, 'dg');
    expect(reply.statusCode, reply.body).toBe(202);
    const done = await ended(reply.json<ImportJob>().id, 'dg');
    expect(done).toMatchObject({ status: 'done', inserted: 0, duplicates: 5, rejected: 5 });
    expect(await incidentsOf('api-dg')).toHaveLength(5);
  });

  it('answers 202 to an analyst, and rejects the rows outside the analyst’s scope, landing those inside', async () => {
    const reply = await upload('preset=istibaq&source=api-analyst&fileName=mixed.csv', scopedCsv, 'analyst.rabat');
    expect(reply.statusCode, reply.body).toBe(202);
    analystJob = reply.json<ImportJob>().id;
    const done = await ended(analystJob, 'analyst.rabat');
    expect(done).toMatchObject({ status: 'done', rowsRead: 5, inserted: 2, rejected: 3 });
    expect(done.summary?.errors).toEqual([
      { line: 4, reason: 'area: outside your scope' },
      { line: 5, reason: 'area: outside your scope' },
      { line: 6, reason: 'area: outside your scope' },
    ]);
    const stored = await incidentsOf('api-analyst');
    expect(stored.map((r) => r.externalId)).toEqual(['R-1', 'R-2']);
    const rabat = await codesWithin(t.db, '04.421.01.0');
    for (const row of stored) expect(rabat.has(row.code), row.code).toBe(true);
  });

  it('answers 401 UNAUTHENTICATED to an upload or a job read signed out, and creates no job', async () => {
    const before = await jobCount();
    const reply = await upload('preset=istibaq', broken);
    expect(reply.statusCode).toBe(401);
    expect(reply.json<ErrorReply>().code).toBe('UNAUTHENTICATED');
    for (const url of ['/api/imports', `/api/imports/${dgJob}`]) {
      const read = await get<ErrorReply>(app, url);
      expect(read.status, url).toBe(401);
      expect(read.body.code).toBe('UNAUTHENTICATED');
    }
    expect(await jobCount()).toBe(before);
  });

  it('answers 403 FORBIDDEN to a wali and a district chief, who may not import, and creates no job', async () => {
    const before = await jobCount();
    for (const username of ['wali.casablanca', 'chief.anfa']) {
      const reply = await upload('preset=istibaq', broken, username);
      expect(reply.statusCode, username).toBe(403);
      expect(reply.json<ErrorReply>().code).toBe('FORBIDDEN');
      for (const url of ['/api/imports', `/api/imports/${dgJob}`]) {
        const read = await get<ErrorReply>(app, url, cookie(username));
        expect(read.status, `${username} ${url}`).toBe(403);
      }
    }
    expect(await jobCount()).toBe(before);
  });

  it('answers 400 VALIDATION_FAILED naming the field for a bad preset, kind, mapping or body, and creates no job', async () => {
    const before = await jobCount();
    const cases = [
      { query: 'preset=no-such-preset', body: broken, field: 'preset', message: /no preset named no-such-preset/ },
      { query: 'preset=istibaq&kind=robberies', body: broken, field: 'kind', message: /kind/ },
      { query: 'preset=istibaq&kind=calls', body: broken, field: 'preset', message: /does not match the mapping/ },
      { query: 'mapping=%7Bnot%20json', body: broken, field: 'mapping', message: /not JSON/ },
      {
        query: `mapping=${encodeURIComponent('{"kind":"incidents"}')}`,
        body: broken,
        field: 'mapping',
        message: /schema/,
      },
      { query: '', body: broken, field: 'mapping', message: /give a preset/ },
      { query: 'preset=istibaq', body: '', field: 'body', message: /empty/ },
    ];
    for (const { query, body, field, message } of cases) {
      const reply = await upload(query, body, 'dg');
      expect(reply.statusCode, query).toBe(400);
      const error = reply.json<ErrorReply>();
      expect(error, query).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(error.message, query).toMatch(message);
    }
    expect(await jobCount()).toBe(before);
  });

  it('answers 413 PAYLOAD_TOO_LARGE to a file over the configured limit, and creates no job', async () => {
    const before = await jobCount();
    const big = Buffer.concat([broken, Buffer.alloc(maxBytes, 'x')]);
    const reply = await upload('preset=istibaq', big, 'dg');
    expect(reply.statusCode).toBe(413);
    expect(reply.json<ErrorReply>()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(reply.json<ErrorReply>().message).toContain(`${maxBytes} bytes`);
    // One byte under the limit is taken.
    const fits = await upload(
      'preset=istibaq&dryRun=true',
      Buffer.concat([broken, Buffer.alloc(maxBytes - broken.length - 1, '\n')]),
      'dg',
    );
    expect(fits.statusCode, fits.body).toBe(202);
    expect(await jobCount()).toBe((before ?? 0) + 1);
    await ended(fits.json<ImportJob>().id, 'dg');
  });

  it('takes an upload larger than Fastify’s 1 MiB body limit when the import limit allows it', async () => {
    const roomy = await importApp(t.db, runner);
    try {
      const dg = await signIn(roomy, 'dg');
      // One good row, then a column of 1.5 MB the native format ignores.
      const file = `id,category,occurred_at,lat,lon,note\nBIG-1,theft,2026-11-02T21:15:00+01:00,33.5823,-7.6836,${'x'.repeat(1_500_000)}\n`;
      const reply = await roomy.inject({
        method: 'POST',
        url: '/api/imports?preset=istibaq&source=api-big',
        headers: { 'content-type': 'text/csv', cookie: dg },
        payload: file,
      });
      expect(reply.statusCode, reply.body).toBe(202);
      const done = await ended(reply.json<ImportJob>().id, 'dg');
      expect(done).toMatchObject({ status: 'done', bytesTotal: Buffer.byteLength(file), inserted: 1, rejected: 0 });
    } finally {
      await roomy.close();
    }
  });

  it('ends the job as failed, with the reason, when the uploaded file cannot be read', async () => {
    // An Excel workbook is a zip archive.
    const workbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 0)]);
    const reply = await upload('preset=istibaq&fileName=incidents.xlsx', workbook, 'dg');
    expect(reply.statusCode, reply.body).toBe(202);
    const failed = await ended(reply.json<ImportJob>().id, 'dg');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^incidents\.xlsx: is a zip archive .*save the sheet as CSV/);
    expect(failed.error).not.toMatch(/istibaq-uploads|\/tmp\//);
    expect(failed.summary).toBeNull();
  });

  it('answers 403 OUT_OF_SCOPE to an analyst uploading through a preset that brings its own areas, and creates none', async () => {
    const before = await jobCount();
    const reply = await upload('preset=chicago-aggravated-assaults', broken, 'analyst.rabat');
    expect(reply.statusCode, reply.body).toBe(403);
    expect(reply.json<ErrorReply>()).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'preset' });
    expect(await jobCount()).toBe(before);
    const chicago = await t.db.selectFrom('area').select('id').where('code', '=', 'chicago').execute();
    expect(chicago).toEqual([]);
  });

  it('answers 404 IMPORT_NOT_FOUND for an unknown job id', async () => {
    const reply = await get<ErrorReply>(app, '/api/imports/99999999', cookie('dg'));
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'IMPORT_NOT_FOUND', field: 'id' });
  });

  it('shows a job to the analyst who started it and to the director-general, and to no other analyst', async () => {
    const hidden = await get<ErrorReply>(app, `/api/imports/${analystJob}`, cookie('analyst.anfa'));
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('IMPORT_NOT_FOUND');
    expect((await get(app, `/api/imports/${analystJob}`, cookie('analyst.rabat'))).status).toBe(200);
    expect((await get(app, `/api/imports/${analystJob}`, cookie('dg'))).status).toBe(200);
    // Nor may the analyst read the director-general's job.
    expect((await get(app, `/api/imports/${dgJob}`, cookie('analyst.rabat'))).status).toBe(404);

    const ids = async (username: string) =>
      (await get<{ items: ImportJob[] }>(app, '/api/imports', cookie(username))).body.items.map((j) => j.id);
    expect(await ids('analyst.anfa')).toEqual([]);
    expect(await ids('analyst.rabat')).toEqual([analystJob]);
    expect(await ids('dg')).toEqual(expect.arrayContaining([dgJob, analystJob]));
  });
});
