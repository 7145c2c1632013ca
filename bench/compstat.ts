/**
 * National CompStat: the table of every area (country to district and sector) × category × window (week to date,
 * 28 days, year to date, each a year, two years and a baseline year earlier), from the daily roll-up in one
 * query, beside the same counts computed from raw incidents in the same run; both then go through the same pure
 * table code. Prints the time of each (best of `runs`), the ratio, and whether the counts agree.
 *
 * The database is an in-memory PGlite holding the synthetic demo at `scale` (1 is national volume, about 2.3
 * million incidents over three years; the default 0.1 loads in seconds and keeps the raw side practical).
 */
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
import { openDb } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { unrestricted } from '../src/store/scope.js';

export interface CompstatBenchOptions {
  scale?: number;
  runs?: number;
}

const key = (c: AreaWindowCount) => `${c.areaId}|${c.from}|${c.to}|${c.category}|${c.incidents}|${c.solved}`;

export async function benchCompstat(options: CompstatBenchOptions = {}): Promise<void> {
  const scale = options.scale ?? 0.1;
  const runs = options.runs ?? 3;
  const db = await openDb('memory://');
  try {
    await migrateToLatest(db);
    const loadStarted = performance.now();
    const demo = await seedDemo(db, { seed: 2026, scale, until: new Date('2026-11-20T12:00:00Z'), years: 3 });
    console.log(
      `CompStat: demo at scale ${scale}: ${demo.incidents.toLocaleString('en')} incidents loaded in ` +
        `${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const country = await findAreaByCode(db, countryCode);
    if (!country) throw new Error('no country');
    const span = await dataSpan(db, country.id);
    const asOf = span.last ?? '2026-11-20';
    const baselineYear = defaultBaselineYear(span.first, span.last, asOf);
    const windows = compstatWindows(asOf, baselineYear);
    const list = distinctWindows(windows);
    const areas = await listAreas(db);

    /** Counts, then every area's table; the time of the best run. */
    const timed = async (count: () => Promise<AreaWindowCount[]>) => {
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

    const rollup = await timed(() => countCompstatAllAreas(db, unrestricted, list));
    const raw = await timed(() => countCompstatAllAreasFromIncidents(db, unrestricted, list));
    const same =
      rollup.counts.length === raw.counts.length &&
      rollup.counts.map(key).sort().join('\n') === raw.counts.map(key).sort().join('\n');
    console.log(
      `CompStat: national, as of ${asOf}, baseline ${baselineYear ?? 'none'}: ${areas.length.toLocaleString('en')} ` +
        `areas, ${rollup.rows.toLocaleString('en')} table rows, ${list.length} windows`,
    );
    const line = (label: string, r: typeof rollup) =>
      console.log(`  ${label} ${r.ms.toFixed(1)} ms, of which the query ${r.queryMs.toFixed(1)} ms (best of ${runs})`);
    line('from the daily roll-up:', rollup);
    line('from raw incidents:    ', raw);
    console.log(
      `  ratio ${(raw.ms / rollup.ms).toFixed(1)}× (queries alone ${(raw.queryMs / rollup.queryMs).toFixed(1)}×); ` +
        `same counts: ${same ? 'yes' : 'NO'}`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('compstat.ts')) {
  const index = process.argv.indexOf('--scale');
  await benchCompstat(index < 0 ? {} : { scale: Number(process.argv[index + 1]) });
}
