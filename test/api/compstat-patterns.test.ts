/**
 * CompStat's time-of-day × weekday patterns and weekly trends on a hand-made fixture, on both engines: incidents in
 * Anfa (Casablanca) at the edges that matter — 23:30 on a Sunday evening, local time; half past midnight on a
 * Monday that is still Sunday in UTC; the same hours during Ramadan, when Africa/Casablanca drops from UTC+1 to
 * UTC+0; incidents known only to the day or to the month — written through the store so the roll-up triggers
 * count them. Every expectation below is counted by hand from the list.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compstat, CompstatPatterns, CompstatTrends } from '../../src/contract/compstat.js';
import type { CategoryCode } from '../../src/domain/category.js';
import type { TimePrecision } from '../../src/domain/incident.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, loadAreaDirectory } from '../../src/store/areas.js';
import type { Db } from '../../src/store/db.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser } from '../../src/store/users.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const anfa = '06.141.01.01';
const password = 'compstat patterns fixture password';

/**
 * [instant (UTC), category, precision, note]. Casablanca is UTC+1, except from 10 March 2024 03:00 to 14 April 2024
 * 02:00 (Ramadan), when it is UTC+0. A day-precision incident is stored at the local midnight starting its day, a
 * month-precision one at the local midnight starting its month, as imports write them.
 */
const fixture: [at: string, category: CategoryCode, precision: TimePrecision, note: string][] = [
  ['2024-02-18T22:30:00Z', 'theft', 'instant', 'Sunday 18 February 23:30: the day before the window'],
  ['2024-02-18T23:30:00Z', 'theft', 'instant', 'Monday 19 February 00:30, Sunday in UTC: the first day'],
  ['2024-02-21T10:15:00Z', 'robbery', 'instant', 'Wednesday 21 February 11:15'],
  ['2024-02-25T22:30:00Z', 'theft', 'instant', 'Sunday 25 February 23:30'],
  ['2024-02-25T23:30:00Z', 'theft', 'instant', 'Monday 26 February 00:30, Sunday in UTC'],
  ['2024-03-10T23:30:00Z', 'theft', 'instant', 'Sunday 10 March 23:30, UTC+0 since that morning'],
  ['2024-03-17T23:30:00Z', 'robbery', 'instant', 'Sunday 17 March 23:30 (UTC+0): the last day of the window'],
  ['2024-03-18T00:30:00Z', 'theft', 'instant', 'Monday 18 March 00:30: the day after'],
  ['2024-02-20T23:00:00Z', 'theft', 'day', 'Wednesday 21 February, hour unknown'],
  ['2024-02-20T23:00:00Z', 'theft', 'day', 'Wednesday 21 February, hour unknown'],
  ['2024-03-16T00:00:00Z', 'theft', 'day', 'Saturday 16 March (UTC+0), hour unknown'],
  ['2024-02-29T23:00:00Z', 'theft', 'month', 'March 2024, recorded on the 1st: inside the window'],
  ['2024-01-31T23:00:00Z', 'theft', 'month', 'February 2024, recorded on the 1st: before the window'],
  ['2023-02-19T12:00:00Z', 'theft', 'instant', 'Sunday 19 February 2023: before last year’s weeks'],
  ['2023-02-26T12:00:00Z', 'theft', 'instant', 'Sunday 26 February 2023: last year’s first week'],
  ['2023-02-27T12:00:00Z', 'robbery', 'instant', 'Monday 27 February 2023: last year’s second week'],
  ['2024-03-20T12:00:00Z', 'theft', 'instant', 'Wednesday 20 March 12:00 (UTC+0): the latest day with data'],
];

async function loadFixture(db: Db): Promise<void> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const incidents = fixture.map(([at, category, precision], i) => {
    const occurredAt = new Date(at);
    const record = makeIncident({ category, occurredAt, reportedAt: occurredAt, externalId: `${precision}-${i}` });
    const place = locate(directory, record);
    if (!place || place.districtId !== directory.byCode(anfa)?.id) throw new Error('the fixture point is not in Anfa');
    return { record, place };
  });
  await writeBatch(db, { incidents, calls: [] });
  // Coarser times are set afterwards, as an update: the roll-up triggers move them out of the daily counts (month).
  for (const precision of ['day', 'month'] as const) {
    await sql`update incident set occurred_precision = ${precision} where external_id like ${`${precision}-%`}`.execute(
      db,
    );
  }
}

/** An all-zero 7 × 24 matrix with the given [weekday, hour, count] cells. */
function matrixWith(cells: [weekday: number, hour: number, n: number][]): number[][] {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [weekday, hour, n] of cells) (matrix[weekday - 1] as number[])[hour] = n;
  return matrix;
}

