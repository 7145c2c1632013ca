/**
 * Import speed: 1 million rows of Istibaq's native format (CSV), imported with `importFile` into a fresh
 * PGlite and a fresh PostgreSQL database, beside `psql \copy` of the same normalised rows into the same table in
 * the same run (the baseline: what PostgreSQL itself does with rows that need no reading, mapping or placing),
 * and beside PGlite's own COPY of those rows.
 *
 *   npm run bench -- --only import [--rows N] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seededRandom } from '../src/analytics/random.js';
import { categoryCodes } from '../src/domain/category.js';
import { ensureMoroccoGeography } from '../src/ingest/geography.js';
import { importFile } from '../src/ingest/import/run-import.js';
import { copyValue } from '../src/store/copy.js';
import { openDb, withRawSession, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';

const postgresAdmin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Writes `rows` native incidents inside central Casablanca (a seeded, reproducible file). */
async function writeNativeFile(path: string, rows: number): Promise<void> {
  const random = seededRandom(2026, 'bench-import');
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write('id,category,occurred_at,lat,lon,provenance\n');
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 1; i <= rows; i++) {
    const at = new Date(start + Math.floor(random() * 700 * 86_400_000)).toISOString();
    const lat = (33.53 + random() * 0.05).toFixed(6);
    const lon = (-7.66 + random() * 0.12).toFixed(6);
    const category = categoryCodes[Math.floor(random() * categoryCodes.length)];
    await write(`B-${String(i).padStart(8, '0')},${category},${at},${lat},${lon},citizen_report\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

const copyColumns = [
  'category',
  'occurred_at',
  'occurred_precision',
  'reported_at',
  'lat',
  'lon',
  'area_id',
  'region_id',
  'province_id',
  'city_id',
  'district_id',
  'h3_r7',
  'h3_r8',
  'h3_r9',
  'status',
  'solved_at',
  'provenance',
  'source',
  'external_id',
  'row_hash',
  'synthetic',
];

/**
 * PGlite's own ceiling: the rows the import stored, taken out as COPY text, the table emptied, and the text
 * COPYed back in batches of 10,000 (one transaction each, as the import writes), through the same indexes and
 * roll-up trigger.
 */
async function timeRawCopy(db: Db): Promise<number> {
  // The database handle names result columns in camel case.
  const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const stored = await sql<Record<string, unknown>>`
    select ${sql.raw(copyColumns.join(', '))} from incident where source = 'bench' order by id`.execute(db);
  const lines = stored.rows.map((row) => copyColumns.map((c) => copyValue(row[camel(c)])).join('\t') + '\n');
  await sql`truncate incident, rollup_daily, rollup_monthly`.execute(db);
  const started = performance.now();
  for (let i = 0; i < lines.length; i += 10_000) {
    const text = lines.slice(i, i + 10_000).join('');
    await withRawSession(db, async (session) => {
      await session.query('begin');
      await session.copyText('incident', copyColumns, text);
      await session.query('commit');
    });
  }
  return (performance.now() - started) / 1000;
}

async function timeImport(db: Db, file: string): Promise<{ seconds: number; inserted: number; rejected: number }> {
  const started = performance.now();
  const summary = await importFile(db, file, { preset: 'istibaq', source: 'bench' });
  return { seconds: (performance.now() - started) / 1000, inserted: summary.inserted, rejected: summary.rejected };
}

export async function benchImport(rows: number, keep: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'istibaq-bench-import-'));
  const file = join(dir, 'native.csv');
  console.log(`Import — ${rows.toLocaleString('en')} rows of the native format (CSV), preset istibaq`);
  await writeNativeFile(file, rows);

  // PGlite, in a folder as npm start uses it.
  const lite = await openDb(join(dir, 'pglite'));
  await migrateToLatest(lite);
  await ensureMoroccoGeography(lite);
  const intoLite = await timeImport(lite, file);
  const liteCopySeconds = await timeRawCopy(lite);
  await lite.destroy();
  console.log(
    `  into PGlite        ${(rows / intoLite.seconds).toFixed(0).padStart(8)} rows/s  (${intoLite.seconds.toFixed(1)} s, ${intoLite.inserted.toLocaleString('en')} inserted, ${intoLite.rejected} rejected; aim: 100,000 rows/s)`,
  );
  console.log(
    `  PGlite COPY        ${(intoLite.inserted / liteCopySeconds).toFixed(0).padStart(8)} rows/s  (${liteCopySeconds.toFixed(1)} s, same rows, same table, in batches of 10,000)`,
  );
  console.log(`  import / COPY      ${(liteCopySeconds / intoLite.seconds).toFixed(2)}  (PGlite)`);

  // PostgreSQL: a database of its own for the run.
  const name = `istibaq_bench_${process.pid}`;
  const admin = await openDb(postgresAdmin);
  await sql.raw(`drop database if exists ${name}`).execute(admin);
  await sql.raw(`create database ${name}`).execute(admin);
  await admin.destroy();
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  const pg = await openDb(url.toString());
  try {
    await migrateToLatest(pg);
    await ensureMoroccoGeography(pg);
    const intoPg = await timeImport(pg, file);
    // The baseline: the rows as Istibaq stored them, copied back in by psql, into the same table (same indexes
    // and roll-up triggers), emptied first.
    const normalised = join(dir, 'normalised.tsv');
    const columns = copyColumns.join(', ');
    const psql = (command: string) =>
      execFileSync('psql', [url.toString(), '-q', '-v', 'ON_ERROR_STOP=1', '-c', command]);
    psql(`\\copy (select ${columns} from incident where source = 'bench') to '${normalised}'`);
    await sql`truncate incident, rollup_daily, rollup_monthly`.execute(pg);
    const started = performance.now();
    psql(`\\copy incident (${columns}) from '${normalised}'`);
    const copySeconds = (performance.now() - started) / 1000;
    console.log(
      `  into PostgreSQL    ${(rows / intoPg.seconds).toFixed(0).padStart(8)} rows/s  (${intoPg.seconds.toFixed(1)} s)`,
    );
    console.log(
      `  psql \\copy         ${(rows / copySeconds).toFixed(0).padStart(8)} rows/s  (${copySeconds.toFixed(1)} s, same rows, same table)`,
    );
    console.log(`  import / raw COPY  ${(copySeconds / intoPg.seconds).toFixed(2)}  (aim: at least 0.5)`);
  } finally {
    await pg.destroy();
    const again = await openDb(postgresAdmin);
    await sql.raw(`drop database if exists ${name} with (force)`).execute(again);
    await again.destroy();
    if (keep) console.log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
