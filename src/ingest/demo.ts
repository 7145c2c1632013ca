import { Worker } from 'node:worker_threads';
import type { Position } from '../domain/area.js';
import type { PartnerKind, Role } from '../domain/role.js';
import { defaultTimeZone } from '../domain/time.js';
import { countryCode } from '../geo/morocco.js';
import { findAreaByCode, listAreas, listAreaShapes, loadAreaDirectory } from '../store/areas.js';
import { replaceAllRecords } from '../store/bulk-load.js';
import type { Db } from '../store/db.js';
import type { ResponseRollupTable } from '../store/migrations/0008-response-rollup.js';
import { deleteMeta, getMeta } from '../store/meta.js';
import { createUser, deleteDemoUsers, findUserByUsername } from '../store/users.js';
import { seedDemoPatrols } from './demo-patrols.js';
import { seedDemoPlans } from './demo-plans.js';
import { seedDemoRegister } from './demo-register.js';
import { ensureMoroccoGeography } from './geography.js';
import type { DemoChunk, DemoInput, DemoProduced } from './demo-producer.js';
import type { WorkerMessage } from './demo-worker.js';
import type { ProgressListener } from './progress.js';

export interface DemoOptions {
  seed: number;
  /** 1 gives national volumes (about 750,000 cases a year); tests use a small fraction. */
  scale: number;
  /** The last instant of history; the demo covers `years` calendar years up to it. */
  until: Date;
  years: number;
  onProgress?: ProgressListener;
}

/** What the database records of its demo, written in the same transaction as the demo's rows. */
export interface DemoInfo {
  seed: number;
  scale: number;
  years: number;
  from: string;
  until: string;
  incidents: number;
  calls: number;
  unlocated: number;
  cities: number;
  generatedAt: string;
  accounts: string[];
}

/** A finished demo load: what the database records, and how long the load took. */
export type DemoSummary = DemoInfo & { seconds: number };

export const demoMetaKey = 'demo';
export const demoPassword = 'istibaq-demo';

/** The demo accounts, listed in the README; they exist only in demo mode. */
export const demoAccounts: readonly {
  username: string;
  displayName: string;
  role: Role;
  scope: string | null;
  partnerKind?: PartnerKind;
}[] = [
  { username: 'dg', displayName: 'المدير العام', role: 'director_general', scope: null },
  { username: 'wali.casablanca', displayName: 'والي أمن الدار البيضاء-سطات', role: 'wali', scope: '06' },
  { username: 'wali.marrakech', displayName: 'والي أمن مراكش-آسفي', role: 'wali', scope: '07' },
  { username: 'chief.anfa', displayName: 'رئيس دائرة أنفا', role: 'district_chief', scope: '06.141.01.01' },
  { username: 'analyst.rabat', displayName: 'محلل - الرباط', role: 'analyst', scope: '04.421.01.0' },
  {
    username: 'opj.casablanca',
    displayName: 'ضابط الشرطة القضائية - الدار البيضاء',
    role: 'judicial_police',
    scope: '06',
  },
  {
    username: 'commune.casablanca',
    displayName: 'جماعة الدار البيضاء',
    role: 'partner',
    scope: '06.141.01.0',
    partnerKind: 'local_authority',
  },
  {
    username: 'parquet.casablanca',
    displayName: 'النيابة العامة - الدار البيضاء',
    role: 'partner',
    scope: '06.141',
    partnerKind: 'prosecutor',
  },
  {
    username: 'ong.marrakech',
    displayName: 'جمعية مدنية - مراكش',
    role: 'partner',
    scope: '07',
    partnerKind: 'civil_society',
  },
  { username: 'auditor', displayName: 'المفتشية العامة', role: 'auditor', scope: 'MA' },
  { username: 'admin', displayName: 'مسؤول النظام', role: 'administrator', scope: null },
];

export async function demoInfo(db: Db): Promise<DemoInfo | undefined> {
  return getMeta<DemoInfo>(db, demoMetaKey);
}

/**
 * Creates the demo accounts that are missing (after a demo load, or when a load was cut off between its
 * transaction and the accounts). Returns their names.
 */
export async function ensureDemoUsers(db: Db): Promise<string[]> {
  for (const account of demoAccounts) {
    if (await findUserByUsername(db, account.username)) continue;
    const scope = account.scope === null ? null : await findAreaByCode(db, account.scope);
    await createUser(db, {
      username: account.username,
      displayName: account.displayName,
      password: demoPassword,
      role: account.role,
      scopeAreaId: scope?.id ?? null,
      partnerKind: account.partnerKind ?? null,
      demo: true,
    });
  }
  return demoAccounts.map((a) => a.username);
}

const batchRows = 20_000;

export class DemoNotAllowedError extends Error {}

/**
 * Generates the synthetic demo over Morocco's real geography and writes it: every record marked synthetic, the
 * whole load in one transaction with its roll-up. It replaces every incident and call, so it refuses to run over
 * real (imported) records. The demo record (`demoInfo`) is written in the same transaction as the rows, so it
 * exists exactly when the demo does.
 */
