/**
 * National CompStat: the table of every area (country to district and sector) × category × window (week to date,
 * 28 days, year to date, each a year, two years and a baseline year earlier), from the year-to-date roll-up in one
 * query, beside the same counts computed from raw incidents in the same run; both then go through the same pure
 * table code. Prints the incidents, areas and table rows, the time of each (best of `runs`: the query, and the
 * query with every area's table), the ratio, and whether the counts are identical.
 *
 * The database is PostgreSQL by default: BENCH_DATABASE_URL, else the database `istibaq_bench_compstat` on
 * postgres://postgres@127.0.0.1:5432 (created when missing). It is reused from run to run: the demo is seeded
 * (about 5 million incidents over three years, scale 2.2) only when the database holds fewer than 90 % of that,
 * which takes several minutes, and it is kept afterwards; a database seeded before the year-to-date roll-up gets
 * it from its migration. `--engine pglite` runs on an in-memory PGlite instead, seeded at `--scale` (default 0.1)
 * and thrown away.
 */
import { sql } from 'kysely';
import { compstatTable, compstatWindows, defaultBaselineYear, distinctWindows } from '../src/analytics/compstat.js';
import { countryCode } from '../src/geo/morocco.js';
import { seedDemo } from '../src/ingest/demo.js';
import { findAreaByCode, listAreas } from '../src/store/areas.js';
import {
  countCompstatAllAreas,
  countCompstatAllAreasFromIncidents,
  dataSpan,
  type AreaWindowCount,
} from '../src/store/compstat.js';
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { unrestricted } from '../src/store/scope.js';

export interface CompstatBenchOptions {
  engine?: 'postgres' | 'pglite';
  /** The demo's scale: 2.2 (about 5 million incidents) on PostgreSQL, 0.1 on PGlite. */
  scale?: number;
  runs?: number;
}

const defaultServer = 'postgres://postgres@127.0.0.1:5432';
const demoOptions = (scale: number) => ({ seed: 2026, scale, until: new Date('2026-11-20T12:00:00Z'), years: 3 });
/** Incidents per unit of scale, roughly (scale 2.2 gives about 4.98 million). */
const incidentsPerScale = 2_263_000;

/** The bench database on PostgreSQL, created when missing, migrated, and seeded when it holds too few incidents. */
async function postgresBenchDb(scale: number): Promise<Db> {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const admin = await openDb(`${defaultServer}/postgres`);
    try {
      const exists = await sql`select 1 from pg_database where datname = 'istibaq_bench_compstat'`.execute(admin);
      if (exists.rows.length === 0) await sql.raw('create database istibaq_bench_compstat').execute(admin);
    } finally {
      await admin.destroy();
    }
    url = `${defaultServer}/istibaq_bench_compstat`;
  }
  const db = await openDb(url);
  await migrateToLatest(db);
  const held = await sql<{ n: number }>`select count(*) as n from incident`.execute(db);
  const incidents = Number(held.rows[0]?.n ?? 0);
  if (incidents < 0.9 * scale * incidentsPerScale) {
    const started = performance.now();
    const demo = await seedDemo(db, demoOptions(scale));
    console.log(
      `CompStat: seeded the demo at scale ${scale} into ${url.replace(/\/\/[^@]*@/, '//')}: ` +
        `${demo.incidents.toLocaleString('en')} incidents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return db;
}

const key = (c: AreaWindowCount) => `${c.areaId}|${c.from}|${c.to}|${c.category}|${c.incidents}|${c.solved}`;

export async function benchCompstat(options: CompstatBenchOptions = {}): Promise<void> {
  const engine = options.engine ?? 'postgres';
  const scale = options.scale ?? (engine === 'postgres' ? 2.2 : 0.1);
  const runs = options.runs ?? 3;
  // The raw side takes minutes at 5 million incidents: once there.
  const rawRuns = engine === 'postgres' ? 1 : runs;
  let db: Db;
  if (engine === 'postgres') db = await postgresBenchDb(scale);
  else {
    db = await openDb('memory://');
    await migrateToLatest(db);
    const loadStarted = performance.now();
    const demo = await seedDemo(db, demoOptions(scale));
    console.log(
      `CompStat: demo at scale ${scale} on PGlite: ${demo.incidents.toLocaleString('en')} incidents loaded in ` +
        `${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
  }
  try {
    const held = await sql<{ n: number }>`select count(*) as n from incident`.execute(db);
    const country = await findAreaByCode(db, countryCode);
    if (!country) throw new Error('no country');
    const span = await dataSpan(db, country.id);
    const asOf = span.last ?? '2026-11-20';
    const baselineYear = defaultBaselineYear(span.first, span.last, asOf);
    const windows = compstatWindows(asOf, baselineYear);
    const list = distinctWindows(windows);
    const areas = await listAreas(db);

    /** Counts, then every area's table; the time of the best run. */
    const timed = async (count: () => Promise<AreaWindowCount[]>, runs: number) => {
      let best = Infinity;
      let bestQuery = Infinity;
      let counts: AreaWindowCount[] = [];
      let cells = 0;
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        counts = await count();
        bestQuery = Math.min(bestQuery, performance.now() - started);
        const byArea = new Map<number, AreaWindowCount[]>();
        for (const c of counts) byArea.set(c.areaId, [...(byArea.get(c.areaId) ?? []), c]);
        cells = 0;
        for (const area of areas) {
          const table = compstatTable({
            asOf,
            baselineYear,
            population: area.population,
            counts: byArea.get(area.id) ?? [],
          });
          cells += table.rows.length + 1;
        }
        best = Math.min(best, performance.now() - started);
      }
      return { ms: best, queryMs: bestQuery, counts, rows: cells };
    };

    const rollup = await timed(() => countCompstatAllAreas(db, unrestricted, list), runs);
    const raw = await timed(() => countCompstatAllAreasFromIncidents(db, unrestricted, list), rawRuns);
    const same =
      rollup.counts.length === raw.counts.length &&
      rollup.counts.map(key).sort().join('\n') === raw.counts.map(key).sort().join('\n');
    console.log(
      `CompStat: national on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}, as of ${asOf}, baseline ` +
        `${baselineYear ?? 'none'}: ${Number(held.rows[0]?.n ?? 0).toLocaleString('en')} incidents, ` +
        `${areas.length.toLocaleString('en')} areas, ${rollup.rows.toLocaleString('en')} table rows, ` +
        `${list.length} windows`,
    );
    const line = (label: string, r: typeof rollup, n: number) =>
      console.log(
        `  ${label} ${r.ms.toFixed(1)} ms, of which the query ${r.queryMs.toFixed(1)} ms (${n === 1 ? 'one run' : `best of ${n}`})`,
      );
    line('from the roll-ups:     ', rollup, runs);
    line('from raw incidents:    ', raw, rawRuns);
    console.log(
      `  ratio ${(raw.ms / rollup.ms).toFixed(1)}× (queries alone ${(raw.queryMs / rollup.queryMs).toFixed(1)}×); ` +
        `same counts: ${same ? 'yes' : 'NO'}`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('compstat.ts')) {
  const at = (name: string) => process.argv.indexOf(`--${name}`);
  const engine = at('engine') < 0 ? 'postgres' : process.argv[at('engine') + 1];
  if (engine !== 'postgres' && engine !== 'pglite') throw new RangeError('--engine: postgres or pglite');
  await benchCompstat({ engine, ...(at('scale') < 0 ? {} : { scale: Number(process.argv[at('scale') + 1]) }) });
}
