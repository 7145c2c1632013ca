/**
 * The year-to-date roll-up (`rollup_ytd`) on both engines: kept by the roll-up trigger through inserts, updates
 * and deletes, written by the bulk load, and filled by its migration, it always equals the one computed afresh
 * from the daily roll-up (`rollupYtdFromDaily`); the national CompStat read from it equals the same counts from
 * raw incidents, on windows over 1 January and 29 February.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compstatWindows, distinctWindows } from '../src/analytics/compstat.js';
import type { NewIncident } from '../src/domain/incident.js';
import type { AreaDirectory } from '../src/geo/area-directory.js';
import { ensureMoroccoGeography } from '../src/ingest/geography.js';
import { locate } from '../src/ingest/locate.js';
import { findAreaByCode, loadAreaDirectory } from '../src/store/areas.js';
import {
  countCompstatAllAreas,
  countCompstatAllAreasFromIncidents,
  dataSpan,
  yearToDateTerms,
  type AreaWindowCount,
  type DayWindow,
} from '../src/store/compstat.js';
import type { Db } from '../src/store/db.js';
import { fillRollupYtd } from '../src/store/migrations/0006-compstat-ytd.js';
import { writeBatch } from '../src/store/records.js';
import { readRollupYtd, rollupYtdFromDaily } from '../src/store/rollup-ytd.js';
import { unrestricted, type Scope } from '../src/store/scope.js';
import { engines, freshDb, seededDb, type TestDb } from './db.js';
import { makeIncident } from './factories.js';

const anfa = { lon: -7.6836, lat: 33.5823 };
const marrakechMedina = { lon: -7.9876, lat: 31.6292 };

/** Windows over the edges: 1 January (one and two of them), 29 February, a 366-day window, a year to date. */
const edgeWindows: DayWindow[] = [
  { from: '2023-12-28', to: '2024-01-03' },
  { from: '2023-12-31', to: '2024-01-01' },
  { from: '2024-01-01', to: '2024-02-29' },
  { from: '2024-02-02', to: '2024-02-29' },
  { from: '2024-02-29', to: '2024-02-29' },
  { from: '2024-02-26', to: '2024-03-03' },
  { from: '2023-03-01', to: '2024-02-29' },
  { from: '2024-12-31', to: '2025-01-02' },
  { from: '2023-12-30', to: '2025-01-02' },
  { from: '2025-01-01', to: '2025-02-28' },
  ...distinctWindows(compstatWindows('2024-02-29', 2023)),
  ...distinctWindows(compstatWindows('2025-01-02', 2023)),
];

const key = (c: AreaWindowCount) => `${c.areaId}|${c.from}|${c.to}|${c.category}|${c.incidents}|${c.solved}`;
const sortedKeys = (counts: AreaWindowCount[]) => counts.map(key).sort();

async function expectSameCounts(db: Db, windows: readonly DayWindow[], scope: Scope = unrestricted) {
  const fromRollup = await countCompstatAllAreas(db, scope, windows);
  const fromRaw = await countCompstatAllAreasFromIncidents(db, scope, windows);
  expect(fromRaw.length).toBeGreaterThan(0);
  expect(sortedKeys(fromRollup)).toEqual(sortedKeys(fromRaw));
}

describe('yearToDateTerms', () => {
  it('reads a window from 1 January as one year to date', () => {
    expect([...yearToDateTerms({ from: '2024-01-01', to: '2024-02-29' })]).toEqual([['2024-02-29', 1]]);
  });
  it('adds the whole earlier year to a window over 1 January', () => {
    expect(new Map(yearToDateTerms({ from: '2023-12-28', to: '2024-01-03' }))).toEqual(
      new Map([
        ['2024-01-03', 1],
        ['2023-12-27', -1],
        ['2023-12-31', 1],
      ]),
    );
  });
});