export async function seedDemo(db: Db, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const report = options.onProgress ?? (() => undefined);
  await ensureMoroccoGeography(db);
  const real = await db.selectFrom('incident').select('id').where('synthetic', '=', false).limit(1).executeTakeFirst();
  const realCalls = await db
    .selectFrom('callForService')
    .select('id')
    .where('synthetic', '=', false)
    .limit(1)
    .executeTakeFirst();
  if (real || realCalls) {
    throw new DemoNotAllowedError(
      'the database holds real (imported) incidents or calls; the demo only runs on a database of its own',
    );
  }
  await deleteMeta(db, demoMetaKey);
  await deleteDemoUsers(db);

  const country = await findAreaByCode(db, countryCode);
  if (!country) throw new Error('Morocco geography is missing');
  const directory = await loadAreaDirectory(db);
  const inCountry = new Set([country.id, ...directory.descendants(country.id).map((a) => a.id)]);
  const cityRows = (await listAreas(db, { level: 'city' })).filter((a) => inCountry.has(a.id) && a.centroid !== null);
  const areas = (await listAreaShapes(db)).filter((a) => inCountry.has(a.id));

  let info: DemoInfo | undefined;
  report({ phase: 'generating', done: 0, total: 1, unit: 'share', rows: 0 });
  await replaceAllRecords(db, async (loader) => {
    const input: DemoInput = {
      areas,
      cities: cityRows.map((c) => ({
        id: c.id,
        code: c.code,
        population: c.population ?? 0,
        centroid: c.centroid as Position,
      })),
      countryId: country.id,
      seed: options.seed,
      scale: options.scale,
      untilMs: options.until.getTime(),
      years: options.years,
      timeZone: defaultTimeZone,
      firstIncidentId: loader.firstIncidentId,
      batchRows,
    };
    const produced = await runDemoWorker(input, {
      write: async (chunk) => {
        if (chunk.incidents) await loader.copyIncidents(chunk.incidents);
        if (chunk.calls) await loader.copyCalls(chunk.calls);
      },
      rollup: (text) => loader.copyRollup(text),
      responseRollup: (table, text) => loader.copyResponseRollup(table, text),
      progress: report,
    });
    loader.usedIncidentIdsUpTo(produced.lastIncidentId);
    info = {
      seed: options.seed,
      scale: options.scale,
      years: options.years,
      from: produced.from,
      until: options.until.toISOString(),
      incidents: produced.incidents,
      calls: produced.calls,
      unlocated: produced.unlocated,
      cities: produced.cities,
      generatedAt: new Date().toISOString(),
      accounts: demoAccounts.map((a) => a.username),
    };
    await loader.setMeta(demoMetaKey, info);
    report({ phase: 'indexing', done: 0, total: 1, unit: 'step', rows: produced.incidents + produced.calls });
  });
  const made = info as DemoInfo;
  await ensureDemoUsers(db);
  await seedDemoPlans(db, options.until);
  await seedDemoPatrols(db, options.until, options.seed);
  await seedDemoRegister(db, options.until, options.seed);
  report({ phase: 'done', done: 1, total: 1, unit: 'step', rows: made.incidents + made.calls });
  return { ...made, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * A worker thread on a module next to this one. Run from TypeScript sources (tests, `npm run dev`), the worker
 * first registers tsx so that it can load `.ts` files too.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  // Generation keeps each batch's lines alive until the batch is sent: a young generation large enough to hold
  // them spares the collector from copying them into the old generation (about a third faster).
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: 384 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(url, options);
  const source = url.href.replace(/\.js$/, '.ts');
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface DemoWriter {
  write(chunk: DemoChunk): Promise<void>;
  rollup(text: string): Promise<void>;
  responseRollup(table: ResponseRollupTable, text: string): Promise<void>;
  progress: ProgressListener;
}

/**
 * Runs the generation in a worker thread and writes what it hands over, one chunk at a time, acknowledging each
 * so the worker never runs far ahead of the database.
 */
function runDemoWorker(input: DemoInput, sink: DemoWriter): Promise<DemoProduced> {
  const worker = startWorker(new URL('./demo-worker.js', import.meta.url), input);
  return new Promise<DemoProduced>((resolve, reject) => {
    let writes = Promise.resolve();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') sink.progress(message.progress);
      else if (message.type === 'done') writes.then(() => resolve(message.produced), fail);
      else {
        writes = writes
          .then(() =>
            message.type === 'chunk'
              ? sink.write(message.chunk)
              : message.type === 'rollup'
                ? sink.rollup(message.text)
                : sink.responseRollup(message.table, message.text),
          )
          .then(() => worker.postMessage({ type: 'ack' }))
          .catch((error: unknown) => {
            fail(error);
          });
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`demo generation stopped with exit code ${code}`));
    });
  });
}
