/**
 * The CompStat table on a hand-made fixture, on both engines: a few incidents in Anfa (Casablanca) on days chosen at
 * the edges of the windows — a Sunday and the next Monday, 31 December and 1 January, 29 February 2024 against
 * 28 February 2023 and 2025, a category with one incident, solved ones — written through the store, so the
 * roll-up triggers count them. The windows are written out by hand below; every cell is counted from the
 * fixture list with them, and the whole answer compared. Then the API's errors and the command's exit codes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentChange } from '../../src/analytics/compare.js';
import { poissonRateTest } from '../../src/analytics/poisson-test.js';
import type { Compstat } from '../../src/contract/compstat.js';
import type { CategoryCode } from '../../src/domain/category.js';
import { ensureMoroccoGeography } from '../../src/ingest/geography.js';
import { locate } from '../../src/ingest/locate.js';
import type { App } from '../../src/server/app.js';
import { findAreaByCode, loadAreaDirectory } from '../../src/store/areas.js';
import { openDb, type Db } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { writeBatch } from '../../src/store/records.js';
import { createUser } from '../../src/store/users.js';
import { runCli } from '../cli-run.js';
import { engines, freshDb, type TestDb } from '../db.js';
import { makeIncident } from '../factories.js';
import { get, signIn, testApp, type ErrorReply } from './helpers.js';

const anfa = '06.141.01.01';
const password = 'compstat fixture password';

/** [local day, category, how many, how many solved]; every incident at noon UTC, the same day in Casablanca. */
const fixture: [day: string, category: CategoryCode, n: number, solved: number][] = [
  ['2020-06-15', 'theft', 1, 0], // the first day with data: 2021 is the first full year, the default baseline
  ['2021-01-01', 'robbery', 1, 0], // baseline year to date only
  ['2021-02-27', 'theft', 1, 1], // baseline week, 28 days and year to date
  ['2022-02-24', 'theft', 1, 0], // two years earlier: 28 days and year to date, not the week (25–28 February)
  ['2022-02-28', 'theft', 2, 1],
  ['2022-12-31', 'theft', 1, 0], // in no window: the year boundary
  ['2023-01-01', 'theft', 1, 1], // last year's year to date only
  ['2023-02-24', 'robbery', 1, 0], // last year's 28 days, not its week
  ['2023-02-25', 'robbery', 1, 1], // the first day of last year's week
  ['2023-02-28', 'theft', 12, 3],
  ['2023-03-01', 'theft', 1, 0], // after last year's 28 February: in no window as of 29 February 2024
  ['2023-12-31', 'theft', 1, 0], // a Sunday, the day before the year to date
  ['2024-01-01', 'theft', 1, 1], // a Monday, the first day of the year to date
  ['2024-02-25', 'theft', 1, 0], // a Sunday: in the 28 days, not in the week to date
  ['2024-02-26', 'theft', 2, 0], // the Monday after: the first day of the week to date
  ['2024-02-29', 'theft', 20, 5],
  ['2024-02-29', 'homicide', 1, 1], // a row of one
  ['2024-03-01', 'theft', 1, 0], // after the as-of day
  ['2025-02-28', 'theft', 3, 0],
];

type Window = { from: string; to: string; days: number };
const win = (from: string, to: string, days: number): Window => ({ from, to, days });

/** The windows as of Thursday 29 February 2024 with baseline 2021, by hand. */
const feb29 = {
  weekToDate: {
    current: win('2024-02-26', '2024-02-29', 4),
    lastYear: win('2023-02-25', '2023-02-28', 4),
    twoYearsAgo: win('2022-02-25', '2022-02-28', 4),
    baseline: win('2021-02-25', '2021-02-28', 4),
  },
  days28: {
    current: win('2024-02-02', '2024-02-29', 28),
    lastYear: win('2023-02-01', '2023-02-28', 28),
    twoYearsAgo: win('2022-02-01', '2022-02-28', 28),
    baseline: win('2021-02-01', '2021-02-28', 28),
  },
  yearToDate: {
    current: win('2024-01-01', '2024-02-29', 60),
    lastYear: win('2023-01-01', '2023-02-28', 59),
    twoYearsAgo: win('2022-01-01', '2022-02-28', 59),
    baseline: win('2021-01-01', '2021-02-28', 59),
  },
};

