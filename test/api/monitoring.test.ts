/**
 * Daily indicators and alerts on both engines: ten weeks of thefts at a steady 3 to 5 a day in Anfa (Casablanca),
 * then one day with 40, written through the store so that the roll-up triggers count them. The scan of Casablanca
 * raises exactly one alert for that day and none when run again; a client subscribed to the city and connected to
 * the alert stream over a real HTTP connection receives that alert, a client subscribed to another region receives
 * nothing of it. Then the control chart, the threshold report, scope and bad input, and the command.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertFeed } from '../../src/analysis/alert-feed.js';
import { scanDay } from '../../src/analysis/monitoring.js';
import type {
  Alert,
  AlertList,
  DailySeries,
  SubscriptionList,
  ThresholdReport,
} from '../../src/contract/monitoring.js';
import { addDays } from '../../src/domain/time.js';
import { countryCode } from '../../src/geo/morocco.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { locate } from '../../src/ingest/locate.js';
import { AlertMonitor } from '../../src/server/alert-monitor.js';
import { buildApp, type App } from '../../src/server/app.js';
import { findAreaByCode, listAncestors, loadAreaDirectory, type AreaRow } from '../../src/store/areas.js';
import { openDb, type Db } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { testUntil } from '../fixtures.js';
import { get, signIn, type ErrorReply } from './helpers.js';

const anfa = '06.141.01.01';
const password = 'monitoring fixture password';
/** The day of the spike, a Tuesday; the ten weeks before it hold the usual level. */
const spikeDay = '2026-11-10';
const spikeCount = 40;
const historyDays = 70;

/** Thefts a day before the spike: 3, 4, 5, 3, 4, 5, … (the same weekday cycles through the three). */
const usual = (daysBefore: number) => 3 + (daysBefore % 3);

async function loadFixture(db: Db): Promise<void> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const place = locate(directory, makeIncident());
  if (!place || place.districtId !== directory.byCode(anfa)?.id) throw new Error('the fixture point is not in Anfa');
  const incidents = [];
  for (let d = historyDays; d >= 0; d--) {
    const day = addDays(spikeDay, -d);
    const n = d === 0 ? spikeCount : usual(d);
    for (let i = 0; i < n; i++) {
      const occurredAt = new Date(`${day}T12:00:00Z`);
      incidents.push({ record: makeIncident({ category: 'theft', occurredAt, reportedAt: occurredAt }), place });
    }
  }
  await writeBatch(db, { incidents, calls: [] });
}

async function cityOf(db: Db, code: string): Promise<AreaRow> {
  const area = await findAreaByCode(db, code);
  const city = area && (await listAncestors(db, area.id)).find((a) => a.level === 'city');
  if (!city) throw new Error(`no city above ${code}`);
  return city;
}