describe.each(engines)('the year-to-date roll-up kept by the trigger on %s', (engine) => {
  let t: TestDb;
  let directory: AreaDirectory;
  beforeAll(async () => {
    t = await freshDb(engine);
    await ensureMoroccoGeography(t.db);
    directory = await loadAreaDirectory(t.db);
  });
  afterAll(() => t.drop());

  const insert = async (records: NewIncident[]) => {
    const batch = records.map((record) => {
      const place = locate(directory, record);
      if (!place) throw new Error(`cannot place ${JSON.stringify(record)}`);
      return { record, place };
    });
    return writeBatch(t.db, { incidents: batch, calls: [] });
  };
  const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const expectFromDaily = async () => {
    const stored = await readRollupYtd(t.db);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toEqual(await rollupYtdFromDaily(t.db));
  };
  let ids: number[] = [];

  it('equals the one computed from the daily roll-up after inserts', async () => {
    const days = ['2023-03-05', '2023-12-31', '2024-01-01', '2024-02-28', '2024-02-29', '2024-03-01', '2025-01-02'];
    const records: NewIncident[] = [];
    days.forEach((day, i) => {
      for (let n = 0; n <= i % 3; n++) {
        records.push(makeIncident({ occurredAt: at(day), ...anfa, category: n === 1 ? 'robbery' : 'theft' }));
      }
      records.push(
        makeIncident({
          occurredAt: at(day, 9),
          ...marrakechMedina,
          status: 'solved',
          solvedAt: at(day, 18),
          category: i % 2 === 0 ? 'assault_minor' : 'theft',
        }),
      );
    });
    // Midnight in Casablanca (UTC+1) on 1 January 2024 is still 31 December in UTC.
    records.push(makeIncident({ occurredAt: new Date('2023-12-31T23:30:00Z'), ...anfa }));
    ids = await insert(records);
    await insert([makeIncident({ occurredAt: at('2024-02-29'), ...anfa, category: 'homicide' })]);
    await expectFromDaily();
    await expectSameCounts(t.db, edgeWindows);
  });

  it('equals the one computed from the daily roll-up after updates: category, solved, day, precision', async () => {
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    await t.db.updateTable('incident').set({ category: 'fraud' }).where('id', '=', a).execute();
    await t.db
      .updateTable('incident')
      .set({ status: 'solved', solvedAt: at('2024-03-10') })
      .where('id', 'in', [b, c])
      .execute();
    // One day to another month of the same year, another to the year before, one statement for both.
    await sql`
      update incident set occurred_at = case when id = ${d} then ${at('2024-03-15').toISOString()}::timestamptz
                                             else ${at('2023-06-01').toISOString()}::timestamptz end
       where id in (${d}, ${e})
    `.execute(t.db);
    await sql`update incident set occurred_precision = 'month' where id = ${ids[6]}`.execute(t.db);
    await expectFromDaily();
    await expectSameCounts(t.db, edgeWindows);
  });

  it('equals the one computed from the daily roll-up after deletes, down to nothing in a year', async () => {
    await t.db.deleteFrom('incident').where('id', 'in', ids.slice(8, 14)).execute();
    await t.db
      .deleteFrom('incident')
      .where('occurredAt', '>=', new Date('2025-01-01T00:00:00Z'))
      .where('category', '=', 'theft')
      .execute();
    await expectFromDaily();
    await expectSameCounts(t.db, edgeWindows);
  });

  it('counts within a scope as the raw incidents do', async () => {
    const casablanca = await findAreaByCode(t.db, '06.141.01.0');
    if (!casablanca) throw new Error('no Casablanca');
    await expectSameCounts(t.db, edgeWindows, { area: { id: casablanca.id, level: casablanca.level } });
  });
});

describe.each(engines)('the year-to-date roll-up of the bulk-loaded small demo on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb(engine);
  });
  afterAll(() => t.drop());

  it('equals the one computed from the daily roll-up, and so does the migration’s fill', async () => {
    const fromDaily = await rollupYtdFromDaily(t.db);
    expect(fromDaily.length).toBeGreaterThan(1000);
    expect(await readRollupYtd(t.db)).toEqual(fromDaily);
    await sql`truncate rollup_ytd`.execute(t.db);
    await fillRollupYtd(t.db as unknown as Kysely<unknown>);
    expect(await readRollupYtd(t.db)).toEqual(fromDaily);
  });

  it('gives the national CompStat of the raw incidents', async () => {
    const country = await findAreaByCode(t.db, 'MA');
    if (!country) throw new Error('no country');
    const span = await dataSpan(t.db, country.id);
    const asOf = span.last ?? '2026-11-20';
    await expectSameCounts(t.db, [...distinctWindows(compstatWindows(asOf, 2024)), ...edgeWindows]);
  });
});