/** The windows as of Friday 28 February 2025 with baseline 2021: last year's end on 28 February 2024, not the 29th. */
const feb28 = {
  weekToDate: {
    current: win('2025-02-24', '2025-02-28', 5),
    lastYear: win('2024-02-24', '2024-02-28', 5),
    twoYearsAgo: win('2023-02-24', '2023-02-28', 5),
    baseline: win('2021-02-24', '2021-02-28', 5),
  },
  days28: {
    current: win('2025-02-01', '2025-02-28', 28),
    lastYear: win('2024-02-01', '2024-02-28', 28),
    twoYearsAgo: win('2023-02-01', '2023-02-28', 28),
    baseline: win('2021-02-01', '2021-02-28', 28),
  },
  yearToDate: {
    current: win('2025-01-01', '2025-02-28', 59),
    lastYear: win('2024-01-01', '2024-02-28', 59),
    twoYearsAgo: win('2023-01-01', '2023-02-28', 59),
    baseline: win('2021-01-01', '2021-02-28', 59),
  },
};

type Periods = typeof feb29;

function tally(w: Window, category: string | null) {
  let incidents = 0;
  let solved = 0;
  for (const [day, c, n, s] of fixture) {
    if (day >= w.from && day <= w.to && (category === null || c === category)) {
      incidents += n;
      solved += s;
    }
  }
  return { incidents, solved };
}

/** The table counted from the fixture list with the windows above. */
function expectedTable(periods: Periods, population: number | null) {
  const row = (category: string | null) => {
    const cell = (p: Periods['days28']) => {
      const now = tally(p.current, category);
      const change = (w: Window) => {
        const before = tally(w, category);
        const changePct = before.incidents < 10 ? null : ((now.incidents - before.incidents) / before.incidents) * 100;
        const { pValue } = poissonRateTest(now.incidents, before.incidents, p.current.days, w.days);
        return {
          incidents: before.incidents,
          solved: before.solved,
          clearancePct: before.incidents > 0 ? (before.solved / before.incidents) * 100 : null,
          changePct,
          changeNote: changePct === null ? 'small_base' : null,
          pValue,
          significant: pValue < 0.05,
        };
      };
      return {
        incidents: now.incidents,
        solved: now.solved,
        clearancePct: now.incidents > 0 ? (now.solved / now.incidents) * 100 : null,
        ratePer100k: population === null ? null : (now.incidents / population) * 100_000,
        lastYear: change(p.lastYear),
        twoYearsAgo: change(p.twoYearsAgo),
        baseline: change(p.baseline),
      };
    };
    return {
      category: category ?? 'total',
      weekToDate: cell(periods.weekToDate),
      days28: cell(periods.days28),
      yearToDate: cell(periods.yearToDate),
    };
  };
  // Categories with an incident in any window, in the vocabulary's order (homicide, robbery, theft).
  const windows = Object.values(periods).flatMap((p) => Object.values(p));
  const present = ['homicide', 'robbery', 'theft'].filter((c) => windows.some((w) => tally(w, c).incidents > 0));
  return { rows: present.map(row), total: row(null) };
}

async function loadFixture(db: Db): Promise<void> {
  await ensureMoroccoGeography(db);
  const directory = await loadAreaDirectory(db);
  const incidents = fixture.flatMap(([day, category, n, solved]) =>
    Array.from({ length: n }, (_, i) => {
      const occurredAt = new Date(`${day}T12:00:00Z`);
      const record = makeIncident({
        category,
        occurredAt,
        reportedAt: occurredAt,
        ...(i < solved ? { status: 'solved' as const, solvedAt: new Date(occurredAt.getTime() + 86_400_000) } : {}),
      });
      const place = locate(directory, record);
      if (!place || place.districtId !== directory.byCode(anfa)?.id) {
        throw new Error('the fixture point is not in Anfa');
      }
      return { record, place };
    }),
  );
  await writeBatch(db, { incidents, calls: [] });
}