/** The events of a Server-Sent Events stream read over HTTP, as they arrive. */
class EventReader {
  readonly events: { event: string; data: string }[] = [];
  comments = 0;
  #buffer = '';
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #reading: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
    this.#reading = this.#read();
  }

  async #read(): Promise<void> {
    for (;;) {
      const { done, value } = await this.#reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      this.#buffer += this.#decoder.decode(value, { stream: true });
      let end = this.#buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const lines = block.split('\n');
        if (lines.every((l) => l.startsWith(':') || l.startsWith('retry:'))) this.comments++;
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event !== undefined && data !== undefined) this.events.push({ event, data });
        end = this.#buffer.indexOf('\n\n');
      }
    }
  }

  /** Waits until `test` holds (checked as chunks arrive), for at most 10 s. */
  async until(test: () => boolean): Promise<void> {
    for (let waited = 0; !test(); waited += 10) {
      if (waited > 10_000) throw new Error(`gave up waiting; events so far: ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
    await this.#reading;
  }
}

describe.each(engines)('daily indicators and alerts on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let feed: AlertFeed;
  let city: AreaRow;
  let dg: string;
  let wali: string;
  let chief: string;
  beforeAll(async () => {
    t = await freshDb(engine);
    await loadFixture(t.db);
    city = await cityOf(t.db, anfa);
    const scopeId = async (code: string) => (await findAreaByCode(t.db, code))?.id ?? null;
    const users = [
      { username: 'dg', role: 'director_general', scopeAreaId: null },
      { username: 'wali', role: 'wali', scopeAreaId: await scopeId('07') },
      { username: 'chief', role: 'district_chief', scopeAreaId: await scopeId(anfa) },
    ] as const;
    for (const u of users) await createUser(t.db, { ...u, displayName: u.username, password });
    feed = new AlertFeed();
    app = await buildApp(
      {
        db: t.db,
        version: 'test',
        demo: false,
        tileUrl: null,
        sessionHours: 12,
        secureCookies: false,
        now: () => testUntil,
        defaultArea: countryCode,
        alerts: feed,
      },
      { webDir: null },
    );
    dg = await signIn(app, 'dg', password);
    wali = await signIn(app, 'wali', password);
    chief = await signIn(app, 'chief', password);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const post = async <T>(url: string, cookie: string, payload?: unknown) => {
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json<T>() };
  };

  it('draws the control chart: the spike lies outside its band, the usual days inside', async () => {
    const from = addDays(spikeDay, -13);
    for (const category of ['theft', 'total']) {
      const reply = await get<DailySeries>(
        app,
        `/api/compstat/daily?area=${city.code}&category=${category}&from=${from}&to=${spikeDay}`,
        dg,
      );
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const days = reply.body.days;
      expect(days.map((d) => d.day)).toHaveLength(14);
      const spike = days.at(-1);
      // The same weekday 7 … 56 days earlier: 3 + (7k mod 3) for k = 1…8 → 4, 5, 3, 4, 5, 3, 4, 5 (mean 33/8).
      expect(spike).toMatchObject({ day: spikeDay, count: spikeCount, outside: true, seasonalFactor: 1 });
      expect(spike?.expected).toBeCloseTo(33 / 8, 12);
      expect(spike?.upper).toBeCloseTo(33 / 8 + 3 * Math.sqrt(33 / 8), 12);
      for (const d of days.slice(0, -1)) {
        expect({ day: d.day, outside: d.outside }).toEqual({ day: d.day, outside: false });
      }
      expect(days[0]?.count).toBe(usual(13));
    }
  });

  it('gives the threshold report and says when there are fewer than two prior years', async () => {
    const reply = await get<ThresholdReport>(app, `/api/compstat/thresholds?area=${city.code}&asOf=${spikeDay}`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const theft = reply.body.rows.find((r) => r.category === 'theft');
    let week = spikeCount;
    for (let d = 1; d <= 6; d++) week += usual(d);
    expect(theft?.days7).toMatchObject({
      from: addDays(spikeDay, -6),
      to: spikeDay,
      current: week,
      prior: [],
      exceeds: null,
      note: 'insufficient_history',
    });
    expect(reply.body.total.days7.current).toBe(week);
  });

  it('raises exactly one alert for the spike, none when scanned again, and streams it to the subscriber only', async () => {
    const port = await app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
      const address = app.server.address();
      return typeof address === 'object' && address !== null ? address.port : 0;
    });
    expect(
      (await post<SubscriptionList>('/api/subscriptions', dg, { area: city.code, category: 'theft' })).status,
    ).toBe(200);
    expect((await post<SubscriptionList>('/api/subscriptions', wali, { area: '07' })).status).toBe(200);
    const controller = new AbortController();
    const open = async (cookie: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/alerts/stream`, {
        headers: { cookie, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      if (!response.body) throw new Error('no body');
      const reader = new EventReader(response.body);
      await reader.until(() => reader.comments > 0);
      return reader;
    };
    const subscriber = await open(dg);
    const other = await open(wali);
    try {
      expect(feed.listeners).toBe(2);
      const first = await scanDay(t.db, { day: spikeDay, withinAreaId: city.id, now: testUntil }, feed);
      expect(first.raised).toHaveLength(1);
      const [raised] = first.raised as [Alert];
      expect(raised).toMatchObject({
        area: { code: city.code, level: 'city' },
        category: 'theft',
        day: spikeDay,
        kind: 'daily_excess',
        observed: spikeCount,
        acknowledgedBy: null,
      });
      expect(raised.expected).toBeCloseTo(33 / 8, 12);
      const again = await scanDay(t.db, { day: spikeDay, withinAreaId: city.id, now: testUntil }, feed);
      expect(again.raised).toEqual([]);
      // The usual days raise nothing.
      expect(
        (await scanDay(t.db, { day: addDays(spikeDay, -1), withinAreaId: city.id, now: testUntil }, feed)).raised,
      ).toEqual([]);

      // A later alert for each client's own subscription: each stream delivers in order, so what came before it is
      // everything the client was sent from the scans.
      const marker = (id: number, code: string, level: 'region' | 'city'): Alert => ({
        ...raised,
        id,
        area: { ...raised.area, code, level },
      });
      const region07 = await findAreaByCode(t.db, '07');
      feed.publish([
        { areaId: region07?.id ?? -1, alert: marker(900_001, '07', 'region') },
        { areaId: city.id, alert: marker(900_002, city.code, 'city') },
      ]);
      await subscriber.until(() => subscriber.events.length >= 2);
      await other.until(() => other.events.length >= 1);
      expect(subscriber.events.map((e) => e.event)).toEqual(['alert', 'alert']);
      expect(JSON.parse(subscriber.events[0]?.data ?? '')).toEqual(raised);
      expect((JSON.parse(subscriber.events[1]?.data ?? '') as Alert).id).toBe(900_002);
      expect(other.events.map((e) => (JSON.parse(e.data) as Alert).id)).toEqual([900_001]);

      const list = await get<AlertList>(app, `/api/alerts?area=${city.code}`, dg);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [raised], truncated: false });
      const national = await get<AlertList>(app, `/api/alerts?from=${spikeDay}&to=${spikeDay}&category=theft`, dg);
      expect(national.body.items.map((a) => a.id)).toEqual([raised.id]);
    } finally {
      controller.abort();
      await subscriber.close();
      await other.close();
    }
  });

  it('acknowledges an alert once, inside the scope only', async () => {
    const [alert] = (await get<AlertList>(app, `/api/alerts?area=${city.code}`, dg)).body.items;
    expect(alert).toBeDefined();
    const denied = await post<ErrorReply>(`/api/alerts/${alert?.id}/acknowledge`, wali);
    expect(denied).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
    const done = await post<Alert>(`/api/alerts/${alert?.id}/acknowledge`, dg);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: alert?.id, acknowledgedBy: 'dg', acknowledgedAt: testUntil.toISOString() });
    expect((await post<ErrorReply>('/api/alerts/987654/acknowledge', dg)).body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a wali of another region out of the city’s alerts and subscriptions', async () => {
    for (const reply of [
      await get<ErrorReply>(app, `/api/alerts?area=${city.code}`, wali),
      await get<ErrorReply>(app, `/api/compstat/daily?area=${city.code}&category=theft`, wali),
      await get<ErrorReply>(app, `/api/compstat/thresholds?area=${city.code}`, wali),
      await post<ErrorReply>('/api/subscriptions', wali, { area: city.code }),
    ]) {
      expect(reply).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE', field: 'area' } });
    }
    // The wali's own list holds nothing of Casablanca; a district chief sees the city's alerts only from inside it.
    expect((await get<AlertList>(app, '/api/alerts', wali)).body.items).toEqual([]);
    expect((await get<AlertList>(app, '/api/alerts', chief)).body.items).toEqual([]);
    expect((await get(app, '/api/alerts')).status).toBe(401);
    expect((await get(app, '/api/alerts/stream')).status).toBe(401);
  });

  it('adds, lists and removes subscriptions, each once', async () => {
    await post('/api/subscriptions', chief, { area: anfa });
    const twice = await post<SubscriptionList>('/api/subscriptions', chief, { area: anfa, category: null });
    expect(twice.body.items.map((s) => [s.area.code, s.category])).toEqual([[anfa, null]]);
    await post('/api/subscriptions', chief, { area: anfa, category: 'robbery' });
    const listed = await get<SubscriptionList>(app, '/api/subscriptions', chief);
    expect(listed.body.items.map((s) => [s.area.code, s.category])).toEqual([
      [anfa, null],
      [anfa, 'robbery'],
    ]);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/subscriptions?area=${anfa}`,
      headers: { cookie: chief },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json<SubscriptionList>().items.map((s) => [s.area.code, s.category])).toEqual([[anfa, 'robbery']]);
  });

  it.each([
    ['GET', `/api/compstat/daily?area=${anfa}`, 'category'],
    ['GET', `/api/compstat/daily?area=${anfa}&category=pickpocketing`, 'category'],
    ['GET', `/api/compstat/daily?area=${anfa}&category=theft&from=2026-02-30`, 'from'],
    ['GET', `/api/compstat/daily?area=${anfa}&category=theft&from=2026-11-10&to=2026-11-01`, 'from'],
    ['GET', `/api/compstat/daily?area=${anfa}&category=theft&from=2024-01-01&to=2026-11-01`, 'to'],
    ['GET', `/api/compstat/thresholds?area=${anfa}&asOf=soon`, 'asOf'],
    ['GET', '/api/alerts?limit=0', 'limit'],
    ['GET', '/api/alerts?category=pickpocketing', 'category'],
    ['GET', '/api/alerts?level=city', 'level'],
    ['POST', '/api/subscriptions', 'area'],
  ])('rejects %s %s naming the field', async (method, url, field) => {
    const response = await app.inject({
      method: method as 'GET' | 'POST',
      url,
      headers: { cookie: dg },
      ...(method === 'POST' ? { payload: { category: 'theft' } } : {}),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('has the server scan the latest complete day at start, nothing new an hour later, and the week after an import', async () => {
    const monitor = new AlertMonitor({ db: t.db, feed, now: () => testUntil });
    try {
      // The data ends on the spike's day; the city's alert is stored already, the levels above it are not.
      const started = await monitor.start();
      expect(started.map((r) => r.day)).toEqual([spikeDay]);
      expect(started[0]?.raised.map((a) => a.area.level).sort()).toEqual(['country', 'province', 'region']);
      expect(await monitor.tick()).toEqual([]);
      const rescanned = await monitor.afterImport();
      expect(rescanned.map((r) => r.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(spikeDay, i - 6)));
      expect(rescanned.flatMap((r) => r.raised)).toEqual([]);
    } finally {
      monitor.stop();
    }
  });

  it('rejects an unknown category in a subscription naming the field', async () => {
    const reply = await post<ErrorReply>('/api/subscriptions', dg, { area: city.code, category: 'pickpocketing' });
    expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', field: 'category' } });
  });
});

describe('istibaq alerts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'istibaq-alerts-'));
    const db = await openDb(dir);
    try {
      await migrateToLatest(db);
      await loadFixture(db);
    } finally {
      await db.destroy();
    }
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const istibaq = (args: string[]) => runCli(['alerts', ...args], { ISTIBAQ_DATA: dir });

  it('scans a day once and lists the alert it raised', { timeout: 180_000 }, async () => {
    const scan = await istibaq(['scan', '--day', spikeDay, '--area', '06.141.01.0', '--json']);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    const city = (JSON.parse(scan.stdout) as { raised: Alert[] }).raised;
    expect(city.map((a) => [a.area.level, a.category, a.observed])).toEqual([['city', 'theft', spikeCount]]);
    const again = await istibaq(['scan', '--day', spikeDay]);
    expect(again.code).toBe(0);
    // The whole country: the province, region and country levels count the same spike; the city is stored already.
    expect(again.stdout).toMatch(/3 new alert\(s\)/);
    const list = await istibaq(['list', '--area', '06', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Alert[]).map((a) => a.area.level).sort()).toEqual([
      'city',
      'province',
      'region',
    ]);
    const text = await istibaq(['list', '--area', '06.141.01.0']);
    expect(text.stdout).toMatch(
      new RegExp(`^${spikeDay}\\s+06\\.141\\.01\\.0 .* theft\\s+40 observed, 4\\.1 expected`, 'm'),
    );
  });

  it('exits 2 on a usage error', { timeout: 60_000 }, async () => {
    for (const args of [
      ['scan', '--day', '2026-02-30'],
      ['scan', '--area', 'nowhere'],
      ['list', '--category', 'x'],
    ]) {
      const run = await istibaq(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--(day|area|category)/);
    }
  });
});
