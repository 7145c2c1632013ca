/**
 * `npm run bench`: the speed figures Istibaq promises, measured on this machine and printed with a baseline run in
 * the same command. Nothing here is asserted; the figures are for people to read.
 *
 *   1. First start: `istibaq serve` on a fresh embedded database (PGlite) with the full national demo, timed from
 *      launch until /api/health answers; incidents per second.
 *   2. The national overview API (28 days vs last year, per region, from the daily roll-up): p50/p95 over real
 *      HTTP requests, beside the same numbers computed from raw incidents (the ratio is what the roll-up buys).
 *
 *   3. Import: 1 million rows of the native format into PGlite and into PostgreSQL, beside `psql \copy` of the
 *      same rows (bench/import.ts).
 *   4. Kernel density: 1 million points onto a 1000 × 1000 grid, beside R spatstat's density.ppp on the same
 *      points, grid and bandwidth when Rscript is installed (bench/kde.ts).
 *   5. Gi*: 1 million cells with queen neighbours, beside the explicit neighbour-list computation (bench/gistar.ts).
 *   6. CompStat: the national table (every area × category × window) from the roll-ups, beside the same from raw
 *      incidents, on PostgreSQL with about 5 million incidents (bench/compstat.ts: BENCH_DATABASE_URL, else the
 *      database istibaq_bench_compstat on the local server, reused from run to run and seeded only when it holds
 *      too few incidents; `--engine pglite` for an in-memory PGlite at the scale of bench/compstat.ts).
 *   7. Response percentiles: median and 90th percentile of the time to arrival by priority for every province over
 *      a year of about 2.9 million calls, from the response roll-up beside percentile_cont over raw calls, on
 *      PostgreSQL (bench/response.ts: BENCH_DATABASE_URL, else the database istibaq_bench_response, kept).
 *   8. Forecasts: ETAS fitted to all 148,636 Chicago aggravated assaults and a week's forecast for the city, beside
 *      the pairwise E-step and the naive forecast (bench/forecast.ts).
 *
 * Options: --only start|import|kde|gistar|compstat|response|forecast (default: all), --scale N (default 1, national volume), --requests N (default
 * 200), --raw-runs N (default 5), --rows N (import rows, default 1,000,000), --keep (keep the databases; the
 * CompStat database is always kept), --engine postgres|pglite (CompStat only, default postgres).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparisonWindows } from '../src/analytics/compare.js';
import { findAreaByCode, listAreas } from '../src/store/areas.js';
import { openDb } from '../src/store/db.js';
import { countByArea, countByAreaFromIncidents, lastDayWithData } from '../src/store/stats.js';
import { benchCompstat } from './compstat.js';
import { benchForecast } from './forecast.js';
import { benchGistar } from './gistar.js';
import { benchImport } from './import.js';
import { benchKde } from './kde.js';
import { benchResponse } from './response.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name}: expected a positive number`);
  return value;
}

const scale = option('scale', 1);
const requests = option('requests', 200);
const rawRuns = option('raw-runs', 5);
const keep = process.argv.includes('--keep');
const rows = option('rows', 1_000_000);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex < 0 ? null : (process.argv[onlyIndex + 1] ?? '');
const engineIndex = process.argv.indexOf('--engine');
const engine = engineIndex < 0 ? 'postgres' : process.argv[engineIndex + 1];
if (engine !== 'postgres' && engine !== 'pglite') throw new RangeError('--engine: postgres or pglite');
const parts = ['start', 'import', 'kde', 'gistar', 'compstat', 'response', 'forecast'] as const;
if (only !== null && !(parts as readonly string[]).includes(only)) {
  throw new RangeError(`--only: one of ${parts.join(', ')}`);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function waitForHealth(url: string, child: ReturnType<typeof spawn>, limitSeconds: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return (performance.now() - started) / 1000;
    } catch {
      // not listening yet
    }
    if ((performance.now() - started) / 1000 > limitSeconds) {
      throw new Error(`no answer from ${url} after ${limitSeconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function benchStart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'istibaq-bench-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  console.log(`Istibaq benchmark — demo scale ${scale}, PGlite in ${dataDir}\n`);

  // 1. First start, as a new user gets it: the built CLI, a fresh folder, the whole demo.
  const child = spawn(process.execPath, ['bin/istibaq.mjs', 'serve'], {
    env: {
      ...process.env,
      ISTIBAQ_DATA: dataDir,
      ISTIBAQ_DEMO_SCALE: String(scale),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const startSeconds = await waitForHealth(url, child, 900);
  const generated = /Generated ([\d,]+) synthetic incidents and ([\d,]+) calls/.exec(log);
  const incidents = Number((generated?.[1] ?? '0').replace(/,/g, ''));
  const calls = Number((generated?.[2] ?? '0').replace(/,/g, ''));
  console.log('First start (npm start on an empty embedded database)');
  console.log(`  /api/health answered after  ${startSeconds.toFixed(1)} s (target: under 180 s at scale 1)`);
  console.log(
    `  generated                   ${incidents.toLocaleString('en')} incidents, ${calls.toLocaleString('en')} calls`,
  );
  console.log(
    `  throughput                  ${Math.round(incidents / startSeconds).toLocaleString('en')} incidents/s, ${Math.round((incidents + calls) / startSeconds).toLocaleString('en')} rows/s (whole start-up)\n`,
  );

  // 2. The national overview over HTTP, as the director-general's browser asks for it.
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dg', password: 'istibaq-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const timings: number[] = [];
  for (let i = 0; i < requests + 10; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/stats/overview`, { headers: { cookie } });
    await response.json();
    if (!response.ok) throw new Error(`overview answered ${response.status}`);
    if (i >= 10) timings.push(performance.now() - started);
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));

  // The same numbers (country and its 12 regions, both windows) from the roll-up and from raw incidents.
  const db = await openDb(dataDir);
  const country = await findAreaByCode(db, 'MA');
  if (!country) throw new Error('no country in the benchmark database');
  const regions = await listAreas(db, { level: 'region' });
  const ids = [country.id, ...regions.map((r) => r.id)];
  const asOf = (await lastDayWithData(db, country.id)) ?? '2026-01-01';
  const { current, previous } = comparisonWindows(asOf, 28);
  const time = async (run: () => Promise<unknown>, times: number) => {
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    return samples;
  };
  const rollup = await time(() => countByArea(db, ids, current, previous), Math.max(rawRuns, 20));
  const raw = await time(() => countByAreaFromIncidents(db, ids, current, previous), rawRuns);
  const same =
    JSON.stringify((await countByArea(db, ids, current, previous)).sort((a, b) => a.areaId - b.areaId)) ===
    JSON.stringify((await countByAreaFromIncidents(db, ids, current, previous)).sort((a, b) => a.areaId - b.areaId));
  await db.destroy();

  console.log(`National overview (as of ${asOf}, 28 days vs the same days a year earlier, 12 regions)`);
  console.log(
    `  API over HTTP, ${requests} requests    p50 ${ms(percentile(timings, 50))}   p95 ${ms(percentile(timings, 95))} (target: p95 under 100 ms)`,
  );
  console.log(
    `  store, from the daily roll-up       p50 ${ms(percentile(rollup, 50))}   p95 ${ms(percentile(rollup, 95))}`,
  );
  console.log(
    `  store, from raw incidents           p50 ${ms(percentile(raw, 50))}   p95 ${ms(percentile(raw, 95))}  (${rawRuns} runs)`,
  );
  console.log(
    `  raw / roll-up (p50)                 ${(percentile(raw, 50) / percentile(rollup, 50)).toFixed(0)}×   same numbers: ${same ? 'yes' : 'NO'}`,
  );

  if (keep) console.log(`\nKept the database in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}

const runs: Record<(typeof parts)[number], () => Promise<void>> = {
  start: benchStart,
  import: () => benchImport(rows, keep),
  kde: benchKde,
  gistar: benchGistar,
  compstat: () => benchCompstat({ engine }),
  response: () => benchResponse(),
  forecast: benchForecast,
};
for (const part of parts) {
  if (only !== null && only !== part) continue;
  if (only === null && part !== 'start') console.log('');
  await runs[part]();
}