describe.each(engines)('CompStat patterns and trends on %s', (engine) => {
  let t: TestDb;
  let app: App;
  let dg: string;
  let chief: string;
  let wali: string;
  beforeAll(async () => {
    t = await freshDb(engine);
    await loadFixture(t.db);
    const scopeId = async (code: string) => (await findAreaByCode(t.db, code))?.id ?? null;
    const users = [
      { username: 'dg', role: 'director_general', scopeAreaId: null },
      { username: 'chief', role: 'district_chief', scopeAreaId: await scopeId(anfa) },
      { username: 'wali', role: 'wali', scopeAreaId: await scopeId('07') },
    ] as const;
    for (const u of users) await createUser(t.db, { ...u, displayName: u.username, password });
    app = await testApp(t.db, { demo: false });
    dg = await signIn(app, 'dg', password);
    chief = await signIn(app, 'chief', password);
    wali = await signIn(app, 'wali', password);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('GET /api/compstat/patterns', () => {
    const window = 'from=2024-02-19&to=2024-03-17';

    it('places each incident on its local weekday and hour, Sunday 23:30 on weekday 7 hour 23', async () => {
      for (const code of [anfa, '06.141.01.0', 'MA']) {
        const reply = await get<CompstatPatterns>(app, `/api/compstat/patterns?area=${code}&${window}`, dg);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(reply.body).toMatchObject({
          from: '2024-02-19',
          to: '2024-03-17',
          days: 28,
          category: null,
          timeZone: 'Africa/Casablanca',
          synthetic: false,
        });
        expect(reply.body.area.code).toBe(code);
        // Monday 00:30 twice (Sunday evening in UTC both times); Sunday 23:30 on 25 February (UTC+1), 10 and 17
        // March (UTC+0); Wednesday 11:15. Sunday 18 February 23:30 and Monday 18 March 00:30 are outside.
        expect(reply.body.matrix).toEqual(
          matrixWith([
            [1, 0, 2],
            [3, 11, 1],
            [7, 23, 3],
          ]),
        );
        expect(reply.body.placed).toBe(6);
        expect(reply.body.unplaced).toEqual({ day: 3, month: 1, total: 4 });
        expect(reply.body.dayOnlyByWeekday).toEqual([0, 0, 2, 0, 0, 1, 0]);
      }
    });

    it('counts one category alone', async () => {
      const theft = await get<CompstatPatterns>(
        app,
        `/api/compstat/patterns?area=${anfa}&${window}&category=theft`,
        dg,
      );
      expect(theft.body.category).toBe('theft');
      expect(theft.body.matrix).toEqual(
        matrixWith([
          [1, 0, 2],
          [7, 23, 2],
        ]),
      );
      expect([theft.body.placed, theft.body.unplaced.total]).toEqual([4, 4]);
      const robbery = await get<CompstatPatterns>(
        app,
        `/api/compstat/patterns?area=${anfa}&${window}&category=robbery`,
        dg,
      );
      expect(robbery.body.matrix).toEqual(
        matrixWith([
          [3, 11, 1],
          [7, 23, 1],
        ]),
      );
      expect(robbery.body.unplaced).toEqual({ day: 0, month: 0, total: 0 });
    });

    it('adds up, with the incidents known to the day, to the CompStat table’s 28 days', async () => {
      const table = await get<Compstat>(app, `/api/compstat?area=${anfa}&asOf=2024-03-17`, dg);
      const patterns = await get<CompstatPatterns>(app, `/api/compstat/patterns?area=${anfa}&${window}`, dg);
      expect(table.body.periods.days28.current).toEqual({ from: '2024-02-19', to: '2024-03-17', days: 28 });
      expect(table.body.total.days28.incidents).toBe(9);
      expect(patterns.body.placed + patterns.body.unplaced.day).toBe(table.body.total.days28.incidents);
    });

    it('reads the 28 days ending on the CompStat as-of day by default, or 28 days from a given start', async () => {
      const reply = await get<CompstatPatterns>(app, `/api/compstat/patterns?area=${anfa}`, dg);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ from: '2024-02-22', to: '2024-03-20', days: 28 });
      // 25 February 23:30, 26 February and 18 March 00:30, 10 and 17 March 23:30, 20 March 12:00 (UTC+0).
      expect(reply.body.matrix).toEqual(
        matrixWith([
          [1, 0, 2],
          [3, 12, 1],
          [7, 23, 3],
        ]),
      );
      expect(reply.body.unplaced).toEqual({ day: 1, month: 1, total: 2 });
      const fromOnly = await get<CompstatPatterns>(app, `/api/compstat/patterns?area=${anfa}&from=2024-02-19`, dg);
      expect(fromOnly.body).toMatchObject({ from: '2024-02-19', to: '2024-03-17', placed: 6 });
    });
  });

  describe('GET /api/compstat/trends', () => {
    it('counts Monday–Sunday weeks ending with a Sunday as-of day, and the same weekdays 52 weeks earlier', async () => {
      const reply = await get<CompstatTrends>(app, `/api/compstat/trends?area=${anfa}&asOf=2024-03-17&weeks=4`, dg);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({ asOf: '2024-03-17', category: null, synthetic: false });
      expect(reply.body.weeks).toEqual([
        {
          from: '2024-02-19',
          to: '2024-02-25',
          days: 7,
          partial: false,
          lastYear: { from: '2023-02-20', to: '2023-02-26' },
        },
        {
          from: '2024-02-26',
          to: '2024-03-03',
          days: 7,
          partial: false,
          lastYear: { from: '2023-02-27', to: '2023-03-05' },
        },
        {
          from: '2024-03-04',
          to: '2024-03-10',
          days: 7,
          partial: false,
          lastYear: { from: '2023-03-06', to: '2023-03-12' },
        },
        {
          from: '2024-03-11',
          to: '2024-03-17',
          days: 7,
          partial: false,
          lastYear: { from: '2023-03-13', to: '2023-03-19' },
        },
      ]);
      // Sunday 25 February 23:30 closes the first week; half an hour later (still Sunday in UTC) opens the second.
      // The month-only incident of March is in no week; those known to the day are.
      const series = (category: string, current: number[], lastYear: number[]) => ({
        category,
        current,
        lastYear,
        currentTotal: current.reduce((a, b) => a + b, 0),
        lastYearTotal: lastYear.reduce((a, b) => a + b, 0),
        changePct: null,
      });
      expect(reply.body.rows).toEqual([
        series('robbery', [1, 0, 0, 1], [0, 1, 0, 0]),
        series('theft', [4, 1, 1, 1], [1, 0, 0, 0]),
      ]);
      expect(reply.body.total).toEqual(series('total', [5, 1, 1, 2], [1, 1, 0, 0]));
    });

    it('marks the as-of day’s week partial and compares it with the same weekdays', async () => {
      const reply = await get<CompstatTrends>(app, `/api/compstat/trends?area=${anfa}&asOf=2024-03-18&weeks=4`, dg);
      expect(reply.body.weeks.map((w) => [w.from, w.to, w.days, w.partial])).toEqual([
        ['2024-02-26', '2024-03-03', 7, false],
        ['2024-03-04', '2024-03-10', 7, false],
        ['2024-03-11', '2024-03-17', 7, false],
        ['2024-03-18', '2024-03-18', 1, true],
      ]);
      expect(reply.body.weeks[3]?.lastYear).toEqual({ from: '2023-03-20', to: '2023-03-20' });
      expect(reply.body.rows.map((r) => [r.category, r.current, r.lastYear])).toEqual([
        ['robbery', [0, 0, 1, 0], [1, 0, 0, 0]],
        ['theft', [1, 1, 1, 1], [0, 0, 0, 0]],
      ]);
    });

    it('keeps to one category when asked, and defaults to 13 weeks as of the CompStat day', async () => {
      const robbery = await get<CompstatTrends>(
        app,
        `/api/compstat/trends?area=${anfa}&asOf=2024-03-17&weeks=4&category=robbery`,
        dg,
      );
      expect(robbery.body.category).toBe('robbery');
      expect(robbery.body.rows.map((r) => r.category)).toEqual(['robbery']);
      expect(robbery.body.total.current).toEqual([1, 0, 0, 1]);
      const byDefault = await get<CompstatTrends>(app, `/api/compstat/trends?area=${anfa}`, dg);
      expect(byDefault.body.asOf).toBe('2024-03-20');
      expect(byDefault.body.weeks).toHaveLength(13);
      expect(byDefault.body.weeks[12]).toMatchObject({ from: '2024-03-18', to: '2024-03-20', days: 3, partial: true });
      // Every incident from 25 December 2023 to 20 March 2024 but the two known only to the month.
      expect(byDefault.body.total.currentTotal).toBe(12);
    });
  });

  it('answers inside the caller’s scope only', async () => {
    for (const path of ['patterns', 'trends']) {
      expect((await get(app, `/api/compstat/${path}?area=${anfa}`, chief)).status).toBe(200);
      const own = await get<CompstatTrends>(app, `/api/compstat/${path}`, chief);
      expect(own.body.area.code).toBe(anfa);
      for (const [cookie, code] of [
        [chief, '06.141.01.0'],
        [wali, anfa],
      ] as const) {
        const reply = await get<ErrorReply>(app, `/api/compstat/${path}?area=${code}`, cookie);
        expect(reply.status).toBe(403);
        expect(reply.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
      }
      expect((await get(app, `/api/compstat/${path}?area=${anfa}`)).status).toBe(401);
      expect((await get<ErrorReply>(app, `/api/compstat/${path}?area=nowhere`, dg)).status).toBe(404);
    }
  });

  it.each([
    ['patterns', 'from=2024-02-30', 'from'],
    ['patterns', 'to=24-03-17', 'to'],
    ['patterns', 'from=2024-03-17&to=2024-02-19', 'to'],
    ['patterns', 'from=2000-01-01&to=2024-01-01', 'to'],
    ['patterns', 'category=arson', 'category'],
    ['patterns', 'hour=23', 'hour'],
    ['trends', 'asOf=2024-02-30', 'asOf'],
    ['trends', 'weeks=0', 'weeks'],
    ['trends', 'weeks=53', 'weeks'],
    ['trends', 'weeks=many', 'weeks'],
    ['trends', 'category=arson', 'category'],
  ])('/api/compstat/%s rejects %s naming the field', async (path, query, field) => {
    const reply = await get<ErrorReply>(app, `/api/compstat/${path}?area=${anfa}&${query}`, dg);
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });
});
