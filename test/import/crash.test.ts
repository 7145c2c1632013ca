/**
 * An import killed half-way (`kill -9`) leaves whole batches, and running the same command again completes it with
 * no row missing and none twice: on PGlite in a folder, as `npm start` uses it, and on PostgreSQL.
 */
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/contract/import.js';
import { categoryCodes } from '../../src/domain/category.js';
import { listAreas } from '../../src/store/areas.js';
import { openDb, type Db } from '../../src/store/db.js';
import { countByArea, countByAreaFromIncidents, type WindowCounts } from '../../src/store/stats.js';
import { runCli, startCli, type RunningCli } from '../cli-run.js';
import { freshDb, type TestDb } from '../db.js';

/** The import's batch (run-import.ts): a batch is committed whole or not at all. */
const batchSize = 10_000;
/** Eight batches: the import runs for several seconds after its first one on either engine. */
const rows = 80_000;

/**
 * Writes `count` incidents of Istibaq's native format, all on land in central Casablanca (so that every row
 * lands), one a line, spread over the days of 2025. The same bytes every time.
 */
async function writeNativeFile(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  await write('id,category,occurred_at,lat,lon\n');
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    // Multiplying by primes modulo primes walks a grid in an order with no visible pattern.
    const lat = 33.545 + ((i * 7_919) % 10_007) * 0.000003;
    const lon = -7.64 + ((i * 104_729) % 10_009) * 0.000008;
    const at = new Date(start + ((i * 6_151) % 365) * 86_400_000 + ((i * 31) % 86_400) * 1000);
    const category = categoryCodes[i % categoryCodes.length] ?? 'other';
    await write(
      `C-${String(i).padStart(7, '0')},${category},${at.toISOString()},${lat.toFixed(6)},${lon.toFixed(6)}\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-crash-'));
  file = join(dir, 'native.csv');
  await writeNativeFile(file, rows);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const importArgs = () => ['import', file, '--preset', 'istibaq'];

/** Waits for `ready` (checked every 100 ms), failing if the import ends first or the wait grows too long. */
async function waitFor(run: RunningCli, ready: () => Promise<boolean> | boolean, what: string): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  for (const started = Date.now(); !(await ready()); await sleep(100)) {
    if (ended) throw new Error(`the import ended before ${what}: ${run.stderr()}`);
    if (Date.now() - started > 120_000) throw new Error(`no ${what} after two minutes: ${run.stderr()}`);
  }
}

interface Stored {
  incidents: number;
  externalIds: number;
}

async function stored(db: Db): Promise<Stored> {
  const result = await sql<Stored>`
    select count(*) as incidents, count(distinct external_id) as "externalIds" from incident where source = 'istibaq'`.execute(
    db,
  );
  return result.rows[0] ?? { incidents: -1, externalIds: -1 };
}

/** The roll-ups' counts for every area over the file's local days (and the year before, empty), beside the same counts from the raw rows. */
async function rollupsAgainstRows(db: Db): Promise<{ rollup: WindowCounts[]; raw: WindowCounts[] }> {
  const ids = (await listAreas(db)).map((a) => a.id);
  const current = { from: '2025-01-01', to: '2026-01-01' };
  const previous = { from: '2024-01-01', to: '2024-12-31' };
  const sorted = (counts: WindowCounts[]) => [...counts].sort((a, b) => a.areaId - b.areaId);
  return {
    rollup: sorted(await countByArea(db, ids, current, previous)),
    raw: sorted(await countByAreaFromIncidents(db, ids, current, previous)),
  };
}

/** What the second run must give: the rows the killed one left, as duplicates, and every other row inserted. */
async function completeAndCheck(env: Record<string, string>, left: number, open: () => Promise<Db>) {
  const rerun = await runCli([...importArgs(), '--json'], env);
  expect(rerun.code, rerun.stderr).toBe(0);
  const summary = JSON.parse(rerun.stdout) as ImportSummary;
  expect(summary).toMatchObject({ rows, inserted: rows - left, duplicates: left, rejected: 0, updated: 0 });
  const db = await open();
  try {
    expect(await stored(db)).toEqual({ incidents: rows, externalIds: rows });
    const { rollup, raw } = await rollupsAgainstRows(db);
    expect(rollup).toEqual(raw);
    const country = await db.selectFrom('area').select('id').where('level', '=', 'country').executeTakeFirstOrThrow();
    expect(rollup.find((c) => c.areaId === country.id)?.current).toBe(rows);
  } finally {
    await db.destroy();
  }
}

describe('an import killed with kill -9', () => {
  it(
    'on PGlite leaves whole batches in a folder that opens again, and the re-run completes it',
    { timeout: 300_000 },
    async () => {
      const data = join(dir, 'pglite');
      const env = { ISTIBAQ_DATA: data };
      const run = startCli(importArgs(), env);
      // A second process cannot open the folder while the import holds it: its progress lines tell when batches
      // are in. The first is written once the first batch is committed.
      await waitFor(run, () => /^importing: \d+%, [\d,]+ rows/m.test(run.stderr()), 'a progress line');
      await run.kill();
      expect((await run.exited).signal).toBe('SIGKILL');

      // The lock names the killed process; once it is gone, the folder can be opened.
      const lock = join(data, 'istibaq.lock');
      const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8')) : null;
      for (let waited = 0; holder !== null && isAlive(holder); waited += 100) {
        if (waited > 10_000) throw new Error(`process ${holder} still holds ${data} ten seconds after kill -9`);
        await sleep(100);
      }
      const db = await openDb(data);
      let left: Stored;
      try {
        left = await stored(db);
      } finally {
        await db.destroy();
      }
      expect(left.incidents).toBeGreaterThanOrEqual(batchSize);
      expect(left.incidents).toBeLessThan(rows);
      expect(left.incidents % batchSize).toBe(0);
      expect(left.externalIds).toBe(left.incidents);

      await completeAndCheck(env, left.incidents, () => openDb(data));
    },
  );

  describe('on PostgreSQL', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await freshDb('postgres');
    });
    afterAll(() => t.drop());

    it('leaves whole batches, and the re-run completes it', { timeout: 300_000 }, async () => {
      const env = { DATABASE_URL: t.url };
      const run = startCli(importArgs(), env);
      await waitFor(run, async () => (await stored(t.db)).incidents >= batchSize, 'a committed batch');
      await run.kill();
      expect((await run.exited).signal).toBe('SIGKILL');
      // The server rolls back the killed session's open transaction; count once that session is gone.
      for (let waited = 0; ; waited += 100) {
        const others = await sql<{ n: number }>`
          select count(*) as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`.execute(t.db);
        if (others.rows[0]?.n === 0) break;
        if (waited > 10_000) throw new Error('the killed import’s session is still open after ten seconds');
        await sleep(100);
      }
      const left = await stored(t.db);
      expect(left.incidents).toBeGreaterThanOrEqual(batchSize);
      expect(left.incidents).toBeLessThan(rows);
      expect(left.incidents % batchSize).toBe(0);
      expect(left.externalIds).toBe(left.incidents);

      await completeAndCheck(env, left.incidents, () => openDb(t.url));
    });
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
