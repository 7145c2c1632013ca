/**
 * Response percentiles for every province: the median and 90th percentile of the time to arrival, by priority, over
 * a year of national calls, from the response roll-up (histograms, `arrivalByAreaFromRollup`), beside the same
 * figures computed exactly with `percentile_cont` over the raw calls (`arrivalByAreaFromCalls`, the same query
 * shape). Prints the calls, the time of each (the roll-up's the median of `runs`, the raw one once), the ratio, and
 * the largest difference between the two in minutes.
 *
 * The database is PostgreSQL: BENCH_DATABASE_URL, else the database `istibaq_bench_response` on
 * postgres://postgres@127.0.0.1:5432 (created when missing). It is reused from run to run: the demo is seeded for
 * one year at scale 10 (about 2.9 million calls and 7.5 million incidents; some 14 minutes on a shared 2-core
 * machine) only when the database holds fewer calls than 90 % of that, and kept afterwards.
 */
import { sql } from 'kysely';
import { seedDemo } from '../src/ingest/demo.js';
import { listAreas } from '../src/store/areas.js';
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import {
  arrivalByAreaFromCalls,
  arrivalByAreaFromRollup,
  type AreaPriorityArrival,
} from '../src/store/response-rollup.js';

const defaultServer = 'postgres://postgres@127.0.0.1:5432';
const scale = 10;
const until = new Date('2026-11-20T12:00:00Z');
/** Calls a year per unit of scale, roughly (a national year holds 291,501). */
const callsPerScale = 291_000;

async function benchDb(): Promise<Db> {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const admin = await openDb(`${defaultServer}/postgres`);
    try {
      const exists = await sql`select 1 from pg_database where datname = 'istibaq_bench_response'`.execute(admin);
      if (exists.rows.length === 0) await sql.raw('create database istibaq_bench_response').execute(admin);
    } finally {
      await admin.destroy();
    }
    url = `${defaultServer}/istibaq_bench_response`;
  }
  const db = await openDb(url);
  await migrateToLatest(db);
  const held = await sql<{ n: number }>`select count(*)::int as n from call_for_service`.execute(db);
  if ((held.rows[0]?.n ?? 0) < 0.9 * scale * callsPerScale) {
    const started = performance.now();
    const demo = await seedDemo(db, { seed: 2026, scale, until, years: 1 });
    console.log(
      `Response: seeded one year of the demo at scale ${scale} into ${url.replace(/\/\/[^@]*@/, '//')}: ` +
        `${demo.calls.toLocaleString('en')} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return db;
}

export async function benchResponse(runs = 5): Promise<void> {
  const db = await benchDb();
  try {
    const span = await sql<{ first: string; last: string; calls: number }>`
      select min(day)::text as first, max(day)::text as last, sum(calls)::int as calls
        from rollup_response where area_id = (select id from area where level = 'country' limit 1)
    `.execute(db);
    const { first, last, calls } = span.rows[0] ?? { first: '', last: '', calls: 0 };
    const window = { from: first, to: last };
    const provinces = await listAreas(db, { level: 'province' });
    const ids = provinces.map((p) => p.id);
    const samples: number[] = [];
    let rollup: AreaPriorityArrival[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      rollup = await arrivalByAreaFromRollup(db, ids, window);
      samples.push(performance.now() - started);
    }
    const rollupMs = [...samples].sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
    const rawStarted = performance.now();
    const raw = await arrivalByAreaFromCalls(db, ids, window);
    const rawMs = performance.now() - rawStarted;
    const exact = new Map(raw.map((r) => [`${r.areaId}:${r.priority}`, r.arrival]));
    let largest = 0;
    let sameN = rollup.length === raw.length;
    for (const r of rollup) {
      const e = exact.get(`${r.areaId}:${r.priority}`);
      if (!e || e.n !== r.arrival.n) {
        sameN = false;
        continue;
      }
      for (const field of ['medianSeconds', 'p90Seconds'] as const) {
        largest = Math.max(largest, Math.abs((r.arrival[field] ?? 0) - (e[field] ?? 0)) / 60);
      }
    }
    console.log(
      `Response percentiles: time to arrival (median and 90th percentile) by priority for each of ` +
        `${provinces.length} provinces, ${first}…${last}, ${calls.toLocaleString('en')} calls, on PostgreSQL`,
    );
    console.log(`  from the roll-up:      ${rollupMs.toFixed(1)} ms (median of ${runs} runs)`);
    console.log(`  from raw calls:        ${rawMs.toFixed(1)} ms (percentile_cont, one run)`);
    console.log(
      `  ratio ${(rawMs / rollupMs).toFixed(1)}×; largest difference ${largest.toFixed(3)} min over ` +
        `${rollup.length} province–priority pairs; same calls behind each: ${sameN ? 'yes' : 'NO'}`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('response.ts')) await benchResponse();