describe.each(engines)('the CompStat table on %s', (engine) => {
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

  it.each([
    ['29 February 2024', '2024-02-29', feb29],
    ['28 February 2025', '2025-02-28', feb28],
  ])('gives every cell as counted by hand as of %s, for the district and the country', async (_, asOf, periods) => {
    for (const code of [anfa, 'MA']) {
      const reply = await get<Compstat>(app, `/api/compstat?area=${code}&asOf=${asOf}&baselineYear=2021`, dg);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const population = (await findAreaByCode(t.db, code))?.population ?? null;
      if (code === 'MA') expect(population).toBeGreaterThan(30_000_000);
      expect(reply.body).toMatchObject({ asOf, baselineYear: 2021, alpha: 0.05, synthetic: false, periods });
      expect(reply.body.area.code).toBe(code);
      expect({ rows: reply.body.rows, total: reply.body.total }).toEqual(expectedTable(periods, population));
    }
  });

  it('counts the edges as the fixture says, written out', async () => {
    const { body } = await get<Compstat>(app, `/api/compstat?area=${anfa}&asOf=2024-02-29`, dg);
    const { weekToDate, days28, yearToDate } = body.total;
    // Week: Monday 26 (2) and 29 February (20 + 1), not Sunday 25; last year 25 (1) and 28 February 2023 (12).
    expect([weekToDate.incidents, weekToDate.lastYear.incidents, weekToDate.twoYearsAgo.incidents]).toEqual([
      23, 13, 2,
    ]);
    // 28 days: 25, 26 and 29 February; last year 24, 25 and 28 February 2023.
    expect([days28.incidents, days28.lastYear.incidents, days28.twoYearsAgo.incidents]).toEqual([24, 14, 3]);
    // Year: 1 January 2024 on (not 31 December 2023); last year 1 January to 28 February 2023.
    expect([yearToDate.incidents, yearToDate.lastYear.incidents, yearToDate.baseline?.incidents]).toEqual([25, 15, 2]);
    expect(yearToDate.solved).toBe(7);
    expect(yearToDate.clearancePct).toBeCloseTo(28, 10);
    expect(weekToDate.lastYear.changePct).toBeCloseTo((100 * (23 - 13)) / 13, 10);
    expect(weekToDate.twoYearsAgo).toMatchObject({ changePct: null, changeNote: 'small_base', significant: true });
    const homicide = body.rows.find((r) => r.category === 'homicide');
    expect(homicide?.weekToDate).toMatchObject({ incidents: 1, solved: 1, clearancePct: 100 });
    expect(homicide?.weekToDate.lastYear).toMatchObject({
      incidents: 0,
      changePct: null,
      pValue: 1,
      significant: false,
    });
    expect(percentChange(1, 0)).toBeNull();
  });

  it('takes the latest day with data and the first full year with data by default', async () => {
    const reply = await get<Compstat>(app, `/api/compstat?area=${anfa}`, dg);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ asOf: '2025-02-28', baselineYear: 2021, periods: feb28 });
  });

  it('answers inside the caller’s scope only', async () => {
    expect((await get(app, `/api/compstat?area=${anfa}&asOf=2024-02-29`, chief)).status).toBe(200);
    const own = await get<Compstat>(app, '/api/compstat?asOf=2024-02-29', chief);
    expect(own.body.area.code).toBe(anfa);
    for (const [cookie, code] of [
      [chief, '06.141.01.0'],
      [wali, anfa],
      [wali, 'MA'],
    ] as const) {
      const reply = await get<ErrorReply>(app, `/api/compstat?area=${code}`, cookie);
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'area' });
    }
    expect((await get<ErrorReply>(app, '/api/compstat?area=nowhere', dg)).body).toMatchObject({
      code: 'AREA_NOT_FOUND',
    });
    expect((await get(app, `/api/compstat?area=${anfa}`)).status).toBe(401);
  });

  it.each([
    ['asOf=2024-02-30', 'asOf'],
    ['asOf=29-02-2024', 'asOf'],
    ['baselineYear=twenty', 'baselineYear'],
    ['baselineYear=1850', 'baselineYear'],
    ['asOf=2024-02-29&baselineYear=2024', 'baselineYear'],
    ['period=week', 'period'],
  ])('rejects %s naming the field', async (query, field) => {
    const reply = await get<ErrorReply>(app, `/api/compstat?area=${anfa}&${query}`, dg);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });
});

describe('istibaq compstat', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'istibaq-compstat-'));
    const db = await openDb(dir);
    try {
      await migrateToLatest(db);
      await loadFixture(db);
    } finally {
      await db.destroy();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const istibaq = (args: string[]) => runCli(['compstat', ...args], { ISTIBAQ_DATA: dir });

  it('prints the API’s answer with --json and a table without', { timeout: 120_000 }, async () => {
    const json = await istibaq(['--area', anfa, '--as-of', '2024-02-29', '--baseline-year', '2021', '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Compstat;
    expect({ rows: report.rows, total: report.total }).toEqual(expectedTable(feb29, report.area.population));
    const text = await istibaq(['--area', anfa, '--as-of', '2024-02-29']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/as of 2024-02-29, baseline 2021/);
    expect(text.stdout).toMatch(/Week to date: 2024-02-26…2024-02-29 \(4 d\)/);
    expect(text.stdout).toMatch(/^total\s+23\s+13\s+\+76\.9%/m);
  });

  it.each([
    [['--as-of', '2024-02-30'], /--as-of/],
    [['--baseline-year', '2024', '--as-of', '2024-02-29'], /--baseline-year/],
    [['--baseline-year', 'soon'], /--baseline-year/],
  ])('exits 2 on a usage error: %s', { timeout: 60_000 }, async (args, message) => {
    const run = await istibaq(['--area', anfa, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 without an area or with an unknown one', { timeout: 60_000 }, async () => {
    for (const args of [[], ['--area', 'nowhere']]) {
      const run = await istibaq(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--area/);
    }
  });
});
